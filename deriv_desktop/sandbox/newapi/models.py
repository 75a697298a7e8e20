"""Records of the new-API world: Options accounts, personal access tokens, OAuth2 grants, OTPs.

Secret values (tokens, codes, one-time passwords, PKCE challenges) stay out of ``repr``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

# Scopes of the new API (developers.deriv.com), in the dashboard's order.
NEW_SCOPES: tuple[str, ...] = ("trade", "account_manage", "payment", "application_read")
# Hydra-style scope that makes /oauth2/token also hand out a refresh token.
OFFLINE_SCOPE = "offline_access"
MIGRATION_STATES: tuple[str, ...] = ("complete", "pending", "failed", "not_applicable")


class ClientKind(enum.StrEnum):
    PAT = "pat"  # the user pastes a personal access token; the app sends Deriv-App-ID
    OAUTH = "oauth"  # authorization code + PKCE to one exact HTTPS redirect URL


@dataclass
class OptionsAccount:
    account_id: str
    user_id: int
    account_type: str  # "demo" | "real"
    balance: Decimal
    currency: str = "USD"
    group: str = "row"
    status: str = "active"  # "active" | "inactive"
    created_at: int = 0

    @property
    def is_demo(self) -> bool:
        return self.account_type == "demo"


@dataclass
class NewApp:
    """An app registered on the new dashboard (its own id space, unrelated to legacy ids)."""

    app_id: str
    name: str
    kind: ClientKind
    redirect_uri: str = ""  # OAuth apps: the one exact redirect URL


@dataclass
class PersonalToken:
    value: str = field(repr=False)
    user_id: int
    name: str
    scopes: tuple[str, ...]


@dataclass
class AccessToken:
    """An OAuth2 access token (``ory_at_…``) and, optionally, its refresh token."""

    value: str = field(repr=False)
    user_id: int
    client_id: str
    scopes: tuple[str, ...]
    expires_at: float
    refresh_token: str | None = field(default=None, repr=False)


@dataclass
class AuthCode:
    value: str = field(repr=False)
    client_id: str
    redirect_uri: str
    challenge: str = field(repr=False)
    user_id: int
    scopes: tuple[str, ...]
    expires_at: float
    used: bool = False


@dataclass
class OneTimePassword:
    value: str = field(repr=False)
    account_id: str
    issued_at: float
    used: bool = False
