"""A notice (services/notify_rules.py) in the user's words: a title and one or two sentences.

Amounts go through privacy mode like everywhere else; a notice never names a token.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale

from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.formatting import app_locale, display_code, format_money
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.strings import tr
from deriv_desktop.services.notify_rules import Notice, NoticeKind


def account_label(state: SessionState, loginid: str) -> str:
    """``USD · CR90000001``, or ``Demo · VRTC…``: the account as the switcher names it."""
    account = state.account(loginid)
    if account is None:
        return loginid
    if account.is_virtual:
        return tr("Notices", "Demo · %1").replace("%1", loginid)
    code = display_code(account.currency, state.currencies)
    return f"{code} · {loginid}" if code else loginid


def notice_words(
    notice: Notice, state: SessionState, privacy: Privacy, locale: QLocale | None = None
) -> tuple[str, str]:
    """``(title, body)`` for ``notice``."""
    loc = locale if locale is not None else app_locale()

    def money(amount: Decimal | None, signed: bool = False) -> str:
        if amount is None:
            return ""
        text = format_money(
            abs(amount) if signed else amount, notice.currency, state.currencies, loc
        )
        if signed:
            text = ("+" if amount >= 0 else loc.negativeSign()) + text
        return privacy.shown(text)

    where = account_label(state, notice.loginid) if notice.loginid else ""
    kind = notice.kind
    if kind is NoticeKind.BALANCE_CHANGE:
        up = notice.change is not None and notice.change >= 0
        title = tr("Notices", "Balance up on %1") if up else tr("Notices", "Balance down on %1")
        body = (
            tr("Notices", "%1, now %2")
            .replace("%1", money(notice.change, signed=True))
            .replace("%2", money(notice.amount))
        )
        return title.replace("%1", where), body
    if kind is NoticeKind.LOW_BALANCE:
        body = tr("Notices", "The balance is %1, under the low mark you set.")
        return tr("Notices", "Low balance on %1").replace("%1", where), body.replace(
            "%1", money(notice.amount)
        )
    if kind is NoticeKind.LINK_DOWN:
        return tr("Notices", "No connection to Deriv"), tr(
            "Notices",
            "The connection has been down for %n min. Balances may be out of date.",
            None,
            max(1, notice.minutes),
        )
    if kind is NoticeKind.ACCESS_REVOKED:
        if notice.loginid:
            return tr("Notices", "Access to %1 ended").replace("%1", where), tr(
                "Notices",
                "Deriv no longer accepts this account's sign-in: it was deleted or the app's "
                "access was revoked outside Deriv Desktop. Sign in again to use it.",
            )
        return tr("Notices", "Signed out by Deriv"), tr(
            "Notices",
            "Deriv ended the session: the app's access was revoked or its sign-in deleted "
            "elsewhere. Sign in again to see your balances.",
        )
    title = tr("Notices", "Deriv Desktop")
    body = tr(
        "Notices", "%n updates arrived at once. Open the app to see them.", None, notice.count
    )
    if notice.loginid:
        title = account_label(state, notice.loginid)
    return title, body


__all__ = ["account_label", "notice_words"]
