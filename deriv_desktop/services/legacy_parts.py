"""How the legacy WebSocket API v3 is put together for one stack (``ApiKind.parts``)."""

from __future__ import annotations

from deriv_desktop.api.legacy.client import DerivClient
from deriv_desktop.api.legacy.endpoint import endpoint_url
from deriv_desktop.services.api_parts import BackendParts, Endpoints, ProfileFields, Transport
from deriv_desktop.services.backend import AccountBackend
from deriv_desktop.services.legacy_backend import LegacyBackend


def endpoints(profile: ProfileFields) -> Endpoints:
    """The WebSocket URL, OAuth authorize page and registered redirect the profile names."""
    return Endpoints(profile.server, profile.oauth_url, profile.redirect_uri)


def build(transport: Transport) -> BackendParts:
    """One ``LegacyBackend`` over its own client per session (sign-in needs no flow of its own:
    the login service reads the account tokens from the redirect)."""
    server = transport.endpoints.server
    url = endpoint_url(server, transport.app_id or "0", transport.language)

    def new_backend() -> AccountBackend:
        return LegacyBackend(DerivClient(url, proxy=transport.proxy, **transport.client_options))

    return BackendParts(session_server=server, backend_factory=new_backend)
