"""Every waiting state has a way out and shows the current truth (issue 18).

Restoring a saved sign-in while Deriv cannot be reached, the token manager while the session
is offline and after it reconnects, and "Retry now": each is driven over real sockets.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.composition import Tuning
from deriv_desktop.controller import AppController
from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.connection_status import ConnectionStatus
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import MemoryTokenStore, session_key
from deriv_desktop.storage.settings import SessionMeta, Settings, SettingsFile
from tests.gui.fixtures import wait_until
from tests.gui.token_fixtures import english, names, open_token_dialog, usd_stack

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(autouse=True)
def _english_numbers(qapp: QApplication) -> object:
    previous = QLocale()
    QLocale.setDefault(EN)
    yield
    QLocale.setDefault(previous)


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_restoring_while_offline_can_be_cancelled_and_shows_the_live_status(
    tmp_path: Path,
) -> None:
    profile = ConnectionProfile(server=f"ws://127.0.0.1:{closed_port()}", app_id="1089")
    key = session_key(profile.server, profile.app_id)
    store = MemoryTokenStore()
    await store.save(key, {"CR90000001": "a1-saved-token-value-0000"})
    settings = Settings(app_id="1089")
    settings.sessions[key] = SessionMeta(accounts=[{"loginid": "CR90000001", "currency": "USD"}])
    app = AppController(
        settings=settings,
        settings_file=SettingsFile(tmp_path / "settings.json"),
        profile=profile,
        token_store=store,
        tuning=Tuning(backoff=Backoff(base=3.0, cap=3.0, jitter=0.0), request_timeout=60),
        single_instance=False,
    )
    try:
        await app.start()
        window = app.sign_in_window
        assert window is not None
        await wait_until(lambda: window.page == SignInWindow.PAGE_BUSY)
        assert window.restore_cancel.isVisible()
        # The status counts down to the next try, live (not a sentence frozen at one moment).
        label = window.restore_status.label
        await wait_until(lambda: label.text().startswith("Reconnecting in"))
        first = label.text()
        await wait_until(lambda: label.text() != first)
        assert window.restore_status.retry_button.isVisible()
        window.restore_cancel.click()
        await wait_until(lambda: window.page == SignInWindow.PAGE_START)
        assert app.restore_task is not None and app.restore_task.cancelled()
        assert "still saved" in window.messages.text
        assert window.restore_button.isVisible()
        assert await store.load(key) is not None  # Cancel forgets nothing
    finally:
        await app.shutdown()


async def test_the_token_manager_knows_it_is_offline_and_reloads_when_back(
    tmp_path: Path, qtbot: object
) -> None:
    async with usd_stack(tmp_path) as stack:
        with english():
            dialog = await open_token_dialog(stack)
            assert names(dialog)
            await stack.take_offline()
            await wait_until(lambda: not stack.state.link.online)
            dialog.reload()
            # At once, from the session's own knowledge: no "Loading…" for a request timeout.
            assert dialog.table_stack.empty.title.text() == "Offline"
            assert not dialog.loading
            await stack.bring_back()
            await wait_until(lambda: stack.state.link.online, 10)
            await wait_until(lambda: bool(names(dialog)) and dialog.table_stack.showing_table, 10)


async def test_retry_now_says_at_once_that_it_is_trying(qtbot: object) -> None:
    status = ConnectionStatus()
    status.set_retry_available(True)
    link = LinkState(LinkPhase.RECONNECTING, next_try_at=time.time() + 60)
    status.set_link(link)
    assert status.label.text().startswith("Reconnecting in")
    status.retry_button.click()
    assert status.label.text() == "Trying again now…"
    assert status.retry_button.isHidden()
    status.set_link(LinkState(LinkPhase.CONNECTING))
    assert status.label.text() == "Connecting…"
