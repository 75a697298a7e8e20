"""The new Deriv API (developers.deriv.com): REST at ``api.derivws.com`` plus OTP sockets.

- ``http``: the HTTPS transport (asyncio + h11, verified TLS, system proxy, loopback-only http).
- ``rest``: :class:`RestClient` — accounts, socket OTPs, demo reset, migration status, health.
- ``sockets``: :class:`AccountSockets` — one socket per account, a fresh OTP at every connect.
- ``errors``: REST ``errors[]`` bodies to the app's typed errors.
- ``limits``: the published limits (60 REST calls a minute per token, 5 sockets, 100/s each).
- ``calls`` / ``parse``: socket request builders and payload parsing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deriv_desktop.api.lazy import lazy_exports

if TYPE_CHECKING:
    from deriv_desktop.api.newapi.http import HttpClient as HttpClient
    from deriv_desktop.api.newapi.http import HttpReply as HttpReply
    from deriv_desktop.api.newapi.parse import OptionsAccount as OptionsAccount
    from deriv_desktop.api.newapi.rest import DERIV_REST_URL as DERIV_REST_URL
    from deriv_desktop.api.newapi.rest import RestClient as RestClient
    from deriv_desktop.api.newapi.sockets import AccountSockets as AccountSockets

# Imported on first use: the app paints its first window before it needs any transport.
_WHERE = {
    "DERIV_REST_URL": "rest",
    "AccountSockets": "sockets",
    "HttpClient": "http",
    "HttpReply": "http",
    "OptionsAccount": "parse",
    "RestClient": "rest",
}

__all__ = sorted(_WHERE)

__getattr__ = lazy_exports(__name__, _WHERE)
