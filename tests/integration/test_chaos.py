"""Chaos: well over a hundred faults at random moments, on the stack the app builds, with
balances moving and requests in flight the whole time (issue 16, "Must show").

The sandbox runs in-process over real sockets with its activity on (balances move many times a
second, rates every half second). A fixed seed picks each episode: a drop on a settled link, a
drop during re-authorize or while a stream is being set up again, two drops in a row (the second
one at a random moment of the recovery), transient errors (``WrongResponse``, ``RateLimit``) on
the re-authorize or the re-subscribes, and now and then a balance stream that cannot come back
for a while. Requests run in the background all along.

What must hold:

* after every episode the server holds exactly the streams the window shows, once each, on the
  client's one connection; the status (``SessionState.health``) is *online* once that is true,
  *degraded* (balances) while the balance stream cannot be opened, and whenever it turns
  *online* the server's side of the client's socket really holds every stream it depends on;
* every balance shown equals the server's within 3 s of each recovery;
* no request is lost (each one is answered, or fails at once because its link dropped) and none
  is answered twice; no stream is left dead at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deriv_desktop.api.legacy import DerivClient
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import ConnectionProblem, RequestTimeout
from deriv_desktop.domain.health import Health, HealthPhase, StreamRole
from deriv_desktop.sandbox import RateLimits, Sandbox, SandboxConfig
from deriv_desktop.sandbox.core import Core
from deriv_desktop.services.legacy_backend import LegacyBackend
from tests.gui.fixtures import Stack, app_stack, wait_until

pytestmark = pytest.mark.gui

SEED = 1616
EPISODES = 110
SETTLE = 15.0  # bound on one recovery; each takes well under a second
FRESH_WITHIN = 3.0  # issue 16: every balance fresh within 3 s of recovery
TRANSIENT = ("WrongResponse", "RateLimit")


def core_of(sb: Sandbox) -> Core:
    core = sb._core  # the engine behind the sockets: which streams each socket holds
    assert isinstance(core, Core)
    return core


def client_of(stack: Stack) -> DerivClient:
    backend = stack.session.backend
    assert isinstance(backend, LegacyBackend)
    return backend.client


@dataclass
class Requests:
    """Background requests, each with a unique ``passthrough`` so its replies can be counted
    on the wire (``tap``) as well as where it was awaited."""

    sent: int = 0
    in_flight: int = 0  # cancelled at the end while waiting
    answered: int = 0
    failed_fast: int = 0  # its link dropped: ConnectionLost / offline, raised at once
    lost: list[str] = field(default_factory=list)
    mismatched: int = 0
    on_wire: Counter[int] = field(default_factory=Counter)

    def tap(self, raw: str | bytes) -> None:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            passthrough = json.loads(raw).get("passthrough")
            if isinstance(passthrough, dict) and "chaos" in passthrough:
                self.on_wire[passthrough["chaos"]] += 1

    async def run(self, stack: Stack, pause: float) -> None:
        while True:
            self.sent += 1
            number = self.sent
            request = {"time": 1, "passthrough": {"chaos": number}}
            self.in_flight += 1
            try:
                async with asyncio.timeout(SETTLE):
                    reply = await client_of(stack).request(request, timeout=SETTLE)
            except RequestTimeout as e:
                self.lost.append(f"#{number}: {e}")
            except TimeoutError:
                self.lost.append(f"#{number}: never answered nor failed")
            except ConnectionProblem:
                self.failed_fast += 1
            else:
                self.answered += 1
                if reply.get("passthrough") != {"chaos": number}:
                    self.mismatched += 1
            self.in_flight -= 1
            await asyncio.sleep(pause)  # pacing the load, not waiting for anything

    @property
    def answered_twice(self) -> list[int]:
        return [n for n, seen in self.on_wire.items() if seen > 1]


@dataclass
class Truth:
    """What the server holds for the client's socket, read whenever the status turns online."""

    sb: Sandbox
    stack: Stack
    rate_streams: int = 0
    online_checks: int = 0
    raced: int = 0  # the socket was being cut as the status changed: nothing to compare
    lies: list[str] = field(default_factory=list)

    def server_side(self) -> tuple[int, Counter[str], bool] | None:
        """(server connection id, its live streams by kind, whether every token is authorized
        there) for the client's socket, or None when the server is cutting it."""
        ws = client_of(self.stack)._ws  # the socket the client uses now
        if ws is None:
            return None
        port = ws.local_address[1]
        core = core_of(self.sb)
        for conn in core.connections.values():
            remote = conn.ws.remote_address
            if remote is None or remote[1] != port:
                continue
            transport = conn.ws.transport
            if conn.closed or transport is None or transport.is_closing():
                return None
            kinds = Counter(sub.kind for sub in core.subs.of_connection(conn))
            wanted = {a.loginid for a in self.stack.state.accounts if a.has_token}
            return conn.id, kinds, wanted <= set(conn.session.tokens)
        return None

    def check_online(self, health: Health) -> None:
        if health.phase is not HealthPhase.ONLINE:
            return
        seen = self.server_side()
        if seen is None:
            self.raced += 1
            return
        self.online_checks += 1
        _, kinds, authorized = seen
        expected = Counter({"balance": 1, "exchange_rates": self.rate_streams})
        if kinds != expected or not authorized:
            self.lies.append(f"online while the server holds {dict(kinds)}, auth={authorized}")

    def settled(self) -> bool:
        """Exactly one connection, holding every stream once, authorized with every token."""
        stats = self.sb.stats
        seen = self.server_side()
        if seen is None or stats.connections_open != 1:
            return False
        conn_id, kinds, authorized = seen
        return (
            authorized
            and kinds == Counter({"balance": 1, "exchange_rates": self.rate_streams})
            and stats.live_by_connection() == {conn_id: 1 + self.rate_streams}
        )

    def degraded(self) -> bool:
        """The link is up and authorized, every rate stream is there, the balance one is not."""
        seen = self.server_side()
        if seen is None:
            return False
        _, kinds, authorized = seen
        return authorized and kinds == Counter({"exchange_rates": self.rate_streams})


@pytest.fixture
async def chaos(tmp_path: Path) -> AsyncIterator[tuple[Sandbox, Stack]]:
    limits = RateLimits(general_minutely=10**6, general_hourly=10**7, connection_per_second=10**6)
    config = SandboxConfig(
        port=0,
        oauth_port=0,
        seed=SEED,
        fault_seed=SEED,
        activity=False,  # started by the test itself (see below)
        activity_rate=25.0,
        rates_interval=0.5,
        rate_limits=limits,
        idle_timeout=3600,
    )
    async with Sandbox(config) as sb, app_stack(tmp_path, sb) as stack:
        sb.activity.accounts = {a.loginid for a in stack.user.accounts}
        creds = [
            AccountCredential(a.loginid, a.token, a.currency or None)
            for a in stack.user.accounts
            if not a.is_disabled
        ]
        await stack.session.sign_in(creds)
        yield sb, stack


async def fresh_balances(sb: Sandbox, stack: Stack) -> None:
    """Every balance shown equals the server's (balances keep moving: wait for a moment when
    no push is on its way), within the issue's 3 s."""

    def same() -> bool:
        shown = [(a.loginid, stack.state.balance(a.loginid)) for a in stack.state.accounts]
        return all(
            bal is not None and float(bal.amount) == float(sb.state.accounts[loginid].balance)
            for loginid, bal in shown
            if sb.state.accounts[loginid].currency
        )

    await wait_until(same, timeout=FRESH_WITHIN)


async def episode(kind: str, rng: random.Random, sb: Sandbox) -> int:
    """Inject one episode's faults; returns how many drops it asked for."""
    faults = sb.faults
    if kind == "settled":
        await asyncio.sleep(rng.uniform(0, 0.15))  # a random moment of a settled link
        faults.drop_connections()
        return 1
    if kind == "reauthorize":
        faults.drop_on_next("authorize")
        faults.drop_connections()
        return 2
    if kind == "stream setup":
        faults.drop_on_next(rng.choice(("balance", "exchange_rates")))
        faults.drop_connections()
        return 2
    if kind == "twice":
        faults.drop_connections()
        await asyncio.sleep(rng.uniform(0, 0.08))  # lands anywhere in the recovery
        faults.drop_connections()
        return 2
    if kind == "auth errors":
        faults.fail_next("authorize", rng.choice(TRANSIENT), rng.randint(1, 3))
        faults.drop_connections()
        return 1
    if kind == "resubscribe errors":
        call = rng.choice(("balance", "exchange_rates"))
        faults.fail_next(call, rng.choice(TRANSIENT), rng.randint(1, 3))
        faults.drop_connections()
        return 1
    raise AssertionError(kind)


KINDS = ("settled", "reauthorize", "stream setup", "twice", "auth errors", "resubscribe errors")


async def test_chaos_every_fault_is_survived_and_the_status_never_lies(
    chaos: tuple[Sandbox, Stack], monkeypatch: pytest.MonkeyPatch
) -> None:
    sb, stack = chaos
    rng = random.Random(SEED)
    truth = Truth(sb, stack)
    requests = Requests()
    original = DerivClient._dispatch

    def dispatch(self: DerivClient, raw: str | bytes) -> None:
        requests.tap(raw)
        original(self, raw)

    monkeypatch.setattr(DerivClient, "_dispatch", dispatch)
    await wait_until(lambda: stack.state.health.online, timeout=SETTLE)
    truth.rate_streams = sb.stats.live_subscriptions("exchange_rates")
    assert truth.rate_streams >= 3  # one per currency shown
    await wait_until(truth.settled, timeout=SETTLE)
    stack.state.health_changed.connect(truth.check_online)

    # Balances move from here to the end of the test body. (pytest-qt processes Qt events
    # between test phases, outside the asyncio loop: a timer-driven task must not span them.)
    sb.activity.start()
    load = [asyncio.create_task(requests.run(stack, 0.02)) for _ in range(2)]
    client = client_of(stack)
    reconnects = client.reconnects
    drops = 0
    kinds: Counter[str] = Counter()
    phases: Counter[HealthPhase] = Counter()
    stack.state.health_changed.connect(lambda h: phases.update([h.phase]))
    try:
        for number in range(EPISODES):
            if number % 25 == 24:  # a balance stream that cannot come back for a while
                kinds["balance refused"] += 1
                sb.faults.fail_next("balance", "RateLimit", 10**6)
                sb.faults.drop_connections()
                drops += 1
                await wait_until(truth.degraded, timeout=SETTLE)
                await wait_until(
                    lambda: (
                        stack.state.health.phase is HealthPhase.DEGRADED
                        and StreamRole.BALANCES in stack.state.health.parts
                        and truth.degraded()
                    ),
                    timeout=SETTLE,
                )
                sb.faults.clear_scripted("balance")
            else:
                kind = rng.choice(KINDS)
                kinds[kind] += 1
                drops += await episode(kind, rng, sb)
            # The truth first (the server's side), then the status must agree with it.
            await wait_until(truth.settled, timeout=SETTLE)
            await wait_until(lambda: stack.state.health.online, timeout=SETTLE)
            assert truth.settled(), f"episode {number}: the status is online, the server not"
            await fresh_balances(sb, stack)
            assert sb.faults.clear_scripted() == 0, f"episode {number}: a fault never hit"
    finally:
        for task in load:
            task.cancel()
        await asyncio.gather(*load, return_exceptions=True)
        await sb.activity.stop()

    # At least 100 links lost, at random moments of every phase.
    assert drops >= 100 and client.reconnects - reconnects >= 100
    assert set(kinds) == {*KINDS, "balance refused"}
    assert phases[HealthPhase.RECONNECTING] > 0 and phases[HealthPhase.DEGRADED] > 0
    # The status never said online while the server's side of the socket was short of it.
    assert truth.lies == [] and truth.online_checks >= EPISODES
    # No request lost or answered twice, and most were answered (the load really ran).
    assert requests.lost == [] and requests.answered_twice == [] and requests.mismatched == 0
    assert requests.answered + requests.failed_fast == requests.sent - requests.in_flight
    assert requests.answered > 5 * EPISODES
    # No stream left dead: the window's streams are live, the client's are all running.
    streams = stack.state.streams
    assert {name: s.live for name, s in streams.items()} == {"balances": True, "rates": True}
    assert not any(sub.ended for sub in client.live_subscriptions())
    assert len(client.live_subscriptions()) == 1 + truth.rate_streams
    assert stack.state.balance(stack.loginid("USD")) is not None
    print(
        f"\nchaos: {EPISODES} episodes {dict(kinds)}; {drops} drops, "
        f"{client.reconnects - reconnects} reconnects; requests {requests.sent} sent, "
        f"{requests.answered} answered, {requests.failed_fast} failed at their drop; "
        f"status online {truth.online_checks} times checked against the server "
        f"({truth.raced} raced a drop)"
    )
