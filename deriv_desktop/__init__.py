"""deriv-desktop: one safe desktop home for Deriv accounts, balances, tokens and apps."""

__version__ = "0.1.0"
