"""Fixtures: a fresh in-process sandbox per test on 127.0.0.1 (ports picked by the OS)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from tests.sandbox.kit import make_config


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(make_config()) as sb:
        yield sb


@pytest.fixture
def amara(sandbox: Sandbox) -> User:
    return sandbox.user("amara@example.com")


@pytest.fixture
def luis(sandbox: Sandbox) -> User:
    return sandbox.user("luis@example.com")
