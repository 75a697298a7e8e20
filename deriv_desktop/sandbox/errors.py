"""Deriv-style API errors raised by call handlers and turned into `{"error": {...}}` replies."""

from __future__ import annotations


class ApiError(Exception):
    """An error reply: `code` is what clients branch on, `message` is human text."""

    def __init__(
        self,
        code: str,
        message: str,
        details: dict[str, str] | None = None,
        *,
        close_code: int | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details
        self.close_code = close_code  # set: close the socket with this code after the reply

    def as_dict(self) -> dict[str, object]:
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = dict(self.details)
        return error


def authorization_required() -> ApiError:
    return ApiError("AuthorizationRequired", "Please log in.")


def permission_denied(scopes: tuple[str, ...]) -> ApiError:
    needed = ",".join(scopes)
    return ApiError("PermissionDenied", f"Permission denied, requires {needed} scope(s).")


def invalid_token(message: str = "The token is invalid.") -> ApiError:
    return ApiError("InvalidToken", message)


def rate_limited(call: str, *, close_code: int | None = None) -> ApiError:
    """Deriv's wording; `close_code` 1008 for the per-connection ping/time budget."""
    return ApiError(
        "RateLimit", f"You have reached the rate limit for {call}.", close_code=close_code
    )


def wrong_response() -> ApiError:
    return ApiError("WrongResponse", "Sorry, an error occurred while processing your request.")


def input_validation_failed(details: dict[str, str]) -> ApiError:
    fields = ", ".join(details)
    return ApiError("InputValidationFailed", f"Input validation failed: {fields}", details)
