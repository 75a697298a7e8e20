"""Our client and services against the real sandbox over real sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.legacy import DerivClient
from deriv_desktop.api.legacy.client import endpoint_url
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import User

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
