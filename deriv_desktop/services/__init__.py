"""Orchestration (async, no Qt): sessions, balances, tokens. The GUI talks only to these and to the domain."""
