"""Orchestration (async, no Qt): sessions, balances, tokens; the GUI talks only to these."""
