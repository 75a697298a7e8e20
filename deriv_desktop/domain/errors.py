"""Typed errors shared by every layer, so services and the GUI branch without knowing the backend.

Server errors carry Deriv's ``code``, ``message`` and ``details``. None of these ever holds a token:
messages come from the server (which never echoes secrets) or from fixed text written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class DerivError(Exception):
    """Base of everything deriv-desktop raises on purpose."""


class ApiError(DerivError):
    """An ``error`` object returned by the server for one request or pushed into one stream."""

    code: ClassVar[str] = ""
    transient: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
        msg_type: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.server_code = code or self.code
        self.details: dict[str, Any] = dict(details or {})
        self.msg_type = msg_type

    def __str__(self) -> str:
        where = f" ({self.msg_type})" if self.msg_type else ""
        return f"{self.server_code}{where}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.server_code!r}, msg_type={self.msg_type!r})"


class InvalidToken(ApiError):
    code = "InvalidToken"


class AuthorizationRequired(ApiError):
    code = "AuthorizationRequired"


class PermissionDenied(ApiError):
    code = "PermissionDenied"


class RateLimit(ApiError):
    code = "RateLimit"
    transient = True


class InputValidationFailed(ApiError):
    code = "InputValidationFailed"


class APITokenError(ApiError):
    code = "APITokenError"


class TokenDeleted(ApiError):
    code = "TokenDeleted"


class WrongResponse(ApiError):
    code = "WrongResponse"
    transient = True


class AlreadySubscribed(ApiError):
    code = "AlreadySubscribed"


class UnrecognisedRequest(ApiError):
    code = "UnrecognisedRequest"


class InvalidAppID(ApiError):
    code = "InvalidAppID"


class InvalidLoginid(ApiError):
    code = "InvalidLoginid"


class TopupRefused(ApiError):
    code = "TopupVirtualError"


_BY_CODE: dict[str, type[ApiError]] = {
    cls.code: cls
    for cls in (
        InvalidToken,
        AuthorizationRequired,
        PermissionDenied,
        RateLimit,
        InputValidationFailed,
        APITokenError,
        TokenDeleted,
        WrongResponse,
        AlreadySubscribed,
        UnrecognisedRequest,
        InvalidAppID,
        InvalidLoginid,
        TopupRefused,
    )
}
_BY_CODE["InvalidAccount"] = InvalidLoginid
_BY_CODE["TooManyRequests"] = RateLimit


def api_error_from(payload: Mapping[str, Any], msg_type: str | None = None) -> ApiError:
    """Build the typed error for a server ``error`` object; unknown codes give a plain ApiError."""
    code = str(payload.get("code") or "UnknownError")
    message = str(payload.get("message") or "The server refused the request.")
    details = payload.get("details")
    cls = _BY_CODE.get(code, ApiError)
    return cls(
        message,
        code=code,
        details=details if isinstance(details, Mapping) else None,
        msg_type=msg_type,
    )


class ConnectionProblem(DerivError):
    """The link to the server failed; nothing is known about the server's view of the request."""

    transient = True


class ConnectionLost(ConnectionProblem):
    """The socket closed while a request was waiting for its answer."""


class RequestTimeout(ConnectionProblem):
    """No answer arrived in time."""


class ClientClosed(DerivError):
    """The client was closed by the application; no more requests are accepted."""


class MalformedResponse(DerivError):
    """The server sent something that does not follow the protocol."""
