"""Desktop notifications from the whole app: the new API's sandbox signed in with a personal
access token, and a recording notification service on a private D-Bus
(tests/support/notification_server.py). What is checked is what the service received."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from deriv_desktop.app import effective_profile
from deriv_desktop.composition import Tuning
from deriv_desktop.controller import AppController
from deriv_desktop.gui.privacy import MASK
from deriv_desktop.options import parse
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.storage.settings import Settings, SettingsFile
from tests.e2e.sign_in_kit import Catch, wait_for_balances
from tests.gui.fixtures import wait_until
from tests.integration.newapi_kit import AMARA, streaming
from tests.support.notifications import NotificationService

TIMEOUT = 20.0
EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

pytestmark = pytest.mark.usefixtures("english_numbers")


@pytest.fixture
async def app(
    tmp_path: Path, notification_service: NotificationService
) -> AsyncIterator[AppController]:
    settings = Settings(link_down_minutes=0.01)  # 0.6 s, so the test need not wait minutes
    profile, overridden = effective_profile(settings, parse(["--sandbox", "--api", "new"]))
    controller = AppController(
        settings=settings,
        settings_file=SettingsFile(tmp_path / "config" / "settings.json"),
        profile=profile,
        overridden=overridden,
        tuning=Tuning(),
        single_instance=False,
        notifications_bus=notification_service.address,
    )
    try:
        yield controller
    finally:
        await controller.shutdown()


async def signed_in(app: AppController) -> tuple[Sandbox, str]:
    """Start, paste the sandbox user's token, wait for balances; returns the token."""
    await app.start()
    assert app.restore_task is not None
    await app.restore_task
    sandbox, window = app.sandbox, app.sign_in_window
    assert sandbox is not None and sandbox.newapi is not None and window is not None
    pat = sandbox.newapi.pat(AMARA)
    proceeded = Catch(window.proceed)
    window.token_section.set_open(True)
    window.token_panel.set_text(pat)
    window.token_panel.sign_in_button.click()
    await proceeded.wait()
    assert app.stack is not None and app.notifier is not None
    live = [a.account_id for a in sandbox.newapi.accounts(AMARA) if a.status == "active"]
    await wait_for_balances(app.stack.state, live, TIMEOUT)
    await streaming(sandbox, app.stack.state.active or "")
    await wait_until(lambda: app.notifier is not None and app.notifier.available, TIMEOUT)
    return sandbox, pat


async def received(service: NotificationService, count: int) -> list[dict[str, Any]]:
    await wait_until(lambda: len(service.received()) >= count, TIMEOUT)
    return service.received()


def assert_no_secret(notifications: list[dict[str, Any]], secrets: list[str]) -> None:
    for note in notifications:
        text = note["summary"] + "\n" + note["body"]
        assert all(secret not in text for secret in secrets), note


async def test_each_kind_arrives_capped_switchable_and_clickable(
    app: AppController, notification_service: NotificationService
) -> None:
    sandbox, pat = await signed_in(app)
    assert app.stack is not None and sandbox.newapi is not None
    state = app.stack.state
    active = state.active
    assert active is not None
    account = state.account(active)
    assert account is not None and not account.is_virtual  # real: notifies every move

    # A balance change beyond the threshold.
    sandbox.newapi.set_balance(active, "1234.56")
    [note] = await received(notification_service, 1)
    assert note["app"] == "Deriv Desktop" and active in note["summary"]
    assert "1,234.56" in note["body"] and note["actions"][0] == "default"

    # Under the low mark; the change notice of the same move is rate-capped into a summary.
    app.settings.notify_low_marks[active] = "100"
    sandbox.newapi.set_balance(active, "50")
    notes = await received(notification_service, 2)
    await wait_until(lambda: app.alerts is not None and app.alerts.cap.wake_at(0) is None)
    notes = notification_service.received()
    texts = " | ".join(n["summary"] + " " + n["body"] for n in notes[1:])
    assert "Low balance" in texts or "2 updates arrived at once" in texts

    # A switched-off kind says nothing: only the low-balance notice of the next fall comes.
    app.settings.notify_kinds = ["low_balance", "link_down", "access_revoked"]
    sandbox.newapi.set_balance(active, "500")  # back over the mark: no change notice
    sandbox.newapi.set_balance(active, "40")
    before = len(notes)
    notes = await received(notification_service, before + 1)
    await wait_until(lambda: app.alerts is not None and app.alerts.cap.wake_at(0) is None)
    notes = notification_service.received()
    assert [n["summary"] for n in notes[before:]] == [f"Low balance on USD · {active}"]

    # Privacy mode masks the figures in notifications too.
    app.privacy.set_hidden(True)
    app.settings.notify_kinds.append("balance_change")
    sandbox.newapi.set_balance(active, "7777.77")
    before = len(notes)
    notes = await received(notification_service, before + 1)
    assert MASK in notes[-1]["body"] and not re.search(r"\d\.\d{2}", notes[-1]["body"])
    app.privacy.set_hidden(False)

    # Clicking a notification opens its account.
    main = app.main_window
    assert main is not None
    other = next(a.loginid for a in state.accounts if a.selectable and a.loginid != active)
    main.request_switch(other)
    await wait_until(lambda: state.active == other, TIMEOUT)
    main.hide()
    notification_service.click(int(notes[-1]["id"]))
    await wait_until(lambda: state.active == active and main.isVisible(), TIMEOUT)

    # The link down for longer than the delay.
    before = len(notification_service.received())
    await sandbox.stop()
    notes = await received(notification_service, before + 1)
    assert any(n["summary"] == "No connection to Deriv" for n in notes[before:])
    assert_no_secret(notes, [pat])


async def test_a_token_revoked_elsewhere_is_told(
    app: AppController, notification_service: NotificationService
) -> None:
    sandbox, pat = await signed_in(app)
    assert sandbox.newapi is not None
    sandbox.newapi.state.revoke_pat(pat)  # as if deleted on Deriv's website
    # The new API notices at its next poll of the account list (about half a minute).
    await wait_until(lambda: len(notification_service.received()) >= 1, 60)
    notes = notification_service.received()
    assert notes[-1]["summary"] == "Signed out by Deriv"
    assert_no_secret(notes, [pat])
