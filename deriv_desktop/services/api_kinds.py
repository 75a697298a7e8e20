"""Which Deriv API a profile talks to, as one descriptor per API.

Deriv moves users from its WebSocket API v3 (legacy) to a new API one by one, and app ids and
tokens do not carry over. Everything that differs between the two is decided here, once: the
profile fields that hold the app id and the browser route's address, the sign-in routes, how
a token is pasted, and how the backend is built. The rest of the app asks the descriptor
instead of testing a flag; a third API is a new descriptor and a backend package (plus its
words in ``gui/api_texts.py``).

Backends are imported when a stack is built, not when this module is: the first frame reads
the descriptors but never builds a backend.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from deriv_desktop.services.addresses import is_valid_app_id, is_valid_new_app_id
from deriv_desktop.services.login_phase import VIA_API_TOKEN, VIA_PAT
from deriv_desktop.storage.settings import LEGACY_API, NEW_API

if TYPE_CHECKING:
    from deriv_desktop.services.backend import AccountBackend
    from deriv_desktop.services.new_api_login import OAuth2SignIn
    from deriv_desktop.services.session import SessionService


class BrowserRoute(enum.Enum):
    """How "Log in with Deriv" works."""

    #: Deriv's OAuth page redirects back with one token per account (legacy v3).
    ACCOUNT_TOKENS = "account_tokens"
    #: OAuth2 with PKCE; one access token for every account. The profile's return field holds
    #: the registered redirect: a port-less ``http://127.0.0.1/<path>`` (the loopback route, a
    #: free port per attempt) or a hosted relay page.
    OAUTH2_RELAY = "oauth2_relay"


class TokenRoute(enum.Enum):
    """What the user may paste instead of signing in in the browser."""

    API_TOKENS = "api_tokens"  # up to 25 legacy API tokens, one per account
    PERSONAL_TOKEN = "personal_token"  # noqa: S105 - a route name. One personal access token for the whole user


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


@dataclass
class BackendParts:
    """What the composition root needs from an API to build a session and its sign-in."""

    session_server: str  # keys the keyring entry and the remembered session
    backend_factory: Callable[[], AccountBackend]
    #: The browser sign-in flow for a session, when the API needs one of its own (new API).
    oauth2: Callable[[SessionService], OAuth2SignIn | None] = lambda _session: None


@dataclass(frozen=True)
class ApiKind:
    """One Deriv API: its settings value, profile fields, sign-in routes and backend."""

    key: str  # the value kept in ``Settings.api``
    app_id_field: str  # the ConnectionProfile field holding this API's app id
    #: The ConnectionProfile field holding where the browser's answer comes back to: the
    #: registered redirect URL (legacy), or the new API's registered redirect (a port-less
    #: loopback address or the hosted relay page).
    return_field: str
    default_return: str  # what that field holds until the user sets it
    sandbox_app_id: str  # the app the built-in sandbox registers when none is configured
    browser_route: BrowserRoute
    token_route: TokenRoute
    #: Whether the user may point the app at a server of their own (the new API is Deriv's).
    custom_server: bool
    app_id_max_length: int
    is_valid_app_id: Callable[[str], bool]
    build: Callable[[Transport], BackendParts]
    #: Deriv's own endpoints for a profile (the sandbox's are found by the composition root).
    endpoints: Callable[[ProfileFields], Endpoints]
    #: How a sign-in with pasted tokens is recorded (``SessionMeta.via``).
    token_via: str

    def __repr__(self) -> str:
        return f"ApiKind({self.key!r})"


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


def _legacy_endpoints(profile: ProfileFields) -> Endpoints:
    return Endpoints(profile.server, profile.oauth_url, profile.redirect_uri)


def _new_endpoints(profile: ProfileFields) -> Endpoints:
    from deriv_desktop.api.newapi.rest import DERIV_REST_URL
    from deriv_desktop.auth.oauth2 import DERIV_AUTH_BASE_URL

    return Endpoints(DERIV_REST_URL, DERIV_AUTH_BASE_URL, profile.relay_url)


def _build_legacy(transport: Transport) -> BackendParts:
    from deriv_desktop.api.legacy.client import DerivClient
    from deriv_desktop.api.legacy.endpoint import endpoint_url
    from deriv_desktop.services.legacy_backend import LegacyBackend

    server = transport.endpoints.server
    url = endpoint_url(server, transport.app_id or "0", transport.language)

    def new_backend() -> AccountBackend:
        return LegacyBackend(DerivClient(url, **transport.client_options))

    return BackendParts(session_server=server, backend_factory=new_backend)


def _build_new(transport: Transport) -> BackendParts:
    from deriv_desktop.services.new_api_setup import NewApiEndpoints, NewApiParts

    where = transport.endpoints
    endpoints = NewApiEndpoints(
        rest_url=where.server, auth_base_url=where.oauth_url, relay_url=where.redirect_uri
    )
    parts = NewApiParts(transport.app_id, endpoints, client_options=transport.client_options)
    return BackendParts(
        session_server=endpoints.session_server,
        backend_factory=parts.backend_factory(),
        oauth2=parts.attach,
    )


LEGACY = ApiKind(
    key=LEGACY_API,
    app_id_field="app_id",
    return_field="redirect_uri",
    default_return="http://127.0.0.1/deriv-desktop/callback",
    sandbox_app_id="36544",
    browser_route=BrowserRoute.ACCOUNT_TOKENS,
    token_route=TokenRoute.API_TOKENS,
    custom_server=True,
    app_id_max_length=10,
    is_valid_app_id=is_valid_app_id,
    build=_build_legacy,
    endpoints=_legacy_endpoints,
    token_via=VIA_API_TOKEN,
)

NEW = ApiKind(
    key=NEW_API,
    app_id_field="new_app_id",
    return_field="relay_url",
    default_return="",
    # An OAuth2 client whose redirect URL is the relay page the sandbox hosts; PATs too.
    sandbox_app_id="36545",
    browser_route=BrowserRoute.OAUTH2_RELAY,
    token_route=TokenRoute.PERSONAL_TOKEN,
    custom_server=False,
    app_id_max_length=64,
    is_valid_app_id=is_valid_new_app_id,
    build=_build_new,
    endpoints=_new_endpoints,
    token_via=VIA_PAT,
)

#: Every API the app speaks, in the order the Settings list them.
API_KINDS: tuple[ApiKind, ...] = (LEGACY, NEW)


def api_kind(key: str) -> ApiKind:
    """The descriptor for a ``Settings.api`` value (unknown values fall back to legacy)."""
    for kind in API_KINDS:
        if kind.key == key:
            return kind
    return LEGACY
