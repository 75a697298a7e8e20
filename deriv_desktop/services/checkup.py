"""The security checkup over every signed-in account: runs the rules (``checkup_rules``) on the
lists the token service fetched, fetches only what it has not seen, and carries out the fixes.

Round trips: a run asks Deriv for what the token service does not hold yet, all at once: one
``api_token`` list per account that can be checked and one ``oauth_apps`` list for the user
(connected apps are the user's, not an account's). With everything held, a run costs none; a
token or app change made anywhere in the app updates the lists, and the report follows at once
(per-account findings are kept, keyed on the very list they were computed from).

"This is expected" marks are finding ids (no secret) kept in the settings file.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from deriv_desktop.domain.errors import DerivError, PermissionDenied
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.models import ApiToken, ConnectedApp, Scope
from deriv_desktop.domain.problems import problem_of
from deriv_desktop.services.checkup_rules import (
    DEFAULT_UNUSED_DAYS,
    AccountInput,
    Finding,
    Severity,
    app_findings,
    new_api_findings,
    rank,
    sign_in_findings,
    token_findings,
)
from deriv_desktop.services.tokens import TokenService
from deriv_desktop.storage.settings import Settings, SettingsFile

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CheckupReport:
    """One run's findings, ranked, with the user's "this is expected" marks."""

    findings: tuple[Finding, ...]
    acknowledged: frozenset[str]
    ran_at: datetime
    accounts: tuple[str, ...]
    round_trips: int = 0  # requests this run sent (0 when everything was already held)

    def is_acknowledged(self, finding: Finding) -> bool:
        return finding.id in self.acknowledged

    @property
    def open(self) -> list[Finding]:
        return [f for f in self.findings if not self.is_acknowledged(f)]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.open if f.severity is severity)

    @property
    def attention(self) -> int:
        """What the main window's badge counts: open findings of high or medium risk."""
        return self.count(Severity.HIGH) + self.count(Severity.MEDIUM)


@dataclass(frozen=True)
class Replacement:
    """How "replace with a safer token" ended once the new token exists. Unless ``deleted``,
    the old token exists too and still needs deleting (``delete_error`` says why, if Deriv
    refused). ``created`` is None only if Deriv's list did not show the new token; the old one
    is then left alone."""

    created: ApiToken | None = field(repr=False)
    old_name: str
    deleted: bool = False
    delete_error: BaseException | None = None


class SecurityCheckup:
    def __init__(
        self,
        tokens: TokenService,
        settings: Settings,
        settings_file: SettingsFile,
        *,
        clock: Clock = _utc_now,
    ) -> None:
        self.tokens = tokens
        self.settings = settings
        self.settings_file = settings_file
        self._clock = clock
        self.report: CheckupReport | None = None
        #: A new report (after a run, a token or app change, a mark).
        self.changed: Event[CheckupReport] = Event("checkup report")
        self._per_account: dict[str, tuple[object, list[Finding]]] = {}
        self._round_trips = 0
        self._failures: dict[str, DerivError] = {}  # accounts whose list could not be fetched
        tokens.changed.connect(self._lists_changed)
        tokens.session.signed_out.connect(lambda _key: self._forget())

    def __repr__(self) -> str:
        found = len(self.report.findings) if self.report else "not run"
        return f"SecurityCheckup({found})"

    @property
    def unused_days(self) -> int:
        days = self.settings.checkup_unused_days
        return days if days > 0 else DEFAULT_UNUSED_DAYS

    # ------------------------------------------------------------------ running
    async def run(self, *, refresh: bool = False) -> CheckupReport:
        """Check every signed-in account; ``refresh`` (the Re-run button) asks Deriv again for
        every list, otherwise only for the lists not held yet."""
        service = self.tokens
        sent = 0
        if service.supported:
            loginids = [a.loginid for a in service.accounts()]
            wanted = [
                lid
                for lid in loginids
                if not service.lacks_admin(lid) and (refresh or service.listed_tokens(lid) is None)
            ]
            calls = [self._list_tokens(lid) for lid in wanted]
            apps_from = self._apps_account(loginids)
            if apps_from is not None and (refresh or service.listed_apps() is None):
                calls.append(self._list_apps(apps_from))
            sent = len(calls)
            for lid in wanted:
                self._failures.pop(lid, None)
            await asyncio.gather(*calls)
        held = self.report
        if not sent and held is not None and held.ran_at.date() == self._clock().date():
            # Nothing asked for: every change since was already folded in by ``_lists_changed``.
            self.report = dataclasses.replace(held, round_trips=0)
            return self.report
        self._round_trips = sent
        return self.recompute()

    async def _list_tokens(self, loginid: str) -> None:
        try:
            await self.tokens.tokens(loginid)
        except PermissionDenied:
            pass  # remembered by the token service: the account is named as not checkable
        except DerivError as e:
            self._failures[loginid] = e
            log.info("checkup: tokens of %s not listed (%s)", loginid, type(e).__name__)

    async def _list_apps(self, loginid: str) -> None:
        try:
            await self.tokens.connected_apps(loginid)
        except DerivError as e:
            log.info("checkup: connected apps not listed (%s)", type(e).__name__)

    def _apps_account(self, loginids: list[str]) -> str | None:
        """The account to list connected apps with (any will do: they are the user's)."""
        return next(iter(loginids), None)

    def recompute(self) -> CheckupReport:
        """The report from the lists held now (no request)."""
        service = self.tokens
        now = self._clock()
        loginids = [a.loginid for a in service.accounts()]
        findings: list[Finding] = []
        if not service.supported:
            findings = new_api_findings(loginids) if loginids else []
        else:
            this_app = str(service.session.app_id)
            inputs = [self._input(lid) for lid in loginids]
            for account in inputs:
                findings.extend(self._account_findings(account, now))
            apps = service.listed_apps()
            if apps is not None:
                findings.extend(app_findings(apps, this_app, now, self.unused_days))
            findings.extend(sign_in_findings(inputs, apps, this_app))
        report = CheckupReport(
            tuple(rank(findings)),
            frozenset(self.settings.checkup_acknowledged),
            now,
            tuple(loginids),
            self._round_trips,
        )
        self._round_trips = 0
        self.report = report
        self.changed.emit(report)
        return report

    def _input(self, loginid: str) -> AccountInput:
        service = self.tokens
        listed = service.listed_tokens(loginid)
        failure = self._failures.get(loginid) if listed is None else None
        return AccountInput(
            loginid,
            listed,
            sign_in_token=service.signed_in_with(loginid),
            sign_in_scopes=service.known_scopes(loginid),
            lacks_admin=service.lacks_admin(loginid),
            problem=problem_of(failure) if failure is not None else None,
            fresh=service.created_here(loginid),
        )

    def _account_findings(self, account: AccountInput, now: datetime) -> list[Finding]:
        """One account's token findings, computed again only when its list is a new one."""
        key = (
            id(account.tokens),
            account.sign_in_token,
            account.fresh,
            self.unused_days,
            now.date(),
        )
        kept = self._per_account.get(account.loginid)
        if kept is not None and kept[0] == key:
            return kept[1]
        found = token_findings(account, now, self.unused_days)
        self._per_account[account.loginid] = (key, found)
        return found

    def _lists_changed(self, _loginid: str) -> None:
        if self.report is not None and self.tokens.session.signed_in:
            self.recompute()

    def _forget(self) -> None:
        self.report = None
        self._per_account.clear()
        self._failures.clear()

    # ------------------------------------------------------------------ "this is expected"
    async def acknowledge(self, finding: Finding, expected: bool = True) -> CheckupReport:
        """Mark ``finding`` as expected (or undo that); saved at once, report re-issued."""
        marks = [m for m in self.settings.checkup_acknowledged if m != finding.id]
        if expected:
            marks.append(finding.id)
        self.settings.checkup_acknowledged = marks
        await self.settings_file.save(self.settings)
        return self.recompute()

    # ------------------------------------------------------------------ fixes
    async def delete_token(self, loginid: str, token: ApiToken) -> None:
        await self.tokens.delete(loginid, token)

    async def revoke_app(self, app: ConnectedApp) -> None:
        """Revoke through an account that holds Admin (apps are the user's, any such will do)."""
        await self.tokens.revoke(self.revoking_account(), app)

    def revoking_account(self) -> str:
        accounts = [a.loginid for a in self.tokens.accounts()]
        return next((a for a in accounts if not self.tokens.lacks_admin(a)), accounts[0])

    async def replace_token(
        self,
        loginid: str,
        old: ApiToken,
        name: str,
        scopes: frozenset[Scope],
        *,
        ip_only: bool,
        on_created: Callable[[ApiToken], None] = lambda _t: None,
    ) -> Replacement:
        """Create the safer token first, then delete ``old``: if the creation fails nothing has
        changed (the error is raised); if the deletion fails the new token exists and the
        result says the old one is still there. ``on_created`` sees the new token at once."""
        _tokens, created = await self.tokens.create(loginid, name, scopes, ip_only=ip_only)
        if created is None:  # Deriv said yes but its list lacks it: keep the old one
            return Replacement(None, old.display_name)
        on_created(created)
        try:
            await self.tokens.delete(loginid, old)
        except DerivError as e:
            log.info("checkup: the old token was not deleted (%s)", type(e).__name__)
            return Replacement(created, old.display_name, delete_error=e)
        return Replacement(created, old.display_name, deleted=True)


__all__ = ["CheckupReport", "Replacement", "SecurityCheckup"]
