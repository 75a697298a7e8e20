"""The security checkup's rules: which tokens, connected apps and sign-ins put accounts at risk.

Pure functions over the lists the token service already fetched (``api_token`` per account,
``oauth_apps`` for the user), so they are tested on data and cost nothing to run again. Each
finding has a kind (the GUI words the reason from it), a severity (the ranking), the accounts
it concerns, the token or app it is about, and the fixes that apply. A finding's ``id`` is
stable across runs and holds no secret (kind, account, name or app id), so "this is expected"
can be remembered in the settings file.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from deriv_desktop.domain.models import ApiToken, ConnectedApp, Scope, parse_server_time
from deriv_desktop.domain.problems import Problem

#: Scopes whose holder can move money or take over the account: an IP lock is a must.
POWER_SCOPES = frozenset({Scope.ADMIN, Scope.PAYMENTS})
#: What Deriv Desktop itself needs on the legacy API: balances (Read), demo top-up (Trade), the
#: token manager, connected apps and this checkup (Admin). Anything more is a risk for nothing.
NEEDED_SCOPES = frozenset({Scope.READ, Scope.TRADE, Scope.ADMIN})
DEFAULT_UNUSED_DAYS = 90


class Severity(enum.IntEnum):
    """Lower sorts first."""

    HIGH = 0
    MEDIUM = 1
    LOW = 2
    INFO = 3


class FindingKind(enum.Enum):
    TOKEN_UNLOCKED_POWER = "token_unlocked_power"  # noqa: S105 - a kind, not a secret
    APP_POWER = "app_power"
    TOKEN_UNUSED = "token_unused"  # noqa: S105
    TOKEN_NEVER_USED = "token_never_used"  # noqa: S105
    APP_THIRD_PARTY_TRADE = "app_third_party_trade"
    APP_UNUSED = "app_unused"
    SIGN_IN_EXCESS = "sign_in_excess"
    TOKEN_SAME_NAME = "token_same_name"  # noqa: S105
    TOKEN_SAME_SCOPES = "token_same_scopes"  # noqa: S105
    CANNOT_CHECK = "cannot_check"
    SIGN_IN_SCOPES = "sign_in_scopes"
    NEW_API = "new_api"


SEVERITY: dict[FindingKind, Severity] = {
    FindingKind.TOKEN_UNLOCKED_POWER: Severity.HIGH,
    FindingKind.APP_POWER: Severity.HIGH,
    FindingKind.TOKEN_UNUSED: Severity.MEDIUM,
    FindingKind.TOKEN_NEVER_USED: Severity.MEDIUM,
    FindingKind.APP_THIRD_PARTY_TRADE: Severity.MEDIUM,
    FindingKind.APP_UNUSED: Severity.MEDIUM,
    FindingKind.SIGN_IN_EXCESS: Severity.MEDIUM,
    FindingKind.TOKEN_SAME_NAME: Severity.LOW,
    FindingKind.TOKEN_SAME_SCOPES: Severity.LOW,
    FindingKind.CANNOT_CHECK: Severity.INFO,
    FindingKind.SIGN_IN_SCOPES: Severity.INFO,
    FindingKind.NEW_API: Severity.INFO,
}
_KIND_ORDER = {kind: i for i, kind in enumerate(FindingKind)}


class Fix(enum.Enum):
    DELETE_TOKEN = "delete_token"  # noqa: S105
    REPLACE_TOKEN = "replace_token"  # noqa: S105
    REVOKE_APP = "revoke_app"
    OPEN_DASHBOARD = "open_dashboard"


@dataclass(frozen=True)
class Finding:
    id: str
    kind: FindingKind
    accounts: tuple[str, ...]  # empty: the whole user (connected apps)
    subject: str = ""  # the token's or app's name
    token: ApiToken | None = field(default=None, compare=False)  # what a fix acts on
    app: ConnectedApp | None = None
    scopes: frozenset[Scope] = frozenset()  # the scopes the reason is about
    days: int | None = None  # days since last use
    others: tuple[str, ...] = ()  # the other copies' names (duplicates)
    in_use: bool = False  # the token or app is this app's own sign-in
    problem: Problem | None = None  # why an account could not be checked (None: no Admin)
    fixes: tuple[Fix, ...] = ()

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.kind]

    @property
    def loginid(self) -> str:
        return self.accounts[0] if self.accounts else ""

    @property
    def can_acknowledge(self) -> bool:
        return self.severity is not Severity.INFO


@dataclass(frozen=True)
class AccountInput:
    """What is known about one signed-in account."""

    loginid: str
    tokens: tuple[ApiToken, ...] | None  # None: not listed (see ``problem``/``lacks_admin``)
    sign_in_token: str | None = field(default=None, repr=False)  # to match "used by this app"
    sign_in_scopes: frozenset[Scope] | None = None  # from ``authorize``, when Deriv said
    lacks_admin: bool = False
    problem: Problem | None = None
    #: Names of tokens this app created in this session: "never used" says nothing about them.
    fresh: frozenset[str] = frozenset()


def rank(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; then by kind, account and subject, so the order is stable."""
    return sorted(
        findings,
        key=lambda f: (f.severity, _KIND_ORDER[f.kind], f.accounts, f.subject.casefold(), f.id),
    )


def days_since(raw: str | None, now: datetime) -> int | None:
    when = parse_server_time(raw)
    return None if when is None else max(0, (now - when).days)


# ---------------------------------------------------------------------------------- tokens
def token_findings(account: AccountInput, now: datetime, unused_days: int) -> list[Finding]:
    """What one account's token list shows (an account without a list: nothing here)."""
    if account.tokens is None:
        return []
    loginid = account.loginid
    ids = _token_ids(account.tokens)
    found: list[Finding] = []
    for token, tid in zip(account.tokens, ids, strict=True):
        in_use = account.sign_in_token is not None and token.token == account.sign_in_token
        # The token this app signed in with is not replaced from here: deleting it ends the
        # session, and with it the window showing the new token.
        fixes = (Fix.DELETE_TOKEN,) if in_use else (Fix.REPLACE_TOKEN, Fix.DELETE_TOKEN)
        power = token.scopes & POWER_SCOPES
        if power and not token.valid_for_ip:
            found.append(
                Finding(
                    f"{FindingKind.TOKEN_UNLOCKED_POWER.value}:{loginid}:{tid}",
                    FindingKind.TOKEN_UNLOCKED_POWER,
                    (loginid,),
                    token.display_name,
                    token=token,
                    scopes=power,
                    in_use=in_use,
                    fixes=fixes,
                )
            )
        days = days_since(token.last_used, now)
        if not token.last_used and not in_use and token.display_name not in account.fresh:
            kind = FindingKind.TOKEN_NEVER_USED
        elif days is not None and days >= unused_days:
            kind = FindingKind.TOKEN_UNUSED
        else:
            continue
        found.append(
            Finding(
                f"{kind.value}:{loginid}:{tid}",
                kind,
                (loginid,),
                token.display_name,
                token=token,
                days=days,
                in_use=in_use,
                fixes=(Fix.DELETE_TOKEN,),
            )
        )
    found.extend(_duplicates(account, ids, now))
    return found


def _token_ids(tokens: Sequence[ApiToken]) -> list[str]:
    """A secret-free id per token: its name, with a count when the name is repeated."""
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for token in tokens:
        key = token.display_name.strip().casefold()
        seen[key] += 1
        ids.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return ids


def _least_used(tokens: Sequence[ApiToken]) -> ApiToken:
    """The copy most likely forgotten: never used, else the one used longest ago."""

    def last_use(token: ApiToken) -> float:
        when = parse_server_time(token.last_used)
        return when.timestamp() if when is not None else -1.0

    return min(tokens, key=last_use)


def _duplicates(account: AccountInput, ids: Sequence[str], now: datetime) -> list[Finding]:
    tokens = account.tokens or ()
    by_name: dict[str, list[ApiToken]] = defaultdict(list)
    by_scopes: dict[frozenset[Scope], list[ApiToken]] = defaultdict(list)
    id_of = {id(t): i for t, i in zip(tokens, ids, strict=True)}
    for token in tokens:
        by_name[token.display_name.strip().casefold()].append(token)
        by_scopes[token.scopes].append(token)
    found = []
    groups = [(FindingKind.TOKEN_SAME_NAME, g) for g in by_name.values()] + [
        (FindingKind.TOKEN_SAME_SCOPES, g) for g in by_scopes.values()
    ]
    for kind, group in groups:
        names = {t.display_name.strip().casefold() for t in group}
        if len(group) < 2 or (kind is FindingKind.TOKEN_SAME_SCOPES and len(names) < 2):
            continue  # copies sharing a name and scopes are told once, as same-name copies
        candidates = [t for t in group if t.token != account.sign_in_token] or group
        spare = _least_used(candidates)
        key = ",".join(sorted(id_of[id(t)] for t in group))
        found.append(
            Finding(
                f"{kind.value}:{account.loginid}:{key}",
                kind,
                (account.loginid,),
                spare.display_name,
                token=spare,
                scopes=spare.scopes,
                days=days_since(spare.last_used, now),
                others=tuple(t.display_name for t in group if t is not spare),
                in_use=spare.token == account.sign_in_token,
                fixes=(Fix.DELETE_TOKEN,),
            )
        )
    return found


# ---------------------------------------------------------------------------------- apps
def app_findings(
    apps: Sequence[ConnectedApp], this_app_id: str, now: datetime, unused_days: int
) -> list[Finding]:
    """Connected apps belong to the user, not to one account (``accounts`` is empty)."""
    found: list[Finding] = []
    for app in apps:
        if str(app.app_id) == str(this_app_id):
            continue  # this app's own access is the sign-in findings' business
        power = app.scopes & POWER_SCOPES
        days = days_since(app.last_used, now)
        kinds: list[tuple[FindingKind, frozenset[Scope]]] = []
        if power and not app.official:
            kinds.append((FindingKind.APP_POWER, power))
        elif Scope.TRADE in app.scopes and not app.official:
            kinds.append((FindingKind.APP_THIRD_PARTY_TRADE, frozenset({Scope.TRADE})))
        if days is None or days >= unused_days:
            kinds.append((FindingKind.APP_UNUSED, frozenset()))
        found.extend(
            Finding(
                f"{kind.value}:{app.app_id}",
                kind,
                (),
                app.name,
                app=app,
                scopes=scopes,
                days=days if kind is FindingKind.APP_UNUSED else None,
                fixes=(Fix.REVOKE_APP,),
            )
            for kind, scopes in kinds
        )
    return found


# ---------------------------------------------------------------------------------- sign-in
def sign_in_scopes(account: AccountInput, this_app: ConnectedApp | None) -> frozenset[Scope] | None:
    """The scopes this app's own sign-in holds for ``account``, from the best source there is:
    Deriv's ``authorize`` reply, the listed API token it signed in with, or (an OAuth sign-in)
    the scopes the user granted this app. None when none of them tells."""
    if account.sign_in_scopes is not None:
        return account.sign_in_scopes
    if account.tokens is not None and account.sign_in_token is not None:
        for token in account.tokens:
            if token.token == account.sign_in_token:
                return token.scopes
    if this_app is not None:
        return this_app.scopes
    return None


def sign_in_findings(
    accounts: Sequence[AccountInput], apps: Sequence[ConnectedApp] | None, this_app_id: str
) -> list[Finding]:
    """Which scopes this app holds (one finding per set of scopes, naming the accounts), and
    the accounts where it holds more than it needs; then the accounts it could not check."""
    this_app = next((a for a in apps or () if str(a.app_id) == str(this_app_id)), None)
    by_scopes: dict[frozenset[Scope], list[str]] = defaultdict(list)
    for account in accounts:
        scopes = sign_in_scopes(account, this_app)
        if scopes is not None:
            by_scopes[scopes].append(account.loginid)
    found: list[Finding] = []
    for scopes, loginids in by_scopes.items():
        key = "+".join(s.value for s in Scope if s in scopes)
        found.append(
            Finding(
                f"{FindingKind.SIGN_IN_SCOPES.value}:{key}",
                FindingKind.SIGN_IN_SCOPES,
                tuple(loginids),
                scopes=scopes,
            )
        )
        excess = scopes - NEEDED_SCOPES
        if excess:
            found.append(
                Finding(
                    f"{FindingKind.SIGN_IN_EXCESS.value}:{key}",
                    FindingKind.SIGN_IN_EXCESS,
                    tuple(loginids),
                    scopes=excess,
                )
            )
    unchecked: dict[Problem | None, list[str]] = defaultdict(list)
    for account in accounts:
        if account.tokens is None:
            unchecked[None if account.lacks_admin else account.problem].append(account.loginid)
    for problem, loginids in unchecked.items():
        found.append(
            Finding(
                f"{FindingKind.CANNOT_CHECK.value}:{','.join(loginids)}",
                FindingKind.CANNOT_CHECK,
                tuple(loginids),
                problem=problem,
                fixes=(Fix.OPEN_DASHBOARD,),
            )
        )
    return found


def new_api_findings(loginids: Sequence[str]) -> list[Finding]:
    """On Deriv's new API nothing lists tokens or apps: say what was checked (the sign-in holds
    Trade, which listing the accounts needs) and point to Deriv's dashboard for the rest."""
    return [
        Finding(
            FindingKind.NEW_API.value,
            FindingKind.NEW_API,
            tuple(loginids),
            scopes=frozenset({Scope.TRADE}),
            fixes=(Fix.OPEN_DASHBOARD,),
        )
    ]


__all__ = [
    "DEFAULT_UNUSED_DAYS",
    "NEEDED_SCOPES",
    "POWER_SCOPES",
    "SEVERITY",
    "AccountInput",
    "Finding",
    "FindingKind",
    "Fix",
    "Severity",
    "app_findings",
    "days_since",
    "new_api_findings",
    "rank",
    "sign_in_findings",
    "token_findings",
]
