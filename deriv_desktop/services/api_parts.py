"""What an API's parts module (``ApiKind.parts``) takes and gives: the addresses a stack
connects to, the transport knobs, and the backend factory and sign-in flow it builds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from deriv_desktop.domain.proxy import SYSTEM_PROXY, ProxySettings

if TYPE_CHECKING:
    from deriv_desktop.services.backend import AccountBackend
    from deriv_desktop.services.new_api_login import OAuth2SignIn
    from deriv_desktop.services.session import SessionService


@dataclass(frozen=True)
class Endpoints:
    """Where one profile connects (the sandbox's ports are only known once it runs).

    Legacy: the WebSocket URL, the OAuth authorize page and the registered redirect URL.
    New API: the REST base, the OAuth2 server's base and the hosted relay page.
    """

    server: str
    oauth_url: str
    redirect_uri: str


@dataclass(frozen=True)
class Transport:
    """Where a stack connects and the client knobs tests and benches turn (defaults: the app's)."""

    endpoints: Endpoints
    app_id: str
    language: str = "en"
    client_options: Mapping[str, Any] = field(default_factory=dict)  # DerivClient keywords
    #: Which proxy every connection of the stack goes through (sockets, REST, OAuth2 tokens).
    proxy: ProxySettings = SYSTEM_PROXY


@dataclass
class BackendParts:
    """What the composition root needs from an API to build a session and its sign-in."""

    session_server: str  # keys the keyring entry and the remembered session
    backend_factory: Callable[[], AccountBackend]
    #: The browser sign-in flow for a session, when the API needs one of its own (new API).
    oauth2: Callable[[SessionService], OAuth2SignIn | None] = lambda _session: None


class ProfileFields(Protocol):
    """The profile fields an API's endpoints depend on (``ConnectionProfile`` has them)."""

    @property
    def server(self) -> str: ...
    @property
    def oauth_url(self) -> str: ...
    @property
    def redirect_uri(self) -> str: ...
    @property
    def relay_url(self) -> str: ...
