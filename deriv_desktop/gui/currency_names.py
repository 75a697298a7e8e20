"""Currency names in the interface language, for every currency Deriv lists.

Deriv's ``website_status`` and the account lists name currencies in English only ("US
Dollar"); the app names them itself so a French window says "Dollar américain". A code not
listed here keeps the name Deriv sent, or the code.

The codes are the ones a Deriv account can hold, checked (2026-04) against three of Deriv's
public repositories, which agree:

- ``deriv-com/deriv-app``, ``packages/shared/src/utils/currency/currency.ts`` at
  ``12b5bb3c1a081dfc0e38f51adf88c74f22d49b62``: the fiat display order (USD, EUR, GBP, AUD) and
  the crypto table (BTC, BCH, BUSD, DAI, ETC, ETH, EURS, IDK, LTC, PAX, TUSD, USDC, USDK, UST,
  eUSDT, tUSDT; USB commented out there);
- ``deriv-com/perl-Format-Util``, ``share/precision.yml`` at
  ``3aad077cb356dac3648226ede14ef07fbf3b1406``: the precision of every currency the back end
  formats; beside ISO 4217 codes (the payment and local currencies, which no account holds)
  the same crypto codes plus USB and XRP;
- ``deriv-com/deriv-utils``, ``src/constants/currency.constants.ts`` at
  ``d9f278213e554f6e98f4a1fa1007dc7b8821f1bc``: the same list as perl-Format-Util without XRP.

The union is the table (22 codes) plus USDT, the code Deriv shows for UST.
``tests/gui/test_currency_names.py`` holds the list and checks the table, the French catalogue
and the sandbox's currencies against it.
"""

from __future__ import annotations

from deriv_desktop.gui.strings import tr


def _table() -> dict[str, str]:
    return {
        # fiat
        "USD": tr("Currency", "US Dollar"),
        "EUR": tr("Currency", "Euro"),
        "GBP": tr("Currency", "Pound Sterling"),
        "AUD": tr("Currency", "Australian Dollar"),
        # crypto and stablecoins (product names, kept as such in French where they are names)
        "BTC": tr("Currency", "Bitcoin"),
        "BCH": tr("Currency", "Bitcoin Cash"),
        "ETH": tr("Currency", "Ethereum"),
        "ETC": tr("Currency", "Ethereum Classic"),
        "LTC": tr("Currency", "Litecoin"),
        "XRP": tr("Currency", "XRP"),
        "USDC": tr("Currency", "USD Coin"),
        "USDT": tr("Currency", "Tether"),
        "UST": tr("Currency", "Tether Omni"),
        "eUSDT": tr("Currency", "Tether ERC20"),
        "tUSDT": tr("Currency", "Tether TRC20"),
        "BUSD": tr("Currency", "Binance USD"),
        "DAI": tr("Currency", "Dai"),
        "EURS": tr("Currency", "STASIS Euro"),
        "IDK": tr("Currency", "IDK"),
        "PAX": tr("Currency", "Paxos Standard"),
        "TUSD": tr("Currency", "TrueUSD"),
        "USB": tr("Currency", "Binary Coin"),
        "USDK": tr("Currency", "USDK"),
    }


def named_codes() -> frozenset[str]:
    """Every code the table names."""
    return frozenset(_table())


def translated_currency_name(code: str) -> str | None:
    """``code``'s name in the installed language; None for a code the table does not list."""
    return _table().get(code)
