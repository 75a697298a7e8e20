"""The app ids and addresses a profile may hold, checked without a profile (the API
descriptors and the new API's setup need them too)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Hosts that mean "this computer": plain http and ws are allowed only there.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
_APP_ID = re.compile(r"^[0-9]{1,10}$")
_NEW_APP_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # developers.deriv.com ids are not numeric


def is_valid_app_id(text: str) -> bool:
    """A legacy (v3) app id: digits only."""
    return bool(_APP_ID.fullmatch(text.strip()))


def is_valid_new_app_id(text: str) -> bool:
    """A new-API app id from developers.deriv.com."""
    return bool(_NEW_APP_ID.fullmatch(text.strip()))


def is_valid_relay_url(url: str) -> bool:
    """The hosted relay page Deriv redirects to: https (Deriv accepts nothing else for OAuth2
    apps), or http on a loopback host for the sandbox; no query or fragment."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.query or parts.fragment or parts.username or parts.password or not host:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK_HOSTS)
