"""The security checkup through the real stack and the sandbox: every finding on the seeded
risky@ user, nothing on clean@, the round trips a run costs, and every fix, including
"replace with a safer token" failing half-way either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.models import ApiToken, Scope
from deriv_desktop.sandbox.seed import RISKY_EMAIL
from deriv_desktop.services.checkup_rules import FindingKind, Severity
from deriv_desktop.storage.settings import SettingsFile
from tests.gui.checkup_fixtures import (
    clean_stack,
    found,
    one,
    requests,
    risky_stack,
    stack_with_tokens,
    subjects,
    token_names,
)
from tests.gui.fixtures import wait_until

K = FindingKind


async def test_every_finding_on_the_risky_user(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        report = await stack.ctx.checkup.run()
        assert subjects(report, K.TOKEN_UNLOCKED_POWER) == ["Old admin", "Payout script"]
        assert one(report, K.TOKEN_UNLOCKED_POWER, "Payout script").scopes == {Scope.PAYMENTS}
        assert subjects(report, K.TOKEN_UNUSED) == ["Old admin", "bot"]
        assert one(report, K.TOKEN_UNUSED, "Old admin").days == 200
        assert subjects(report, K.TOKEN_NEVER_USED) == ["Demo tester", "Sheet import"]
        assert subjects(report, K.TOKEN_SAME_NAME) == ["bot"]
        assert subjects(report, K.TOKEN_SAME_SCOPES) == ["Journal backup"]
        assert subjects(report, K.APP_POWER) == ["Cash Mover"]
        assert subjects(report, K.APP_THIRD_PARTY_TRADE) == ["Copy Trader Pro"]
        assert subjects(report, K.APP_UNUSED) == ["Balance Buddy", "Journal Insights"]
        # Signed in with full-scope tokens: more than Deriv Desktop needs, said per account
        (excess,) = found(report, K.SIGN_IN_EXCESS)
        assert excess.scopes == {Scope.PAYMENTS, Scope.TRADING_INFORMATION}
        assert found(report, K.SIGN_IN_SCOPES) and not found(report, K.CANNOT_CHECK)
        # The IP-locked admin token and the recently used bots are fine
        flagged = {f.subject for f in report.findings}
        assert "Server admin" not in flagged and "BTC bot" not in flagged
        assert report.findings[0].severity is Severity.HIGH
        assert report.attention == report.count(Severity.HIGH) + report.count(Severity.MEDIUM)


async def test_the_clean_user_has_nothing_to_fix(tmp_path: Path) -> None:
    async with clean_stack(tmp_path) as stack:
        report = await stack.ctx.checkup.run()
        assert [f.kind for f in report.findings] == [K.SIGN_IN_SCOPES]
        assert report.findings[0].scopes == {Scope.READ, Scope.TRADE, Scope.ADMIN}
        assert report.attention == 0


async def test_accounts_without_admin_are_named_not_skipped(tmp_path: Path) -> None:
    pasted = [("Server admin", "USD", False), ("BTC bot", "BTC", False)]
    async with stack_with_tokens(tmp_path, RISKY_EMAIL, pasted) as stack:
        report = await stack.ctx.checkup.run()
        (unchecked,) = found(report, K.CANNOT_CHECK)
        assert unchecked.accounts == (stack.loginid("BTC"),) and unchecked.problem is None
        assert subjects(report, K.TOKEN_UNLOCKED_POWER) == ["Old admin", "Payout script"]
        # The sign-in tokens are listed API tokens: their scopes are known, none too many
        assert not found(report, K.SIGN_IN_EXCESS)


async def test_round_trips_one_list_per_account_and_none_when_nothing_changed(
    tmp_path: Path,
) -> None:
    async with risky_stack(tmp_path) as stack:
        before = requests(stack)
        first = await stack.ctx.checkup.run()
        accounts = len(stack.ctx.tokens.accounts())
        assert requests(stack) - before == accounts + 1 == first.round_trips
        again = await stack.ctx.checkup.run()
        assert requests(stack) - before == accounts + 1 and again.round_trips == 0
        assert [f.id for f in again.findings] == [f.id for f in first.findings]
        rerun = await stack.ctx.checkup.run(refresh=True)
        assert rerun.round_trips == accounts + 1


async def test_a_change_made_elsewhere_updates_the_report_without_a_request(
    tmp_path: Path,
) -> None:
    async with risky_stack(tmp_path) as stack:
        checkup = stack.ctx.checkup
        await checkup.run()
        reports = []
        checkup.changed.connect(reports.append)
        usd = stack.loginid("USD")
        sheet = one(checkup.report, K.TOKEN_NEVER_USED, "Sheet import")  # type: ignore[arg-type]
        assert sheet.token is not None
        await stack.ctx.tokens.delete(usd, sheet.token)  # as the token dialog does
        assert reports and "Sheet import" not in subjects(reports[-1], K.TOKEN_NEVER_USED)
        listed = requests(stack)
        await checkup.run()
        assert requests(stack) == listed


async def test_fix_delete_token_and_revoke_app(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        checkup = stack.ctx.checkup
        report = await checkup.run()
        copy = one(report, K.TOKEN_SAME_NAME, "bot")
        assert copy.token is not None
        await checkup.delete_token(copy.loginid, copy.token)
        assert token_names(stack).count("Bot") == 1 and "bot" not in token_names(stack)
        assert checkup.report is not None and not found(checkup.report, K.TOKEN_SAME_NAME)

        cash = one(checkup.report, K.APP_POWER, "Cash Mover")
        assert cash.app is not None
        await checkup.revoke_app(cash.app)
        assert 52001 not in stack.user.consents
        assert not found(checkup.report, K.APP_POWER)


async def test_replace_with_a_safer_token(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        checkup = stack.ctx.checkup
        report = await checkup.run()
        old = one(report, K.TOKEN_UNLOCKED_POWER, "Payout script")
        assert old.token is not None
        shown: list[ApiToken] = []
        result = await checkup.replace_token(
            old.loginid, old.token, "Payout script 2", frozenset({Scope.READ}),
            ip_only=True, on_created=shown.append,
        )  # fmt: skip
        assert result.deleted and result.created is not None and shown == [result.created]
        names = token_names(stack)
        assert "Payout script" not in names and "Payout script 2" in names
        new = next(t for t in stack.sandbox.state.api_tokens(old.loginid)
                   if t.display_name == "Payout script 2")  # fmt: skip
        assert new.scopes == ("read",) and new.valid_for_ip == "127.0.0.1"
        assert checkup.report is not None
        assert "Payout script" not in subjects(checkup.report, K.TOKEN_UNLOCKED_POWER)
        # the new token has not been used yet, which is no finding: it was just made
        assert "Payout script 2" not in {f.subject for f in checkup.report.findings}


async def test_replace_when_the_create_fails_changes_nothing(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        checkup = stack.ctx.checkup
        old = one(await checkup.run(), K.TOKEN_UNLOCKED_POWER, "Old admin")
        assert old.token is not None
        before = token_names(stack)
        stack.sandbox.faults.fail_next("api_token", "WrongResponse")
        shown: list[ApiToken] = []
        with pytest.raises(DerivError):
            await checkup.replace_token(
                old.loginid, old.token, "Old admin 2", frozenset({Scope.READ, Scope.TRADE}),
                ip_only=False, on_created=shown.append,
            )  # fmt: skip
        assert token_names(stack) == before and shown == []


async def test_replace_when_the_delete_fails_keeps_both(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        checkup = stack.ctx.checkup
        old = one(await checkup.run(), K.TOKEN_UNLOCKED_POWER, "Old admin")
        assert old.token is not None
        created: list[ApiToken] = []

        def created_then_fail(token: ApiToken) -> None:  # the delete is the next api_token
            created.append(token)
            stack.sandbox.faults.fail_next("api_token", "WrongResponse")

        result = await checkup.replace_token(
            old.loginid, old.token, "Old admin 2", frozenset({Scope.READ, Scope.TRADE}),
            ip_only=False, on_created=created_then_fail,
        )  # fmt: skip
        assert not result.deleted and isinstance(result.delete_error, DerivError)
        assert result.created is not None and created == [result.created]
        names = token_names(stack)
        assert "Old admin" in names and "Old admin 2" in names  # nothing lost
        # the old one is still reported, so it can still be deleted from the checkup
        assert checkup.report is not None
        assert "Old admin" in subjects(checkup.report, K.TOKEN_UNLOCKED_POWER)


async def test_this_is_expected_is_saved_without_a_secret_and_can_be_undone(
    tmp_path: Path,
) -> None:
    async with risky_stack(tmp_path) as stack:
        checkup = stack.ctx.checkup
        report = await checkup.run()
        trade = one(report, K.APP_THIRD_PARTY_TRADE, "Copy Trader Pro")
        attention = report.attention
        marked = await checkup.acknowledge(trade)
        assert marked.is_acknowledged(trade) and marked.attention == attention - 1
        saved = SettingsFile(tmp_path / "settings.json").load_sync()
        assert saved.checkup_acknowledged == [trade.id]
        text = (tmp_path / "settings.json").read_text()
        assert not any(t.value in text for t in stack.sandbox.state.tokens.values())
        undone = await checkup.acknowledge(trade, expected=False)
        assert not undone.is_acknowledged(trade) and undone.attention == attention
        assert SettingsFile(tmp_path / "settings.json").load_sync().checkup_acknowledged == []


async def test_the_report_is_dropped_when_the_session_ends(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        await stack.ctx.checkup.run()
        await stack.session.logout()
        await wait_until(lambda: stack.ctx.checkup.report is None)
        assert stack.ctx.tokens.listed_apps() is None
