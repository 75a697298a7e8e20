"""The REST endpoints of ``api.derivws.com`` that the app uses, served from the sandbox world.

Success: ``{"data": …, "meta": {"endpoint", "method", "timing"}}`` (``migration-status`` answers
``{"status": …}`` as its schema says). Errors: ``{"errors": [{status, code, message, field?}],
"meta": …}`` with the HTTP status mirrored in ``errors[].status``.

Order of refusals (Deriv's is not published; this one is ours): injected faults → bearer token
(401) → ``Deriv-App-ID`` with a PAT (401 "Deriv-App-ID header is required for PAT tokens";
an unknown id is 401 too) → 60 requests a minute per token (429) → scope ``trade`` (403;
``account_manage`` to create an account) → the endpoint's own errors (404 AccountNotFound, 400
ValidationError for a real account reset or a bad account-creation body).

``POST /trading/v1/options/accounts`` opens an account (body ``currency`` USD, ``group`` row,
``account_type`` demo|real): 201 with ``data`` a one-item array, or 200 with ``data`` the
existing account when the user already has one of that kind (as the OpenAPI document says).

``tap`` (None by default) sees each exchange for contract tests: ``tap("rest", {"method",
"path", "headers", "status", "content_type", "body"})``.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..oauth_flow import HttpRequest, HttpResponse
from .faults import NewApiFaults
from .models import OptionsAccount
from .state import NewApiState
from .stats import NewApiStats

ACCOUNTS = "/trading/v1/options/accounts"
MIGRATION = "/trading/v1/options/legacy/migration-status"
HEALTH = "/v1/health"
_ACCOUNT_ACTION = re.compile(r"^/trading/v1/options/accounts/([^/]+)/(otp|reset-demo-balance)$")
_JSON_HEADERS = [
    ("Content-Type", "application/json"),
    ("Cache-Control", "no-store"),
]


class RestError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.field = field


@dataclass
class Caller:
    """Who is calling: the user and the scopes of the token they sent."""

    user_id: int
    scopes: tuple[str, ...]
    token_key: str


class RestApi:
    """Routes one parsed HTTP request to its endpoint; every answer is JSON (health: text)."""

    def __init__(
        self,
        state: NewApiState,
        stats: NewApiStats,
        faults: NewApiFaults,
        ws_base: Callable[[], str],
        *,
        per_minute: int = 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.state = state
        self.stats = stats
        self.faults = faults
        self._ws_base = ws_base
        self.per_minute = per_minute
        self._clock = clock
        self._windows: dict[str, deque[float]] = {}
        self.tap: Callable[[str, dict[str, Any]], None] | None = None

    def handle(self, request: HttpRequest) -> HttpResponse:
        started = self._clock()
        path, method = request.path, request.method
        label = _label(method, path)
        try:
            body = self._route(request)
        except RestError as e:
            response = self._error(e, path, method, started)
        else:
            if body is None:  # health
                response = HttpResponse(200, b"OK", [("Content-Type", "text/plain")])
            else:
                status = int(str(body.pop("_status", 200)))
                if "data" in body:
                    body["meta"] = _meta(path, method, started, self._clock())
                payload = json.dumps(body, separators=(",", ":")).encode()
                response = HttpResponse(status, payload, list(_JSON_HEADERS))
        self.stats.rest(label, response.status)
        if self.tap is not None:
            content_type = next((v for k, v in response.headers if k.lower() == "content-type"), "")
            self.tap(
                "rest",
                {
                    "method": method,
                    "path": path,
                    "headers": dict(request.headers),
                    "status": response.status,
                    "content_type": content_type,
                    "body": response.body,
                },
            )
        return response

    # -- routing -----------------------------------------------------------------------------
    def _route(self, request: HttpRequest) -> dict[str, object] | None:
        path, method = request.path, request.method
        if path == HEALTH:
            _allow(method, "GET")
            return None
        action = _ACCOUNT_ACTION.fullmatch(path)
        if path not in (ACCOUNTS, MIGRATION) and action is None:
            raise RestError(404, "BadInputRequest", "No such endpoint.")
        if path == ACCOUNTS and method == "POST":
            return self._create_account(request, self._authenticate(request, "account_manage"))
        _allow(method, "POST" if action else "GET")
        caller = self._authenticate(request)
        if path == ACCOUNTS:
            accounts = self.state.user_accounts(caller.user_id)
            return {"data": [_account_item(a) for a in accounts]}
        if path == MIGRATION:
            return {"status": self.state.migration_status(caller.user_id)}
        assert action is not None
        account = self._own_account(caller, action.group(1))
        if action.group(2) == "otp":
            return {"data": {"url": self._otp_url(account)}}
        if not account.is_demo:
            raise RestError(
                400, "ValidationError", "Only demo accounts can be reset.", field="account_id"
            )
        reset = self.state.reset_demo(account.account_id)
        user = self.state.user(caller.user_id)
        item = _account_item(reset)
        item.pop("group")
        item.update(
            email=user.email,
            name=f"{user.first_name} {user.last_name}",
            created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(reset.created_at)),
        )
        return {"data": item}

    def _create_account(self, request: HttpRequest, caller: Caller) -> dict[str, object]:
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise RestError(400, "BadInputRequest", "The body must be a JSON object.")
        allowed = {"currency": ("USD",), "group": ("row",), "account_type": ("demo", "real")}
        for name, values in allowed.items():
            if name not in body:
                raise RestError(400, "FieldIsRequired", f"{name} is required.", field=name)
            if body[name] not in values:
                raise RestError(
                    400, "ValidationError", f"{name} must be one of {', '.join(values)}.", name
                )
        existing = next(
            (
                a
                for a in self.state.user_accounts(caller.user_id)
                if a.account_type == body["account_type"] and a.group == body["group"]
            ),
            None,
        )
        if existing is not None:
            return {"data": _account_item(existing), "_status": 200}
        user = self.state.user(caller.user_id)
        opening = "10000" if body["account_type"] == "demo" else "0"
        created = self.state.add_account(user, str(body["account_type"]), opening)
        return {"data": [_account_item(created)], "_status": 201}

    def _authenticate(self, request: HttpRequest, scope: str = "trade") -> Caller:
        failure = self.faults.take_failure()
        if failure is not None:
            status, code = failure
            raise RestError(status, code, "Injected failure (sandbox faults).")
        auth = request.headers.get("authorization", "")
        scheme, _, value = auth.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise RestError(401, "Unauthorized", "Missing bearer token.", field="Authorization")
        value = value.strip()
        app_id = request.headers.get("deriv-app-id", "").strip()
        pat = self.state.pats.get(value)
        if pat is not None:
            if not app_id:
                raise RestError(
                    401,
                    "Unauthorized",
                    "Deriv-App-ID header is required for PAT tokens",
                    field="Deriv-App-ID",
                )
            if app_id not in self.state.apps:
                raise RestError(401, "Unauthorized", "Unknown Deriv-App-ID.", field="Deriv-App-ID")
            caller = Caller(pat.user_id, pat.scopes, "pat:" + value)
        else:
            token = self.state.access_tokens.get(value)
            if token is None:
                raise RestError(401, "Unauthorized", "Invalid or revoked token.")
            if self.state.now() >= token.expires_at:
                raise RestError(401, "Unauthorized", "The access token has expired.")
            if app_id and app_id != token.client_id and app_id in self.state.apps:
                raise RestError(
                    401,
                    "Unauthorized",
                    "Deriv-App-ID does not match the token's app.",
                    field="Deriv-App-ID",
                )
            caller = Caller(token.user_id, token.scopes, "oauth:" + value)
        if not self._allow(caller.token_key):
            raise RestError(429, "RateLimit", "Rate limit exceeded: 60 requests per minute.")
        if scope not in caller.scopes:
            raise RestError(403, "AccessDenied", f"This token lacks the {scope} scope.")
        return caller

    def _allow(self, key: str) -> bool:
        now = self._clock()
        window = self._windows.setdefault(key, deque())
        while window and window[0] <= now - 60.0:
            window.popleft()
        if len(window) >= self.per_minute:
            return False
        window.append(now)
        return True

    def _own_account(self, caller: Caller, account_id: str) -> OptionsAccount:
        account = self.state.accounts.get(account_id)
        if account is None or account.user_id != caller.user_id:
            raise RestError(404, "AccountNotFound", "Account not found.", field="account_id")
        return account

    def _otp_url(self, account: OptionsAccount) -> str:
        spoiled = self.faults.take_spoiled()
        otp = self.state.issue_otp(
            account.account_id,
            age=10**6 if spoiled == "expired" else 0.0,
            used=spoiled == "used",
        )
        self.stats.otp_issued(account.account_id)
        return f"{self._ws_base()}/trading/v1/options/ws/{account.account_type}?otp={otp.value}"

    def _error(self, e: RestError, path: str, method: str, started: float) -> HttpResponse:
        entry: dict[str, object] = {"status": e.status, "code": e.code, "message": e.message}
        if e.field:
            entry["field"] = e.field
        body = {"errors": [entry], "meta": _meta(path, method, started, self._clock())}
        headers = list(_JSON_HEADERS)
        if e.status == 405:
            headers.append(("Allow", "GET, POST"))
        return HttpResponse(e.status, json.dumps(body).encode(), headers)


def error_body(status: int, code: str, message: str, path: str, method: str = "GET") -> bytes:
    """A REST-style error body (also used for refused socket upgrades)."""
    entry = {"status": status, "code": code, "message": message}
    meta = {"endpoint": path, "method": method, "timing": 0}
    return json.dumps({"errors": [entry], "meta": meta}).encode()


def _allow(method: str, wanted: str) -> None:
    if method != wanted:
        raise RestError(405, "BadInputRequest", f"Use {wanted} on this endpoint.")


def _label(method: str, path: str) -> str:
    if path == HEALTH:
        return f"{method} health"
    if path == ACCOUNTS:
        return f"{method} accounts"
    if path == MIGRATION:
        return f"{method} migration-status"
    action = _ACCOUNT_ACTION.fullmatch(path)
    return f"{method} {action.group(2)}" if action else f"{method} other"


def _meta(path: str, method: str, started: float, now: float) -> dict[str, object]:
    return {
        "endpoint": path,
        "method": method if method in ("GET", "POST", "PUT", "DELETE") else "GET",
        "timing": max(0, int((now - started) * 1000)),
    }


def _account_item(account: OptionsAccount) -> dict[str, object]:
    return {
        "account_id": account.account_id,
        "balance": float(account.balance),
        "currency": account.currency,
        "group": account.group,
        "status": account.status,
        "account_type": account.account_type,
    }
