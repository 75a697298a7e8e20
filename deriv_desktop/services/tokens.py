"""API tokens and connected apps of one account, with the rules checked before the server sees
them, and the session kept whole when the token the app signed in with is deleted or its own app
is revoked.

Also what the dialogs need to avoid offering buttons that can only fail: which accounts can be
managed at all, and whether the session is known to lack the Admin scope Deriv requires for
``api_token`` and ``revoke_oauth_app``.

It remembers the last list each call returned (every ``api_token`` reply carries the account's
whole list) and announces each change on ``changed``, so the security checkup follows the
dialogs' work without asking Deriv again.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from deriv_desktop.domain.errors import BadInput, DerivError, PermissionDenied
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.models import Account, ApiToken, ConnectedApp, Scope
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.services.backend import AccountBackend
from deriv_desktop.services.legacy_backend import LegacyBackend
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

#: Where Deriv's own pages for these live (the new API offers no calls for them).
DASHBOARD_TOKENS_URL = "https://app.deriv.com/account/api-token"
DASHBOARD_APPS_URL = "https://app.deriv.com/account/connected-apps"


class TokensUnsupported(DerivError):
    """This backend (the new Deriv API) has no calls for tokens or connected apps."""

    problem_kind = ProblemKind.TOKENS_UNSUPPORTED


class NameRule(enum.Enum):
    """Which of Deriv's token rules a name breaks; the GUI words each one in the user's language."""

    LIMIT = "limit"
    EMPTY = "empty"
    CHARACTERS = "characters"
    NEEDS_LETTER_OR_DIGIT = "needs_letter_or_digit"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    RESERVED = "reserved"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class NameProblem:
    rule: NameRule
    message: str


def check_token_name(name: str, existing: Sequence[ApiToken]) -> NameProblem | None:
    """Deriv's rules for a new token's name, in the order a user should hear about them.

    The 30-token limit comes first: no name can fix it, so it is the one thing worth saying.
    """
    if len(existing) >= MAX_TOKENS_PER_ACCOUNT:
        return NameProblem(
            NameRule.LIMIT,
            f"This account already has {MAX_TOKENS_PER_ACCOUNT} tokens, the most Deriv allows. "
            "Delete one first.",
        )
    trimmed = name.strip()
    if not trimmed:
        return NameProblem(NameRule.EMPTY, "Enter a name for the token.")
    if not _NAME_CHARS.match(trimmed):
        return NameProblem(NameRule.CHARACTERS, "Use only letters, digits, spaces and underscores.")
    if not re.search(r"[A-Za-z0-9]", trimmed):
        return NameProblem(
            NameRule.NEEDS_LETTER_OR_DIGIT, "The name needs at least one letter or digit."
        )
    if len(trimmed) < NAME_MIN:
        return NameProblem(
            NameRule.TOO_SHORT, f"The name must be {NAME_MIN} to {NAME_MAX} characters long."
        )
    if len(trimmed) > NAME_MAX:
        return NameProblem(
            NameRule.TOO_LONG, f"The name can be at most {NAME_MAX} characters long."
        )
    compact = re.sub(r"[\s_]", "", trimmed)
    if any(p.search(compact) for p in _RESERVED):
        return NameProblem(
            NameRule.RESERVED, 'The name must not contain "deriv" or "binary" or look-alikes.'
        )
    if any(t.display_name.strip().casefold() == trimmed.casefold() for t in existing):
        return NameProblem(NameRule.DUPLICATE, "This account already has a token with that name.")
    return None


class TokenService:
    def __init__(self, session: SessionService) -> None:
        self.session = session
        self._refused_admin: set[str] = set()
        # loginid -> (the credential it was listed with, the list); a new sign-in starts afresh
        self._tokens: dict[str, tuple[str, tuple[ApiToken, ...]]] = {}
        self._apps: tuple[str, tuple[ConnectedApp, ...]] | None = None  # (listed for, apps)
        self._created: set[tuple[str, str]] = set()  # (loginid, name) made in this sign-in
        #: A list changed (its account's login id; "" for the connected apps).
        self.changed: Event[str] = Event("token lists changed")
        session.signed_out.connect(lambda _key: self._forget_lists())

    def __repr__(self) -> str:
        return f"TokenService({self.session!r})"

    @property
    def supported(self) -> bool:
        backend = self.session.backend
        return backend is not None and backend.supports_tokens

    def _backend(self) -> AccountBackend:
        backend = self.session.backend
        if backend is None or not backend.supports_tokens:
            raise TokensUnsupported("this backend has no calls for API tokens or connected apps")
        return backend

    # ------------------------------------------------------------------ what can be managed
    def accounts(self) -> list[Account]:
        """Accounts this session holds a token for (the only ones whose tokens we can reach)."""
        return [
            a
            for a in self.session.state.accounts
            if not a.is_disabled and self.session.credential(a.loginid) is not None
        ]

    def signed_in_with(self, loginid: str) -> str | None:
        """The token value this app uses for ``loginid`` (to mark "used by this app")."""
        cred = self.session.credential(loginid)
        return cred.token if cred else None

    def known_scopes(self, loginid: str) -> frozenset[Scope] | None:
        """The scopes ``authorize`` reported for ``loginid``; None when they are not known.

        Deriv reports the scopes of the first token of a multi-token ``authorize`` only, so for
        the other accounts the answer comes from the server's reply to the first real call.
        """
        backend = self.session.backend
        if not isinstance(backend, LegacyBackend):
            return None
        reply = backend.client.authorize_reply
        if not reply or str(reply.get("loginid")) != loginid or "scopes" not in reply:
            return None
        return Scope.parse_many(reply.get("scopes"))

    def lacks_admin(self, loginid: str) -> bool:
        """True when the session is known not to hold the Admin scope for ``loginid``."""
        if loginid in self._refused_admin:
            return True
        scopes = self.known_scopes(loginid)
        return scopes is not None and Scope.ADMIN not in scopes

    def is_this_app(self, app: ConnectedApp) -> bool:
        return str(app.app_id) == str(self.session.app_id)

    def _note_refusal(self, loginid: str, error: PermissionDenied) -> None:
        log.info("%s: the session lacks the scope for %s", loginid, error.msg_type or "a call")
        self._refused_admin.add(loginid)

    # ------------------------------------------------------------------ the last lists
    def listed_tokens(self, loginid: str) -> tuple[ApiToken, ...] | None:
        """The account's token list as Deriv last sent it in this sign-in; None if not yet."""
        entry = self._tokens.get(loginid)
        if entry is None or entry[0] != self.signed_in_with(loginid):
            return None
        return entry[1]

    def listed_apps(self) -> tuple[ConnectedApp, ...] | None:
        """The connected apps as last listed (they are the user's, the same for every account
        of the session); None if not yet."""
        if self._apps is None or self.signed_in_with(self._apps[0]) is None:
            return None
        return self._apps[1]

    def _keep_tokens(self, loginid: str, tokens: Sequence[ApiToken] | None) -> None:
        if tokens is None:
            self._tokens.pop(loginid, None)
        else:
            self._tokens[loginid] = (self.signed_in_with(loginid) or "", tuple(tokens))
        self.changed.emit(loginid)

    def _keep_apps(self, loginid: str, apps: Sequence[ConnectedApp]) -> None:
        self._apps = (loginid, tuple(apps))
        self.changed.emit("")

    def created_here(self, loginid: str) -> frozenset[str]:
        """Names of the tokens this app created for ``loginid`` since signing in."""
        return frozenset(name for lid, name in self._created if lid == loginid)

    def _forget_lists(self) -> None:
        self._created.clear()
        self._tokens.clear()
        self._apps = None
        self._refused_admin.clear()

    # ------------------------------------------------------------------ tokens
    async def tokens(self, loginid: str) -> list[ApiToken]:
        try:
            listed = await self._backend().list_tokens(loginid)
        except PermissionDenied as e:
            self._note_refusal(loginid, e)
            self._keep_tokens(loginid, None)
            raise
        self._refused_admin.discard(loginid)
        self._keep_tokens(loginid, listed)
        return listed

    async def create(
        self, loginid: str, name: str, scopes: frozenset[Scope], *, ip_only: bool = False
    ) -> tuple[list[ApiToken], ApiToken | None]:
        """Create a token; returns the new list and the created token (found by its name)."""
        if not scopes:
            raise BadInput(Problem(ProblemKind.NO_SCOPE))
        trimmed = name.strip()
        try:
            tokens = await self._backend().create_token(loginid, trimmed, scopes, ip_only)
        except PermissionDenied as e:
            self._note_refusal(loginid, e)
            raise
        self._created.add((loginid, trimmed))
        self._keep_tokens(loginid, tokens)
        created = next((t for t in tokens if t.display_name == trimmed), None)
        return tokens, created

    async def delete(self, loginid: str, token: ApiToken) -> list[ApiToken]:
        """Delete ``token``; if it is the one this app signed in with, end the session cleanly."""
        in_use = self.signed_in_with(loginid) == token.token
        try:
            tokens = await self._backend().delete_token(loginid, token.token)
        except PermissionDenied as e:
            self._note_refusal(loginid, e)
            raise
        if in_use:
            log.info("the token this app used was deleted; signing out locally")
            await self.session.forget_locally()
        else:
            self._keep_tokens(loginid, tokens)
        return tokens

    # ------------------------------------------------------------------ connected apps
    async def connected_apps(self, loginid: str) -> list[ConnectedApp]:
        apps = await self._backend().connected_apps(loginid)
        self._keep_apps(loginid, apps)
        return apps

    async def revoke(self, loginid: str, app: ConnectedApp) -> None:
        """Revoke ``app``; revoking this very app ends our own session as well."""
        try:
            await self._backend().revoke_app(loginid, app.app_id)
        except PermissionDenied as e:
            self._note_refusal(loginid, e)
            raise
        if self.is_this_app(app):
            log.info("this app's own access was revoked; signing out locally")
            await self.session.forget_locally()
        elif self._apps is not None:  # Deriv answers 1, not the list: the app is simply gone
            self._keep_apps(self._apps[0], [a for a in self._apps[1] if a.app_id != app.app_id])
