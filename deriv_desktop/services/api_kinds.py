"""Which Deriv API a profile talks to, as one descriptor per API.

Deriv moves users from its WebSocket API v3 (legacy) to a new API one by one, and app ids and
tokens do not carry over. Everything that differs between the two is decided here, once: the
profile fields that hold the app id and the browser route's address, the sign-in routes, how
a token is pasted, and how the backend is built. The rest of the app asks the descriptor
instead of testing a flag; a third API is a new descriptor and a backend package (plus its
words in ``gui/profile_words.py``).

Backends are imported when a stack is built, not when this module is (``parts``): the
first frame reads the descriptors but never builds a backend.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from deriv_desktop.services.addresses import is_valid_app_id, is_valid_new_app_id
from deriv_desktop.services.login_phase import VIA_API_TOKEN, VIA_PAT
from deriv_desktop.storage.settings import LEGACY_API, NEW_API

if TYPE_CHECKING:
    from deriv_desktop.services.api_parts import (
        BackendParts,
        Endpoints,
        ProfileFields,
        Transport,
    )


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


class ApiKind(NamedTuple):
    """One Deriv API: its settings value, profile fields, sign-in routes and backend.

    A named tuple rather than a dataclass: it is built on the way to the first frame, where a
    frozen dataclass of this size costs a millisecond (bench/cold_start.py)."""

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
    #: The module that puts this API together: its ``endpoints(profile)`` (Deriv's own; the
    #: sandbox's are found by the composition root) and ``build(transport)`` (the backend and
    #: the sign-in flow). Imported when a stack is built, never for the first frame.
    parts: Callable[[], ModuleType]
    #: How a sign-in with pasted tokens is recorded (``SessionMeta.via``).
    token_via: str

    def __repr__(self) -> str:
        return f"ApiKind({self.key!r})"

    def endpoints(self, profile: ProfileFields) -> Endpoints:
        """Where ``profile`` connects on Deriv's own servers."""
        endpoints: Callable[[ProfileFields], Endpoints]
        endpoints = self.parts().endpoints
        return endpoints(profile)

    def build(self, transport: Transport) -> BackendParts:
        """This API's backend factory and sign-in flow for one stack."""
        build: Callable[[Transport], BackendParts] = self.parts().build
        return build(transport)


# Imported inside functions, not by name at run time, so that PyInstaller sees them and
# bundles them (a module named in a string is invisible to it) and the first frame does not
# load them.
def _legacy_parts() -> ModuleType:
    from deriv_desktop.services import legacy_parts

    return legacy_parts


def _new_api_parts() -> ModuleType:
    from deriv_desktop.services import new_api_setup

    return new_api_setup


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
    parts=_legacy_parts,
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
    parts=_new_api_parts,
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
