"""Deriv protocol clients (asyncio + websockets, no Qt).

``legacy`` speaks WebSocket API v3 (one socket, multi-token ``authorize``). A second backend for
the new Deriv API (REST account list plus one OTP socket per account) will live beside it in
``api/newapi/`` and implement the same ``services.backend.AccountBackend`` protocol, so the GUI,
which only talks to services and domain state, does not change.
"""
