"""API tokens and connected apps of one account, with the rules checked before the server sees
them, and the session kept whole when the token the app signed in with is deleted or its own app
is revoked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.models import ApiToken, ConnectedApp, Scope
from deriv_desktop.services.backend import AccountBackend
from deriv_desktop.services.session import SessionService

log = logging.getLogger(__name__)

MAX_TOKENS_PER_ACCOUNT = 30
NAME_MIN, NAME_MAX = 2, 32
_NAME_CHARS = re.compile(r"^[A-Za-z0-9 _]+$")
# Digit-for-letter look-alikes Deriv's dashboard refuses: d3riv, b1nary, blnary, ...
_RESERVED = (
    re.compile(r"d[e3][r][i1l!|][v]", re.IGNORECASE),
    re.compile(r"b[i1l!|][n][a4@][r][y]", re.IGNORECASE),
)


class TokensUnsupported(DerivError):
    """This backend (the new Deriv API) has no calls for tokens or connected apps."""


@dataclass(frozen=True)
class NameProblem:
    message: str


def check_token_name(name: str, existing: Sequence[ApiToken]) -> NameProblem | None:
    """Deriv's rules for a new token's name, in the order a user should hear about them."""
    trimmed = name.strip()
    if not trimmed:
        return NameProblem("Enter a name for the token.")
    if not _NAME_CHARS.match(trimmed):
        return NameProblem("Use only letters, digits, spaces and underscores.")
    if not re.search(r"[A-Za-z0-9]", trimmed):
        return NameProblem("The name needs at least one letter or digit.")
    if len(trimmed) < NAME_MIN:
        return NameProblem(f"The name must be {NAME_MIN} to {NAME_MAX} characters long.")
    if len(trimmed) > NAME_MAX:
        return NameProblem(f"The name can be at most {NAME_MAX} characters long.")
    compact = re.sub(r"[\s_]", "", trimmed)
    if any(p.search(compact) for p in _RESERVED):
        return NameProblem('The name must not contain "deriv" or "binary" or look-alikes.')
    if any(t.display_name.strip().casefold() == trimmed.casefold() for t in existing):
        return NameProblem("This account already has a token with that name.")
    if len(existing) >= MAX_TOKENS_PER_ACCOUNT:
        return NameProblem(
            f"This account already has {MAX_TOKENS_PER_ACCOUNT} tokens, the most Deriv allows. "
            "Delete one first."
        )
    return None


class TokenService:
    def __init__(self, session: SessionService) -> None:
        self.session = session

    @property
    def supported(self) -> bool:
        backend = self.session.backend
        return backend is not None and backend.supports_tokens

    def _backend(self) -> AccountBackend:
        backend = self.session.backend
        if backend is None or not backend.supports_tokens:
            raise TokensUnsupported(
                "Deriv's new API has no calls for API tokens or connected apps; "
                "manage them on Deriv's dashboard."
            )
        return backend

    def signed_in_with(self, loginid: str) -> str | None:
        """The token value this app uses for ``loginid`` (to mark "used by this app")."""
        cred = self.session.credential(loginid)
        return cred.token if cred else None

    async def tokens(self, loginid: str) -> list[ApiToken]:
        return await self._backend().list_tokens(loginid)

    async def create(
        self, loginid: str, name: str, scopes: frozenset[Scope], *, ip_only: bool = False
    ) -> tuple[list[ApiToken], ApiToken | None]:
        """Create a token; returns the new list and the created token (found by its name)."""
        if not scopes:
            raise ValueError("Choose at least one scope.")
        trimmed = name.strip()
        tokens = await self._backend().create_token(loginid, trimmed, scopes, ip_only)
        created = next((t for t in tokens if t.display_name == trimmed), None)
        return tokens, created

    async def delete(self, loginid: str, token: ApiToken) -> list[ApiToken]:
        """Delete ``token``; if it is the one this app signed in with, end the session cleanly."""
        in_use = self.signed_in_with(loginid) == token.token
        tokens = await self._backend().delete_token(loginid, token.token)
        if in_use:
            log.info("the token this app used was deleted; signing out locally")
            await self.session.forget_locally()
        return tokens

    async def connected_apps(self, loginid: str) -> list[ConnectedApp]:
        return await self._backend().connected_apps(loginid)

    async def revoke(self, loginid: str, app: ConnectedApp) -> None:
        """Revoke ``app``; revoking this very app ends our own session as well."""
        await self._backend().revoke_app(loginid, app.app_id)
        if str(app.app_id) == str(self.session.app_id):
            await self.session.forget_locally()
