"""A combo box of the accounts whose tokens (or connected apps) the dialogs can manage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from deriv_desktop.domain.models import Account, CurrencyInfo
from deriv_desktop.gui.formatting import currency_name
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.currency_icons import currency_icon


def account_title(account: Account, currencies: Mapping[str, CurrencyInfo]) -> str:
    if account.is_virtual:
        name = tr("AccountPicker", "Demo")
    elif not account.currency:
        name = tr("AccountPicker", "No currency assigned")
    else:
        name = currency_name(account.currency, currencies)
    return tr("AccountPicker", "%1 · %2").replace("%1", name).replace("%2", account.loginid)


class AccountPicker(QComboBox):
    """Emits ``accountChosen(loginid)`` when the user (or ``set_accounts``) changes the choice."""

    accountChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(18, 18))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("AccountPicker", "Account"))
        self._quiet = False
        self.currentIndexChanged.connect(self._changed)

    def current_loginid(self) -> str | None:
        value = self.currentData()
        return value if isinstance(value, str) else None

    def loginids(self) -> list[str]:
        return [str(self.itemData(i)) for i in range(self.count())]

    def set_accounts(
        self,
        accounts: Sequence[Account],
        currencies: Mapping[str, CurrencyInfo],
        preferred: str | None,
    ) -> None:
        """Refill the list, keeping the current choice if it is still there (else ``preferred``).

        Emits ``accountChosen`` only if the chosen account actually changed.
        """
        before = self.current_loginid()
        wanted = before if any(a.loginid == before for a in accounts) else preferred
        self._quiet = True
        try:
            self.clear()
            for account in accounts:
                self.addItem(
                    currency_icon(account.currency, account.is_virtual),
                    account_title(account, currencies),
                    account.loginid,
                )
            index = self.findData(wanted) if wanted else -1
            self.setCurrentIndex(index if index >= 0 else (0 if self.count() else -1))
        finally:
            self._quiet = False
        after = self.current_loginid()
        if after != before and after is not None:
            self.accountChosen.emit(after)

    def choose(self, loginid: str) -> bool:
        index = self.findData(loginid)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def _changed(self, _index: int) -> None:
        if self._quiet:
            return
        loginid = self.current_loginid()
        if loginid is not None:
            self.accountChosen.emit(loginid)
