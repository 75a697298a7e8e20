"""Which Deriv the app talks to: server, app id, OAuth page, registered redirect, language and
the proxy on the way.

A profile is what the sign-in window's Settings area edits and what decides the keyring entry,
the single-instance scope and the sign-in route. ``Settings`` keeps the persisted values; the
command line may override them for one run, so the composition root builds the profile it uses
from both and only writes back what the user changed in the window.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from deriv_desktop.auth.scheme import DEFAULT_SCHEME_CALLBACK, SCHEME
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings
from deriv_desktop.services.addresses import LOOPBACK_HOSTS
from deriv_desktop.services.addresses import is_valid_app_id as is_valid_app_id
from deriv_desktop.services.addresses import is_valid_new_app_id as is_valid_new_app_id
from deriv_desktop.services.addresses import is_valid_relay_url as is_valid_relay_url
from deriv_desktop.services.api_kinds import LEGACY, NEW, ApiKind, api_kind
from deriv_desktop.storage.settings import DERIV_OAUTH as DERIV_OAUTH
from deriv_desktop.storage.settings import DERIV_SERVER as DERIV_SERVER
from deriv_desktop.storage.settings import LEGACY_API as LEGACY_API
from deriv_desktop.storage.settings import NEW_API as NEW_API
from deriv_desktop.storage.settings import Settings

#: ``Settings.server`` holds this word when the built-in sandbox is chosen.
SANDBOX_SERVER = "sandbox"
#: The app ids used with the sandbox when none is configured (the sandbox registers them).
SANDBOX_APP_ID = LEGACY.sandbox_app_id
SANDBOX_NEW_APP_ID = NEW.sandbox_app_id
DEFAULT_REDIRECT = LEGACY.default_return
SCHEME_REDIRECT = DEFAULT_SCHEME_CALLBACK
LANGUAGES = ("en", "fr")


class ServerKind(enum.Enum):
    DERIV = "deriv"
    CUSTOM = "custom"
    SANDBOX = "sandbox"


class RedirectKind(enum.Enum):
    """How the browser's answer can reach the app for a registered redirect URL."""

    LOOPBACK = "loopback"  # the app listens on 127.0.0.1 (port 80 unless the URL names one)
    SCHEME = "scheme"  # the OS starts the app with a derivdesktop:// URL
    WEB = "web"  # an https page: only the pasted address can bring the answer back
    INVALID = "invalid"


def is_valid_server(url: str) -> bool:
    """A WebSocket URL: ``wss://host[...]``, or ``ws://`` on a loopback host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.scheme == "wss":
        return bool(host)
    return parts.scheme == "ws" and host in LOOPBACK_HOSTS


def is_valid_oauth_url(url: str) -> bool:
    """An https page, or http on a loopback host (sandboxes)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.scheme == "https":
        return bool(host) and not parts.query and not parts.fragment
    return parts.scheme == "http" and host in LOOPBACK_HOSTS and not parts.query


def redirect_kind(uri: str) -> RedirectKind:
    try:
        parts = urlsplit(uri.strip())
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return RedirectKind.INVALID
    if parts.query or parts.fragment or parts.username or parts.password:
        return RedirectKind.INVALID
    host = (parts.hostname or "").lower()
    if parts.scheme == "http" and host in LOOPBACK_HOSTS:
        return RedirectKind.LOOPBACK
    if parts.scheme == SCHEME and parts.netloc:
        return RedirectKind.SCHEME
    if parts.scheme == "https" and host:
        return RedirectKind.WEB
    return RedirectKind.INVALID


def redirect_has_port(uri: str) -> bool:
    """Deriv's registration refuses a port; the sandbox allows one (it says so)."""
    try:
        return urlsplit(uri.strip()).port is not None
    except ValueError:
        return False


def with_any_port(uri: str) -> str:
    """A loopback redirect with port 0 ("any free port"), for the sandbox."""
    parts = urlsplit(uri)
    host = parts.hostname or "127.0.0.1"
    netloc = f"[{host}]:0" if ":" in host else f"{host}:0"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))


def proxy_from(settings: Settings) -> ProxySettings:
    """The proxy the settings file names (without its password: that is in the keyring)."""
    try:
        mode = ProxyMode(settings.proxy_mode)
    except ValueError:
        mode = ProxyMode.SYSTEM
    port = settings.proxy_port if isinstance(settings.proxy_port, int) else 0
    return ProxySettings(mode, str(settings.proxy_host).strip(), port, str(settings.proxy_user))


def proxy_into(settings: Settings, proxy: ProxySettings) -> None:
    """Write ``proxy`` into ``settings``: its address and user, never its password."""
    settings.proxy_mode = proxy.mode.value
    settings.proxy_host = proxy.host
    settings.proxy_port = proxy.port
    settings.proxy_user = proxy.username


@dataclass(frozen=True, slots=True)
class ConnectionProfile:
    """Server (WebSocket URL or :data:`SANDBOX_SERVER`), app id, OAuth page, redirect, language."""

    server: str = DERIV_SERVER
    app_id: str = ""
    oauth_url: str = DERIV_OAUTH
    redirect_uri: str = DEFAULT_REDIRECT
    language: str = "en"
    api: str = LEGACY_API
    new_app_id: str = ""
    relay_url: str = ""
    #: Its password is read from the keyring at start; ``store_in`` never writes it.
    proxy: ProxySettings = field(default_factory=ProxySettings)

    @classmethod
    def from_settings(cls, settings: Settings) -> ConnectionProfile:
        language = settings.language if settings.language in LANGUAGES else "en"
        return cls(
            server=settings.server or DERIV_SERVER,
            app_id=settings.app_id.strip(),
            oauth_url=settings.oauth_url or DERIV_OAUTH,
            redirect_uri=settings.redirect_uri or DEFAULT_REDIRECT,
            language=language,
            api=settings.api if settings.api in (LEGACY_API, NEW_API) else LEGACY_API,
            new_app_id=settings.new_app_id.strip(),
            relay_url=settings.relay_url.strip(),
            proxy=proxy_from(settings),
        )

    def store_in(self, settings: Settings) -> None:
        """Write this profile into ``settings`` (sessions and preferences stay untouched)."""
        settings.server = self.server
        settings.app_id = self.app_id
        settings.oauth_url = self.oauth_url
        settings.redirect_uri = self.redirect_uri
        settings.language = self.language
        settings.api = self.api
        settings.new_app_id = self.new_app_id
        settings.relay_url = self.relay_url
        proxy_into(settings, self.proxy)

    def evolve(self, **changes: str) -> ConnectionProfile:
        """This profile with text fields replaced (``with_proxy`` changes the proxy)."""
        fields: dict[str, Any] = dict(changes)
        return replace(self, **fields)

    def with_proxy(self, proxy: ProxySettings) -> ConnectionProfile:
        return replace(self, proxy=proxy)

    @property
    def kind(self) -> ServerKind:
        if self.server == SANDBOX_SERVER:
            return ServerKind.SANDBOX
        if self.server.rstrip("/") == DERIV_SERVER:
            return ServerKind.DERIV
        return ServerKind.CUSTOM

    @property
    def is_sandbox(self) -> bool:
        return self.kind is ServerKind.SANDBOX

    @property
    def api_kind(self) -> ApiKind:
        """The chosen API's descriptor (``services/api_kinds.py``)."""
        return api_kind(self.api)

    @property
    def active_app_id(self) -> str:
        """The app id of the chosen API (the two worlds register apps separately)."""
        return str(getattr(self, self.api_kind.app_id_field))

    def api_values(self, kind: ApiKind) -> tuple[str, str]:
        """``kind``'s app id and return address (each API keeps its own)."""
        return str(getattr(self, kind.app_id_field)), str(getattr(self, kind.return_field))

    def with_api_values(self, kind: ApiKind, app_id: str, returns_to: str) -> ConnectionProfile:
        """This profile with ``kind``'s app id and return address replaced."""
        fields: dict[str, Any] = {kind.app_id_field: app_id, kind.return_field: returns_to}
        return replace(self, **fields)

    @property
    def scope(self) -> str:
        """Single-instance scope: one running app per API, app id and server."""
        prefix = "app" if self.api_kind is LEGACY else f"{self.api} app"
        return f"{prefix} {self.active_app_id}|{self.server}"

    @property
    def redirect(self) -> RedirectKind:
        return redirect_kind(self.redirect_uri)

    def label(self) -> str:
        """A short server name for titles ("Deriv", "Sandbox" or the host)."""
        if self.kind is ServerKind.DERIV:
            return "Deriv"
        if self.kind is ServerKind.SANDBOX:
            return "Sandbox"
        return urlsplit(self.server).netloc or self.server
