"""A local control channel: another process (a test, a benchmark) injects a fault at a chosen
moment into a running sandbox.

Opt-in (``SandboxConfig(control=True)``, ``--control``). The sandbox then also listens on its
loopback host (any free port) and adds ``"control": {"host", "port", "secret"}`` to the line it
prints at start-up. Protocol: one JSON object a line, carrying that secret, e.g.
``{"secret": "…", "op": "fail_next", "call": "authorize", "code": "RateLimit", "times": 2}``;
each is answered with one line, ``{"ok": true, …}`` or ``{"ok": false, "error": "…"}``.
A peer that is not on loopback, or a wrong secret, is refused and disconnected; a line may hold
at most 64 KiB. Operations (see ``OPERATIONS``):

* ``drop`` -- cut every socket now; ``black_hole`` -- swallow all traffic of the sockets open
  now, without closing them (later ones work);
* ``fail_next`` (call, code, times=1) / ``drop_on_next`` (call, times=1) -- the next requests of
  that call fail with the code / cut the link; ``clear_faults`` (call=all) forgets what is left;
* ``delete_token`` (token) -- as if another client deleted it (its streams get the error);
* ``push_malformed`` (stream, payload="not an object") -- push it on every live stream of that
  kind now; ``spoil_next_push`` (stream, payload, times=1) -- in place of the next real pushes;
* ``ignore_pings`` (on), ``delay`` (seconds), ``activity`` (rate, accounts, running), ``stats``.

``ControlClient`` speaks it from another process (blocking); ``control_command`` from a
coroutine.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
from collections.abc import Callable, Mapping
from typing import Any

from .activity import Activity
from .faults import Faults
from .stats import Stats
from .world import World

log = logging.getLogger(__name__)
LINE_LIMIT = 64 * 1024

Args = Mapping[str, Any]


class ControlError(Exception):
    """The sandbox refused a control command (the message says why)."""


def _text(args: Args, name: str) -> str:
    value = args.get(name)
    if not isinstance(value, str) or not value:
        raise ControlError(f"'{name}' must be a non-empty string")
    return value


def _count(args: Args, name: str, default: int = 1) -> int:
    value = args.get(name, default)
    if type(value) is not int or not 1 <= value <= 10**9:
        raise ControlError(f"'{name}' must be a whole number from 1")
    return value


def _seconds(args: Args, name: str) -> float:
    value = args.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 3600:
        raise ControlError(f"'{name}' must be a number of seconds from 0 to 3600")
    return float(value)


class ControlServer:
    """Serves the control channel of one sandbox (see the module docstring)."""

    def __init__(self, faults: Faults, world: World, activity: Activity, stats: Stats) -> None:
        self.faults = faults
        self.world = world
        self.activity = activity
        self.stats = stats
        self.secret = secrets.token_urlsafe(24)
        self.host = ""
        self.port = 0
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self.operations: dict[str, Callable[[Args], dict[str, object]]] = {
            "drop": lambda _a: {"dropped": faults.drop_connections()},
            "black_hole": lambda _a: {"black_holed": faults.black_hole()},
            "fail_next": self._fail_next,
            "drop_on_next": self._drop_on_next,
            "clear_faults": self._clear_faults,
            "delete_token": self._delete_token,
            "push_malformed": self._push_malformed,
            "spoil_next_push": self._spoil_next_push,
            "ignore_pings": self._ignore_pings,
            "delay": self._delay,
            "activity": self._activity,
            "stats": lambda _a: {"stats": stats.snapshot()},
        }

    def info(self) -> dict[str, object]:
        return {"host": self.host, "port": self.port, "secret": self.secret}

    async def start(self, host: str) -> None:
        self._server = await asyncio.start_server(self._serve, host, 0, limit=LINE_LIMIT)
        self.host, self.port = self._server.sockets[0].getsockname()[:2]

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.close()
        for task in list(self._handlers):
            task.cancel()
        if self._handlers:
            await asyncio.wait(self._handlers)
        await server.wait_closed()

    def run(self, command: Args) -> dict[str, object]:
        """One command, already authenticated: the reply to send."""
        op = command.get("op")
        handler = self.operations.get(op) if isinstance(op, str) else None
        if handler is None:
            return {"ok": False, "error": f"unknown op; one of {', '.join(self.operations)}"}
        try:
            result = handler(command)
        except (ControlError, ValueError) as exc:
            return {"ok": False, "error": str(exc)}
        log.info("control: %s", op)  # never the arguments (a token may be among them)
        return {"ok": True, **result}

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            peer = writer.get_extra_info("peername")
            if not (peer and ipaddress.ip_address(peer[0]).is_loopback):
                return
            while line := await reader.readline():
                reply = self._answer(line)
                writer.write(json.dumps(reply).encode() + b"\n")
                await writer.drain()
                if reply.get("error") == "refused":
                    return
        except (ConnectionError, ValueError, asyncio.LimitOverrunError):
            pass  # a broken or oversized line: the peer is simply disconnected
        finally:
            self._handlers.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    def _answer(self, line: bytes) -> dict[str, object]:
        try:
            command = json.loads(line)
        except ValueError:
            return {"ok": False, "error": "refused"}
        secret = command.get("secret") if isinstance(command, dict) else None
        if not isinstance(secret, str) or not hmac.compare_digest(
            secret.encode(), self.secret.encode()
        ):
            return {"ok": False, "error": "refused"}
        return self.run(command)

    # -- operations ------------------------------------------------------------------------
    def _fail_next(self, args: Args) -> dict[str, object]:
        self.faults.fail_next(_text(args, "call"), _text(args, "code"), _count(args, "times"))
        return {}

    def _drop_on_next(self, args: Args) -> dict[str, object]:
        self.faults.drop_on_next(_text(args, "call"), _count(args, "times"))
        return {}

    def _clear_faults(self, args: Args) -> dict[str, object]:
        call = _text(args, "call") if "call" in args else None
        return {"cleared": self.faults.clear_scripted(call)}

    def _delete_token(self, args: Args) -> dict[str, object]:
        if self.world.delete_token(_text(args, "token")) is None:
            raise ControlError("no such token")
        return {}

    def _push_malformed(self, args: Args) -> dict[str, object]:
        payload = args.get("payload", "not an object")
        return {"pushed": self.faults.push_malformed(_text(args, "stream"), payload)}

    def _spoil_next_push(self, args: Args) -> dict[str, object]:
        if "payload" not in args:
            raise ControlError("'payload' is required")
        stream, times = _text(args, "stream"), _count(args, "times")
        self.faults.spoil_next_push(stream, args["payload"], times)
        return {}

    def _ignore_pings(self, args: Args) -> dict[str, object]:
        self.faults.ignore_pings = bool(args.get("on", True))
        return {}

    def _delay(self, args: Args) -> dict[str, object]:
        self.faults.delay = _seconds(args, "seconds")
        return {}

    def _activity(self, args: Args) -> dict[str, object]:
        if "rate" in args:
            rate = args["rate"]
            if not isinstance(rate, int | float) or isinstance(rate, bool) or not 0 <= rate <= 1e5:
                raise ControlError("'rate' must be a number of changes a second")
            self.activity.rate = float(rate)
        if "accounts" in args:
            accounts = args["accounts"]
            if accounts is not None and not (
                isinstance(accounts, list) and all(isinstance(a, str) for a in accounts)
            ):
                raise ControlError("'accounts' must be a list of login ids, or null for all")
            self.activity.accounts = None if accounts is None else set(accounts)
        if "running" in args:
            if args["running"]:
                self.activity.start()
            else:
                self.activity.stop_soon()
        return {"running": self.activity.running, "rate": self.activity.rate}


def _encode(secret: str, op: str, args: Mapping[str, object]) -> bytes:
    return json.dumps({**args, "secret": secret, "op": op}).encode() + b"\n"


def _decode(line: bytes | str) -> dict[str, Any]:
    if not line:
        raise ControlError("the sandbox closed the control channel")
    reply = json.loads(line)
    if not isinstance(reply, dict) or not reply.get("ok"):
        error = reply.get("error") if isinstance(reply, dict) else None
        raise ControlError(str(error or "unreadable answer"))
    return reply


class ControlClient:
    """Blocking client, for another process:
    ``with ControlClient(**info["control"]) as c: c.command("fail_next", call=..., code=...)``."""

    def __init__(self, host: str, port: int, secret: str, timeout: float = 10.0) -> None:
        self._secret = secret
        self._sock = socket.create_connection((host, port), timeout=timeout)
        self._file = self._sock.makefile("rb")

    def command(self, op: str, **args: object) -> dict[str, Any]:
        """Run ``op``; returns the answer, raises ``ControlError`` when refused."""
        self._sock.sendall(_encode(self._secret, op, args))
        return _decode(self._file.readline(LINE_LIMIT))

    def close(self) -> None:
        self._file.close()
        self._sock.close()

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def control_command(address: Mapping[str, Any], op: str, **args: object) -> dict[str, Any]:
    """Run one command from a coroutine; ``address`` is the start-up line's ``control``."""
    reader, writer = await asyncio.open_connection(address["host"], address["port"])
    try:
        writer.write(_encode(str(address["secret"]), op, args))
        await writer.drain()
        return _decode(await reader.readline())
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
