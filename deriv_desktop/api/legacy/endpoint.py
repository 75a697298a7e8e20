"""The v3 endpoint address, kept apart from the client so that building it loads no websockets."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit


def endpoint_url(server: str, app_id: str | int, language: str = "EN", brand: str = "deriv") -> str:
    """``wss://host/websockets/v3?app_id=…&l=…&brand=…`` from a server URL with or without path."""
    parts = urlsplit(server)
    path = parts.path if parts.path and parts.path != "/" else "/websockets/v3"
    query = urlencode({"app_id": str(app_id), "l": language.upper(), "brand": brand})
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))
