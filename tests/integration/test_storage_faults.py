"""A settings file that cannot be written (read-only folder, full disk) never fails a sign-in:
the session is not remembered, the reason says why, and no keyring entry is left behind."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import MemoryTokenStore
from deriv_desktop.storage.settings import SettingsFile
from tests.integration.conftest import SessionMaker
from tests.support.read_only import read_only_folder


class RememberingStore(MemoryTokenStore):
    """The in-memory store, answering like a keyring that remembers."""

    remembers = True


@pytest.fixture
def session_for(
    session_on_sandbox: SessionMaker,
) -> Callable[[SettingsFile, RememberingStore], SessionService]:
    return session_on_sandbox


async def test_a_full_disk_signs_in_unremembered_without_a_keyring_entry(
    session_for: Callable[[SettingsFile, RememberingStore], SessionService],
    amara: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def disk_full(_self: SettingsFile, _text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SettingsFile, "_write", disk_full)  # the one seam every save goes through
    store = RememberingStore()
    session = session_for(SettingsFile(tmp_path / "settings.json"), store)
    outcome = await session.sign_in_with_tokens([amara.accounts[0].token])
    assert session.signed_in and session.state.accounts
    assert not outcome.remembered
    assert outcome.storage_problem is not None
    assert outcome.storage_problem.problem.kind is ProblemKind.SETTINGS_DISK_FULL
    assert await store.load(session.key) is None, "no keyring entry without its metadata"
    assert session.key not in session.settings.sessions


async def test_a_read_only_folder_signs_in_unremembered_without_a_keyring_entry(
    session_for: Callable[[SettingsFile, RememberingStore], SessionService],
    amara: User,
    tmp_path: Path,
) -> None:
    store = RememberingStore()
    with read_only_folder(tmp_path / "config") as folder:
        session = session_for(SettingsFile(folder / "settings.json"), store)
        outcome = await session.sign_in_with_tokens([amara.accounts[0].token])
        assert session.signed_in
        assert not outcome.remembered
        assert outcome.storage_problem is not None
        assert outcome.storage_problem.problem.kind is ProblemKind.SETTINGS_READ_ONLY
        assert await store.load(session.key) is None
        # Switching and signing out save the settings too: they carry on regardless.
        other = next(a.loginid for a in session.state.accounts if a.selectable)
        await session.switch(other)
        await session.logout()
        assert not session.signed_in
