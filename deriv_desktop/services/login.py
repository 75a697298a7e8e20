"""Signing in as a state machine without Qt: one attempt at a time, every route behind one
validator, and the browser told the truth.

``idle → awaiting_browser → exchanging → ready | failed | cancelled | timed_out``

An attempt listens on the registered loopback redirect *before* the browser opens (when the
redirect is ``http://127.0.0.1/…``), and also accepts the same answer pasted by the user or
handed over by the OS (``derivdesktop://…``): the first valid answer wins, the others become
replays. A port that cannot be opened (port 80 without privileges on Linux) is reported as a
problem while the paste, scheme and API-token routes stay available. The loopback handler is
told "signed in" only after ``authorize`` worked, so the browser page never claims a success
the app does not have. The view only renders :class:`LoginStatus` and calls the methods here;
what went wrong is a :class:`~deriv_desktop.domain.problems.Problem` the view words itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from deriv_desktop.auth.attempt import DEFAULT_TIMEOUT_SECONDS, AttemptStatus, LoginAttempt
from deriv_desktop.auth.authorize_url import AUTHORIZE_PATH, build_authorize_url
from deriv_desktop.auth.binding import LoopbackBindError, LoopbackTarget, open_listening_sockets
from deriv_desktop.auth.loopback_types import (
    AppOutcome,
    LoopbackConfig,
    LoopbackSlot,
    LoopbackStatus,
)
from deriv_desktop.auth.redirect import (
    RedirectAccepted,
    RedirectRefused,
    RedirectRejected,
    RedirectResult,
    RejectReason,
    screen_pasted,
    validate_redirect,
)
from deriv_desktop.auth.scheme import DEFAULT_SCHEME_CALLBACK, validate_scheme_callback
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import (
    ApiError,
    BadInput,
    ClientClosed,
    ConnectionProblem,
    InvalidAppID,
)
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.problems import Problem, ProblemKind, problem_of
from deriv_desktop.services.api_kinds import LEGACY, ApiKind, BrowserRoute, TokenRoute
from deriv_desktop.services.login_phase import RemoteSession
from deriv_desktop.services.login_status import VIA_API_TOKEN as VIA_API_TOKEN
from deriv_desktop.services.login_status import VIA_OAUTH as VIA_OAUTH
from deriv_desktop.services.login_status import VIA_OAUTH2, VIA_PAT
from deriv_desktop.services.login_status import LoginNotice as LoginNotice
from deriv_desktop.services.login_status import LoginPhase as LoginPhase
from deriv_desktop.services.login_status import LoginProblem as LoginProblem
from deriv_desktop.services.login_status import LoginStatus as LoginStatus
from deriv_desktop.services.login_status import NoticeKind as NoticeKind
from deriv_desktop.services.profile import RedirectKind, redirect_kind, with_any_port
from deriv_desktop.services.remote_session import remote_session
from deriv_desktop.services.session import SessionService, SignInOutcome

if TYPE_CHECKING:  # the browser and new-API sign-in parts load when such a sign-in starts
    from deriv_desktop.auth.loopback import LoopbackReceiver
    from deriv_desktop.auth.oauth2 import CodeAccepted, OAuth2Attempt
    from deriv_desktop.services.new_api_login import OAuth2SignIn

log = logging.getLogger(__name__)


def _receiver_class() -> type[LoopbackReceiver]:
    """The loopback receiver, imported when a browser sign-in starts: it brings the HTTP
    parser (h11) and the browser pages (``html``), about 1.5 MiB that a session restored from
    the keyring or opened with tokens never needs (``tests/unit/test_lazy_imports.py``)."""
    from deriv_desktop.auth.loopback import LoopbackReceiver

    return LoopbackReceiver


OpenUrl = Callable[[str], Awaitable[bool]]
#: Told the redirect URI of each new attempt (the real port when the registered one is 0).
RedirectHook = Callable[[str], Awaitable[None]]

#: Where the app listens for the relay page's forward (any free port; the state carries it).
RELAY_LISTEN_URI = "http://127.0.0.1:0/callback"

#: How many first characters name a refused token (at most a third of it is ever shown).
TOKEN_PREFIX_CHARS = 4
MAX_API_TOKENS = 26  # one authorize token plus Deriv's 25 extra ones
_API_TOKEN = re.compile(r"^[\w\-]{1,128}$", re.ASCII)
_TOKEN_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True, slots=True)
class Submission:
    """What happened to a pasted or handed-over address: ``used`` means it ended the attempt;
    ``reason`` is why it was not used, or why the sign-in it started failed."""

    used: bool
    reason: Problem | None = None


@dataclass(frozen=True)
class LoginConfig:
    """Where to send the user and where the answer comes back. ``oauth_url`` may be the full
    authorize URL or its origin; ``redirect_uri`` is the one registered for ``app_id``."""

    app_id: str
    oauth_url: str
    redirect_uri: str
    language: str = "en"
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    scheme_callback: str = DEFAULT_SCHEME_CALLBACK
    loopback: LoopbackConfig = field(default_factory=LoopbackConfig)
    api: ApiKind = LEGACY  # the sign-in routes: which tokens are pasted, how the browser works


def oauth_base(url: str) -> str:
    """The origin (plus any prefix) that ``build_authorize_url`` extends with the authorize path."""
    text = url.strip().rstrip("/")
    return text[: -len(AUTHORIZE_PATH)] if text.endswith(AUTHORIZE_PATH) else text


def parse_api_tokens(text: str | Sequence[str]) -> list[str]:
    """Tokens separated by spaces, new lines, commas or semicolons; duplicates dropped.

    Raises :class:`BadInput` (a ``ValueError``) whose problem names the faulty token by its
    position only (0 when only one was pasted), never quoting it.
    """
    pieces = [text] if isinstance(text, str) else list(text)
    tokens: list[str] = []
    for piece in pieces:
        tokens += [t for t in _TOKEN_SEPARATORS.split(piece) if t]
    unique = list(dict.fromkeys(tokens))
    if not unique:
        raise BadInput(Problem(ProblemKind.NO_TOKENS))
    for number, token in enumerate(unique, start=1):
        if not _API_TOKEN.fullmatch(token):
            which = 0 if len(unique) == 1 else number
            raise BadInput(Problem(ProblemKind.TOKEN_SHAPE, number=which, count=len(unique)))
    if len(unique) > MAX_API_TOKENS:
        raise BadInput(Problem(ProblemKind.TOO_MANY_TOKENS, count=MAX_API_TOKENS))
    return unique


_NOT_ACCEPTED = {
    VIA_PAT: ProblemKind.PAT_NOT_ACCEPTED,
    VIA_API_TOKEN: ProblemKind.API_TOKEN_NOT_ACCEPTED,
}


def sign_in_problem(error: BaseException, via: str) -> tuple[LoginProblem, Problem]:
    """What kind of failure a sign-in error is (for the view's tone and actions) and the
    problem to tell the user. A refused token is told per route, since each route has its own
    remedy."""
    problem = problem_of(error)
    if problem.kind is ProblemKind.INVALID_TOKEN:
        kind = _NOT_ACCEPTED.get(via, ProblemKind.SIGN_IN_NOT_ACCEPTED)
        # number/count: which of several pasted tokens it was (the backend knows, when it can).
        which = Problem(kind, code=problem.code, number=problem.number, count=problem.count)
        return LoginProblem.INVALID_TOKEN, which
    if isinstance(error, InvalidAppID):
        return LoginProblem.SETUP, problem
    if isinstance(error, ApiError):
        return LoginProblem.SERVER, problem
    if isinstance(error, ConnectionProblem):
        return LoginProblem.NETWORK, Problem(ProblemKind.SIGN_IN_UNREACHABLE, cause=problem)
    if isinstance(error, ClientClosed):
        return LoginProblem.INTERNAL, Problem(ProblemKind.CLOSING)
    if isinstance(error, BadInput):
        return LoginProblem.BAD_INPUT, problem
    return LoginProblem.INTERNAL, problem


_NOT_WAITING = Problem(ProblemKind.NOT_WAITING)
_CANCELLED = Problem(ProblemKind.SIGN_IN_CANCELLED)


class LoginService:
    """Owns the current sign-in attempt. Events: ``changed`` (every new :class:`LoginStatus`),
    ``notice`` (answers that were not used, TLS hints) and ``signed_in`` (the outcome)."""

    def __init__(
        self,
        session: SessionService,
        config: LoginConfig,
        *,
        open_url: OpenUrl,
        on_redirect: RedirectHook | None = None,
        oauth2: OAuth2SignIn | None = None,
        clock: Callable[[], float] = time.monotonic,
        detect_remote: Callable[[], RemoteSession | None] = remote_session,
    ) -> None:
        """``detect_remote`` (blocking, run in an executor at each start) tells a session
        where the browser is not opened by itself (SSH, WSL, no display)."""
        self.session = session
        self.config = config
        self.oauth2 = oauth2
        self._oauth2_attempt: OAuth2Attempt | None = None
        self._open_url = open_url
        self._on_redirect = on_redirect
        self._clock = clock
        self._detect_remote = detect_remote
        self._remote: RemoteSession | None = None
        self._slot = LoopbackSlot()
        self._attempt: LoginAttempt | None = None
        #: Where the browser may end for the current attempt: a pasted address must lead there.
        self._paste_targets: tuple[str, ...] = ()
        #: The pasted tokens Deriv did not refuse, after it refused one of them.
        self._other_tokens: list[str] = []
        self._receiver: LoopbackReceiver | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._lock = asyncio.Lock()
        self._closed = False
        self._status = LoginStatus(LoginPhase.IDLE, timeout=config.timeout)
        self.changed: Event[LoginStatus] = Event("login status")
        self.notice: Event[LoginNotice] = Event("login notice")
        self.signed_in: Event[SignInOutcome] = Event("signed in")

    def __repr__(self) -> str:
        return f"LoginService(app {self.config.app_id}, {self._status.phase.value})"

    # ------------------------------------------------------------------ reading
    @property
    def status(self) -> LoginStatus:
        return self._status

    @property
    def receiver(self) -> LoopbackReceiver | None:
        """The live loopback receiver, if the current attempt listens (tests, diagnostics)."""
        return self._receiver

    def remaining(self) -> float | None:
        """Seconds left for the waiting attempt (the countdown), None when none is waiting."""
        attempt = self._attempt
        if attempt is None or not self._status.waiting:
            return None
        return attempt.remaining()

    # ------------------------------------------------------------------ browser route
    async def start(self) -> LoginStatus:
        """Start a fresh attempt (ending any previous one) and open the browser once listening."""
        if self._closed:
            raise RuntimeError("the login service is closed")
        if self._status.busy:
            return self._status
        async with self._lock:
            await self._end_attempt()
            running = asyncio.get_running_loop()
            self._remote = await running.run_in_executor(None, self._detect_remote)
            if not await self._begin():
                return self._status
        url = self._status.authorize_url
        assert url is not None
        if self._remote is not None:
            log.info("browser not opened (%s session)", self._remote.value)
            return self._status
        opened = await self._open(url)
        if self._status.waiting and self._status.authorize_url == url:
            self._update(browser_opened=opened)
        return self._status

    async def open_again(self) -> bool:
        """Open the same URL (same ``state``) again; a new tab does not start a new attempt."""
        url = self._status.authorize_url
        if not self._status.waiting or url is None:
            return False
        opened = await self._open(url)
        if self._status.authorize_url == url:
            self._update(browser_opened=opened)
        return opened

    async def _begin(self) -> bool:
        if self.config.api.browser_route is BrowserRoute.OAUTH2_RELAY:
            return await self._begin_oauth2()
        config = self.config
        kind = redirect_kind(config.redirect_uri)
        if kind is RedirectKind.INVALID:
            self._fail(LoginProblem.SETUP, Problem(ProblemKind.REDIRECT_UNUSABLE))
            return False
        attempt = LoginAttempt.new(config.redirect_uri, config.timeout, clock=self._clock)
        try:
            url = build_authorize_url(
                app_id=config.app_id.strip(),
                state=attempt.state,
                language=config.language,
                base_url=oauth_base(config.oauth_url),
            )
        except ValueError:
            self._fail(LoginProblem.SETUP, Problem(ProblemKind.SIGN_IN_SETUP_MISSING))
            return False
        redirect, bind_error = config.redirect_uri, None
        receiver: LoopbackReceiver | None = None
        if kind is RedirectKind.LOOPBACK:
            receiver = _receiver_class()(
                attempt,
                on_credentials=partial(self._loopback_credentials, attempt),
                on_tls_attempt=self._tls_seen,
                on_rejected=partial(self._rejected, attempt),
                config=config.loopback,
                language=config.language,
            )
            try:
                redirect = await self._slot.start(receiver)
            except LoopbackBindError as exc:
                if exc.problem.kind is ProblemKind.PORT_IN_USE:
                    # Someone listens there: the browser would hand them the tokens.
                    taken = Problem(
                        ProblemKind.SIGN_IN_PORT_TAKEN, host=exc.problem.host, port=exc.problem.port
                    )
                    self._fail(LoginProblem.PORT_TAKEN, taken)
                    return False
                # Nobody listens (no permission, no such address): the browser's error page
                # shows the address, which the user can paste.
                bind_error = exc.problem
                receiver = None
        await self._await_browser(
            attempt,
            receiver,
            url,
            redirect,
            bind_error=bind_error,
            kind=kind.value,
            targets=(config.redirect_uri, redirect),
        )
        return True

    async def _begin_oauth2(self) -> bool:
        """The new API's browser route: bind a free loopback port first, then build the PKCE
        attempt and listen. With a registered port-less ``http://127.0.0.1/<path>`` redirect
        (the loopback route, preferred) Deriv redirects to that path on this port; otherwise
        the state carries the port to the relay page, which forwards the answer here."""
        from deriv_desktop.auth.oauth2 import relay_callback_url, validate_callback

        flow = self.oauth2
        if flow is None:
            self._fail(LoginProblem.SETUP, Problem(ProblemKind.NEW_API_SETUP_MISSING))
            return False
        loopback = flow.loopback
        listen = with_any_port(flow.config.redirect_uri) if loopback else RELAY_LISTEN_URI
        try:
            sockets = open_listening_sockets(
                LoopbackTarget.parse(listen), self.config.loopback.backlog
            )
        except LoopbackBindError as exc:
            kind = ProblemKind.LOOPBACK_PORT_FAILED if loopback else ProblemKind.RELAY_PORT_FAILED
            self._fail(LoginProblem.SETUP, Problem(kind, cause=exc.problem))
            return False
        port = sockets[0].getsockname()[1]
        try:
            oauth_attempt = flow.start(port, timeout=self.config.timeout, clock=self._clock)
        except ValueError:
            for sock in sockets:
                sock.close()
            self._fail(LoginProblem.SETUP, Problem(ProblemKind.RELAY_UNUSABLE))
            return False
        attempt = oauth_attempt.login
        # Where the browser lands: the attempt's own redirect, or the relay's forward.
        lands = oauth_attempt.redirect_uri if loopback else relay_callback_url(port)
        receiver = _receiver_class()(
            attempt,
            on_credentials=partial(self._code_credentials, oauth_attempt),
            on_tls_attempt=self._tls_seen,
            on_rejected=partial(self._rejected, attempt),
            config=self.config.loopback,
            validate=partial(validate_callback, oauth_attempt),
            listen_uri=lands,
            sockets=sockets,
            language=self.config.language,
        )
        await self._slot.start(receiver)
        self._oauth2_attempt = oauth_attempt
        await self._await_browser(
            attempt,
            receiver,
            oauth_attempt.authorization_url,
            oauth_attempt.redirect_uri,
            kind="oauth2 loopback" if loopback else "oauth2 relay",
            targets=tuple(dict.fromkeys((flow.config.redirect_uri, lands))),
        )
        return True

    async def _await_browser(
        self,
        attempt: LoginAttempt,
        receiver: LoopbackReceiver | None,
        url: str,
        redirect: str,
        *,
        kind: str,
        targets: tuple[str, ...],
        bind_error: Problem | None = None,
    ) -> None:
        listening = receiver is not None
        self._attempt = attempt
        self._paste_targets = targets
        self._receiver = receiver
        if receiver is not None:
            self._watcher = asyncio.create_task(
                self._watch(receiver, attempt), name="sign-in-loopback"
            )
        else:
            loop = asyncio.get_running_loop()
            self._deadline = loop.call_later(attempt.remaining(), self._expire, attempt)
        if self._on_redirect is not None:
            try:
                await self._on_redirect(redirect)
            except Exception as exc:  # the attempt is still usable through paste
                log.warning("the redirect hook failed (%s)", type(exc).__name__)
        log.info(
            "sign-in started (%s%s)",
            kind,
            ", listening" if listening else (", cannot listen" if bind_error else ""),
        )
        self._set(
            LoginPhase.AWAITING_BROWSER,
            authorize_url=url,
            redirect_uri=redirect,
            listening=listening,
            bind_error=bind_error,
            deadline=attempt.deadline,
            remote=self._remote,
        )

    async def _open(self, url: str) -> bool:
        try:
            return bool(await self._open_url(url))
        except Exception as exc:
            log.warning("could not open the browser (%s)", type(exc).__name__)
            return False

    # ------------------------------------------------------------------ answers
    async def submit_pasted(self, text: str) -> Submission:
        """The address the browser ended on, pasted by the user (same validator as loopback)."""
        attempt = self._attempt
        if attempt is None or not self._status.waiting:
            return Submission(False, _NOT_WAITING)
        refused = screen_pasted(text, self._paste_targets)
        if refused is not None:
            return Submission(False, refused.problem)
        oauth_attempt = self._oauth2_attempt
        if oauth_attempt is not None and oauth_attempt.login is attempt:
            from deriv_desktop.auth.oauth2 import validate_callback

            return await self._use_answer(attempt, validate_callback(oauth_attempt, text))
        return await self._use_answer(attempt, validate_redirect(attempt, text))

    async def submit_scheme_url(self, url: str) -> Submission:
        """A ``derivdesktop://`` URL the OS handed to the app (through the single instance)."""
        attempt = self._attempt
        if attempt is None or not self._status.waiting:
            self.notice.emit(LoginNotice(NoticeKind.NOT_WAITING, _NOT_WAITING))
            return Submission(False, _NOT_WAITING)
        result = validate_scheme_callback(attempt, url, self.config.scheme_callback)
        submission = await self._use_answer(attempt, result)
        if isinstance(result, RedirectRejected):
            self.notice.emit(LoginNotice(NoticeKind.REJECTED, result.problem))
        return submission

    async def _use_answer(
        self, attempt: LoginAttempt, result: RedirectResult | CodeAccepted
    ) -> Submission:
        from deriv_desktop.auth.oauth2 import CodeAccepted

        if isinstance(result, RedirectRejected):
            if attempt is self._attempt:
                self._update(wrong_state_count=attempt.wrong_state_count)
                if result.reason is RejectReason.EXPIRED:
                    self._expire(attempt)
            return Submission(False, result.problem)
        self._stop_waiting()  # the attempt is settled: close the port, stop the timer
        if isinstance(result, RedirectRefused):
            self._fail(LoginProblem.REFUSED, result.problem)
            return Submission(True, result.problem)
        if isinstance(result, CodeAccepted):
            oauth_attempt, flow = self._oauth2_attempt, self.oauth2
            assert oauth_attempt is not None and flow is not None
            problem = await self._exchange(partial(flow.redeem, oauth_attempt, result), VIA_OAUTH2)
            return Submission(True, problem)
        problem = await self._exchange(
            partial(self.session.sign_in, list(result.accounts), via=VIA_OAUTH), VIA_OAUTH
        )
        return Submission(True, problem)

    async def _code_credentials(
        self, oauth_attempt: OAuth2Attempt, accepted: CodeAccepted
    ) -> AppOutcome:
        """The relay forwarded an accepted code: redeem it and sign in, then tell the page."""
        if oauth_attempt is not self._oauth2_attempt or self.oauth2 is None:
            return AppOutcome.failure()
        self._cancel_timer()
        problem = await self._exchange(
            partial(self.oauth2.redeem, oauth_attempt, accepted), VIA_OAUTH2
        )
        return AppOutcome.success() if problem is None else AppOutcome.failure()

    async def _loopback_credentials(
        self, attempt: LoginAttempt, accepted: RedirectAccepted
    ) -> AppOutcome:
        if attempt is not self._attempt:
            return AppOutcome.failure()
        self._cancel_timer()
        credentials: list[AccountCredential] = list(accepted.accounts)
        problem = await self._exchange(
            partial(self.session.sign_in, credentials, via=VIA_OAUTH), VIA_OAUTH
        )
        return AppOutcome.success() if problem is None else AppOutcome.failure()

    async def _watch(self, receiver: LoopbackReceiver, attempt: LoginAttempt) -> None:
        outcome = await receiver.wait()
        if attempt is not self._attempt:
            return
        status = outcome.status
        if status is LoopbackStatus.REFUSED and outcome.problem is not None:
            self._fail(LoginProblem.REFUSED, outcome.problem)
        elif status is LoopbackStatus.TIMED_OUT and self._status.waiting:
            self._set(
                LoginPhase.TIMED_OUT,
                reason=outcome.problem,
                problem=LoginProblem.TIMEOUT,
                wrong_state_count=outcome.wrong_state_count,
            )
            log.info("sign-in timed out (%d stale answers)", outcome.wrong_state_count)
        elif status is LoopbackStatus.CANCELLED and self._status.waiting:
            self._set(LoginPhase.CANCELLED, reason=outcome.problem)
        # SUCCEEDED/FAILED were reported by the exchange; ENDED_ELSEWHERE by the other route.

    def _tls_seen(self) -> None:
        if self._status.waiting and not self._status.tls_hint:
            self._update(tls_hint=True)
        self.notice.emit(LoginNotice(NoticeKind.TLS, Problem(ProblemKind.TLS_TO_LOOPBACK)))

    def _rejected(self, attempt: LoginAttempt, rejected: RedirectRejected) -> None:
        if attempt is self._attempt and self._status.waiting:
            self._update(wrong_state_count=attempt.wrong_state_count)
        self.notice.emit(LoginNotice(NoticeKind.REJECTED, rejected.problem))

    # ------------------------------------------------------------------ API tokens
    async def sign_in_with_tokens(self, tokens: str | Sequence[str]) -> LoginStatus:
        """Sign in with one or more pasted API tokens (any waiting browser attempt ends)."""
        if self._closed:
            raise RuntimeError("the login service is closed")
        if self._status.busy:
            return self._status
        via = self.config.api.token_via
        try:
            if self.config.api.token_route is TokenRoute.PERSONAL_TOKEN:
                from deriv_desktop.services.new_api_login import clean_pat

                text = tokens if isinstance(tokens, str) else " ".join(tokens)
                parsed = [clean_pat(text)]
            else:
                parsed = parse_api_tokens(tokens)
        except BadInput as exc:
            self._fail(LoginProblem.BAD_INPUT, exc.problem, via=via)
            return self._status
        async with self._lock:
            await self._end_attempt()
        self._other_tokens = []
        await self._exchange(
            partial(self.session.sign_in_with_tokens, parsed, via=via), via, tokens=parsed
        )
        return self._status

    async def continue_with_other_tokens(self) -> LoginStatus:
        """After one of several pasted tokens was refused: sign in with the others."""
        others, self._other_tokens = self._other_tokens, []
        if not others or self._status.busy:
            return self._status
        return await self.sign_in_with_tokens(others)

    def _name_refused_token(self, problem: Problem, tokens: Sequence[str]) -> Problem:
        """Name the refused one of several tokens by its position and first characters (a
        third at most, never the value), and keep the others for "continue without it"."""
        number = problem.number
        if problem.kind is not ProblemKind.API_TOKEN_NOT_ACCEPTED or not 0 < number <= len(tokens):
            return problem
        if len(tokens) < 2:
            return problem
        token = tokens[number - 1]
        self._other_tokens = [t for t in tokens if t != token]
        return Problem(
            ProblemKind.ONE_TOKEN_NOT_ACCEPTED,
            code=problem.code,
            number=number,
            count=len(tokens),
            name=token[: min(TOKEN_PREFIX_CHARS, len(token) // 3)],
        )

    # ------------------------------------------------------------------ the exchange
    async def _exchange(
        self,
        sign_in: Callable[[], Awaitable[SignInOutcome]],
        via: str,
        *,
        tokens: Sequence[str] = (),
    ) -> Problem | None:
        """Run the sign-in; None when it worked, else the problem (also set on the status).
        ``tokens``: what the user pasted, so a refused one of several can be named."""
        self._set(LoginPhase.EXCHANGING, via=via)
        try:
            outcome = await sign_in()
        except asyncio.CancelledError:
            if self._status.busy:
                self._set(LoginPhase.CANCELLED, reason=_CANCELLED, via=via)
            raise
        except Exception as exc:
            category, problem = sign_in_problem(exc, via)
            problem = self._name_refused_token(problem, tokens)
            log.warning("sign-in failed (%s, %s, %s)", via, type(exc).__name__, problem.kind.value)
            self._set(
                LoginPhase.FAILED,
                reason=problem,
                problem=category,
                via=via,
                other_tokens=len(self._other_tokens),
            )
            return problem
        log.info("signed in (%s, %d accounts)", via, len(outcome.signed_in.accounts))
        self._set(LoginPhase.READY, via=via, outcome=outcome)
        self.signed_in.emit(outcome)
        return None

    # ------------------------------------------------------------------ ending
    def cancel(self) -> bool:
        """Cancel the waiting attempt: its port closes at once. False when nothing waits."""
        if not self._status.waiting:
            return False
        attempt = self._attempt
        if attempt is not None:
            attempt.cancel()
        self._stop_waiting()
        self._set(LoginPhase.CANCELLED, reason=_CANCELLED)
        log.info("sign-in cancelled")
        return True

    async def reset(self) -> None:
        """Forget the last attempt and go back to idle (after signing out, say)."""
        async with self._lock:
            await self._end_attempt()
        self._set(LoginPhase.IDLE)

    async def aclose(self) -> None:
        """End everything: the attempt, the listener, the watcher. Safe to call twice."""
        self._closed = True
        async with self._lock:
            await self._end_attempt()

    def _expire(self, attempt: LoginAttempt) -> None:
        """The deadline of an attempt without a listener (the receiver has its own timer)."""
        if attempt is not self._attempt:
            return
        self._deadline = None
        if attempt.expire() or attempt.status is AttemptStatus.EXPIRED:
            if self._receiver is not None:
                self._receiver.cancel()
            if self._status.waiting:
                self._set(
                    LoginPhase.TIMED_OUT,
                    reason=attempt.timed_out_problem(),
                    problem=LoginProblem.TIMEOUT,
                    wrong_state_count=attempt.wrong_state_count,
                )

    def _stop_waiting(self) -> None:
        self._cancel_timer()
        if self._receiver is not None:
            self._receiver.cancel()

    def _cancel_timer(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    async def _end_attempt(self) -> None:
        attempt, self._attempt = self._attempt, None
        self._oauth2_attempt = None
        if attempt is not None:
            attempt.cancel()
        self._cancel_timer()
        watcher, self._watcher = self._watcher, None
        self._receiver = None
        await self._slot.stop()
        if watcher is not None and not watcher.done():
            watcher.cancel()
        if watcher is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    # ------------------------------------------------------------------ status
    def _fail(self, problem: LoginProblem, reason: Problem, *, via: str = VIA_OAUTH) -> None:
        self._set(LoginPhase.FAILED, reason=reason, problem=problem, via=via)

    def _set(self, phase: LoginPhase, **fields: Any) -> None:
        fields.setdefault("timeout", self.config.timeout)
        self._status = LoginStatus(phase, **fields)
        self.changed.emit(self._status)

    def _update(self, **fields: Any) -> None:
        self._status = replace(self._status, **fields)
        self.changed.emit(self._status)
