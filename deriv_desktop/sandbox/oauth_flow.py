"""The OAuth sign-in flow of oauth.deriv.com, without the HTTP plumbing.

GET /oauth2/authorize?app_id=..&l=..&brand=..&state=..  -> sign-in form (or 400 for a bad app id)
POST /oauth2/authorize (email, password, csrf_token)    -> consent page, or straight to redirect
POST /oauth2/consent (decision=allow|deny, csrf_token)  -> 302 to the app's redirect URL

Each form carries a random one-flow `csrf_token`; the server keeps the flow (app, state, user)
keyed by it, so a POST without a live token is refused.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from .calls.common import login_record
from .currencies import SUPPORTED_LANGUAGES
from .models import App
from .oauth_pages import consent_page, error_page, login_page
from .world import World

FLOW_LIFETIME = 600.0
MAX_FLOWS = 1000
MAX_BODY = 64 * 1024


@dataclass
class HttpRequest:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    client_ip: str

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.target).query).items()}

    def form(self) -> dict[str, str]:
        text = self.body.decode("utf-8", errors="replace")
        return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


@dataclass
class HttpResponse:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


_PAGE_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    ),
]


def html(status: int, text: str) -> HttpResponse:
    return HttpResponse(status, text.encode("utf-8"), list(_PAGE_HEADERS))


def redirect(location: str) -> HttpResponse:
    return HttpResponse(
        302,
        b"",
        [("Location", location), ("Cache-Control", "no-store"), ("Referrer-Policy", "no-referrer")],
    )


@dataclass
class Flow:
    flow_id: str
    app: App
    state: str | None
    language: str
    brand: str
    created: float
    user_id: int | None = None  # set once the password was right (consent stage)


class OAuthPages:
    """Serves the sign-in and consent pages and issues app-bound tokens."""

    def __init__(self, world: World, clock: Callable[[], float] = time.monotonic) -> None:
        self.world = world
        self._clock = clock
        self._flows: dict[str, Flow] = {}

    def handle(self, request: HttpRequest) -> HttpResponse:
        route = (request.method, request.path)
        if route == ("GET", "/oauth2/authorize"):
            return self._start(request)
        if route == ("POST", "/oauth2/authorize"):
            return self._login(request)
        if route == ("POST", "/oauth2/consent"):
            return self._consent(request)
        if request.path in ("/oauth2/authorize", "/oauth2/consent"):
            return HttpResponse(405, b"Method Not Allowed", [("Allow", "GET, POST")])
        return html(404, error_page("Page not found", "There is nothing here."))

    # -- steps -------------------------------------------------------------------------------
    def _start(self, request: HttpRequest) -> HttpResponse:
        query = request.query
        raw_app = query.get("app_id", "")
        app = self.world.apps.get(int(raw_app)) if raw_app.isdigit() else None
        if app is None:
            return html(
                400,
                error_page(
                    "invalid_request",
                    "missing valid app_id: the app_id is missing, malformed or not registered.",
                ),
            )
        language = query.get("l", "EN").upper()
        flow = self._new_flow(
            app,
            state=query.get("state"),
            language=language if language in SUPPORTED_LANGUAGES else "EN",
            brand=query.get("brand", "deriv"),
        )
        return html(200, login_page(app, flow.flow_id, flow.language))

    def _login(self, request: HttpRequest) -> HttpResponse:
        form = request.form()
        flow = self._take(form.get("csrf_token", ""))
        if flow is None or flow.user_id is not None:
            return _expired()
        email = form.get("email", "")
        user = self.world.check_password(email, form.get("password", ""))
        if user is None:
            fresh = self._new_flow(flow.app, flow.state, flow.language, flow.brand)
            page = login_page(
                flow.app,
                fresh.flow_id,
                flow.language,
                error="Your email or password is incorrect.",
                email=email,
            )
            return html(200, page)
        if flow.app.official or flow.app.app_id in user.consents:
            return self._finish(flow, user.user_id, request)
        consent = self._new_flow(flow.app, flow.state, flow.language, flow.brand)
        consent.user_id = user.user_id
        return html(200, consent_page(flow.app, consent.flow_id, flow.language, user.email))

    def _consent(self, request: HttpRequest) -> HttpResponse:
        form = request.form()
        flow = self._take(form.get("csrf_token", ""))
        if flow is None or flow.user_id is None:
            return _expired()
        if form.get("decision") == "allow":
            self.world.grant_consent(self.world.users[flow.user_id], flow.app.app_id)
            return self._finish(flow, flow.user_id, request)
        fragment = "error=scope_denied"
        if flow.state is not None:
            fragment += "&state=" + quote(flow.state, safe="")
        return redirect(f"{flow.app.redirect_uri}#{fragment}")

    def _finish(self, flow: Flow, user_id: int, request: HttpRequest) -> HttpResponse:
        """Issue one token per usable account and send the browser to the app."""
        user = self.world.users[user_id]
        issued = self.world.issue_oauth_tokens(user, flow.app)
        params: list[tuple[str, str]] = []
        for n, (account, token) in enumerate(issued, start=1):
            params += [(f"acct{n}", account.loginid), (f"token{n}", token.value)]
            if account.currency:
                params.append((f"cur{n}", account.currency))
        if flow.state is not None:
            params.append(("state", flow.state))
        self.world.record_login(
            user,
            login_record(
                self.world.now(),
                user,
                action="login",
                status=1,
                ip=request.client_ip,
                user_agent=request.headers.get("user-agent", ""),
                language=flow.language,
                app_id=flow.app.app_id,
                brand=flow.brand,
            ),
        )
        joiner = "&" if "?" in flow.app.redirect_uri else "?"
        return redirect(flow.app.redirect_uri + joiner + urlencode(params))

    # -- flow bookkeeping ------------------------------------------------------------------
    def _new_flow(self, app: App, state: str | None, language: str, brand: str) -> Flow:
        self._prune()
        flow = Flow(secrets.token_urlsafe(24), app, state, language, brand, self._clock())
        self._flows[flow.flow_id] = flow
        return flow

    def _take(self, flow_id: str) -> Flow | None:
        """Use a flow token once; expired or unknown tokens give None."""
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


def _expired() -> HttpResponse:
    return html(
        400,
        error_page(
            "Session expired",
            "This sign-in form is no longer valid. Go back to the app and start signing in again.",
        ),
    )
