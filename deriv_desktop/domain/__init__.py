"""Plain-Python domain: accounts, balances, tokens, scopes and observable state. No I/O, no Qt."""
