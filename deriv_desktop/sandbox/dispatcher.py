"""The request pipeline, in Deriv's order of refusals.

parse -> identify the call (UnrecognisedRequest) -> app id (InvalidAppID) -> schema
(InputValidationFailed) -> faults -> rate limit (RateLimit) -> authorization
(AuthorizationRequired, InvalidLoginid, InvalidToken, PermissionDenied) -> the call's handler.
"""

from __future__ import annotations

import json
import logging
import traceback

from .calls import HANDLERS
from .connection import Connection
from .context import CallContext
from .core import Core
from .errors import (
    ApiError,
    authorization_required,
    input_validation_failed,
    invalid_token,
    permission_denied,
    rate_limited,
    wrong_response,
)
from .faults import DROP, scripted_error
from .payloads import envelope
from .request_specs import NOT_SHOWN, SENSITIVE_FIELDS, identify
from .validation import CallSpec, validate

log = logging.getLogger(__name__)
_IGNORED = object()


def _echo(call: str | None, request: dict[str, object]) -> dict[str, object]:
    hidden = SENSITIVE_FIELDS.get(call or "", frozenset())
    return {k: (NOT_SHOWN if k in hidden else v) for k, v in request.items()}


def _req_id(request: dict[str, object]) -> int | None:
    value = request.get("req_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def dispatch(core: Core, conn: Connection, raw: str | bytes) -> None:
    """Serve one incoming frame; the reply (if any) is queued on the connection."""
    try:
        request = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        request = None
    if not isinstance(request, dict):
        core.stats.request("invalid_json")
        conn.send(
            envelope(
                "error",
                {},
                None,
                error={"code": "BadRequest", "message": "The application sent an invalid request."},
            )
        )
        return
    spec = identify(request)
    req_id = _req_id(request)
    if spec is None:
        core.stats.request("unrecognised")
        conn.send(
            envelope(
                "error",
                _echo(None, request),
                req_id,
                error={"code": "UnrecognisedRequest", "message": "Unrecognised request."},
            )
        )
        return
    core.stats.request(spec.name)
    ctx = CallContext(core, conn, spec, request, _echo(spec.name, request), req_id)
    try:
        payload = _serve(ctx)
    except ApiError as exc:
        reply = envelope(spec.name, ctx.echo_req, req_id, error=exc.as_dict())
    except Exception as exc:  # a sandbox bug: answer like Deriv's backend failure, log no values
        log.error(
            "sandbox error in %s: %s\n%s",
            spec.name,
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        reply = envelope(spec.name, ctx.echo_req, req_id, error=wrong_response().as_dict())
    else:
        if payload is _IGNORED:
            return
        reply = envelope(
            spec.name, ctx.echo_req, req_id, payload, subscription_id=ctx.subscription_id
        )
    conn.send_later(core.faults.delay, reply)


def _serve(ctx: CallContext) -> object:
    core, conn, spec, request = ctx.core, ctx.conn, ctx.spec, ctx.request
    if core.config.strict_app_id and not conn.app_valid:
        raise ApiError("InvalidAppID", "Your app_id is invalid.")
    details = validate(spec, request)
    if details:
        raise input_validation_failed(details)
    if spec.name == "ping" and core.faults.ignore_pings:
        return _IGNORED
    scripted = core.faults.take_scripted(spec.name)
    if scripted is not None:
        core.stats.faults_injected += 1
        if scripted == DROP:
            conn.abort()
            return _IGNORED
        raise scripted_error(scripted, spec.name)
    fault = core.faults.should_fail(spec.name)
    if fault is not None:
        core.stats.faults_injected += 1
        raise rate_limited(spec.name) if fault == "RateLimit" else wrong_response()
    if not core.limiter.allow(conn.rate_key, spec.name):
        core.stats.rate_limited += 1
        raise rate_limited(spec.name)
    _select_account(ctx, spec)
    return HANDLERS[spec.name](ctx)


def _select_account(ctx: CallContext, spec: CallSpec) -> None:
    """Pick the account (by `loginid` in multi-token sessions) and re-check its token."""
    session = ctx.conn.session
    loginid = ctx.request.get("loginid")
    if not spec.auth_required:
        if session.authorized and isinstance(loginid, str) and loginid not in session.tokens:
            raise ApiError(
                "InvalidLoginid", f"Account {loginid} is not authorized on this connection."
            )
        return
    if not session.authorized or session.main_loginid is None:
        raise authorization_required()
    if isinstance(loginid, str):
        if loginid not in session.tokens:
            raise ApiError(
                "InvalidLoginid", f"Account {loginid} is not authorized on this connection."
            )
        selected = loginid
    elif session.multi and spec.accepts_loginid:
        raise ApiError(
            "InvalidLoginid", "Please specify loginid: this connection holds several accounts."
        )
    else:
        selected = session.main_loginid
    token = ctx.world.tokens.get(session.tokens[selected])
    if token is None:
        session.drop_account(selected)
        raise invalid_token("The token is invalid or has been revoked.")
    if not any(scope in token.scopes for scope in spec.scopes):
        raise permission_denied(spec.scopes)
    ctx.account = ctx.world.accounts[token.loginid]
    ctx.token = token
