"""The security checkup's words: a short title and a plain reason per finding, in the user's
language. The rules (``services/checkup_rules.py``) say *what* was found; only this says it."""

from __future__ import annotations

from typing import assert_never

from deriv_desktop.gui.models.tokens import scopes_text
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.gui.strings import tr
from deriv_desktop.services.checkup_rules import NEEDED_SCOPES, Finding, FindingKind, Severity

K = FindingKind


def severity_label(severity: Severity) -> str:
    if severity is Severity.HIGH:
        return tr("Checkup", "High risk")
    if severity is Severity.MEDIUM:
        return tr("Checkup", "Medium risk")
    if severity is Severity.LOW:
        return tr("Checkup", "Low risk")
    return tr("Checkup", "For your information")


def accounts_text(finding: Finding) -> str:
    """The accounts a finding is about; connected apps are the user's, on every account."""
    if not finding.accounts:
        return tr("Checkup", "All accounts")
    return ", ".join(finding.accounts)


def finding_title(finding: Finding) -> str:
    kind = finding.kind
    if kind is K.TOKEN_UNLOCKED_POWER:
        return tr("Checkup", "Powerful token usable from anywhere")
    if kind is K.APP_POWER:
        return tr("Checkup", "App that can move money or change your account")
    if kind is K.TOKEN_UNUSED:
        return tr("Checkup", "Token unused for %1 days").replace("%1", str(finding.days or 0))
    if kind is K.TOKEN_NEVER_USED:
        return tr("Checkup", "Token never used")
    if kind is K.APP_THIRD_PARTY_TRADE:
        return tr("Checkup", "Outside app that can trade")
    if kind is K.APP_UNUSED:
        if finding.days is None:
            return tr("Checkup", "App never used")
        return tr("Checkup", "App unused for %1 days").replace("%1", str(finding.days))
    if kind is K.SIGN_IN_EXCESS:
        return tr("Checkup", "Deriv Desktop holds more than it needs")
    if kind is K.TOKEN_SAME_NAME:
        return tr("Checkup", "Tokens with the same name")
    if kind is K.TOKEN_SAME_SCOPES:
        return tr("Checkup", "Tokens with the same scopes")
    if kind is K.CANNOT_CHECK:
        return tr("Checkup", "Account not checked")
    if kind is K.SIGN_IN_SCOPES:
        return tr("Checkup", "What Deriv Desktop's sign-in may do")
    if kind is K.NEW_API:
        return tr("Checkup", "Tokens and apps are on Deriv's dashboard")
    assert_never(kind)


def finding_reason(finding: Finding) -> str:
    """Why it matters, and what to do, in a sentence or two."""
    kind, scopes = finding.kind, scopes_text(finding.scopes)
    if kind is K.TOKEN_UNLOCKED_POWER:
        text = tr(
            "Checkup",
            "“%1” has the %2 scope and works from any internet address: whoever gets hold of "
            "it can withdraw money or take over the account. Replace it with a token locked to "
            "one IP address, or with fewer scopes.",
        )
        if finding.in_use:
            text += " " + tr(
                "Checkup",
                "Deriv Desktop signed in with this token: sign in with a safer one first, then "
                "delete it.",
            )
        return text.replace("%1", finding.subject).replace("%2", scopes)
    if kind is K.APP_POWER:
        return (
            tr(
                "Checkup",
                "“%1” is not one of Deriv's apps, yet it may use the %2 scope on your accounts. "
                "Revoke its access unless you rely on it.",
            )
            .replace("%1", finding.subject)
            .replace("%2", scopes)
        )
    if kind is K.TOKEN_UNUSED:
        return (
            tr(
                "Checkup",
                "“%1” was last used %2 days ago. A token nobody uses is one you may forget to "
                "protect: delete it if no app needs it.",
            )
            .replace("%1", finding.subject)
            .replace("%2", str(finding.days or 0))
        )
    if kind is K.TOKEN_NEVER_USED:
        return tr(
            "Checkup",
            "“%1” has never been used. If it was made for an app you no longer run, delete it.",
        ).replace("%1", finding.subject)
    if kind is K.APP_THIRD_PARTY_TRADE:
        return tr(
            "Checkup",
            "“%1” is not one of Deriv's apps, yet it may place trades on your accounts. Keep it "
            "only if you trust it with your money.",
        ).replace("%1", finding.subject)
    if kind is K.APP_UNUSED:
        if finding.days is None:
            return tr(
                "Checkup",
                "“%1” still has access although it has never been used. Revoke it if you don't "
                "use it.",
            ).replace("%1", finding.subject)
        return (
            tr(
                "Checkup",
                "“%1” still has access but was last used %2 days ago. Revoke it if you no longer "
                "use it.",
            )
            .replace("%1", finding.subject)
            .replace("%2", str(finding.days))
        )
    if kind is K.SIGN_IN_EXCESS:
        return (
            tr(
                "Checkup",
                "Deriv Desktop's sign-in for %1 also holds %2, which it never uses. It needs "
                "only %3: sign in with a token limited to those.",
            )
            .replace("%1", accounts_text(finding))
            .replace("%2", scopes)
            .replace("%3", scopes_text(NEEDED_SCOPES))
        )
    if kind is K.TOKEN_SAME_NAME or kind is K.TOKEN_SAME_SCOPES:
        text = (
            tr(
                "Checkup",
                "“%1” looks like a forgotten copy of %2. Delete the copy you don't use.",
            )
            if kind is K.TOKEN_SAME_NAME
            else tr(
                "Checkup",
                "“%1” has the same scopes as %2: one of them may be a forgotten copy. Delete the "
                "one you don't use.",
            )
        )
        others = ", ".join(f"“{name}”" for name in finding.others)
        return text.replace("%1", finding.subject).replace("%2", others)
    if kind is K.CANNOT_CHECK:
        if finding.problem is not None:
            return (
                tr("Checkup", "The tokens of %1 could not be listed: %2")
                .replace("%1", accounts_text(finding))
                .replace("%2", describe(finding.problem))
            )
        return tr(
            "Checkup",
            "Deriv Desktop's sign-in for %1 lacks the Admin scope, so Deriv won't list its "
            "tokens. Check them on Deriv's API token page, or sign in with a token that has "
            "Admin.",
        ).replace("%1", accounts_text(finding))
    if kind is K.SIGN_IN_SCOPES:
        return (
            tr("Checkup", "For %1, Deriv Desktop's sign-in may use: %2.")
            .replace("%1", accounts_text(finding))
            .replace("%2", scopes)
        )
    if kind is K.NEW_API:
        return tr(
            "Checkup",
            "On Deriv's new API, Deriv Desktop can check only its own sign-in: it holds %1, "
            "which showing your accounts needs. Deriv offers no way to list your other "
            "personal access tokens or connected apps: review them on Deriv's dashboard.",
        ).replace("%1", scopes)
    assert_never(kind)


__all__ = ["accounts_text", "finding_reason", "finding_title", "severity_label"]
