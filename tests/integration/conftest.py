"""Our client and services against the real sandbox over real sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.legacy import DerivClient
from deriv_desktop.api.legacy.client import endpoint_url
from deriv_desktop.domain.state import SessionState
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.legacy_backend import LegacyBackend
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import TokenStore
from deriv_desktop.storage.settings import SettingsFile

APP_ID = 1089
FAST = Backoff(base=0.01, cap=0.05, jitter=0.0)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(SandboxConfig(port=0, oauth_port=0, seed=7, fault_seed=7)) as sb:
        yield sb


@pytest.fixture
def amara(sandbox: Sandbox) -> User:
    return sandbox.user("amara@example.com")


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[DerivClient]:
    async with DerivClient(
        endpoint_url(sandbox.ws_url, APP_ID), backoff=FAST, request_timeout=5.0
    ) as c:
        yield c


def usable_tokens(user: User) -> list[str]:
    """Tokens of accounts that can be authorized (a disabled account's token is refused)."""
    return [a.token for a in user.accounts if not a.is_disabled]


SessionMaker = Callable[..., SessionService]


@pytest.fixture
async def session_on_sandbox(sandbox: Sandbox) -> AsyncIterator[SessionMaker]:
    """``session_on_sandbox(settings_file, store, **overrides)``: a ``SessionService`` on the
    sandbox, with the legacy backend unless ``backend_factory`` (and ``server``) say otherwise
    (these tests exercise the service itself, so they build it directly); every one made is
    shut down afterwards."""
    made: list[SessionService] = []

    def make(settings_file: SettingsFile, store: TokenStore, **overrides: object) -> SessionService:
        def backend() -> LegacyBackend:
            return LegacyBackend(DerivClient(endpoint_url(sandbox.ws_url, APP_ID), backoff=FAST))

        kwargs: dict[str, object] = dict(
            server=sandbox.ws_url,
            app_id=str(APP_ID),
            state=SessionState(),
            backend_factory=backend,
            store=store,
            settings=settings_file.load_sync(),
            settings_file=settings_file,
        )
        kwargs.update(overrides)
        session = SessionService(**kwargs)  # type: ignore[arg-type]
        made.append(session)
        return session

    yield make
    for session in made:
        await session.shutdown()
