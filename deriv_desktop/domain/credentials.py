"""Per-account OAuth credentials as Deriv hands them back after sign-in.

The token is the secret that lets anyone act on the account, so the type is built to keep it out of
logs, tracebacks and debug prints: its ``repr`` and ``str`` name the account and hide the token.
"""

from __future__ import annotations

from dataclasses import dataclass

_HIDDEN = "<hidden>"


@dataclass(frozen=True, slots=True, repr=False)
class AccountCredential:
    """One account's login id, session token and (when set) currency.

    Read ``token`` only where it is used (authorising a connection, the keyring); never format it.
    """

    loginid: str
    token: str
    currency: str | None = None

    def __post_init__(self) -> None:
        if not self.loginid:
            raise ValueError("an account credential needs a login id")
        if not self.token:
            raise ValueError("an account credential needs a token")

    def __repr__(self) -> str:
        return (
            f"AccountCredential(loginid={self.loginid!r}, token={_HIDDEN}, "
            f"currency={self.currency!r})"
        )

    __str__ = __repr__
