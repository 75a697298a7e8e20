"""The hardened loopback HTTP handler that receives Deriv's sign-in redirect from the browser.

One :class:`LoopbackReceiver` per attempt, on asyncio streams (no threads), ``h11`` for HTTP.
What a request meets, in order:

* only loopback is bound, on the registered port (or port 0), before the browser opens;
* each connection is its own task with a total deadline for the request head, size and header
  count caps, and a connection cap that evicts the oldest unfinished connection, so idle
  preconnect sockets, slow or garbage clients never hold up the real callback;
* a TLS ClientHello (the browser forced https) is reported so the UI can explain it;
* ``Host`` must be what we advertised (DNS rebinding), no request body, GET/HEAD only;
* the callback query goes through :func:`validate_redirect` (state first); other paths get 404
  without touching the attempt; the bare callback path serves a page that forwards a refusal
  from the URL fragment (which servers never see) back as a query;
* on a good answer the browser waits while the app authorises (with a ceiling), then a 303
  sends it to ``/done``, which tells the truth about this attempt. The listener closes once
  ``/done`` has shown a final result (or after a short grace), and at once on timeout or cancel.

Logs carry method, path kind and parameter names only, never the request target or values.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from enum import Enum
from typing import Any

import h11

from deriv_desktop.auth import messages, pages
from deriv_desktop.auth.attempt import AttemptStatus, LoginAttempt
from deriv_desktop.auth.binding import LoopbackBindError, LoopbackTarget, open_listening_sockets
from deriv_desktop.auth.http_wire import (
    HttpAnswer,
    TlsClientHello,
    WireState,
    close_connection,
    header_value,
    linger,
    method_label,
    read_request_head,
    write_answer,
)
from deriv_desktop.auth.loopback_types import (
    AppOutcome,
    LoopbackConfig,
    LoopbackOutcome,
    LoopbackSlot,
    LoopbackStatus,
    OnCredentials,
    OnRejected,
    OnTlsAttempt,
    Validator,
)
from deriv_desktop.auth.messages import PageText
from deriv_desktop.auth.pages import HtmlPage, Tone
from deriv_desktop.auth.redirect import (
    RedirectRefused,
    RedirectRejected,
    RejectReason,
    validate_redirect,
)
from deriv_desktop.domain.problems import Problem, ProblemKind

__all__ = [
    "AppOutcome",
    "LoopbackConfig",
    "LoopbackOutcome",
    "LoopbackReceiver",
    "LoopbackSlot",
    "LoopbackStatus",
]

_log = logging.getLogger(__name__)

_ALLOW = "GET, HEAD, OPTIONS"
_CANCELLED = Problem(ProblemKind.SIGN_IN_CANCELLED)
_LINGER_CEILING = 2.0


class _Phase(Enum):
    NEW = "new"
    LISTENING = "listening"
    FINISHING = "finishing"  # the answer is in; only /done is still useful
    CLOSED = "closed"  # no listener any more (in-flight connections may still finish)


class LoopbackReceiver:
    """Receives one attempt's redirect on loopback. Create one per attempt.

    ``on_credentials`` is awaited with the accepted credentials; its :class:`AppOutcome` decides
    what the browser is told. ``on_tls_attempt`` fires when a browser speaks TLS to us (offer the
    paste route and explain HTTPS-only mode); ``on_rejected`` fires for every unusable answer
    (stale tab, malformed, replay), for diagnostics in the UI.
    """

    def __init__(
        self,
        attempt: LoginAttempt,
        *,
        on_credentials: OnCredentials,
        on_tls_attempt: OnTlsAttempt | None = None,
        on_rejected: OnRejected | None = None,
        config: LoopbackConfig | None = None,
        validate: Validator | None = None,
        listen_uri: str | None = None,
        sockets: list[socket.socket] | None = None,
        language: str = "en",
    ) -> None:
        """``validate``, ``listen_uri`` and ``sockets`` serve the new API's relay: its attempt
        redirects to an https page, the page forwards to ``listen_uri``, and the port must be
        bound before the attempt exists because the state carries it."""
        self._attempt = attempt
        self._language = language  # of the browser pages (the profile's)
        self._validate: Validator = validate or (lambda query: validate_redirect(attempt, query))
        self._target = LoopbackTarget.parse(listen_uri or attempt.redirect_uri)
        self._sockets = sockets
        self._config = config or LoopbackConfig()
        if self._config.done_path == self._target.path:
            raise ValueError("the done path must differ from the callback path")
        self._on_credentials = on_credentials
        self._on_tls_attempt = on_tls_attempt
        self._on_rejected = on_rejected
        self._phase = _Phase.NEW
        self._servers: list[asyncio.Server] = []
        self._addresses: list[tuple[str, int]] = []
        self._connections: dict[asyncio.Task[None], WireState] = {}
        self._outcome: asyncio.Future[LoopbackOutcome] | None = None
        self._app_task: asyncio.Task[None] | None = None
        self._deadline_timer: asyncio.TimerHandle | None = None
        self._grace_timer: asyncio.TimerHandle | None = None
        self._done_page: HtmlPage | None = None
        self._done_final = False
        self._redirect_uri: str | None = None
        self._host_values: frozenset[str] = frozenset()
        self._tls_attempts = 0
        self._port_closed = asyncio.Event()

    def _render(self, text: PageText, tone: Tone, **options: Any) -> HtmlPage:
        """A page in the profile's language."""
        return pages.render(text, tone, language=self._language, **options)

    def _page(self, text: PageText, tone: Tone = Tone.INFO, body: str | None = None) -> HtmlPage:
        return self._render(text, tone, body=body)

    def _not_allowed(self) -> HttpAnswer:
        answer = self._page(messages.PAGE_METHOD_NOT_ALLOWED)
        return HttpAnswer(405, answer, (("Allow", _ALLOW),))

    # --- public surface -------------------------------------------------------------------

    @property
    def attempt(self) -> LoginAttempt:
        return self._attempt

    @property
    def redirect_uri(self) -> str:
        """The redirect URI that reaches this listener (with the real port when it was 0)."""
        if self._redirect_uri is None:
            raise RuntimeError("start() the receiver first")
        return self._redirect_uri

    @property
    def bound_addresses(self) -> list[tuple[str, int]]:
        """``(host, port)`` of every listening socket, as the OS reports them."""
        return list(self._addresses)

    @property
    def is_listening(self) -> bool:
        return any(server.is_serving() for server in self._servers)

    @property
    def tls_attempts(self) -> int:
        return self._tls_attempts

    @property
    def wrong_state_count(self) -> int:
        return self._attempt.wrong_state_count

    async def start(self) -> str:
        """Bind and listen; returns :attr:`redirect_uri`. Launch the browser only after this.

        Raises :class:`~deriv_desktop.auth.binding.LoopbackBindError` when the port is taken or
        not allowed; the UI should then offer the paste and API-token routes (the attempt stays
        usable for them).
        """
        if self._phase is not _Phase.NEW:
            raise RuntimeError("a receiver can start only once")
        if not self._attempt.is_live:
            raise RuntimeError("the attempt has already ended")
        self._phase = _Phase.CLOSED  # until listening succeeds
        loop = asyncio.get_running_loop()
        try:
            sockets = self._sockets or open_listening_sockets(self._target, self._config.backlog)
        except LoopbackBindError as exc:
            _log.warning("cannot listen on %s port %d (%s)", exc.host, exc.port, exc.reason.value)
            raise
        try:
            for sock in sockets:
                self._servers.append(await asyncio.start_server(self._accept, sock=sock))
        except BaseException:
            for server in self._servers:
                server.close()
            for sock in sockets:
                sock.close()
            raise
        self._addresses = [sock.getsockname()[:2] for sock in sockets]
        port = self._addresses[0][1]
        self._redirect_uri = self._target.advertised_uri(port)
        self._host_values = self._target.host_header_values(port)
        self._outcome = loop.create_future()
        self._phase = _Phase.LISTENING
        self._deadline_timer = loop.call_later(self._attempt.remaining(), self._on_deadline)
        _log.info("listening for the sign-in answer on %s port %d", self._target.host, port)
        return self._redirect_uri

    async def wait(self) -> LoopbackOutcome:
        """Wait for the final outcome. Cancelling the waiter does not cancel the receiver."""
        if self._outcome is None:
            raise RuntimeError("the receiver is not listening")
        return await asyncio.shield(self._outcome)

    def cancel(self) -> None:
        """Stop now: the attempt is cancelled (if still waiting) and the port closes at once.

        If another route already completed the attempt, the outcome is ``ENDED_ELSEWHERE``.
        Safe to call repeatedly.
        """
        app_running = self._app_task is not None and not self._app_task.done()
        if not app_running:  # a running app task reports its own cancellation
            if self._attempt.cancel() or self._attempt.status is AttemptStatus.CANCELLED:
                self._resolve(LoopbackStatus.CANCELLED, _CANCELLED)
            else:
                self._resolve(LoopbackStatus.ENDED_ELSEWHERE, None)
        self._shutdown()

    async def wait_port_closed(self) -> None:
        """Return once the listener is closed (after /done, the grace period, timeout, cancel)."""
        await self._port_closed.wait()

    async def aclose(self) -> None:
        """Cancel, drop every connection and wait until all of the receiver's tasks ended."""
        self.cancel()
        for wire in self._connections.values():
            wire.writer.transport.abort()
        tasks: list[asyncio.Task[None]] = list(self._connections)
        if self._app_task is not None:
            tasks.append(self._app_task)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        for server in self._servers:
            await server.wait_closed()

    # --- lifecycle ------------------------------------------------------------------------

    def _resolve(
        self,
        status: LoopbackStatus,
        problem: Problem | None,
        result: object | None = None,
        app_outcome: AppOutcome | None = None,
    ) -> None:
        if self._outcome is None or self._outcome.done():
            return
        count = self._attempt.wrong_state_count
        self._outcome.set_result(LoopbackOutcome(status, problem, result, app_outcome, count))
        _log.info("sign-in attempt ended: %s", status.value)

    def _on_deadline(self) -> None:
        if self._phase is not _Phase.LISTENING:
            return
        if self._attempt.expire() or self._attempt.status is AttemptStatus.EXPIRED:
            self._resolve(LoopbackStatus.TIMED_OUT, self._attempt.timed_out_problem())
        else:
            self._resolve(LoopbackStatus.ENDED_ELSEWHERE, None)
        self._shutdown()

    def _shutdown(self) -> None:
        self._phase = _Phase.CLOSED
        self._close_listeners()
        for timer in (self._deadline_timer, self._grace_timer):
            if timer is not None:
                timer.cancel()
        if self._app_task is not None and not self._app_task.done():
            self._app_task.cancel()
        for task, wire in self._connections.items():
            if wire.reading:
                wire.writer.transport.abort()
                task.cancel()

    def _close_listeners(self) -> None:
        if self.is_listening:
            _log.debug("loopback listener closed")
        for server in self._servers:
            server.close()
        self._port_closed.set()
        if self._phase is _Phase.FINISHING:
            self._phase = _Phase.CLOSED

    def _finish_with(self, page: HtmlPage, *, final: bool) -> None:
        """The answer is in: no deadline any more, and only /done is still useful."""
        self._phase = _Phase.FINISHING
        self._done_page = page
        self._done_final = final
        if self._deadline_timer is not None:
            self._deadline_timer.cancel()

    def _see_done(self) -> HttpAnswer:
        """303 to the clean result path; /done stays reachable for a short grace period."""
        if self._phase is _Phase.CLOSED and self._done_page is not None:
            return HttpAnswer(200, self._done_page)  # the port is gone: answer right here
        if self._grace_timer is None:
            loop = asyncio.get_running_loop()
            self._grace_timer = loop.call_later(self._config.done_grace, self._close_listeners)
        return HttpAnswer(303, None, (("Location", self._config.done_path),))

    # --- connections ----------------------------------------------------------------------

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._phase is _Phase.CLOSED or not self._make_room():
            writer.transport.abort()
            return
        wire = WireState(writer)
        task = asyncio.get_running_loop().create_task(self._serve(reader, writer, wire))
        self._connections[task] = wire
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._connections.pop(task, None)

    def _make_room(self) -> bool:
        """Enforce the connection cap by evicting the oldest connection still reading its head
        (silent ones first): a real callback must never wait behind idle or slow sockets."""
        active = [(t, w) for t, w in self._connections.items() if not w.evicted]
        if len(active) < self._config.max_connections:
            return True
        reading = [(t, w) for t, w in active if w.reading]
        if not reading:
            return False
        silent = [(t, w) for t, w in reading if not w.received]
        task, wire = (silent or reading)[0]
        _log.debug("connection limit reached; dropping the oldest unfinished connection")
        wire.evicted = True
        wire.writer.transport.abort()
        task.cancel()
        return True

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, wire: WireState
    ) -> None:
        try:
            await self._exchange(reader, writer, wire)
        except (OSError, TimeoutError) as exc:
            _log.debug("loopback connection ended early (%s)", type(exc).__name__)
        except Exception as exc:  # one connection's surprise must not reach the loop
            _log.warning("unexpected error on a loopback connection (%s)", type(exc).__name__)
        finally:
            wire.reading = False
            close_connection(writer)

    async def _exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, wire: WireState
    ) -> None:
        config = self._config
        h = h11.Connection(h11.SERVER, max_incomplete_event_size=config.max_head_bytes)
        head_only = False
        try:
            async with asyncio.timeout(config.read_timeout):
                request = await read_request_head(reader, h, wire)
        except TimeoutError:
            if not wire.received:
                return  # an idle preconnect socket: just close it
            answer = HttpAnswer(408, self._page(messages.PAGE_TIMEOUT))
        except TlsClientHello:
            self._note_tls_attempt()
            return
        except h11.RemoteProtocolError as exc:
            if not wire.received:
                return
            status = 431 if exc.error_status_hint == 431 else 400
            text = messages.PAGE_TOO_LARGE if status == 431 else messages.PAGE_BAD_REQUEST
            answer = HttpAnswer(status, self._page(text))
        else:
            if request is None:
                return
            wire.reading = False
            head_only = request.method == b"HEAD"
            answer = await self._route(request)
        finally:
            wire.reading = False
        await write_answer(writer, h, answer, head_only=head_only, timeout=config.write_timeout)
        _log.debug("answered %d", answer.status)
        await linger(reader, writer, min(config.read_timeout, _LINGER_CEILING))

    def _note_tls_attempt(self) -> None:
        self._tls_attempts += 1
        _log.warning(
            "a browser spoke HTTPS to the loopback sign-in port (HTTPS-only mode or HSTS?)"
        )
        if self._on_tls_attempt is not None:
            try:
                self._on_tls_attempt()
            except Exception as exc:
                _log.warning("on_tls_attempt failed (%s)", type(exc).__name__)

    # --- routing --------------------------------------------------------------------------

    async def _route(self, request: h11.Request) -> HttpAnswer:
        config = self._config
        if len(request.headers) > config.max_header_count:
            return HttpAnswer(431, self._page(messages.PAGE_TOO_LARGE))
        if len(request.target) > config.max_target_bytes:
            return HttpAnswer(414, self._page(messages.PAGE_TOO_LARGE))
        host = header_value(request, b"host")
        if host is None or host.decode("latin-1").lower() not in self._host_values:
            _log.debug("refused a request with an unexpected Host header")
            return HttpAnswer(400, self._page(messages.PAGE_BAD_REQUEST))
        for name, value in request.headers:
            if name == b"content-length" and value.strip() != b"0":
                return HttpAnswer(413, self._page(messages.PAGE_TOO_LARGE))
            if name == b"transfer-encoding":
                return HttpAnswer(400, self._page(messages.PAGE_BAD_REQUEST))
        try:
            target = request.target.decode("ascii")
        except UnicodeDecodeError:
            return HttpAnswer(400, self._page(messages.PAGE_BAD_REQUEST))
        if request.method == b"OPTIONS" and target == "*":
            return self._options(request)
        if not target.startswith("/") or "#" in target:
            return HttpAnswer(400, self._page(messages.PAGE_BAD_REQUEST))
        path, _, query = target.partition("?")
        if path == self._target.path:
            _log.debug("%s on the callback path", method_label(request.method))
            return await self._callback(request, query)
        if path == config.done_path:
            _log.debug("%s on the done path", method_label(request.method))
            return self._done(request)
        _log.debug("%s on another path", method_label(request.method))
        return HttpAnswer(404, self._page(messages.PAGE_NOT_FOUND))

    async def _callback(self, request: h11.Request, query: str) -> HttpAnswer:
        method = request.method
        if method == b"GET" and query:
            return await self._answer(query)
        if method in (b"GET", b"HEAD"):
            return self._landing()  # HEAD never validates: no side effects
        if method == b"OPTIONS":
            return self._options(request)
        return self._not_allowed()

    def _landing(self) -> HttpAnswer:
        if self._phase is _Phase.LISTENING and self._attempt.is_live:
            page = self._render(messages.PAGE_WAITING, Tone.WAIT, forward_fragment=True)
            return HttpAnswer(200, page)
        if self._attempt.status is AttemptStatus.COMPLETED:
            return HttpAnswer(200, self._page(messages.PAGE_ALREADY_COMPLETED))
        return HttpAnswer(200, self._page(messages.PAGE_ENDED))

    def _done(self, request: h11.Request) -> HttpAnswer:
        if request.method == b"OPTIONS":
            return self._options(request)
        if request.method not in (b"GET", b"HEAD"):
            return self._not_allowed()
        if self._done_page is None:
            return HttpAnswer(404, self._page(messages.PAGE_NOT_FOUND))
        if request.method == b"GET" and self._done_final:
            self._close_listeners()  # single use: the browser has its final answer
        return HttpAnswer(200, self._done_page)

    def _options(self, request: h11.Request) -> HttpAnswer:
        """Minimal OPTIONS; a Private Network Access preflight only for the expected AS origin."""
        headers = [("Allow", _ALLOW)]
        origin = header_value(request, b"origin")
        wants_pna = header_value(request, b"access-control-request-private-network")
        if (
            origin is not None
            and wants_pna is not None
            and wants_pna.lower() == b"true"
            and origin.decode("latin-1") in self._config.pna_origins
        ):
            headers += [
                ("Access-Control-Allow-Origin", origin.decode("latin-1")),
                ("Access-Control-Allow-Private-Network", "true"),
                ("Access-Control-Allow-Methods", "GET"),
                ("Vary", "Origin"),
            ]
        return HttpAnswer(204, None, tuple(headers))

    # --- answers --------------------------------------------------------------------------

    async def _answer(self, query: str) -> HttpAnswer:
        result = self._validate("?" + query)
        if isinstance(result, RedirectRejected):
            return self._rejected(result)
        if isinstance(result, RedirectRefused):
            page = self._render(
                messages.PAGE_REFUSED, Tone.FAIL, body=result.message, detail=result.detail
            )
            self._finish_with(page, final=True)
            self._resolve(LoopbackStatus.REFUSED, result.problem, result)
            return self._see_done()
        return await self._accepted(result)

    def _rejected(self, rejected: RedirectRejected) -> HttpAnswer:
        if self._on_rejected is not None:
            try:
                self._on_rejected(rejected)
            except Exception as exc:
                _log.warning("on_rejected failed (%s)", type(exc).__name__)
        reason = rejected.reason
        if reason is RejectReason.EXPIRED:
            self._on_deadline()  # the timer may lag the clock by a hair: end it now
        if reason in (RejectReason.MISSING_STATE, RejectReason.WRONG_STATE):
            return HttpAnswer(400, self._page(messages.PAGE_STALE))
        if reason is RejectReason.MALFORMED:
            page = self._page(messages.PAGE_MALFORMED, Tone.FAIL, body=rejected.message)
            return HttpAnswer(400, page)
        if reason is RejectReason.ALREADY_COMPLETED:
            return HttpAnswer(409, self._page(messages.PAGE_ALREADY_COMPLETED))
        if reason in (RejectReason.EXPIRED, RejectReason.CANCELLED):
            return HttpAnswer(410, self._page(messages.PAGE_ENDED))
        return HttpAnswer(400, self._page(messages.PAGE_BAD_REQUEST))

    async def _accepted(self, accepted: object) -> HttpAnswer:
        """Hold the browser while the app uses the credentials, up to the ceiling."""
        self._finish_with(self._render(messages.PAGE_PENDING, Tone.WAIT), final=False)
        task = asyncio.get_running_loop().create_task(self._run_app(accepted))
        self._app_task = task
        await asyncio.wait({task}, timeout=self._config.app_ceiling)
        if not task.done():
            _log.info("the app is still finishing sign-in; the browser is told to check the app")
        return self._see_done()

    async def _run_app(self, accepted: object) -> None:
        try:
            verdict = await self._on_credentials(accepted)
        except asyncio.CancelledError:
            self._done_page = self._page(messages.PAGE_CANCELLED)
            self._done_final = True
            self._resolve(LoopbackStatus.CANCELLED, _CANCELLED, accepted)
            raise
        except Exception as exc:  # the type only: messages may quote what the app was given
            _log.warning("the app failed while finishing sign-in (%s)", type(exc).__name__)
            verdict = AppOutcome.failure()
        if verdict.ok:
            self._done_page = self._render(messages.PAGE_SUCCESS, Tone.OK)
            status = LoopbackStatus.SUCCEEDED
        else:
            text = verdict.message or messages.APP_FAILURE_DEFAULT
            self._done_page = self._render(messages.PAGE_FAILURE, Tone.FAIL, body=text)
            status = LoopbackStatus.FAILED
        self._done_final = True
        # The app reports a failure in its own window; the outcome only records it.
        self._resolve(status, None, accepted, verdict)
