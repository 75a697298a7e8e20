"""Every currency Deriv lists has a name in English and in French, and so does every currency
the sandbox offers (its ``website_status`` read over a real socket included).

``DERIV_CURRENCIES`` is the list of codes a Deriv account can hold, written down here from the
sources ``deriv_desktop/gui/currency_names.py`` names (Deriv's client currency table and the
back end's precision table, ISO-only payment currencies left out).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from deriv_desktop.gui import i18n
from deriv_desktop.gui.currency_names import named_codes, translated_currency_name
from deriv_desktop.sandbox.currencies import CURRENCIES
from tests.gui.fixtures import signed_in_stack
from tests.unit.test_translation_guard import catalogue_entries, is_code_name_or_number

FIAT = ("USD", "EUR", "GBP", "AUD")
CRYPTO = (
    "BTC", "BCH", "BUSD", "DAI", "ETC", "ETH", "EURS", "IDK", "LTC", "PAX", "TUSD", "USB",
    "USDC", "USDK", "UST", "XRP", "eUSDT", "tUSDT",
)  # fmt: skip
DERIV_CURRENCIES = frozenset(FIAT + CRYPTO)
#: Codes Deriv shows but no account holds: USDT is how Deriv displays UST.
DISPLAY_ONLY = frozenset({"USDT"})
EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def names_in(app: QApplication, language: str) -> dict[str, str | None]:
    if language == "en":
        i18n.uninstall_language(app)
    else:
        i18n.install_language(app, language, system=EN_US)
    return {code: translated_currency_name(code) for code in sorted(DERIV_CURRENCIES)}


def test_the_table_names_exactly_the_currencies_deriv_lists() -> None:
    assert len(DERIV_CURRENCIES) == 22
    assert named_codes() - DISPLAY_ONLY == DERIV_CURRENCIES, (
        f"missing: {sorted(DERIV_CURRENCIES - named_codes())}, "
        f"not Deriv's: {sorted(named_codes() - DISPLAY_ONLY - DERIV_CURRENCIES)}"
    )


def test_every_currency_has_its_english_and_french_name(restore_language: QApplication) -> None:
    english = names_in(restore_language, "en")
    french = names_in(restore_language, "fr")
    assert [code for code, name in english.items() if not name] == []
    assert [code for code, name in french.items() if not name] == []
    # A name French writes differently is translated; the same one only when it is a name.
    same = [c for c in DERIV_CURRENCIES if french[c] == english[c]]
    assert [c for c in same if not is_code_name_or_number(str(english[c]))] == []
    assert french["USD"] == "Dollar américain" and french["GBP"] == "Livre sterling"
    catalogue = {source for context, source, _ in catalogue_entries() if context == "Currency"}
    assert {str(name) for name in english.values()} <= catalogue


def test_every_sandbox_currency_is_deriv_s_and_named_alike() -> None:
    assert set(CURRENCIES) <= DERIV_CURRENCIES
    assert {code: c.name for code, c in CURRENCIES.items()} == {
        code: translated_currency_name(code) for code in CURRENCIES
    }  # English here: the sandbox's names are the ones the app shows


async def test_the_sandbox_website_status_lists_only_named_currencies(
    tmp_path: Path, restore_language: QApplication
) -> None:
    async with signed_in_stack(tmp_path) as stack:
        listed = set(stack.state.currencies)
    assert listed == set(CURRENCIES)  # what website_status sent over the socket
    assert listed <= DERIV_CURRENCIES
    french = names_in(restore_language, "fr")
    assert all(french[code] for code in listed)
