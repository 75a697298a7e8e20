"""Our use of websockets stays on its documented public API, and works with the installed release.

A websockets upgrade can only break the client through the names listed in ``PUBLIC``; the scan
fails as soon as code outside the sandbox reaches for anything else (internal modules, a
connection subclass, the connection's transport or protocol state machine). The sandbox test
then runs the client's whole life cycle on whatever websockets is installed.
"""

from __future__ import annotations

import ast
import asyncio
from dataclasses import replace
from pathlib import Path

import websockets

from deriv_desktop.api.legacy import DerivClient, calls
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.integration.conftest import usable_tokens

PACKAGE = Path(__file__).resolve().parents[2] / "deriv_desktop"
SERVER_SIDE = PACKAGE / "sandbox"  # the sandbox may use websockets' server API

# Every websockets name the app may use, by module (for ``websockets``: ``websockets.<name>``).
PUBLIC = {
    "websockets": {
        "InvalidHandshake",
        "InvalidStatus",
        "InvalidURI",
        # connect(proxy=...) and what it raises (websockets >= 15)
        "InvalidProxy",
        "InvalidProxyMessage",
        "InvalidProxyStatus",
        "ProxyError",
    },
    "websockets.asyncio.client": {"ClientConnection", "connect"},
    "websockets.exceptions": {"ConnectionClosed"},
}
# Undocumented members of a connection: reaching for them ties us to one release's internals.
INTERNALS = {
    "transport",
    "protocol",
    "send_context",
    "send_data",
    "recv_messages",
    "data_received",
    "process_event",
    "connection_lost_waiter",
    "set_connection_exc",
    "drain",
    "paused",
}


def private_uses(source: str) -> list[str]:
    """What in ``source`` goes beyond ``PUBLIC`` (empty if it does not use websockets)."""
    tree = ast.parse(source)
    found: list[str] = []
    uses_websockets = False
    connections: set[str] = set()  # local names of websockets' connection classes
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "websockets":
            uses_websockets = True
            allowed = PUBLIC.get(node.module or "", set())
            connections |= {a.asname or a.name for a in node.names if a.name.endswith("Connection")}
            found += [
                f"from {node.module} import {a.name}" for a in node.names if a.name not in allowed
            ]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "websockets":
                    uses_websockets = True
                    if alias.name not in PUBLIC:
                        found.append(f"import {alias.name}")
    if not uses_websockets:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "websockets":
                if node.attr not in PUBLIC["websockets"]:
                    found.append(f"websockets.{node.attr}")
            elif node.attr in INTERNALS:
                found.append(f".{node.attr}")
        elif isinstance(node, ast.keyword) and node.arg == "create_connection":
            found.append("connect(create_connection=...)")
        elif isinstance(node, ast.ClassDef):
            for name in map(ast.unparse, node.bases):
                if name in connections or (
                    name.startswith("websockets.") and name.endswith("Connection")
                ):
                    found.append(f"class {node.name}({name})")
    return found


def test_the_app_uses_only_the_public_websockets_api() -> None:
    users: list[str] = []
    problems: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(SERVER_SIDE):
            continue
        source = path.read_text(encoding="utf-8")
        if "websockets" in source:
            users.append(path.name)
        found = private_uses(source)
        if found:
            problems[str(path.relative_to(PACKAGE))] = found
    assert "client.py" in users  # the scan sees the module that holds the connection
    assert problems == {}


def test_the_scan_notices_internal_websockets_use() -> None:
    tuned = """
import websockets
from websockets.asyncio.client import ClientConnection, connect
from websockets.frames import Frame
import websockets.protocol

class Tuned(ClientConnection):
    pass

class Other(websockets.asyncio.client.ClientConnection):
    pass

async def go(ws):
    ws.transport.abort()
    ws.protocol.send_text(b"x")
    await connect("ws://x", create_connection=Tuned)
    raise websockets.InvalidURI("x", "y") from websockets.speedups
"""
    assert sorted(private_uses(tuned)) == sorted(
        [
            "from websockets.frames import Frame",
            "import websockets.protocol",
            "class Tuned(ClientConnection)",
            "class Other(websockets.asyncio.client.ClientConnection)",
            "websockets.asyncio",
            ".transport",
            ".protocol",
            "connect(create_connection=...)",
            "websockets.speedups",
        ]
    )
    assert private_uses("async def go(ws): ws.transport.abort()") == []  # not a websockets user


async def test_the_client_lives_its_whole_life_on_the_installed_websockets(
    sandbox: Sandbox, amara: User, client: DerivClient
) -> None:
    version = f"websockets {websockets.__version__}"
    reply = await client.authorize(usable_tokens(amara))
    main = reply["loginid"]
    balances = await client.subscribe(calls.balance("all", loginid=main))

    # Many requests in flight on one socket, each answer reaching its own caller. 200 `time`
    # calls at once are far past Deriv's 10 a second per socket (the sandbox would close the
    # socket with 1008, as Deriv does): this stress raises that budget on purpose.
    sandbox.rate_limits = replace(sandbox.rate_limits, connection_per_second=1000)
    answers = await asyncio.wait_for(
        asyncio.gather(*(client.call({"time": 1, "passthrough": {"n": n}}) for n in range(200))),
        10,
    )
    assert len(answers) == 200, version
    echoed = await asyncio.gather(
        *(client.request({"ping": 1, "passthrough": {"n": n}}) for n in range(50))
    )
    assert [m["echo_req"]["passthrough"]["n"] for m in echoed] == list(range(50)), version

    # The server drops the socket: the client reconnects, authorizes again, restores the stream.
    sandbox.faults.drop_connections()
    await client.wait_online(5)
    first = await asyncio.wait_for(anext(balances), 5)
    assert "accounts" in first["balance"], version

    # We give up on a socket (as after unanswered pings): it really closes and the link heals.
    lost = asyncio.Event()
    client.state_changed.connect(
        lambda s: lost.set() if s.phase is LinkPhase.RECONNECTING else None
    )
    accepted = sandbox.stats.connections_accepted
    client.drop_link()
    await asyncio.wait_for(lost.wait(), 5)
    await client.wait_online(5)
    await sandbox.stats.wait_for(
        lambda: (
            sandbox.stats.connections_accepted == accepted + 1
            and sandbox.stats.connections_open == 1
        )
    )
    assert await client.call(calls.ping()) == "pong", version
    assert balances.restorations == 2, version

    await client.close()
    await sandbox.stats.wait_for(lambda: sandbox.stats.connections_open == 0)
    assert balances.ended, version
