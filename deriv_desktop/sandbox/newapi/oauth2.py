"""The OAuth2 pages of ``auth.deriv.com`` (authorization code + PKCE S256), Hydra-like.

GET  /oauth2/auth?response_type=code&client_id&redirect_uri&scope&state&code_challenge
     &code_challenge_method=S256[&app_id=<legacy id>][&prompt=registration]  -> sign-in form
POST /oauth2/auth (csrf_token, email, password)        -> consent page (once per user and app)
POST /oauth2/auth/consent (csrf_token, decision)      -> 302 redirect_uri?code=…&state=…
                                                         or ?error=access_denied&…&state=…
POST /oauth2/token (form)                             -> JSON token or {"error", …}

Checks, in order: the client must be a registered OAuth app and ``redirect_uri`` must equal its
registered URL character for character, except that a registered ``http`` loopback IP literal
(127.0.0.1, [::1]) matches with any port, as in Hydra (``localhost`` does not); until both hold
nothing is redirected (HTTP 400 page).
Then ``response_type=code``, a ``state``, a well-formed ``code_challenge`` with method ``S256``
and known scopes, else a redirect with ``error=invalid_request`` (or ``invalid_scope`` /
``unsupported_response_type``). Codes are single use (spent when presented, even if the
exchange then fails) and live ``code_lifetime`` seconds. The token request must repeat
``client_id`` and the exact ``redirect_uri`` and carry the verifier whose S256 is the challenge.
With ``app_id`` (a legacy app id), a user whose migration is not complete is sent on to the
legacy ``/oauth2/authorize`` for that app, as Deriv documents. Refresh tokens are issued when
``refresh_tokens`` is on or the ``offline_access`` scope was granted; they rotate on use.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from ..oauth_flow import HttpRequest, HttpResponse, html, redirect
from ..oauth_pages import consent_form, error_page, sign_in_form
from .models import NEW_SCOPES, OFFLINE_SCOPE, AccessToken, ClientKind, NewApp
from .state import NewApiState
from .stats import NewApiStats

FLOW_LIFETIME = 600.0
MAX_FLOWS = 1000
_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # base64url of a SHA-256, no padding
_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
_JSON = [
    ("Content-Type", "application/json"),
    ("Cache-Control", "no-store"),
    ("Pragma", "no-cache"),
]


@dataclass
class _Flow:
    flow_id: str
    app: NewApp
    redirect_uri: str
    state: str
    challenge: str
    scopes: tuple[str, ...]
    legacy_app_id: str | None
    created: float
    user_id: int | None = None


class OAuth2Error(Exception):
    def __init__(self, code: str, description: str, status: int = 400) -> None:
        super().__init__(code)
        self.code = code
        self.description = description
        self.status = status


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class OAuth2Pages:
    """Serves ``/oauth2/auth*`` and ``/oauth2/token``; ``handles(path)`` says which paths."""

    PATHS = frozenset({"/oauth2/auth", "/oauth2/auth/consent", "/oauth2/token"})

    def __init__(
        self,
        state: NewApiState,
        stats: NewApiStats,
        *,
        code_lifetime: float = 60.0,
        token_lifetime: int = 3600,
        refresh_tokens: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.state = state
        self.stats = stats
        self.code_lifetime = code_lifetime
        self.token_lifetime = token_lifetime
        self.refresh_tokens = refresh_tokens
        self._clock = clock
        self._flows: dict[str, _Flow] = {}

    def handles(self, path: str) -> bool:
        return path in self.PATHS

    def handle(self, request: HttpRequest) -> HttpResponse:
        route = (request.method, request.path)
        if route == ("GET", "/oauth2/auth"):
            return self._start(request)
        if route == ("POST", "/oauth2/auth"):
            return self._login(request)
        if route == ("POST", "/oauth2/auth/consent"):
            return self._consent(request)
        if route == ("POST", "/oauth2/token"):
            return self._token(request)
        allowed = "POST" if request.path != "/oauth2/auth" else "GET, POST"
        return HttpResponse(405, b"Method Not Allowed", [("Allow", allowed)])

    # -- authorization -----------------------------------------------------------------------
    def _start(self, request: HttpRequest) -> HttpResponse:
        query = request.query
        app = self.state.apps.get(query.get("client_id", ""))
        if app is None or app.kind is not ClientKind.OAUTH:
            return html(
                400,
                error_page(
                    "invalid_client", "The client_id is not a registered OAuth application."
                ),
            )
        redirect_uri = query.get("redirect_uri", "")
        if not redirect_matches(redirect_uri, app.redirect_uri):
            return html(
                400,
                error_page(
                    "invalid_request",
                    "The redirect_uri does not match the one registered for this app exactly "
                    "(scheme, host, port, path and trailing slash must all be the same).",
                ),
            )
        state = query.get("state", "")
        try:
            if query.get("response_type") != "code":
                raise OAuth2Error("unsupported_response_type", "response_type must be code.")
            if len(state) < 8:
                raise OAuth2Error("invalid_request", "The state is missing or too short.")
            if query.get("code_challenge_method") != "S256":
                raise OAuth2Error("invalid_request", "code_challenge_method must be S256.")
            challenge = query.get("code_challenge", "")
            if not _CHALLENGE.fullmatch(challenge):
                raise OAuth2Error("invalid_request", "The code_challenge is missing or malformed.")
            scopes = tuple(query.get("scope", "").split())
            known = (*NEW_SCOPES, OFFLINE_SCOPE)
            if not scopes or any(s not in known for s in scopes):
                raise OAuth2Error("invalid_scope", "The requested scope is invalid or unknown.")
        except OAuth2Error as e:
            return self._back(redirect_uri, state, e.code, e.description)
        legacy = query.get("app_id")
        flow = self._new_flow(app, redirect_uri, state, challenge, scopes, legacy)
        return html(200, sign_in_form(app.name, flow.flow_id, "EN", "/oauth2/auth"))

    def _login(self, request: HttpRequest) -> HttpResponse:
        form = request.form()
        flow = self._take(form.get("csrf_token", ""))
        if flow is None or flow.user_id is not None:
            return _expired()
        email = form.get("email", "")
        user = self.state.world.check_password(email, form.get("password", ""))
        if user is None:
            fresh = self._renew(flow)
            page = sign_in_form(
                flow.app.name,
                fresh.flow_id,
                "EN",
                "/oauth2/auth",
                error="Your email or password is incorrect.",
                email=email,
            )
            return html(200, page)
        status = self.state.migration_status(user.user_id)
        if flow.legacy_app_id and status != "complete" and flow.legacy_app_id.isdigit():
            target = "/oauth2/authorize?" + urlencode(
                [
                    ("app_id", flow.legacy_app_id),
                    ("l", "EN"),
                    ("brand", "deriv"),
                    ("state", flow.state),
                ]
            )
            return redirect(target)
        if (user.user_id, flow.app.app_id) in self.state.consents:
            return self._grant(flow, user.user_id)
        consent = self._renew(flow)
        consent.user_id = user.user_id
        page = consent_form(
            flow.app.name,
            flow.app.app_id,
            flow.scopes,
            consent.flow_id,
            "EN",
            user.email,
            "/oauth2/auth/consent",
        )
        return html(200, page)

    def _consent(self, request: HttpRequest) -> HttpResponse:
        form = request.form()
        flow = self._take(form.get("csrf_token", ""))
        if flow is None or flow.user_id is None:
            return _expired()
        if form.get("decision") != "allow":
            return self._back(
                flow.redirect_uri,
                flow.state,
                "access_denied",
                "The resource owner denied the request",
            )
        self.state.consents.add((flow.user_id, flow.app.app_id))
        return self._grant(flow, flow.user_id)

    def _grant(self, flow: _Flow, user_id: int) -> HttpResponse:
        code = self.state.issue_code(
            user_id,
            flow.app.app_id,
            flow.redirect_uri,
            flow.challenge,
            flow.scopes,
            self.code_lifetime,
        )
        return redirect(_join(flow.redirect_uri, [("code", code.value), ("state", flow.state)]))

    @staticmethod
    def _back(redirect_uri: str, state: str, error: str, description: str) -> HttpResponse:
        params = [("error", error), ("error_description", description)]
        if state:
            params.append(("state", state))
        return redirect(_join(redirect_uri, params))

    # -- token endpoint ----------------------------------------------------------------------
    def _token(self, request: HttpRequest) -> HttpResponse:
        try:
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type != "application/x-www-form-urlencoded":
                raise OAuth2Error("invalid_request", "Send the form urlencoded.")
            form = request.form()
            app = self.state.apps.get(form.get("client_id", ""))
            if app is None or app.kind is not ClientKind.OAUTH:
                raise OAuth2Error("invalid_client", "Client authentication failed.", 401)
            grant = form.get("grant_type", "")
            if grant == "authorization_code":
                token = self._redeem_code(app, form)
            elif grant == "refresh_token":
                token = self._redeem_refresh(app, form)
            else:
                raise OAuth2Error("unsupported_grant_type", "Use authorization_code.")
        except OAuth2Error as e:
            self.stats.token_refused(e.code)
            body = json.dumps({"error": e.code, "error_description": e.description}).encode()
            return HttpResponse(e.status, body, list(_JSON))
        self.stats.token_issued()
        reply: dict[str, object] = {
            "access_token": token.value,
            "expires_in": self.token_lifetime,
            "scope": " ".join(token.scopes),
            "token_type": "bearer",
        }
        if token.refresh_token is not None:
            reply["refresh_token"] = token.refresh_token
        return HttpResponse(200, json.dumps(reply).encode(), list(_JSON))

    def _redeem_code(self, app: NewApp, form: dict[str, str]) -> AccessToken:
        invalid = OAuth2Error(
            "invalid_grant",
            "The provided authorization grant is invalid, expired, revoked, does not match the "
            "redirection URI used in the authorization request, or was issued to another client.",
        )
        code = self.state.codes.get(form.get("code", ""))
        if code is None or code.used:
            raise invalid
        code.used = True  # single use, whatever happens next
        if self.state.now() > code.expires_at or code.client_id != app.app_id:
            raise invalid
        if not hmac.compare_digest(
            form.get("redirect_uri", "").encode(), code.redirect_uri.encode()
        ):
            raise invalid
        verifier = form.get("code_verifier", "")
        if not _VERIFIER.fullmatch(verifier) or not hmac.compare_digest(
            s256(verifier).encode(), code.challenge.encode()
        ):
            raise OAuth2Error(
                "invalid_grant", "The PKCE code_verifier does not match the code_challenge."
            )
        return self._issue(code.user_id, app, code.scopes)

    def _redeem_refresh(self, app: NewApp, form: dict[str, str]) -> AccessToken:
        old = self.state.refresh_tokens.get(form.get("refresh_token", ""))
        if old is None or old.client_id != app.app_id:
            raise OAuth2Error("invalid_grant", "The refresh token is invalid or was used.")
        self.state.revoke_access(old)  # rotation: the old pair dies
        return self._issue(old.user_id, app, old.scopes)

    def _issue(self, user_id: int, app: NewApp, scopes: tuple[str, ...]) -> AccessToken:
        with_refresh = self.refresh_tokens or OFFLINE_SCOPE in scopes
        return self.state.issue_access_token(
            user_id, app.app_id, scopes, self.token_lifetime, with_refresh=with_refresh
        )

    # -- flows -------------------------------------------------------------------------------
    def _new_flow(
        self,
        app: NewApp,
        redirect_uri: str,
        state: str,
        challenge: str,
        scopes: tuple[str, ...],
        legacy: str | None,
    ) -> _Flow:
        self._prune()
        flow = _Flow(
            secrets.token_urlsafe(24),
            app,
            redirect_uri,
            state,
            challenge,
            scopes,
            legacy,
            self._clock(),
        )
        self._flows[flow.flow_id] = flow
        return flow

    def _renew(self, flow: _Flow) -> _Flow:
        return self._new_flow(
            flow.app, flow.redirect_uri, flow.state, flow.challenge, flow.scopes, flow.legacy_app_id
        )

    def _take(self, flow_id: str) -> _Flow | None:
        flow = self._flows.pop(flow_id, None)
        if flow is None or self._clock() - flow.created > FLOW_LIFETIME:
            return None
        return flow

    def _prune(self) -> None:
        now = self._clock()
        for key in [k for k, f in self._flows.items() if now - f.created > FLOW_LIFETIME]:
            del self._flows[key]
        while len(self._flows) >= MAX_FLOWS:
            del self._flows[next(iter(self._flows))]


def redirect_matches(requested: str, registered: str) -> bool:
    """Hydra's rule (fosite, RFC 8252 §7.3): the registered URL character for character, or,
    for a registered ``http`` loopback IP literal (127.0.0.1 or [::1]), the same URL with any
    port. ``localhost`` gets no such leeway."""
    if hmac.compare_digest(requested.encode(), registered.encode()):
        return True
    try:
        got, want = urlsplit(requested), urlsplit(registered)
        got.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    host = want.hostname or ""
    try:
        loopback_literal = ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name, localhost included
    return (
        loopback_literal
        and want.scheme == "http"
        and got.scheme == "http"
        and got.hostname == host
        and got.path == want.path
        and got.query == want.query
        and not got.fragment
        and not (got.username or got.password)
    )


def _join(uri: str, params: list[tuple[str, str]]) -> str:
    return uri + ("&" if "?" in uri else "?") + urlencode(params)


def _expired() -> HttpResponse:
    return html(
        400,
        error_page(
            "Session expired",
            "This sign-in form is no longer valid. Go back to the app and start signing in again.",
        ),
    )
