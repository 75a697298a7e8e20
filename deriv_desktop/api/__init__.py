"""Deriv protocol clients (asyncio + websockets, no Qt).

``legacy`` speaks WebSocket API v3 (one socket, multi-token ``authorize``). ``newapi`` speaks the
new Deriv API (REST account list plus one OTP socket per account); its sockets reuse the v3
client, whose envelope handling is protocol-neutral, through its ``url_provider`` hook. Both are
wrapped by services that implement ``services.backend.AccountBackend``, so the GUI, which only
talks to services and domain state, does not change.
"""
