"""The new Deriv API (developers.deriv.com): REST at ``api.derivws.com`` plus OTP sockets.

- ``http``: the HTTPS transport (asyncio + h11, verified TLS, system proxy, loopback-only http).
- ``rest``: :class:`RestClient` — accounts, socket OTPs, demo reset, migration status, health.
- ``sockets``: :class:`AccountSockets` — one socket per account, a fresh OTP at every connect.
- ``errors``: REST ``errors[]`` bodies to the app's typed errors.
- ``limits``: the published limits (60 REST calls a minute per token, 5 sockets, 100/s each).
- ``calls`` / ``parse``: socket request builders and payload parsing.
"""

from deriv_desktop.api.newapi.http import HttpClient, HttpReply
from deriv_desktop.api.newapi.parse import MigrationStatus, OptionsAccount
from deriv_desktop.api.newapi.rest import DERIV_REST_URL, RestClient
from deriv_desktop.api.newapi.sockets import AccountSockets

__all__ = [
    "DERIV_REST_URL",
    "AccountSockets",
    "HttpClient",
    "HttpReply",
    "MigrationStatus",
    "OptionsAccount",
    "RestClient",
]
