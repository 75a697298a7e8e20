"""Options account sockets: ``/trading/v1/options/ws/{demo,real}?otp=…``.

The upgrade is refused with HTTP 401 and a REST-style error body when the one-time password is
missing, unknown, already used, older than ``otp_lifetime`` seconds or issued for the other kind
of account (demo/real). Any presented OTP is spent, refused or not. A user may hold at most
``max_per_user`` sockets (Deriv: 5); one more is refused with 429. Each socket belongs to the
OTP's account for its whole life: there is no ``authorize`` and no ``loginid``.

Calls: ``balance`` (+ ``subscribe``), ``ping``, ``time``, ``forget``, ``forget_all``, and (see
``account_calls.py``) ``portfolio``, ``statement``, ``profit_table``, ``transaction`` (stream),
``active_symbols``, ``trading_times``, in the v3 envelope; at most ``per_second`` requests a
second per socket (``RateLimit`` beyond).

``tap`` (None by default) sees every request and every outgoing message, as parsed JSON, for
contract tests and debugging: ``tap("request", msg)`` / ``tap("message", msg)``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from ..connection import Connection
from ..errors import ApiError, input_validation_failed
from ..ledger import Entry
from ..payloads import envelope
from ..subscriptions import Subscription, Subscriptions
from ..validation import AnyObject, Array, CallSpec, Integer, OneOf, String, validate
from . import account_calls
from .models import OptionsAccount
from .rest import error_body
from .state import BalanceListener, NewApiState
from .stats import NewApiStats

log = logging.getLogger(__name__)
# websockets logs request lines at DEBUG, and these carry the one-time password: its events go
# to this logger, which never lets DEBUG through.
wire_log = logging.getLogger("deriv_desktop.sandbox.newapi.wire")
wire_log.setLevel(logging.INFO)

PATHS = {"/trading/v1/options/ws/demo": "demo", "/trading/v1/options/ws/real": "real"}
STREAM_TYPES = (
    "balance",
    "candles",
    "cashier_payments",
    "proposal",
    "proposal_open_contract",
    "ticks",
    "transaction",
)
_ONE = Integer(enum=(1,))
_COMMON = {"passthrough": AnyObject(), "req_id": Integer()}
_STREAM = String(enum=STREAM_TYPES)
SPECS: dict[str, CallSpec] = {
    spec.name: spec
    for spec in (
        CallSpec(
            "balance",
            {"balance": _ONE, "subscribe": Integer(enum=(0, 1)), **_COMMON},
            ("balance",),
            auth_required=True,
            scopes=("trade",),
        ),
        CallSpec("ping", {"ping": _ONE, **_COMMON}, ("ping",)),
        CallSpec("time", {"time": _ONE, **_COMMON}, ("time",)),
        CallSpec("forget", {"forget": String(pattern=r"^[\w-]{32,128}$"), **_COMMON}, ("forget",)),
        CallSpec(
            "forget_all",
            {"forget_all": OneOf((_STREAM, Array(_STREAM))), **_COMMON},
            ("forget_all",),
        ),
        *account_calls.SPECS,
    )
}


Tap = Callable[[str, dict[str, Any]], None]


@dataclass
class _Admitted:
    account_id: str
    user_id: int


class OptionsSockets(BalanceListener):
    """The WebSocket server of the Options account sockets."""

    def __init__(
        self,
        state: NewApiState,
        stats: NewApiStats,
        host: str,
        port: int,
        *,
        otp_lifetime: float = 120.0,
        max_per_user: int = 5,
        per_second: int = 100,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.state = state
        self.stats = stats
        self.host = host
        self.port = port
        self.otp_lifetime = otp_lifetime
        self.max_per_user = max_per_user
        self.per_second = per_second
        self._clock = clock
        self.subs = Subscriptions(stats)
        self._server: Server | None = None
        self._admitted: dict[ServerConnection, _Admitted] = {}
        self._connections: dict[int, Connection] = {}
        self._accounts: dict[int, str] = {}  # connection id -> account id
        self._windows: dict[int, deque[float]] = {}
        self._next_id = 0
        self.tap: Tap | None = None
        self._transaction_streams: dict[str, str] = {}  # subscription id -> account id
        state.listen(self)
        state.ledger.listeners.append(self._ledger_entry)

    async def start(self) -> int:
        self._server = await serve(
            self._serve,
            self.host,
            self.port,
            process_request=self._check,
            compression=None,
            server_header="deriv-sandbox",
            logger=wire_log,
        )
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    def drop_connections(self) -> int:
        conns = list(self._connections.values())
        for conn in conns:
            conn.abort()
        return len(conns)

    def live_connections(self, account_id: str | None = None) -> list[int]:
        """Ids of open sockets (of one account)."""
        return [
            cid for cid, acc in self._accounts.items() if account_id is None or acc == account_id
        ]

    # -- upgrade -----------------------------------------------------------------------------
    def _check(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urlsplit(request.path)
        kind = PATHS.get(parts.path)
        if kind is None:
            return _json(connection, 404, "BadInputRequest", "No such socket.", parts.path)
        values = parse_qs(parts.query).get("otp", [])
        otp = self.state.otps.get(values[0]) if len(values) == 1 else None
        reason = None
        if otp is None:
            reason = "missing" if not values else "unknown"
        elif otp.used:
            reason = "used"
        elif self.state.now() - otp.issued_at > self.otp_lifetime:
            reason = "expired"
        if otp is not None:
            otp.used = True
        account = self.state.accounts.get(otp.account_id) if otp is not None else None
        if reason is None and (account is None or account.account_type != kind):
            reason = "wrong_account"
        if reason is not None or account is None:
            self.stats.otp_refused(reason or "unknown")
            return _json(connection, 401, "Unauthorized", "Invalid or expired OTP.", parts.path)
        if self.stats.sockets_by_user[account.user_id] >= self.max_per_user:
            self.stats.sockets_refused_over_limit += 1
            self.stats.changed()
            return _json(
                connection,
                429,
                "RateLimit",
                f"Too many connections: at most {self.max_per_user} per user.",
                parts.path,
            )
        self._admitted[connection] = _Admitted(account.account_id, account.user_id)
        self.stats.user_socket_opened(account.user_id)
        return None

    # -- one socket --------------------------------------------------------------------------
    async def _serve(self, ws: ServerConnection) -> None:
        admitted = self._admitted.pop(ws)
        self._next_id += 1
        peer = ws.remote_address
        conn = Connection(
            self._next_id,
            ws,
            app_id=None,
            app_valid=True,
            language="EN",
            brand="deriv",
            client_ip=str(peer[0]) if peer else "",
            user_agent=ws.request.headers.get("User-Agent", "") if ws.request else "",
            stats=self.stats,
        )
        self._connections[conn.id] = conn
        self._accounts[conn.id] = admitted.account_id
        self.stats.connection_opened(conn.id)
        writer = asyncio.get_running_loop().create_task(conn.write_loop())
        try:
            async for raw in ws:
                self._dispatch(conn, admitted.account_id, raw)
        except ConnectionClosed:
            pass
        finally:
            conn.shutdown()
            self.subs.remove_connection(conn)
            self._connections.pop(conn.id, None)
            self._accounts.pop(conn.id, None)
            self._windows.pop(conn.id, None)
            await asyncio.gather(writer, return_exceptions=True)
            self.stats.connection_closed(conn.id)
            self.stats.user_socket_closed(admitted.user_id)

    def _dispatch(self, conn: Connection, account_id: str, raw: str | bytes) -> None:
        try:
            request = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            request = None
        if not isinstance(request, dict):
            self.stats.request("invalid_json")
            error: dict[str, object] = {
                "code": "BadRequest",
                "message": "The application sent an invalid request.",
            }
            self._send(conn, envelope("error", {}, None, error=error))
            return
        if self.tap is not None:
            self.tap("request", request)
        req_id = request.get("req_id")
        req_id = req_id if isinstance(req_id, int) and not isinstance(req_id, bool) else None
        name = next((k for k in request if k in SPECS), None)
        if name is None:
            self.stats.request("unrecognised")
            unknown: dict[str, object] = {
                "code": "UnrecognisedRequest",
                "message": "Unrecognised request.",
            }
            self._send(conn, envelope("error", request, req_id, error=unknown))
            return
        self.stats.request(name)
        sub_id: str | None = None
        try:
            details = validate(SPECS[name], request)
            if details:
                raise input_validation_failed(details)
            if not self._allow(conn.id, name):
                raise ApiError("RateLimit", f"You have reached the rate limit for {name}.")
            payload, sub_id = self._serve_call(conn, account_id, name, request, req_id)
        except ApiError as exc:
            self._send(conn, envelope(name, request, req_id, error=exc.as_dict()))
            return
        self._send(conn, envelope(name, request, req_id, payload, subscription_id=sub_id))

    def _send(self, conn: Connection, message: dict[str, object]) -> None:
        if self.tap is not None:
            self.tap("message", message)
        conn.send(message)

    def _allow(self, conn_id: int, name: str) -> bool:
        if name == "ping":
            return True
        now = self._clock()
        window = self._windows.setdefault(conn_id, deque())
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= self.per_second:
            return False
        window.append(now)
        return True

    def _serve_call(
        self,
        conn: Connection,
        account_id: str,
        name: str,
        request: dict[str, object],
        req_id: object,
    ) -> tuple[object, str | None]:
        if name == "ping":
            return "pong", None
        if name == "time":
            return int(self.state.now()), None
        if name == "forget":
            sub = self.subs.get(str(request["forget"]))
            if sub is None or sub.conn is not conn:
                return 0, None
            self.subs.remove(sub)
            return 1, None
        if name == "forget_all":
            raw = request["forget_all"]
            listed = raw if isinstance(raw, list) else []
            kinds = {raw} if isinstance(raw, str) else {str(k) for k in listed}
            cancelled = []
            for sub in self.subs.of_connection(conn):
                if sub.kind in kinds:
                    self.subs.remove(sub)
                    cancelled.append(sub.id)
            return cancelled, None
        account = self.state.accounts[account_id]
        ledger = self.state.ledger
        if name == "portfolio":
            return account_calls.portfolio(request), None
        if name == "statement":
            return account_calls.statement(ledger, account, request), None
        if name == "profit_table":
            return account_calls.profit_table(ledger, account, request), None
        if name == "active_symbols":
            return account_calls.active_symbols(request), None
        if name == "trading_times":
            return account_calls.trading_times(request), None
        if name == "transaction":
            sub = Subscription("transaction", conn, request, req_id, ("transaction",))
            self.subs.add(sub)
            self._transaction_streams[sub.id] = account_id
            return account_calls.transaction(account, None, sub.id), sub.id
        sub_id = None
        if request.get("subscribe") == 1:
            sub = Subscription("balance", conn, request, req_id, ("balance",), loginid=account_id)
            self.subs.add(sub)
            sub_id = sub.id
        return _balance(account, sub_id), sub_id

    # -- pushes ------------------------------------------------------------------------------
    def _ledger_entry(self, account_id: str, entry: Entry) -> None:
        account = self.state.accounts.get(account_id)
        if account is None:
            return
        for sub_id, followed in list(self._transaction_streams.items()):
            sub = self.subs.get(sub_id)
            if sub is None:  # forgotten or its socket closed
                del self._transaction_streams[sub_id]
            elif followed == account_id:
                body = account_calls.transaction(account, entry, sub.id)
                self._send(
                    sub.conn,
                    envelope("transaction", sub.echo_req, sub.req_id, body, subscription_id=sub.id),
                )

    def options_balance_changed(self, account: OptionsAccount) -> None:
        for sub in self.subs.following_balance(account.account_id, -1):
            self._send(
                sub.conn,
                envelope(
                    "balance",
                    sub.echo_req,
                    sub.req_id,
                    _balance(account, sub.id),
                    subscription_id=sub.id,
                ),
            )


def _balance(account: OptionsAccount, sub_id: str | None) -> dict[str, object]:
    body: dict[str, object] = {
        "balance": float(account.balance),
        "currency": account.currency,
        "loginid": account.account_id,
    }
    if sub_id is not None:
        body["id"] = sub_id
    return body


def _json(
    connection: ServerConnection, status: int, code: str, message: str, path: str
) -> Response:
    response = connection.respond(HTTPStatus(status), "")
    body = error_body(status, code, message, path)
    del response.headers["Content-Type"]
    del response.headers["Content-Length"]
    response.headers["Content-Type"] = "application/json"
    response.headers["Content-Length"] = str(len(body))
    return Response(response.status_code, response.reason_phrase, response.headers, body)
