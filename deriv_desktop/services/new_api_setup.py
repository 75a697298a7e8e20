"""What a connection stack on the new Deriv API is made of, built from a profile's values.

The composition root decides *which* API a profile uses; this module knows *how* the new one
is put together: a ``RestClient`` per backend (its OAuth2 token renewed through the sign-in
flow when Deriv handed out a refresh token), a ``NewApiBackend`` over it, and the OAuth2 flow
for the browser route when the profile names a relay page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from deriv_desktop.api.newapi import HttpClient, RestClient
from deriv_desktop.api.newapi.rest import DERIV_REST_URL
from deriv_desktop.api.newapi.sockets import AccountSockets
from deriv_desktop.auth.oauth2 import DERIV_AUTH_BASE_URL
from deriv_desktop.domain.errors import InvalidToken
from deriv_desktop.domain.proxy import SYSTEM_PROXY, ProxySettings
from deriv_desktop.services.addresses import is_valid_new_app_id, is_valid_relay_url
from deriv_desktop.services.api_parts import BackendParts, Endpoints, ProfileFields, Transport
from deriv_desktop.services.new_api_login import OAuth2Config, OAuth2SignIn
from deriv_desktop.services.new_backend import NewApiBackend
from deriv_desktop.services.session import SessionService

#: Used as ``SessionService.server`` so new-API sessions get keyring entries of their own.
SESSION_PREFIX = "newapi:"


@dataclass(frozen=True)
class NewApiEndpoints:
    """Deriv's (or the sandbox's) REST base, OAuth2 base and the relay page's address."""

    rest_url: str = DERIV_REST_URL
    auth_base_url: str = DERIV_AUTH_BASE_URL
    relay_url: str = ""

    @property
    def session_server(self) -> str:
        return SESSION_PREFIX + self.rest_url


class NewApiParts:
    """Backends for one profile, and the OAuth2 flow whose token their REST clients renew."""

    def __init__(
        self,
        app_id: str,
        endpoints: NewApiEndpoints,
        *,
        client_options: Mapping[str, Any] | None = None,
        proxy: ProxySettings = SYSTEM_PROXY,
    ) -> None:
        self.app_id = app_id
        self.proxy = proxy
        self.endpoints = endpoints
        self.client_options = dict(client_options or {})  # for the per-account socket clients
        self.oauth2: OAuth2SignIn | None = None
        self.backends: list[NewApiBackend] = []

    def __repr__(self) -> str:
        return f"NewApiParts(app {self.app_id!r}, {self.endpoints.rest_url!r})"

    def backend_factory(self) -> Callable[[], NewApiBackend]:
        def new_backend() -> NewApiBackend:
            rest = RestClient(
                app_id=self.app_id or "0",
                base_url=self.endpoints.rest_url,
                renew=self._renew,
                http=HttpClient(proxy=self.proxy),
            )
            sockets = AccountSockets(rest, client_options=self.client_options, proxy=self.proxy)
            backend = NewApiBackend(rest, sockets=sockets)
            self.backends.append(backend)
            return backend

        return new_backend

    def attach(self, session: SessionService) -> OAuth2SignIn | None:
        """The OAuth2 flow for ``session``, or None when the profile cannot run one (no valid
        App ID or relay page: the sign-in window then offers the personal access token)."""
        relay = self.endpoints.relay_url
        if not (is_valid_new_app_id(self.app_id) and is_valid_relay_url(relay)):
            return None
        config = OAuth2Config(
            client_id=self.app_id,
            redirect_uri=relay,
            auth_base_url=self.endpoints.auth_base_url,
        )
        self.oauth2 = OAuth2SignIn(
            session, config, post_form=HttpClient(proxy=self.proxy).post_form
        )
        return self.oauth2

    async def _renew(self) -> str:
        flow = self.oauth2
        if flow is None or flow.token is None:  # a PAT: nothing to renew it with
            raise InvalidToken("Deriv no longer accepts this personal access token.")
        return await flow.renew()


# ---------------------------------------------------------------------------------- parts module
def endpoints(profile: ProfileFields) -> Endpoints:
    """Deriv's REST base and OAuth2 server, and the relay page the profile names."""
    return Endpoints(DERIV_REST_URL, DERIV_AUTH_BASE_URL, profile.relay_url)


def build(transport: Transport) -> BackendParts:
    """Backends over the new API's REST list and account sockets, and the OAuth2 flow."""
    where = transport.endpoints
    parts = NewApiParts(
        transport.app_id,
        NewApiEndpoints(
            rest_url=where.server, auth_base_url=where.oauth_url, relay_url=where.redirect_uri
        ),
        client_options=transport.client_options,
        proxy=transport.proxy,
    )
    return BackendParts(
        session_server=parts.endpoints.session_server,
        backend_factory=parts.backend_factory(),
        oauth2=parts.attach,
    )
