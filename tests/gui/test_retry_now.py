""" "Retry now" works on every API, on the stack the app itself builds.

For each API the stack comes from ``deriv_desktop.composition.build_stack`` (as in the app),
signs in the way a user would on that API (account tokens on the legacy API, a personal access
token on the new one), loses its link, and waits out a one-minute backoff; pressing the main
window's "Retry now" must make the sandbox see a new connection at once. Before the descriptor
and ``AccountBackend.reconnect_now`` existed, the button did nothing on the new API.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.stats import Stats
from deriv_desktop.services.api_kinds import API_KINDS, LEGACY, NEW, ApiKind
from deriv_desktop.services.profile import SANDBOX_NEW_APP_ID, SANDBOX_SERVER, ConnectionProfile
from tests.gui.fixtures import APP_ID, Stack, app_stack, wait_until

pytestmark = pytest.mark.gui

NO_RETRY_FOR_A_MINUTE = Backoff(base=60, cap=60, jitter=0)


def profile_for(kind: ApiKind) -> ConnectionProfile:
    if kind is NEW:
        return ConnectionProfile(server=SANDBOX_SERVER, api=kind.key, new_app_id=SANDBOX_NEW_APP_ID)
    return ConnectionProfile(server=SANDBOX_SERVER, api=kind.key, app_id=APP_ID)


async def sign_in_as_a_user_would(stack: Stack) -> None:
    if stack.parts.profile.api_kind is NEW:
        assert stack.sandbox.newapi is not None
        await stack.parts.login.sign_in_with_tokens(stack.sandbox.newapi.pat(stack.user.email))
    else:
        await stack.session.sign_in(
            [
                AccountCredential(a.loginid, a.token, a.currency or None)
                for a in stack.user.accounts
                if not a.is_disabled
            ]
        )
    await wait_until(lambda: stack.state.active is not None and stack.state.link.online, 10)


def server_stats(stack: Stack) -> Stats:
    """Where the sandbox counts the connections this API opens."""
    if stack.parts.profile.api_kind is NEW:
        assert stack.sandbox.newapi is not None
        return stack.sandbox.newapi.stats
    return stack.sandbox.stats


@pytest.mark.parametrize("kind", API_KINDS, ids=lambda kind: kind.key)
async def test_retry_now_connects_again_at_once_on_every_api(
    kind: ApiKind, tmp_path: Path, qtbot: object
) -> None:
    async with (
        Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb,
        app_stack(tmp_path, sb, profile=profile_for(kind), backoff=NO_RETRY_FOR_A_MINUTE) as st,
    ):
        await sign_in_as_a_user_would(st)
        window = MainWindow(st.ctx)
        st.windows.append(window)
        window.show()
        stats = server_stats(st)
        await wait_until(lambda: stats.connections_open > 0, timeout=10)  # the balance stream's
        accepted = stats.connections_accepted

        sb.faults.drop_connections()  # every socket, the new API's account sockets too
        in_backoff: Callable[[], bool] = lambda: (  # noqa: E731
            st.state.link.phase is LinkPhase.RECONNECTING and st.state.link.next_try_at is not None
        )
        await wait_until(in_backoff, timeout=10)
        await wait_until(window.connection.retry_button.isVisible)
        assert stats.connections_accepted == accepted, "reconnected before Retry was pressed"

        QTest.mouseClick(window.connection.retry_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: stats.connections_accepted > accepted, timeout=10)
        await wait_until(lambda: st.state.link.online, timeout=10)
        await wait_until(lambda: window.connection.label.text() == "Online", timeout=10)


def test_both_apis_are_covered() -> None:
    assert set(API_KINDS) == {LEGACY, NEW}
