"""Which proxy the app's connections to Deriv go through.

``SYSTEM`` follows the system's proxy settings (``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY`` and
their lower-case forms; the registry or system preferences on Windows and macOS). ``NONE``
connects directly. ``HTTP`` (a CONNECT proxy) and ``SOCKS5`` name a proxy in the app's
settings, which then carries every connection, loopback ones included. The password lives in
the OS keyring only; it is left out of ``repr`` so that no log line can show it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field


class ProxyMode(enum.Enum):
    SYSTEM = "system"
    NONE = "none"
    HTTP = "http"
    SOCKS5 = "socks5"


#: The most a host name may hold (RFC 1035); longer text is not a proxy address.
MAX_HOST_LENGTH = 253
_HOST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


@dataclass(frozen=True, slots=True)
class ProxySettings:
    """A proxy choice; ``host``/``port``/``username``/``password`` only count for a named one."""

    mode: ProxyMode = ProxyMode.SYSTEM
    host: str = ""
    port: int = 0
    username: str = ""
    password: str = field(default="", repr=False)

    @property
    def named(self) -> bool:
        """Whether the settings name a proxy (rather than following the system or none)."""
        return self.mode in (ProxyMode.HTTP, ProxyMode.SOCKS5)

    @property
    def secret_key(self) -> str:
        """The keyring entry that holds this proxy's password (no secret in it)."""
        return f"proxy|{self.mode.value}|{self.username}@{self.host}:{self.port}"

    def is_complete(self) -> bool:
        """A named proxy needs a host and a port; the others need nothing."""
        if not self.named:
            return True
        return bool(self.host) and 0 < self.port < 65536 and is_valid_proxy_host(self.host)


def is_valid_proxy_host(host: str) -> bool:
    """A host name or an IP address (v4 or v6, without brackets): no scheme, port or path."""
    if not host or len(host) > MAX_HOST_LENGTH:
        return False
    import ipaddress  # not at import: the profile (and so this module) loads for the first frame

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return _HOST_NAME.fullmatch(host) is not None
    return True


def url_host(host: str) -> str:
    """``host`` as it stands in a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


#: Follow the system's proxy settings (what the app does unless told otherwise).
SYSTEM_PROXY = ProxySettings()
