"""The resilient client for Deriv's WebSocket API v3.

One socket per endpoint: a stock websockets ``ClientConnection``, used only through its public
API (``send()``, ``recv()``, ``close()``) so that a websockets release cannot break it. A reader
task receives every message and routes it: replies are matched to requests by ``req_id``; streams
go to ``Subscription`` iterators. A supervisor task keeps the link up and reconnects with
exponential backoff and jitter.

Liveness: every inbound frame counts as life (stream pushes included). After ``ping_interval``
(10 s) of silence the client sends ``ping``; if nothing at all arrives within ``ping_timeout``
(5 s) more, the link is dead and is rebuilt, so a black-holed link is noticed within 15 s. The
watch runs from the first moment of a link, while the session is being restored too.

After a reconnect the session is restored (``_reauthorize``): transient failures (WrongResponse,
RateLimit, timeouts) are retried with backoff on the same link, keeping the tokens; a drop in the
middle simply starts the next link. If Deriv refuses the tokens, each is tried alone to find the
refused ones: a refused extra token is dropped by itself (``tokens_refused``) and the others
authorized again; only a refused main token (the first) ends the session
(``authorization_lost``). Then each live stream is re-opened once; a re-subscribe that fails
transiently is retried with backoff, one that cannot come back ends its iterator with the error.
Requests may go as soon as the session is authorized again, but the link is reported online
only once every stream is back or has ended (a status built on it never says online while the
server holds none of the streams it shows).
A request in flight when the link drops fails with ``ConnectionLost`` at once; it is never
answered twice.

A reply that breaks the protocol (not JSON, wrong ``msg_type``, missing or mistyped payload)
fails its request with ``MalformedResponse``; a frame that cannot be matched to any request
makes the requests waiting then fail with ``MalformedResponse`` instead of a plain timeout. A
malformed stream push is counted (``malformed_pushes``), logged without its payload and skipped.

The new Deriv API opens each account socket from a single-use address (an OTP URL from REST), so
a client may be given ``url_provider``: it is awaited before every connect for a fresh address.
If it raises a non-transient ``ApiError`` (the token behind it died) the client stops for good,
ends its streams with that error and emits ``authorization_lost``.

Nothing here logs a payload: only call names, ``req_id`` and sizes, so tokens cannot leak.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.legacy import calls
from deriv_desktop.api.legacy.endpoint import endpoint_url as endpoint_url
from deriv_desktop.api.legacy.subscription import Message, Subscription
from deriv_desktop.api.proxy import (
    ProxyProblem,
    ProxyRoute,
    asks_for_login,
    network_problem,
    route_for,
    socks_failure,
)
from deriv_desktop.api.secret import SecretTokens
from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.errors import (
    ApiError,
    ClientClosed,
    ConnectionLost,
    ConnectionProblem,
    DerivError,
    InvalidToken,
    MalformedResponse,
    RateLimit,
    RequestTimeout,
    TokenDeleted,
    api_error_from,
)
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.domain.proxy import SYSTEM_PROXY, ProxySettings

log = logging.getLogger(__name__)

# websockets logs every frame at DEBUG, and frames carry tokens. Its events go to this logger,
# which never lets DEBUG through whatever level the application runs at.
wire_log = logging.getLogger("deriv_desktop.api.wire")
wire_log.setLevel(logging.INFO)

MAX_EXTRA_TOKENS = 25
# Shipped liveness: ping after 10 s of silence; with no answer within 5 s the link is dead. The
# wait is 5 s less a margin for the timer and the hand-off to the status (measured 50-60 ms on a
# loaded 2-core machine), so that a dead link is noticed within the promised 15 s
# (bench/dead_link.py).
PING_AFTER_SILENCE = 10.0
NOTICE_WITHIN = 15.0
PING_TIMEOUT = NOTICE_WITHIN - PING_AFTER_SILENCE - 0.15
# Deriv's codes that mean "this token will not work again", as opposed to a passing failure.
_REFUSING_CODES = frozenset({"AccountDisabled"})
# A web server, not a proxy, answers CONNECT with these.
_NOT_A_PROXY_STATUS = frozenset({400, 404, 405, 501})
# websockets gives the server this long to answer a close frame, then drops the socket itself.
CLOSE_TIMEOUT = 2.0

# One encoder and decoder for every frame: ``json.dumps`` with any argument builds a new encoder
# per call. Output is the same as ``json.dumps(msg, separators=(",", ":"))``.
_dumps = json.JSONEncoder(separators=(",", ":")).encode
_loads = json.JSONDecoder().decode


def _encode(payload: Message, req_id: int) -> str:
    """``payload`` plus ``req_id`` (last, replacing any given) as compact JSON, without a copy."""
    if type(payload) is dict and payload and "req_id" not in payload:
        text = _dumps(payload)
        return f'{text[:-1]},"req_id":{req_id}}}'
    message = dict(payload)
    message["req_id"] = req_id
    return _dumps(message)


class Offline(ConnectionProblem):
    """The link is down and the caller chose not to wait for it."""


class DerivClient:
    """A long-lived, self-healing connection to one Deriv endpoint."""

    def __init__(
        self,
        url: str,
        *,
        request_timeout: float = 30.0,
        connect_timeout: float = 10.0,
        ping_interval: float = PING_AFTER_SILENCE,
        ping_timeout: float = PING_TIMEOUT,
        backoff: Backoff | None = None,
        max_rate_limit_retries: int = 3,
        max_stream_retries: int = 5,
        clock: Callable[[], float] = time.time,
        url_provider: Callable[[], Awaitable[str]] | None = None,
        proxy: ProxySettings = SYSTEM_PROXY,
    ) -> None:
        # With a provider, ``url`` is only a label (the real addresses carry one-time secrets).
        self.url = url
        self._url_provider = url_provider
        self._refusal: ApiError | None = None
        #: Why the latest connect failed, when a proxy was to blame (told instead of a timeout).
        self._proxy_failure: ProxyProblem | None = None
        self.proxy = proxy
        self.request_timeout = request_timeout
        self.connect_timeout = connect_timeout
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self.backoff = backoff or Backoff()
        self.max_rate_limit_retries = max_rate_limit_retries
        self.max_stream_retries = max_stream_retries
        self._clock = clock

        self.state = LinkState(LinkPhase.OFFLINE)
        self.state_changed: Event[LinkState] = Event("link state")
        #: The main token was refused on a re-authorize: the session cannot go on.
        self.authorization_lost: Event[ApiError] = Event("authorization lost")
        #: Extra tokens refused on a re-authorize (dropped; the others were authorized again).
        self.tokens_refused: Event[tuple[SecretTokens, ApiError]] = Event("tokens refused")
        self.authorized: Event[Message] = Event("authorized")

        self._ws: ClientConnection | None = None
        self._link_down: asyncio.Future[None] | None = None  # set when the current link ends
        self._closers: set[asyncio.Task[None]] = set()  # old sockets finishing their close
        self._next_req_id = 0
        self._pending: dict[int, asyncio.Future[Message]] = {}
        self._subs: dict[int, Subscription] = {}  # req_id of its latest request -> stream
        self._streams: dict[Subscription, None] = {}  # every live stream, in opening order
        self._link_tasks: set[asyncio.Task[None]] = set()  # streams being brought back
        self._tokens: SecretTokens | None = None
        self._authorize_reply: Message | None = None
        self._online = asyncio.Event()
        self._supervisor: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._closed = False
        self._limits: dict[str, Any] | None = None
        self.reconnects = 0
        self._fail_fast = True
        self._loop: asyncio.AbstractEventLoop | None = None
        self._deadlines: list[tuple[float, int, float]] = []
        self._reaper: asyncio.TimerHandle | None = None
        self._reaper_at = math.inf
        self._last_frame = 0.0  # loop time of the latest inbound frame
        self._garbage_at = -math.inf  # loop time of the latest frame no request could claim
        self.malformed_pushes = 0

    def __repr__(self) -> str:
        return f"DerivClient({self.url!r}, phase={self.state.phase.value})"

    # ------------------------------------------------------------------ lifecycle
    async def start(self, *, fail_fast: bool = True) -> None:
        """Start keeping the link up; returns once the first attempt has been made.

        With ``fail_fast`` the first attempt's error is raised (a wrong URL is reported at once);
        without it the client keeps retrying in the background, as after any later drop.
        """
        if self._supervisor is not None:
            return
        self._fail_fast = fail_fast
        self._loop = asyncio.get_running_loop()
        first: asyncio.Future[None] = self._loop.create_future()
        self._supervisor = asyncio.create_task(self._supervise(first), name="deriv-link")
        await first

    async def close(self) -> None:
        """Stop for good: end streams cleanly, fail waiting requests, close the socket."""
        if self._closed:
            return
        self._closed = True
        self._online.clear()
        self._wake.set()
        self._end_streams(None)
        self._fail_pending(ClientClosed("The connection was closed by the application."))
        if self._reaper is not None:
            self._reaper.cancel()
            self._reaper = None
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(CLOSE_TIMEOUT + 1):
                    await ws.close()
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
            self._supervisor = None
        if self._closers:
            await asyncio.wait(self._closers, timeout=CLOSE_TIMEOUT + 1)
        self._set_state(LinkState(LinkPhase.OFFLINE, reason="closed"))

    async def __aenter__(self) -> DerivClient:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def reconnect_now(self) -> None:
        """Skip the remaining backoff wait (the user pressed "Retry")."""
        self._wake.set()

    async def wait_online(self, timeout: float | None = None) -> None:
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a racing cancellation.
        async with asyncio.timeout(timeout):
            await self._online.wait()

    def drop_link(self) -> None:
        """Give up on the current socket as if the network failed (as after unanswered pings).

        Requests in flight fail with ``ConnectionLost`` and the link is rebuilt at once; the old
        socket closes in the background (websockets drops it after ``CLOSE_TIMEOUT``).
        """
        if self._link_down is not None:
            self._end_link(self._link_down)

    # ------------------------------------------------------------------ requests
    async def request(
        self,
        payload: Message,
        *,
        timeout: float | None = None,
        wait_online: bool = True,
    ) -> Message:
        """Send one call and return the whole reply message; server errors raise ``ApiError``.

        ``RateLimit`` replies are retried after a pause derived from the published limits.
        """
        attempt = 0
        while True:
            ws = self._ws
            if ws is None or self._closed or not self._online.is_set():
                ws = await self._ready(timeout, wait_online)
            msg = await self._roundtrip(ws, payload, timeout)
            error = msg.get("error")
            if error is None:
                return msg
            if not isinstance(error, dict):
                raise _malformed("an error that is not an object", payload)
            exc = api_error_from(error, msg.get("msg_type"))
            if isinstance(exc, RateLimit) and attempt < self.max_rate_limit_retries:
                attempt += 1
                pause = await self._rate_limit_pause(attempt)
                log.info("rate limited on %s; retry %d in %.1fs", exc.msg_type, attempt, pause)
                await asyncio.sleep(pause)
                continue
            raise exc

    async def call(
        self,
        payload: Message,
        *,
        timeout: float | None = None,
        wait_online: bool = True,
        expect: type | tuple[type, ...] | None = None,
    ) -> Any:
        """Like ``request`` but returns only the payload under the call's own key.

        The reply must be of this call (``msg_type``) and carry its payload, of type ``expect``
        when given; otherwise ``MalformedResponse``.
        """
        msg = await self.request(payload, timeout=timeout, wait_online=wait_online)
        return _payload_of(msg, payload, expect)

    async def subscribe(self, payload: Message, *, timeout: float | None = None) -> Subscription:
        """Start a stream; returns once the first message arrived (``sub.first``)."""
        request = {k: v for k, v in payload.items() if k != "req_id"}
        request["subscribe"] = 1
        attempt = 0
        while True:
            await self._ready(timeout, True)
            sub = Subscription(request, self._forget)
            try:
                await self._open_stream(sub, timeout)
            except ApiError as e:
                if not e.transient or attempt >= self.max_rate_limit_retries:
                    raise
                attempt += 1
                pause = self.backoff.delay(attempt)
                log.info(
                    "stream %s refused (%s); retry in %.1fs", sub.msg_type, e.server_code, pause
                )
                await asyncio.sleep(pause)
                continue
            return sub

    async def forget_all(self, *msg_types: str) -> list[str]:
        """Stop every stream of these types; their iterators end cleanly."""
        reply = await self.call(calls.forget_all(*msg_types))
        for req_id, sub in list(self._subs.items()):
            if sub.msg_type in msg_types:
                del self._subs[req_id]
        for sub in list(self._streams):
            if sub.msg_type in msg_types:
                del self._streams[sub]
                sub.end()
        return [str(x) for x in reply or []]

    async def authorize(self, tokens: Sequence[str]) -> Message:
        """Authorize the first token plus up to 25 more on this socket; kept for reconnects."""
        if not tokens:
            raise ValueError("at least one token is needed")
        if len(tokens) > 1 + MAX_EXTRA_TOKENS:
            raise ValueError(f"at most {1 + MAX_EXTRA_TOKENS} tokens can share one connection")
        secret = SecretTokens(tokens)
        reply = _authorize_payload(await self.request(calls.authorize(secret.values)))
        self._tokens = secret
        self._authorize_reply = reply
        self.authorized.emit(reply)
        return dict(reply)

    def forget_tokens(self) -> None:
        """Drop the remembered tokens so a reconnect does not authorize again (after logout)."""
        self._tokens = None
        self._authorize_reply = None

    @property
    def last_inbound(self) -> float:
        """Loop time (``loop.time()``) of the latest frame received: when the link last spoke."""
        return self._last_frame

    @property
    def authorize_reply(self) -> Message | None:
        return self._authorize_reply

    def live_subscriptions(self) -> list[Subscription]:
        return list(self._streams)

    def learn_limits(self, website_status: Message) -> None:
        """Remember ``website_status.api_call_limits`` for rate-limit pacing."""
        limits = website_status.get("api_call_limits")
        if isinstance(limits, dict):
            self._limits = limits

    # ------------------------------------------------------------------ internals
    def _new_req_id(self) -> int:
        self._next_req_id += 1
        return self._next_req_id

    async def _ready(self, timeout: float | None, wait_online: bool) -> ClientConnection:
        if self._closed:
            raise ClientClosed("The connection was closed by the application.")
        if self._refusal is not None:
            raise _copy_error(self._refusal)
        if not self._online.is_set():
            if not wait_online:
                raise Offline(self._offline_text())
            try:
                async with asyncio.timeout(self.request_timeout if timeout is None else timeout):
                    await self._online.wait()
            except TimeoutError:
                blamed = self._proxy_failure
                if blamed is not None:  # the user can act on this, not on "no answer"
                    raise ProxyProblem(str(blamed), blamed.problem) from None
                raise RequestTimeout(
                    "The server could not be reached in time. " + self._offline_text()
                ) from None
            if self._closed:
                raise ClientClosed("The connection was closed by the application.")
        ws = self._ws
        assert ws is not None
        return ws

    def _offline_text(self) -> str:
        state = self.state
        if state.phase is LinkPhase.RECONNECTING and state.next_try_at is not None:
            wait = max(0, round(state.next_try_at - self._clock()))
            return f"Reconnecting in {wait} s."
        return "Not connected."

    async def _roundtrip(
        self, ws: ClientConnection, payload: Message, timeout: float | None
    ) -> Message:
        """One request on ``ws`` without the online check or error mapping."""
        loop = self._loop or asyncio.get_running_loop()
        self._next_req_id += 1
        req_id = self._next_req_id
        fut: asyncio.Future[Message] = loop.create_future()
        self._pending[req_id] = fut
        now = loop.time()
        self._arm(now + (self.request_timeout if timeout is None else timeout), req_id, now)
        try:
            await ws.send(_encode(payload, req_id))
            return await fut
        except ConnectionClosed:
            raise ConnectionLost("The connection dropped before the request was sent.") from None
        finally:
            self._pending.pop(req_id, None)
            if fut.done() and not fut.cancelled():
                # The link died while the request was being sent: the error was set on a
                # future nobody awaits any more; read it so asyncio does not report it.
                fut.exception()

    # Timeouts: one timer for all requests (the earliest deadline), not one timer per request.
    # On a qasync loop every timer is a Qt timer, and arming one per request halves throughput.
    def _arm(self, deadline: float, req_id: int, sent: float) -> None:
        heapq.heappush(self._deadlines, (deadline, req_id, sent))
        if deadline < self._reaper_at:
            if self._reaper is not None:
                self._reaper.cancel()
            self._reaper_at = deadline
            loop = self._loop or asyncio.get_running_loop()
            self._reaper = loop.call_at(deadline, self._reap)
        elif len(self._deadlines) > 2 * len(self._pending) + 256:
            # Entries of answered requests are dropped lazily; compact when they dominate.
            self._deadlines = [e for e in self._deadlines if e[1] in self._pending]
            heapq.heapify(self._deadlines)

    def _reap(self) -> None:
        self._reaper = None
        self._reaper_at = math.inf
        loop = self._loop or asyncio.get_running_loop()
        now = loop.time()
        heap = self._deadlines
        while heap and (heap[0][0] <= now or heap[0][1] not in self._pending):
            _, req_id, sent = heapq.heappop(heap)
            self._expire(req_id, sent)
        if heap:
            self._reaper_at = heap[0][0]
            self._reaper = loop.call_at(self._reaper_at, self._reap)

    def _expire(self, req_id: int, sent: float) -> None:
        fut = self._pending.pop(req_id, None)
        if fut is not None and not fut.done():
            if self._garbage_at >= sent:  # its answer was most likely the unreadable frame
                fut.set_exception(_malformed("a frame that could not be read", None))
            else:
                fut.set_exception(RequestTimeout("The server did not answer in time."))

    async def _open_stream(self, sub: Subscription, timeout: float | None) -> None:
        ws = self._ws
        if ws is None:
            raise Offline(self._offline_text())
        req_id = self._new_req_id()
        self._subs[req_id] = sub
        self._streams[sub] = None  # a reconnect before the first reply sends it again
        message = dict(sub.request)
        message["req_id"] = req_id
        limit = self.request_timeout if timeout is None else timeout
        try:
            await ws.send(_dumps(message))
            async with asyncio.timeout(limit):
                await sub.wait_first()
        except ConnectionClosed:
            self._drop_stream(sub)
            raise ConnectionLost("The connection dropped before the stream started.") from None
        except TimeoutError:
            self._drop_stream(sub)
            sub.end()
            raise RequestTimeout("The server did not start the stream in time.") from None
        except BaseException:
            self._drop_stream(sub)
            raise

    def _drop_stream(self, sub: Subscription) -> None:
        """Forget ``sub`` locally: no more routing to it, and no restoring after a reconnect."""
        self._streams.pop(sub, None)
        for req_id, known in list(self._subs.items()):
            if known is sub:
                del self._subs[req_id]

    def _end_streams(self, error: BaseException | None) -> None:
        streams = list(self._streams)
        self._streams.clear()
        self._subs.clear()
        for sub in streams:
            sub.end(_copy_error(error) if isinstance(error, ApiError) else error)

    async def _forget(self, sub: Subscription) -> None:
        self._drop_stream(sub)
        if sub.id and self._online.is_set():
            with contextlib.suppress(ConnectionProblem, ApiError):
                await self.call(calls.forget(sub.id), wait_online=False)

    def _dispatch(self, raw: str | bytes) -> None:
        """Route one message to the request it answers or the stream it belongs to."""
        try:
            msg = _loads(raw) if type(raw) is str else json.loads(raw)
        except ValueError:
            self._unreadable(f"a frame that is not JSON ({len(raw)} bytes)")
            return
        if type(msg) is not dict:
            self._unreadable("a frame that is not a JSON object")
            return
        req_id = msg.get("req_id")
        sub = self._subs.get(req_id) if self._subs and type(req_id) is int else None
        if sub is not None:
            if type(msg.get(sub.msg_type)) is not dict and "error" not in msg:
                self._malformed_push(sub, req_id)  # type: ignore[arg-type]
                return
            sub.deliver(msg)
            if sub.ended:
                self._subs.pop(req_id, None)  # type: ignore[arg-type]
                self._streams.pop(sub, None)
            return
        fut = self._pending.pop(req_id, None) if type(req_id) is int else None
        if fut is not None:
            if not fut.done():
                fut.set_result(msg)
            return
        if req_id is None or type(req_id) is not int:
            self._unreadable("a message without a usable req_id")
            return
        log.debug("dropped an unmatched %s message", msg.get("msg_type"))

    def _unreadable(self, what: str) -> None:
        """A frame no request can claim: requests waiting now fail as malformed at their
        deadline (not as unanswered), and the frame is logged without its contents."""
        log.warning("ignored %s", what)
        self._garbage_at = (self._loop or asyncio.get_running_loop()).time()

    def _malformed_push(self, sub: Subscription, req_id: int) -> None:
        """A stream message without its payload object: counted, logged without it, skipped.
        The very reply that should open the stream fails the opening instead."""
        self.malformed_pushes += 1
        log.warning(
            "skipped a malformed %s message (%d so far)", sub.msg_type, self.malformed_pushes
        )
        if not sub.started or sub.restoring:
            self._subs.pop(req_id, None)
            sub.reject(_malformed("a stream reply without its payload", sub.request))

    def _fail_pending(self, exc: DerivError) -> None:
        pending, self._pending = self._pending, {}
        for fut in pending.values():
            if not fut.done():
                fut.set_exception(exc)

    def _set_state(self, state: LinkState) -> None:
        if state != self.state:
            self.state = state
            log.debug("link %s (attempt %d)", state.phase.value, state.attempt)
            self.state_changed.emit(state)

    async def _supervise(self, first: asyncio.Future[None]) -> None:
        attempt = 0
        while not self._closed:
            phase = (
                LinkPhase.CONNECTING
                if attempt == 0 and self.reconnects == 0
                else (LinkPhase.RECONNECTING)
            )
            self._set_state(LinkState(phase, attempt))
            route: ProxyRoute | None = None
            try:
                target = self.url if self._url_provider is None else await self._url_provider()
                route = route_for(self.proxy, target)
                ws = await connect(
                    target,
                    proxy=route.url if route is not None else None,
                    open_timeout=self.connect_timeout,
                    ping_interval=None,  # our own API-level ping, see _keepalive
                    max_size=2**22,
                    user_agent_header=None,
                    logger=wire_log,
                    close_timeout=CLOSE_TIMEOUT,
                )
            except ApiError as e:  # only from url_provider: the server would not issue an address
                if not e.transient:
                    self._stop_refused(e, first)
                    return
                reason = e.message
                if not first.done():
                    if self._fail_fast:
                        first.set_exception(e)
                        self._closed = True
                        self._set_state(LinkState(LinkPhase.OFFLINE, reason=reason))
                        return
                    first.set_result(None)
                attempt += 1
                await self._wait_backoff(attempt, reason)
                continue
            except (
                OSError,
                TimeoutError,
                ConnectionProblem,
                websockets.InvalidHandshake,
                websockets.InvalidURI,
                websockets.InvalidProxy,
            ) as e:
                failure = _connect_failure(e, route)
                self._proxy_failure = failure if isinstance(failure, ProxyProblem) else None
                reason = str(failure)
                if not first.done():
                    if self._fail_fast:
                        first.set_exception(failure)
                        self._closed = True
                        self._set_state(LinkState(LinkPhase.OFFLINE, reason=reason))
                        return
                    first.set_result(None)
                attempt += 1
                await self._wait_backoff(attempt, reason)
                continue
            attempt = 0
            self._proxy_failure = None
            await self._run_link(ws, first)
            if self._closed:
                break
            self.reconnects += 1
            attempt = 1
            await self._wait_backoff(attempt, "The connection was lost.")

    def _stop_refused(self, error: ApiError, first: asyncio.Future[None]) -> None:
        """The provider's server refused for good (e.g. the token died): stop and tell why."""
        log.warning("no new connection address: %s", error.server_code)
        self._refusal = error
        self._end_streams(error)
        self._set_state(LinkState(LinkPhase.OFFLINE, reason=error.message))
        self.authorization_lost.emit(error)
        if not first.done():
            if self._fail_fast:
                first.set_exception(_copy_error(error))
            else:
                first.set_result(None)

    async def _wait_backoff(self, attempt: int, reason: str) -> None:
        delay = self.backoff.delay(attempt)
        self._set_state(LinkState(LinkPhase.RECONNECTING, attempt, self._clock() + delay, reason))
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(delay):
                await self._wake.wait()

    async def _run_link(self, ws: ClientConnection, first: asyncio.Future[None]) -> None:
        loop = self._loop or asyncio.get_running_loop()
        down = self._link_down = loop.create_future()
        self._ws = ws
        self._last_frame = loop.time()
        reader = asyncio.create_task(self._read(ws, down), name="deriv-reader")
        # The watch starts with the link: a link that dies while the session is being restored
        # is noticed as fast as any other.
        pinger = asyncio.create_task(self._keepalive(ws), name="deriv-ping")
        try:
            await self._restore(ws, down)
            if not down.done():  # the link may have ended while the session was restored
                self._online.set()  # requests may go; the streams are coming back meanwhile
                await self._streams_back(down)
            if not down.done():
                self._set_state(LinkState(LinkPhase.ONLINE))
                if not first.done():
                    first.set_result(None)
                await down
        except (ConnectionProblem, ConnectionClosed, OSError) as e:
            log.info("link lost while restoring the session: %s", type(e).__name__)
        finally:
            self._end_link(down)
            self._link_down = None
            tasks = [pinger, reader, *self._link_tasks]
            self._link_tasks.clear()
            for task in tasks:
                if not task.done():
                    task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            self._fail_pending(ConnectionLost("The connection dropped before the server answered."))
            if not first.done():
                first.set_result(None)
            # Usually instant (the socket is closed already). A dead peer never answers the
            # close frame: websockets drops the socket after CLOSE_TIMEOUT, while we reconnect.
            closer = asyncio.create_task(_close_quietly(ws), name="deriv-close")
            self._closers.add(closer)
            closer.add_done_callback(self._closers.discard)

    async def _read(self, ws: ClientConnection, down: asyncio.Future[None]) -> None:
        """Route every message until the socket closes, then end the link.

        Requests still waiting fail at once: with the socket gone no answer can come (and one
        made while the session is being restored must not wait for its deadline).
        """
        dispatch = self._dispatch
        recv = ws.recv
        now = (self._loop or asyncio.get_running_loop()).time
        try:
            while True:
                raw = await recv()
                self._last_frame = now()  # any frame is life
                try:
                    dispatch(raw)
                except Exception:  # a bug in one consumer must not end the link
                    log.exception("routing a %d-byte message failed", len(raw))
        except ConnectionClosed:
            pass
        finally:
            self._end_link(down)

    def _end_link(self, down: asyncio.Future[None]) -> None:
        """Take the link offline now, in the same step that fails the waiting requests.

        A caller told ``ConnectionLost`` that retries at once must find the client offline (and
        wait for the next link), never the dead socket. ``_run_link`` then tidies up.
        """
        if down.done():
            return
        down.set_result(None)
        self._online.clear()
        self._ws = None
        self._fail_pending(ConnectionLost("The connection dropped before the server answered."))

    # ------------------------------------------------------------------ restoring a session
    async def _restore(self, ws: ClientConnection, down: asyncio.Future[None]) -> None:
        """After a reconnect: authorize again, then bring each live stream back once."""
        if self._tokens is not None:
            await self._reauthorize(ws, down)
        self._subs.clear()  # requests of the previous link: their ids mean nothing now
        for sub in list(self._streams):
            task = asyncio.create_task(self._bring_back(ws, down, sub), name="deriv-resubscribe")
            self._link_tasks.add(task)
            task.add_done_callback(self._link_tasks.discard)

    async def _streams_back(self, down: asyncio.Future[None]) -> None:
        """Wait until every stream is back (or has ended) or the link ends: the link is not
        reported online while a stream the window shows is still being re-opened."""
        pending: set[asyncio.Future[Any]] = set(self._link_tasks)
        while pending and not down.done():
            _, pending = await asyncio.wait(pending | {down}, return_when=asyncio.FIRST_COMPLETED)
            pending.discard(down)

    async def _reauthorize(self, ws: ClientConnection, down: asyncio.Future[None]) -> None:
        """Authorize the kept tokens again, telling a passing failure from a refused token.

        Transient failures are retried on this link; a drop raises and the next link starts
        over with the same tokens. When Deriv refuses, each token is tried alone: refused extra
        tokens are dropped and the rest authorized again; a refused main token ends the session.
        """
        while self._tokens is not None:
            tokens = self._tokens.values
            outcome = await self._authorize_on(ws, down, tokens)
            if not isinstance(outcome, ApiError):
                self._authorize_reply = outcome
                self.authorized.emit(outcome)
                return
            log.warning("re-authorization refused: %s; checking each token", outcome.server_code)
            refused: list[str] = []
            for index, token in enumerate(tokens):
                alone = await self._authorize_on(ws, down, [token])
                if not isinstance(alone, ApiError):
                    continue
                if index == 0:  # the session's own credential: nothing can go on without it
                    self._lose_authorization(alone)
                    return
                if _refuses_token(alone):
                    refused.append(token)
            if not refused:  # no single token explains it: the session as a whole is refused
                self._lose_authorization(outcome)
                return
            self._tokens = SecretTokens([t for t in tokens if t not in refused])
            log.warning("dropped %d refused token(s); authorizing the others", len(refused))
            self.tokens_refused.emit((SecretTokens(refused), outcome))

    async def _authorize_on(
        self, ws: ClientConnection, down: asyncio.Future[None], tokens: Sequence[str]
    ) -> Message | ApiError:
        """The authorize reply, or the error that refuses these tokens; passing failures are
        retried with backoff while the link lives (a drop raises ``ConnectionLost``)."""
        attempt = 0
        while True:
            reason: str
            try:
                msg = await self._roundtrip(ws, calls.authorize(tokens), None)
            except RequestTimeout:
                reason = "timeout"
            except MalformedResponse:
                reason = "unreadable reply"
            else:
                error = msg.get("error")
                if error is None:
                    try:
                        return _authorize_payload(msg)
                    except MalformedResponse:
                        reason = "malformed reply"
                elif not isinstance(error, dict):
                    reason = "malformed error"
                else:
                    exc = api_error_from(error, "authorize")
                    if not exc.transient:
                        return exc
                    reason = exc.server_code
            attempt += 1
            delay = self.backoff.delay(attempt)
            log.info("re-authorization failed (%s); retry %d in %.1fs", reason, attempt, delay)
            state = self.state
            self._set_state(
                LinkState(state.phase, attempt, self._clock() + delay, "Signing in again.")
            )
            await self._pause(down, delay)

    async def _pause(self, down: asyncio.Future[None], delay: float) -> None:
        """Wait ``delay`` seconds unless the link ends first (then ``ConnectionLost``)."""
        await asyncio.wait((down,), timeout=delay)
        if down.done():
            raise ConnectionLost("The connection dropped while the session was restored.")

    def _lose_authorization(self, error: ApiError) -> None:
        log.warning("the session's main token was refused: %s", error.server_code)
        self._tokens = None
        self._authorize_reply = None
        self._end_streams(error)
        self.authorization_lost.emit(error)

    async def _bring_back(
        self, ws: ClientConnection, down: asyncio.Future[None], sub: Subscription
    ) -> None:
        """Re-open one stream on a new link; passing refusals are retried with backoff, and a
        stream that cannot come back ends with the error (its owner may open it again)."""
        attempt = 0
        while not sub.ended and sub in self._streams:
            restored = sub.expect_restore()
            req_id = self._new_req_id()
            self._subs[req_id] = sub
            message = dict(sub.request)
            message["req_id"] = req_id
            try:
                await ws.send(_dumps(message))
                async with asyncio.timeout(self.request_timeout):
                    await restored
            except ConnectionClosed:
                return  # the next link brings it back
            except TimeoutError:
                # The server may yet start it: only a new link can rule out a duplicate.
                log.warning("a %s stream was not restored in time; reconnecting", sub.msg_type)
                self.drop_link()
                return
            except (ApiError, MalformedResponse) as e:
                self._subs.pop(req_id, None)
                transient = isinstance(e, ApiError) and e.transient
                if not transient or attempt >= self.max_stream_retries:
                    log.warning("a %s stream could not be restored: %s", sub.msg_type, e)
                    self._streams.pop(sub, None)
                    sub.end(e)
                    return
                attempt += 1
                delay = self.backoff.delay(attempt)
                log.info("restoring a %s stream refused; retry in %.1fs", sub.msg_type, delay)
                try:
                    await self._pause(down, delay)
                except ConnectionLost:
                    return
                continue
            sub.restorations += 1
            return

    async def _keepalive(self, ws: ClientConnection) -> None:
        """Ping after ``ping_interval`` of silence; with nothing at all back within
        ``ping_timeout`` the link is dead. Any inbound frame counts as an answer."""
        loop = self._loop or asyncio.get_running_loop()
        while True:
            quiet = loop.time() - self._last_frame
            if quiet < self.ping_interval:
                await asyncio.sleep(self.ping_interval - quiet)
                continue
            silent_since = self._last_frame
            # Dead at ``ping_interval + ping_timeout`` after the last frame, however late the
            # loop woke us to ping.
            limit = silent_since + self.ping_interval + self.ping_timeout - loop.time()
            try:
                await self._roundtrip(ws, calls.ping(), max(limit, 0.0))
            except RequestTimeout:
                if self._last_frame > silent_since:
                    continue  # the pong was lost but the server still talks
                log.warning(
                    "nothing received for %.0fs; the link is dead",
                    self.ping_interval + self.ping_timeout,
                )
                self.drop_link()
                return
            except MalformedResponse:
                continue  # something came back: the link lives
            except (ConnectionProblem, ConnectionClosed):
                return

    async def _rate_limit_pause(self, attempt: int) -> float:
        if self._limits is None:
            with contextlib.suppress(DerivError):
                status = await self.call(calls.website_status(), timeout=5.0)
                if isinstance(status, dict):
                    self.learn_limits(status)
        spacing = 1.0
        general = (self._limits or {}).get("max_requestes_general")
        if isinstance(general, dict):
            minutely = general.get("minutely")
            if isinstance(minutely, int | float) and minutely > 0:
                spacing = 60.0 / float(minutely)
        return min(30.0, max(spacing, self.backoff.delay(attempt)))


async def _close_quietly(ws: ClientConnection) -> None:
    with contextlib.suppress(Exception):
        await ws.close()


def _call_name(payload: Message) -> str:
    """The call a request makes: its first key (every builder in ``calls`` puts it first)."""
    return next((k for k in payload if k not in ("req_id", "passthrough", "loginid")), "")


def _malformed(what: str, payload: Message | None) -> MalformedResponse:
    name = _call_name(payload) if payload else ""
    where = f" to {name}" if name else ""
    return MalformedResponse(f"The server sent {what}{where}.")


def _payload_of(msg: Message, payload: Message, expect: type | tuple[type, ...] | None) -> Any:
    """The reply's payload for the call ``payload`` made, checked against the protocol."""
    name = _call_name(payload)
    if msg.get("msg_type") != name or name not in msg:
        raise _malformed("a reply of another call or without its payload", payload)
    value = msg[name]
    if expect is not None and not isinstance(value, expect):
        raise _malformed("a reply whose payload has the wrong type", payload)
    return value


def _authorize_payload(msg: Message) -> Message:
    """An ``authorize`` reply's payload, with the fields the session depends on checked."""
    reply = _payload_of(msg, {"authorize": 1}, dict)
    if not isinstance(reply.get("loginid"), str) or not isinstance(
        reply.get("account_list", []), list
    ):
        raise _malformed("an authorization without its account", {"authorize": 1})
    result: Message = reply
    return result


def _refuses_token(error: ApiError) -> bool:
    """Whether Deriv's answer to one token alone says that token will not work again."""
    return isinstance(error, InvalidToken | TokenDeleted) or error.server_code in _REFUSING_CODES


def _copy_error(error: ApiError) -> ApiError:
    """A fresh instance per raise, so tracebacks do not pile up on one shared exception."""
    return type(error)(
        error.message, code=error.server_code, details=error.details, msg_type=error.msg_type
    )


def _connect_failure(e: BaseException, route: ProxyRoute | None) -> ConnectionProblem:
    """The problem a failed connect stands for: the proxy's, when one was on the way and the
    failure was its; else a ``ConnectionProblem`` with a plain sentence (never a URL: the
    proxy address may hold a password and a socket address a one-time secret)."""
    if isinstance(e, ProxyProblem):
        return e
    if route is not None:
        found = _proxy_failure(e, route)
        if found is not None:
            return found
    return ConnectionProblem(_describe_connect_error(e))


def _proxy_failure(e: BaseException, route: ProxyRoute) -> ProxyProblem | None:
    if isinstance(e, websockets.InvalidProxyStatus):
        status = e.response.status_code
        if asks_for_login(status):
            return route.problem(ProblemKind.PROXY_AUTH_FAILED, "the proxy wants a password")
        if status in _NOT_A_PROXY_STATUS:
            return route.problem(
                ProblemKind.PROXY_NOT_A_PROXY, f"HTTP {status} to CONNECT: not a proxy"
            )
        return route.problem(
            ProblemKind.PROXY_DENIED, f"the proxy answered HTTP {status}", code=str(status)
        )
    if isinstance(e, websockets.InvalidProxyMessage):
        return route.problem(ProblemKind.PROXY_NOT_A_PROXY, "the answer was not a proxy's")
    if isinstance(e, websockets.InvalidProxy):  # the route was checked: should not happen
        return route.problem(ProblemKind.PROXY_UNSUPPORTED, "websockets refused the proxy")
    if isinstance(e, websockets.ProxyError):  # a SOCKS proxy's refusal, the cause says which
        return socks_failure(e.__cause__, route)
    if isinstance(e, TimeoutError):
        return route.problem(ProblemKind.PROXY_NO_ANSWER, "no answer in time through the proxy")
    return network_problem(e, route) if isinstance(e, OSError) else None


def _describe_connect_error(e: BaseException) -> str:
    if isinstance(e, ConnectionProblem):
        return str(e) or "Could not connect."
    if isinstance(e, TimeoutError):
        return "The server did not answer in time."
    if isinstance(e, websockets.InvalidStatus):
        return f"The server refused the connection (HTTP {e.response.status_code})."
    if isinstance(e, websockets.InvalidURI):
        return "The server address is not a valid WebSocket URL."
    if isinstance(e, ConnectionRefusedError):
        return "The server refused the connection."
    if isinstance(e, OSError):
        return f"The network is unreachable ({e.strerror or type(e).__name__})."
    return f"Could not connect ({type(e).__name__})."
