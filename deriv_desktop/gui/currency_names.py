"""Currency names in the interface language, for every currency Deriv lists.

Deriv's ``website_status`` and the account lists name currencies in English only ("US
Dollar"); the app names them itself so a French window says "Dollar américain". A code not
listed here keeps the name Deriv sent, or the code.
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
        "ETH": tr("Currency", "Ethereum"),
        "LTC": tr("Currency", "Litecoin"),
        "BCH": tr("Currency", "Bitcoin Cash"),
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
        "USK": tr("Currency", "USK"),
    }


def translated_currency_name(code: str) -> str | None:
    """``code``'s name in the installed language; None for a code the table does not list."""
    return _table().get(code)
