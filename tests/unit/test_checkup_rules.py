"""The security checkup's rules on plain data: one test per finding, and what must not be one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deriv_desktop.domain.models import ApiToken, ConnectedApp, Scope
from deriv_desktop.services.checkup_rules import (
    AccountInput,
    Finding,
    FindingKind,
    Fix,
    Severity,
    app_findings,
    new_api_findings,
    rank,
    sign_in_findings,
    token_findings,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
R, T, P, INFO, A = Scope.READ, Scope.TRADE, Scope.PAYMENTS, Scope.TRADING_INFORMATION, Scope.ADMIN


def ago(days: int) -> str:
    return (NOW - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


def tok(name: str, *scopes: Scope, used: int | None = 1, ip: str = "", value: str = "") -> ApiToken:
    return ApiToken(name, value or f"v{name}", frozenset(scopes), ago(used) if used else None, ip)


def app(app_id: int, *scopes: Scope, used: int | None = 1, official: bool = False) -> ConnectedApp:
    return ConnectedApp(app_id, f"App {app_id}", frozenset(scopes), ago(used) if used else None,
                        official, 0.0)  # fmt: skip


def kinds(findings: list[Finding]) -> list[tuple[FindingKind, str]]:
    return [(f.kind, f.subject) for f in findings]


def tokens_of(*tokens: ApiToken, sign_in: str | None = None) -> list[Finding]:
    return token_findings(AccountInput("CR1", tuple(tokens), sign_in_token=sign_in), NOW, 90)


def test_admin_or_payments_without_ip_lock_is_high_and_offers_a_safer_token() -> None:
    found = tokens_of(tok("Admin", R, A), tok("Pay", R, P), tok("Locked", R, A, P, ip="1.2.3.4"))
    assert kinds(found) == [
        (FindingKind.TOKEN_UNLOCKED_POWER, "Admin"),
        (FindingKind.TOKEN_UNLOCKED_POWER, "Pay"),
    ]
    assert found[0].scopes == {A} and found[1].scopes == {P}
    assert found[0].severity is Severity.HIGH
    assert found[0].fixes == (Fix.REPLACE_TOKEN, Fix.DELETE_TOKEN)


def test_the_token_this_app_signed_in_with_is_not_offered_a_replacement() -> None:
    found = tokens_of(tok("Mine", R, A, value="me"), sign_in="me")
    assert kinds(found) == [(FindingKind.TOKEN_UNLOCKED_POWER, "Mine")]
    assert found[0].in_use and Fix.REPLACE_TOKEN not in found[0].fixes


def test_never_used_and_unused_for_the_threshold() -> None:
    found = tokens_of(tok("Never", R, used=None), tok("Old", R, T, used=90), tok("Fresh", R, INFO))
    assert kinds(found) == [
        (FindingKind.TOKEN_NEVER_USED, "Never"),
        (FindingKind.TOKEN_UNUSED, "Old"),
    ]
    assert found[1].days == 90
    assert token_findings(AccountInput("CR1", (tok("Old", R, used=90),)), NOW, 120) == []


def test_copies_by_name_point_at_the_least_used_one() -> None:
    found = tokens_of(tok("Bot", R, T, used=2), tok("bot", R, T, used=40))
    assert kinds(found) == [(FindingKind.TOKEN_SAME_NAME, "bot")]
    assert found[0].others == ("Bot",) and found[0].fixes == (Fix.DELETE_TOKEN,)
    assert found[0].token is not None and found[0].token.token == "vbot"


def test_copies_by_scopes_but_one_scope_set_alone_is_fine() -> None:
    found = tokens_of(
        tok("Feed", R, INFO, used=3), tok("Backup", R, INFO, used=30), tok("Solo", R, T)
    )
    assert kinds(found) == [(FindingKind.TOKEN_SAME_SCOPES, "Backup")]
    assert found[0].severity is Severity.LOW


def test_ids_are_stable_secret_free_and_distinct() -> None:
    first = tokens_of(tok("Bot", R, A, value="secret1"), tok("bot", R, A, value="secret2"))
    again = tokens_of(tok("Bot", R, A, value="secret1"), tok("bot", R, A, value="secret2"))
    assert [f.id for f in first] == [f.id for f in again]
    assert len({f.id for f in first}) == len(first)
    assert not any("secret" in f.id for f in first)


def test_apps_with_power_trade_or_unused() -> None:
    found = app_findings(
        [
            app(1, R, P, A),  # third party with Payments and Admin
            app(2, R, T),  # third party that may trade
            app(3, R, used=100),  # unused
            app(4, R, used=None),  # never used
            app(5, R, T, A, official=True),  # Deriv's own, in use: fine
            app(6, R, A, P, T, used=None),  # this app: the sign-in findings' business
        ],
        "6",
        NOW,
        90,
    )
    assert [(f.kind, f.app.app_id if f.app else 0) for f in found] == [
        (FindingKind.APP_POWER, 1),
        (FindingKind.APP_THIRD_PARTY_TRADE, 2),
        (FindingKind.APP_UNUSED, 3),
        (FindingKind.APP_UNUSED, 4),
    ]
    assert all(f.fixes == (Fix.REVOKE_APP,) and f.accounts == () for f in found)


def test_sign_in_scopes_excess_and_accounts_not_checked() -> None:
    accounts = [
        AccountInput("CR1", (), sign_in_scopes=frozenset({R, T, P, INFO, A})),
        AccountInput("CR2", (tok("Mine", R, T, A, value="me"),), sign_in_token="me"),
        AccountInput("CR3", None, lacks_admin=True),
        AccountInput("VR4", None, lacks_admin=True),
    ]
    found = rank(sign_in_findings(accounts, [], "1089"))
    assert [(f.kind, f.accounts, f.scopes) for f in found] == [
        (FindingKind.SIGN_IN_EXCESS, ("CR1",), frozenset({P, INFO})),
        (FindingKind.CANNOT_CHECK, ("CR3", "VR4"), frozenset()),
        (FindingKind.SIGN_IN_SCOPES, ("CR1",), frozenset({R, T, P, INFO, A})),
        (FindingKind.SIGN_IN_SCOPES, ("CR2",), frozenset({R, T, A})),
    ]
    assert not found[1].can_acknowledge and found[0].can_acknowledge


def test_an_oauth_sign_in_holds_what_the_user_granted_this_app() -> None:
    accounts = [AccountInput("CR1", (), sign_in_token="oauth-token")]
    found = sign_in_findings(accounts, [app(1089, R, T, A, P)], "1089")
    assert [(f.kind, f.scopes) for f in found] == [
        (FindingKind.SIGN_IN_SCOPES, frozenset({R, T, A, P})),
        (FindingKind.SIGN_IN_EXCESS, frozenset({P})),
    ]


def test_new_api_says_what_it_checked_and_where_the_rest_is() -> None:
    (found,) = new_api_findings(["DOT1"])
    assert found.kind is FindingKind.NEW_API and found.scopes == {T}
    assert found.fixes == (Fix.OPEN_DASHBOARD,)


def test_ranking_puts_high_risk_first() -> None:
    found = rank(
        tokens_of(tok("Never", R, used=None), tok("Admin", R, A))
        + app_findings([app(2, R, T)], "0", NOW, 90)
    )
    assert [f.severity for f in found] == [Severity.HIGH, Severity.MEDIUM, Severity.MEDIUM]
    assert found[0].subject == "Admin"


def test_a_token_made_in_this_session_is_not_called_never_used() -> None:
    made = AccountInput("CR1", (tok("Bot 2", R, T, used=None),), fresh=frozenset({"Bot 2"}))
    assert token_findings(made, NOW, 90) == []
