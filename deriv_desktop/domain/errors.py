"""Typed errors shared by every layer, so services and the GUI branch without knowing the backend.

Server errors carry Deriv's ``code``, ``message`` and ``details``. None of these ever holds a token:
messages come from the server (which never echoes secrets) or from fixed text written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from deriv_desktop.domain.problems import Problem, ProblemKind


class DerivError(Exception):
    """Base of everything deriv-desktop raises on purpose.

    ``problem`` is what the GUI words for the user; ``str()`` stays English, for logs. A raise
    site that knows better than the class (a sign-in refusal, a token-endpoint answer) passes
    ``problem=`` itself.
    """

    problem_kind: ClassVar[ProblemKind] = ProblemKind.INTERNAL

    def __init__(self, *args: object, problem: Problem | None = None) -> None:
        super().__init__(*args)
        self._problem = problem

    @property
    def problem(self) -> Problem:
        return self._problem if self._problem is not None else self._default_problem()

    def _default_problem(self) -> Problem:
        if self.problem_kind is ProblemKind.INTERNAL:
            return Problem(ProblemKind.INTERNAL, name=type(self).__name__)
        return Problem(self.problem_kind)


class BadInput(DerivError, ValueError):
    """What the user pasted or typed cannot be used; ``problem`` says why (never quoting it)."""

    def __init__(self, problem: Problem, log_text: str = "") -> None:
        super().__init__(log_text or problem.kind.value, problem=problem)


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
        problem: Problem | None = None,
    ) -> None:
        super().__init__(message, problem=problem)
        self.message = message
        self.server_code = code or self.code
        self.details: dict[str, Any] = dict(details or {})
        self.msg_type = msg_type

    def __str__(self) -> str:
        where = f" ({self.msg_type})" if self.msg_type else ""
        return f"{self.server_code}{where}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.server_code!r}, msg_type={self.msg_type!r})"

    def _default_problem(self) -> Problem:
        kind = _KIND_BY_CODE.get(self.server_code)
        if kind is ProblemKind.INPUT_VALIDATION_FAILED:
            field = str(self.details.get("field") or next(iter(self.details), ""))
            return Problem(kind, code=self.server_code, field=field[:40])
        return Problem(kind or ProblemKind.SERVER_OTHER, code=self.server_code)


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

_KIND_BY_CODE: dict[str, ProblemKind] = {
    "InvalidToken": ProblemKind.INVALID_TOKEN,
    "AuthorizationRequired": ProblemKind.AUTHORIZATION_REQUIRED,
    "PermissionDenied": ProblemKind.PERMISSION_DENIED,
    "RateLimit": ProblemKind.RATE_LIMIT,
    "TooManyRequests": ProblemKind.RATE_LIMIT,
    "InputValidationFailed": ProblemKind.INPUT_VALIDATION_FAILED,
    "APITokenError": ProblemKind.API_TOKEN_ERROR,
    "TokenDeleted": ProblemKind.TOKEN_DELETED,
    "WrongResponse": ProblemKind.WRONG_RESPONSE,
    "AlreadySubscribed": ProblemKind.ALREADY_SUBSCRIBED,
    "UnrecognisedRequest": ProblemKind.UNRECOGNISED_REQUEST,
    "InvalidAppID": ProblemKind.INVALID_APP_ID,
    "InvalidLoginid": ProblemKind.INVALID_LOGINID,
    "InvalidAccount": ProblemKind.INVALID_LOGINID,
    "TopupVirtualError": ProblemKind.TOPUP_REFUSED,
}


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
    problem_kind = ProblemKind.CONNECTION_FAILED


class ConnectionLost(ConnectionProblem):
    """The socket closed while a request was waiting for its answer."""

    problem_kind = ProblemKind.CONNECTION_LOST


class RequestTimeout(ConnectionProblem):
    """No answer arrived in time."""

    problem_kind = ProblemKind.REQUEST_TIMEOUT


class ClientClosed(DerivError):
    """The client was closed by the application; no more requests are accepted."""

    problem_kind = ProblemKind.CLIENT_CLOSED


class MalformedResponse(DerivError):
    """The server sent something that does not follow the protocol."""

    problem_kind = ProblemKind.MALFORMED_RESPONSE
