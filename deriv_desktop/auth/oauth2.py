"""Sign-in with the new Deriv API's OAuth2: authorization code + PKCE (S256) at auth.deriv.com.

Deriv documents an exact, registered HTTPS redirect URL. Where its dashboard accepts a
port-less ``http://127.0.0.1/<path>`` registration, its server (Ory Hydra) accepts that redirect
with any port, and the app receives the code on a free loopback port of each attempt
(:func:`is_loopback_redirect`, the loopback route). Otherwise the route is a relay page the user
hosts over HTTPS (``resources/relay/deriv-desktop-relay.html``), registered as the redirect
URL: it forwards ``code`` and ``state`` (or ``error``) to ``http://127.0.0.1:<port>/callback``.
The port travels inside ``state`` as ``<port>.<random>``; the app checks the *whole* state in
constant time, so the port part gives an attacker nothing.

The pieces, each usable on its own:

* :class:`OAuth2Attempt` — one attempt: state (with the relay port), PKCE pair, the exact
  redirect URL, and the authorization URL built from them;
* :func:`validate_callback` — the answer, whichever way it arrived (relay → loopback, or
  pasted): ``state`` first (shared with the legacy validator), then ``iss`` if present, then
  ``error``/``error_description``, then ``code``; single use;
* :func:`exchange_code` / :func:`refresh_token` — the token endpoint, with the same
  ``redirect_uri`` string as the authorization request. The transport is injected
  (``post_form``): the services pass the API layer's HTTPS client (verified TLS, system proxy).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urlencode, urlsplit

from deriv_desktop.auth.attempt import DEFAULT_TIMEOUT_SECONDS, AttemptStatus, LoginAttempt
from deriv_desktop.auth.pkce import METHOD, Pkce
from deriv_desktop.auth.redirect import (
    MAX_VALUE_CHARS,
    RedirectRefused,
    RedirectRejected,
    RejectReason,
    ended_rejection,
    read_refusal,
    reject,
    screen_answer,
)
from deriv_desktop.domain.errors import ApiError, InvalidToken, WrongResponse
from deriv_desktop.domain.problems import Problem, ProblemKind

log = logging.getLogger(__name__)

DERIV_AUTH_BASE_URL = "https://auth.deriv.com"
AUTH_PATH = "/oauth2/auth"
TOKEN_PATH = "/oauth2/token"  # noqa: S105 - a path, not a secret
SCOPES = ("trade", "account_manage", "payment", "application_read")
OFFLINE_SCOPE = "offline_access"
DEFAULT_SCOPES = ("trade",)
DEFAULT_EXPIRES_IN = 3600
RELAY_CALLBACK_PATH = "/callback"
STATE_BYTES = 32

_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_CODE = re.compile(r"^[A-Za-z0-9._~+/=-]{1,512}$")
_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
_LOOPBACK_LITERALS = frozenset({"127.0.0.1", "::1"})

#: ``post_form(url, form, timeout) -> (status, body)``; raises ``ConnectionProblem`` itself.
FormPoster = Callable[[str, Mapping[str, str], float], Awaitable[tuple[int, bytes]]]


class OAuth2Refused(ApiError):
    """The token endpoint refused (``invalid_grant``, ``invalid_client``, …); sign in again."""

    code = "OAuth2Refused"

    def _default_problem(self) -> Problem:
        kind = {
            "invalid_grant": ProblemKind.EXCHANGE_INVALID_GRANT,
            "invalid_client": ProblemKind.EXCHANGE_INVALID_CLIENT,
        }.get(self.server_code, ProblemKind.EXCHANGE_REFUSED)
        return Problem(kind, code=self.server_code)


# ---------------------------------------------------------------------------------- state
def relay_state(port: int) -> str:
    """``<port>.<256 random bits>``: the relay page reads the port; the app checks it all."""
    if not 1 <= port <= 65535:
        raise ValueError("port must be 1..65535")
    return f"{port}.{secrets.token_urlsafe(STATE_BYTES)}"


def relay_port(state: str) -> int | None:
    """The loopback port a relay state names (None when it carries none)."""
    head, dot, _ = state.partition(".")
    if not dot or not head.isdigit() or len(head) > 5:
        return None
    port = int(head)
    return port if 1 <= port <= 65535 else None


# ---------------------------------------------------------------------------------- URL
def _origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise ValueError("base_url must be an http(s) origin")
    if parts.scheme == "http" and host not in _LOOPBACK:
        raise ValueError("plain http is only allowed for a loopback base_url (the sandbox)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError("base_url must not carry a query, fragment or user info")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def token_url(base_url: str = DERIV_AUTH_BASE_URL) -> str:
    return _origin(base_url) + TOKEN_PATH


def build_authorization_url(
    *,
    client_id: str,
    redirect_uri: str,
    scopes: Sequence[str],
    state: str,
    code_challenge: str,
    legacy_app_id: str | None = None,
    prompt: str | None = None,
    base_url: str = DERIV_AUTH_BASE_URL,
) -> str:
    """The encoded authorization URL (``response_type=code``, PKCE ``S256``).

    ``legacy_app_id`` makes Deriv send users who are not migrated yet to that legacy app.
    Scopes are space-separated (encoded ``+``).
    """
    if not _CLIENT_ID.fullmatch(client_id):
        raise ValueError("client_id must be the new app id (letters, digits, . _ -)")
    unknown = [s for s in scopes if s not in (*SCOPES, OFFLINE_SCOPE)]
    if not scopes or unknown:
        raise ValueError(f"scopes must be among {(*SCOPES, OFFLINE_SCOPE)}")
    if len(state) < 22:
        raise ValueError("state must carry at least 128 bits")
    _check_redirect(redirect_uri)
    params = [
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("scope", " ".join(scopes)),
        ("state", state),
        ("code_challenge", code_challenge),
        ("code_challenge_method", METHOD),
    ]
    if legacy_app_id:
        if not legacy_app_id.isdigit() or len(legacy_app_id) > 10:
            raise ValueError("legacy_app_id must be the legacy numeric app id")
        params.append(("app_id", legacy_app_id))
    if prompt:
        params.append(("prompt", prompt))
    return f"{_origin(base_url)}{AUTH_PATH}?{urlencode(params)}"


def _check_redirect(redirect_uri: str) -> None:
    parts = urlsplit(redirect_uri)
    host = parts.hostname or ""
    if parts.fragment or not host:
        raise ValueError("redirect_uri must be an absolute URL without a fragment")
    if parts.scheme != "https" and not (parts.scheme == "http" and host in _LOOPBACK):
        raise ValueError("redirect_uri must be https (Deriv accepts no other)")


# ---------------------------------------------------------------------------------- attempt
@dataclass(frozen=True, eq=False)
class OAuth2Attempt:
    """Everything one sign-in needs; secrets (state, verifier) stay out of ``repr``."""

    login: LoginAttempt
    pkce: Pkce = field(repr=False)
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    issuer: str
    authorization_url: str = field(repr=False)

    @classmethod
    def new(
        cls,
        *,
        client_id: str,
        redirect_uri: str,
        relay_port: int | None = None,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        legacy_app_id: str | None = None,
        base_url: str = DERIV_AUTH_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> OAuth2Attempt:
        """A fresh attempt. With ``relay_port`` the state carries the loopback port the relay
        page forwards to; without it the state is plain random (paste route)."""
        if not timeout > 0:
            raise ValueError("timeout must be positive")
        state = relay_state(relay_port) if relay_port else secrets.token_urlsafe(STATE_BYTES)
        pkce = Pkce.new()
        login = LoginAttempt(
            state=state,
            redirect_uri=redirect_uri,
            created_at=datetime.now(UTC),
            timeout=float(timeout),
            deadline=clock() + timeout,
            clock=clock,
        )
        url = build_authorization_url(
            client_id=client_id,
            redirect_uri=redirect_uri,
            scopes=scopes,
            state=state,
            code_challenge=pkce.challenge,
            legacy_app_id=legacy_app_id,
            base_url=base_url,
        )
        return cls(login, pkce, client_id, redirect_uri, tuple(scopes), _origin(base_url), url)

    @property
    def state(self) -> str:
        return self.login.state

    @property
    def status(self) -> AttemptStatus:
        return self.login.status

    def cancel(self) -> bool:
        return self.login.cancel()


@dataclass(frozen=True, slots=True)
class CodeAccepted:
    """The callback carried this attempt's state and a usable code (single use)."""

    code: str = field(repr=False)


CallbackResult = CodeAccepted | RedirectRefused | RedirectRejected


def validate_callback(attempt: OAuth2Attempt, url_or_query: str) -> CallbackResult:
    """Check an OAuth2 answer: ``state`` first (constant time), then ``iss`` when present, then
    ``error``/``error_description``, then ``code``. Settles the attempt on acceptance or
    refusal, so a replay is ``ALREADY_COMPLETED``."""
    screened = screen_answer(attempt.login, url_or_query)
    if isinstance(screened, RedirectRejected):
        return screened
    names = [name for name, _ in screened]
    if any(count > 1 for count in Counter(names).values()):
        return reject(RejectReason.MALFORMED, ProblemKind.MALFORMED_DUPLICATE, names)
    values = dict(screened)
    if any(len(v) > MAX_VALUE_CHARS or not v.isprintable() for v in values.values()):
        return reject(RejectReason.MALFORMED, ProblemKind.MALFORMED_BAD_VALUE, names)
    issuer = values.get("iss")
    if issuer is not None and issuer.rstrip("/") != attempt.issuer:
        return reject(RejectReason.MALFORMED, ProblemKind.MALFORMED_ISSUER, names)
    result: CodeAccepted | RedirectRefused
    if "error" in values:
        result = read_refusal(values["error"], values.get("error_description"))
    else:
        code = values.get("code")
        if not code:
            return reject(RejectReason.MALFORMED, ProblemKind.MALFORMED_NO_CODE, names)
        if not _CODE.fullmatch(code):
            return reject(RejectReason.MALFORMED, ProblemKind.MALFORMED_CODE, names)
        result = CodeAccepted(code)
    status = AttemptStatus.COMPLETED if isinstance(result, CodeAccepted) else AttemptStatus.REFUSED
    if not attempt.login.settle(status):
        ended = ended_rejection(attempt.login)
        return ended or reject(
            RejectReason.ALREADY_COMPLETED, ProblemKind.ANSWER_ALREADY_USED, names
        )
    log.info("OAuth2 answer %s", "accepted" if isinstance(result, CodeAccepted) else "refused")
    return result


# ---------------------------------------------------------------------------------- tokens
@dataclass(frozen=True, slots=True)
class OAuth2Token:
    """An access token (and maybe a refresh token). ``expires_at`` is a ``time.time()`` epoch."""

    access_token: str = field(repr=False)
    token_type: str
    expires_at: float
    scopes: tuple[str, ...] = ()
    refresh_token: str | None = field(default=None, repr=False)

    @property
    def can_refresh(self) -> bool:
        return self.refresh_token is not None

    def expired(self, now: float | None = None, *, margin: float = 60.0) -> bool:
        """True from ``margin`` seconds before the deadline (renew before Deriv refuses)."""
        return (time.time() if now is None else now) >= self.expires_at - margin


async def exchange_code(
    attempt: OAuth2Attempt,
    code: CodeAccepted,
    *,
    post_form: FormPoster,
    base_url: str | None = None,
    timeout: float = 15.0,
    clock: Callable[[], float] = time.time,
) -> OAuth2Token:
    """Redeem the code: ``grant_type=authorization_code`` with the verifier and the exact
    ``redirect_uri`` of the authorization request."""
    form = {
        "grant_type": "authorization_code",
        "client_id": attempt.client_id,
        "code": code.code,
        "code_verifier": attempt.pkce.verifier,
        "redirect_uri": attempt.redirect_uri,
    }
    url = token_url(base_url) if base_url else attempt.issuer + TOKEN_PATH
    return await _token_request(url, form, post_form, timeout, clock, attempt.scopes)


async def refresh_token(
    token: OAuth2Token,
    *,
    client_id: str,
    post_form: FormPoster,
    base_url: str = DERIV_AUTH_BASE_URL,
    timeout: float = 15.0,
    clock: Callable[[], float] = time.time,
) -> OAuth2Token:
    """``grant_type=refresh_token``; without a refresh token: ``InvalidToken`` (sign in again)."""
    if token.refresh_token is None:
        raise InvalidToken(
            "no refresh token", code="SessionExpired", problem=Problem(ProblemKind.SESSION_EXPIRED)
        )
    form = {
        "grant_type": "refresh_token",
        "client_id": client_id,
        "refresh_token": token.refresh_token,
    }
    return await _token_request(token_url(base_url), form, post_form, timeout, clock, token.scopes)


async def fresh_token(
    token: OAuth2Token,
    *,
    client_id: str,
    post_form: FormPoster,
    base_url: str = DERIV_AUTH_BASE_URL,
    clock: Callable[[], float] = time.time,
) -> OAuth2Token:
    """``token`` while it is valid; else a refreshed one; else ``InvalidToken`` (sign in)."""
    if not token.expired(clock()):
        return token
    return await refresh_token(
        token, client_id=client_id, post_form=post_form, base_url=base_url, clock=clock
    )


async def _token_request(
    url: str,
    form: Mapping[str, str],
    post_form: FormPoster,
    timeout: float,
    clock: Callable[[], float],
    requested: tuple[str, ...],
) -> OAuth2Token:
    status, body = await post_form(url, form, timeout)
    try:
        payload = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError):
        payload = None
    if status >= 500:
        raise WrongResponse(
            f"token endpoint answered HTTP {status}",
            code=f"HTTP{status}",
            msg_type="token",
            problem=Problem(ProblemKind.EXCHANGE_SERVER_ERROR, code=f"HTTP{status}"),
        )
    if not isinstance(payload, dict):
        raise _unreadable("not a JSON object")
    if status != 200:
        error = payload.get("error")
        code = error if isinstance(error, str) and error.isprintable() else f"HTTP{status}"
        log.info("token endpoint refused: %s", code[:40])
        raise OAuth2Refused(
            f"token endpoint refused: {code[:40]}", code=code[:40], msg_type="token"
        )
    access = payload.get("access_token")
    kind = payload.get("token_type", "bearer")
    if not isinstance(access, str) or not access or not isinstance(kind, str):
        raise _unreadable("no access token")
    if kind.lower() != "bearer":
        raise _unreadable("not a bearer token")
    expires_in = payload.get("expires_in", DEFAULT_EXPIRES_IN)
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | float) or expires_in <= 0:
        expires_in = DEFAULT_EXPIRES_IN
    refresh = payload.get("refresh_token")
    scope = payload.get("scope")
    scopes = tuple(scope.split()) if isinstance(scope, str) and scope else requested
    return OAuth2Token(
        access_token=access,
        token_type="Bearer",  # noqa: S106 - the scheme's name, not a secret
        expires_at=clock() + float(expires_in),
        scopes=scopes,
        refresh_token=refresh if isinstance(refresh, str) and refresh else None,
    )


def _unreadable(why: str) -> WrongResponse:
    return WrongResponse(
        f"token endpoint answer unusable: {why}",
        msg_type="token",
        problem=Problem(ProblemKind.EXCHANGE_UNREADABLE),
    )


def is_loopback_redirect(uri: str) -> bool:
    """A registered ``http://127.0.0.1/<path>`` or ``http://[::1]/<path>`` redirect without a
    port: the new API's loopback route (RFC 8252 §7.3). Ory Hydra, which Deriv's OAuth server
    appears to be, matches such a registration with *any* port at sign-in, so each attempt
    listens on a free port of its own and no relay page is needed. ``localhost`` does not
    count (Hydra gives it no such rule), nor does an address with a port (a page the sandbox
    hosts)."""
    try:
        parts = urlsplit(uri.strip())
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and (parts.hostname or "") in _LOOPBACK_LITERALS
        and port is None
        and parts.path.startswith("/")
        and not (parts.query or parts.fragment or parts.username or parts.password)
    )


def loopback_redirect_uri(registered: str, port: int) -> str:
    """The registered loopback redirect with this attempt's port: the exact ``redirect_uri``
    of the authorization and the token requests."""
    if not is_loopback_redirect(registered) or not 1 <= port <= 65535:
        raise ValueError("not a port-less loopback redirect, or a bad port")
    parts = urlsplit(registered.strip())
    host = parts.hostname or ""
    literal = f"[{host}]" if ":" in host else host
    return f"http://{literal}:{port}{parts.path}"


def relay_callback_url(port: int, host: str = "127.0.0.1") -> str:
    """Where the relay page sends the browser: ``http://127.0.0.1:<port>/callback``."""
    if host not in _LOOPBACK:
        raise ValueError("the callback host must be loopback")
    literal = f"[{host}]" if ":" in host else host
    return f"http://{literal}:{port}{quote(RELAY_CALLBACK_PATH)}"
