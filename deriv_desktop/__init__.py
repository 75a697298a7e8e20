"""deriv-desktop: a safe desktop home for Deriv accounts, balances, API tokens and connected apps."""

__version__ = "0.1.0"
