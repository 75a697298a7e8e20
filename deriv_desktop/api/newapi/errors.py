"""REST error bodies of the new Deriv API turned into the app's typed errors.

Options/legacy endpoints answer ``{"errors": [{status, code, message, field?}], "meta": …}``;
payment and nickname services use ``detail.message`` and ``metadata`` instead: both are read.
The HTTP status decides the type, because ``code`` values differ between services:

* 5xx → ``WrongResponse`` (transient), 429 → ``RateLimit`` (transient);
* 401 → ``InvalidToken`` (sign in again), or ``InvalidAppID`` when the ``Deriv-App-ID`` header
  is what Deriv complains about;
* 403 → ``PermissionDenied`` (the token lacks a scope);
* 400/422 → ``InputValidationFailed`` with ``details`` {field: message};
* anything else → a plain ``ApiError`` carrying Deriv's code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from deriv_desktop.domain.errors import (
    ApiError,
    InputValidationFailed,
    InvalidAppID,
    InvalidToken,
    PermissionDenied,
    RateLimit,
    WrongResponse,
)

MAX_MESSAGE_CHARS = 300

_FALLBACK = {
    400: "Deriv refused the request as invalid.",
    401: "Deriv no longer accepts this sign-in. Sign in again.",
    403: "The token does not allow this (a scope is missing).",
    404: "Deriv did not find what was asked for.",
    409: "Deriv cannot do this right now (a conflicting state).",
    422: "Deriv refused the request as invalid.",
    429: "Too many requests to Deriv; slowing down.",
}


def first_error(body: bytes) -> Mapping[str, Any]:
    """The first entry of ``errors`` (or an empty mapping when the body has none)."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(payload, dict):
        return {}
    errors = payload.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        entry: dict[str, Any] = errors[0]
        return entry
    return {}


def _message(entry: Mapping[str, Any], status: int) -> str:
    text = entry.get("message")
    if not isinstance(text, str) or not text.strip():
        detail = entry.get("detail")
        text = detail.get("message") if isinstance(detail, dict) else None
    if not isinstance(text, str) or not text.strip():
        if status >= 500:
            return "Deriv had a problem answering (a server error). Trying again later."
        return _FALLBACK.get(status, f"Deriv refused the request (HTTP {status}).")
    text = " ".join(text.split())
    return text[:MAX_MESSAGE_CHARS]


def error_from_reply(status: int, body: bytes, endpoint: str) -> ApiError:
    """The typed error for a non-2xx REST answer; ``endpoint`` is a label like ``accounts``."""
    entry = first_error(body)
    code = entry.get("code") if isinstance(entry.get("code"), str) else None
    message = _message(entry, status)
    field = entry.get("field") if isinstance(entry.get("field"), str) else None
    details = {field: message} if field else None
    if status >= 500:
        return WrongResponse(message, code=code or f"HTTP{status}", msg_type=endpoint)
    if status == 429:
        return RateLimit(message, code=code or "RateLimit", msg_type=endpoint)
    if status == 401:
        if (field or "").lower() == "deriv-app-id" or "deriv-app-id" in message.lower():
            return InvalidAppID(message, code=code, details=details, msg_type=endpoint)
        return InvalidToken(message, code=code, details=details, msg_type=endpoint)
    if status == 403:
        return PermissionDenied(message, code=code, details=details, msg_type=endpoint)
    if status in (400, 422):
        return InputValidationFailed(message, code=code, details=details, msg_type=endpoint)
    return ApiError(message, code=code or f"HTTP{status}", details=details, msg_type=endpoint)
