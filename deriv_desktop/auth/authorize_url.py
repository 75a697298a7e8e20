"""The legacy Deriv authorize URL and the per-attempt ``state`` that protects its redirect.

Deriv ignores ``redirect_uri``/``scope`` in the request (it uses what the app id registered), so
the URL carries only ``app_id``, ``l``, ``brand`` and ``state``. The result is already encoded:
hand these exact bytes to the browser launcher so nothing re-encodes them.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

DERIV_OAUTH_BASE_URL = "https://oauth.deriv.com"
AUTHORIZE_PATH = "/oauth2/authorize"
DEFAULT_LANGUAGE = "EN"
DEFAULT_BRAND = "deriv"

# 32 random bytes = 256 bits, twice the 128-bit floor of RFC 8252 §8.9; 43 url-safe characters.
STATE_BYTES = 32

_APP_ID = re.compile(r"^[0-9]{1,10}$")
_STATE = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?$")
_BRAND = re.compile(r"^[a-z0-9_-]{1,32}$")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def new_state() -> str:
    """A fresh, unguessable ``state`` value from the OS CSPRNG (url-safe, no padding)."""
    import secrets  # here: hashlib and hmac are not needed before the first window

    return secrets.token_urlsafe(STATE_BYTES)


def deriv_language_code(language: str) -> str:
    """Deriv's ``l`` spelling of a tag: ``en`` → ``EN``, ``zh-cn``/``zh_CN`` → ``ZH_CN``."""
    match = _LANGUAGE.fullmatch(language.strip())
    if match is None:
        raise ValueError("language must look like 'en' or 'zh_CN'")
    primary, region = match.group(1), match.group(2)
    return primary.upper() if region is None else f"{primary.upper()}_{region.upper()}"


def build_authorize_url(
    *,
    app_id: int | str,
    state: str,
    language: str = DEFAULT_LANGUAGE,
    base_url: str = DERIV_OAUTH_BASE_URL,
    brand: str = DEFAULT_BRAND,
) -> str:
    """Return the encoded authorize URL for ``app_id``.

    ``base_url`` is Deriv's OAuth origin by default; the sandbox serves the same path on a loopback
    port, so plain ``http`` is accepted only for loopback hosts.
    """
    app_id_text = str(app_id)
    if not _APP_ID.fullmatch(app_id_text):
        raise ValueError("app_id must be 1 to 10 digits")
    if not _STATE.fullmatch(state):
        raise ValueError("state must be 22 to 128 url-safe characters (at least 128 bits)")
    if not _BRAND.fullmatch(brand):
        raise ValueError("brand must be a short lowercase word")
    endpoint = _authorize_endpoint(base_url)
    query = urlencode(
        [
            ("app_id", app_id_text),
            ("l", deriv_language_code(language)),
            ("brand", brand),
            ("state", state),
        ]
    )
    return f"{endpoint}?{query}"


def _authorize_endpoint(base_url: str) -> str:
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise ValueError("base_url must be an http(s) origin")
    if parts.scheme == "http" and host not in _LOOPBACK_HOSTS:
        raise ValueError("plain http is only allowed for a loopback base_url")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError("base_url must not carry a query, fragment or user info")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}{AUTHORIZE_PATH}"
