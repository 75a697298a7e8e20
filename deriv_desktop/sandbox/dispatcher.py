"""The request pipeline, in the order Deriv's WebSocket server refuses requests.

frame -> JSON (text that is not JSON: the socket is closed without a reply; binary that is not
JSON: a document-upload chunk) -> object (BadRequest) -> sanity check (SanityCheckFailed) ->
identify the call (UnrecognisedRequest) -> rate limit (RateLimit; for ping/time also close 1008)
-> schema, after coercion (InputValidationFailed) -> app id (InvalidAppID) -> faults ->
authorization (AuthorizationRequired, PermissionDenied, InvalidLoginid, InvalidToken) -> the call.
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
from .sanity import sane
from .validation import CallSpec, as_number, coerce, validate

log = logging.getLogger(__name__)
_IGNORED = object()
POLICY_VIOLATION = 1008
UPLOAD_FAILED = "Sorry, an error occurred while processing your request."


def _echo(call: str | None, request: dict[str, object]) -> dict[str, object]:
    hidden = SENSITIVE_FIELDS.get(call or "", frozenset())
    return {k: (NOT_SHOWN if k in hidden else v) for k, v in request.items()}


def _parse(raw: str | bytes) -> object:
    """The decoded frame, or None when it is not JSON (Perl also rejects false values)."""
    try:
        decoded = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return decoded if decoded or isinstance(decoded, dict | list) else None


def dispatch(core: Core, conn: Connection, raw: str | bytes) -> None:
    """Serve one incoming frame; the reply (if any) is queued on the connection."""
    request = _parse(raw)
    if request is None:
        core.stats.request("invalid_json")
        if isinstance(raw, bytes):
            _refuse_upload_chunk(conn)
        else:
            conn.close_after_replies(None)  # Deriv's proxy `finish`es without a reply
        return
    if not isinstance(request, dict):
        core.stats.request("invalid_json")
        error = ApiError("BadRequest", "The application sent an invalid request.").as_dict()
        conn.send(envelope("error", {}, None, error=error))
        return
    req_id = request.get("req_id")
    if not sane(request):
        core.stats.request("sanity_failed")
        error = ApiError("SanityCheckFailed", "Parameters sanity check failed.").as_dict()
        conn.send(envelope("error", request, req_id, error=error))
        return
    spec = identify(request)
    if spec is None:
        core.stats.request("unrecognised")
        error = ApiError("UnrecognisedRequest", "Unrecognised request").as_dict()
        conn.send(envelope("error", _echo(None, request), req_id, error=error))
        return
    core.stats.request(spec.name)
    # Success replies pass Deriv's (coercing) output validation, which turns "7" into 7.
    ctx = CallContext(core, conn, spec, request, _echo(spec.name, request), as_number(req_id))
    try:
        payload = _serve(ctx)
    except ApiError as exc:
        reply = envelope(spec.msg_type, ctx.echo_req, req_id, error=exc.as_dict())
        if exc.close_code is not None:
            conn.send(reply)
            conn.close_after_replies(exc.close_code, "Policy Violation")
            return
    except Exception as exc:  # a sandbox bug: answer like Deriv's backend failure, log no values
        log.error(
            "sandbox error in %s: %s\n%s",
            spec.name,
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        reply = envelope(spec.msg_type, ctx.echo_req, req_id, error=wrong_response().as_dict())
    else:
        if payload is _IGNORED:
            return
        reply = envelope(
            spec.msg_type, ctx.echo_req, ctx.req_id, payload, subscription_id=ctx.subscription_id
        )
    opened = core.subs.get(ctx.subscription_id) if ctx.subscription_id else None
    if opened is not None and core.faults.delay > 0:
        opened.hold()  # its pushes wait for this (delayed) first reply, as on Deriv
        conn.send_later(core.faults.delay, reply, then=opened.release)
    else:
        conn.send_later(core.faults.delay, reply)


def _refuse_upload_chunk(conn: Connection) -> None:
    """A binary frame that is not JSON is a document-upload chunk; the sandbox never starts an
    upload, so every chunk fails as Deriv's `send_upload_failure` answers an unknown upload."""
    if conn.session.authorized:
        error = ApiError("UploadDenied", UPLOAD_FAILED).as_dict()
    else:
        error = invalid_token().as_dict()
    reply = envelope("document_upload", {}, "1", error=error)
    reply["passthrough"] = {}
    conn.send(reply)


def _serve(ctx: CallContext) -> object:
    core, conn, spec = ctx.core, ctx.conn, ctx.spec
    if spec.name in ("ping", "time"):
        if not core.limiter.allow_on_connection(conn.id):
            core.stats.rate_limited += 1
            raise rate_limited(spec.name, close_code=POLICY_VIOLATION)
    elif not core.limiter.allow(conn.rate_key, spec.name):
        core.stats.rate_limited += 1
        raise rate_limited(spec.name)
    ctx.request = coerce(spec, ctx.request)
    details = validate(spec, ctx.request)
    if details:
        raise input_validation_failed(details)
    if core.config.strict_app_id and not conn.app_valid:
        raise ApiError("InvalidAppID", "Your app_id is invalid.")
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
        # Deriv: `loginid` in the request passes the login check, then the (absent) scopes fail
        raise permission_denied(spec.scopes) if loginid else authorization_required()
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
