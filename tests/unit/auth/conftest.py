"""Fixtures for the sign-in tests (helpers live in ``auth_helpers``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from auth_helpers import AppCallback, Harness, HarnessFactory, fast_config

from deriv_desktop.auth.attempt import LoginAttempt
from deriv_desktop.auth.loopback import AppOutcome, LoopbackConfig, LoopbackReceiver
from deriv_desktop.auth.redirect import RedirectAccepted


@pytest.fixture
async def make_harness() -> AsyncIterator[HarnessFactory]:
    receivers: list[LoopbackReceiver] = []

    async def factory(
        *,
        timeout: float = 30.0,
        config: LoopbackConfig | None = None,
        app: AppCallback | None = None,
        redirect_uri: str = "http://127.0.0.1:0/callback",
    ) -> Harness:
        attempt = LoginAttempt.new(redirect_uri, timeout)
        holder: list[Harness] = []

        async def on_credentials(accepted: RedirectAccepted) -> AppOutcome:
            holder[0].credentials.append(accepted)
            if app is not None:
                return await app(accepted)
            return AppOutcome.success()

        def on_tls() -> None:
            holder[0].tls_events.append(1)
            holder[0].tls_seen.set()

        receiver = LoopbackReceiver(
            attempt,
            on_credentials=on_credentials,
            on_tls_attempt=on_tls,
            on_rejected=lambda rejected: holder[0].rejected.append(rejected),
            config=config or fast_config(),
        )
        harness = Harness(attempt, receiver)
        holder.append(harness)
        receivers.append(receiver)
        await receiver.start()
        return harness

    yield factory
    for receiver in receivers:
        await receiver.aclose()
