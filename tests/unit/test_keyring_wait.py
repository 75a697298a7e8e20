"""A keyring call that never ends: the store says it is waiting, gives up on request, and
takes back a save that lands after nobody waits for it (no keyring entry without settings)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import keyring
import keyring.backend
import pytest

from deriv_desktop.storage.secrets import KeyringTokenStore, SecretProblem, SecretStoreError


class StuckKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring whose calls wait until ``release`` is set (an unlock prompt)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.release = threading.Event()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait()
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait()
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.release.wait()
        self.items.pop((service, username), None)


@pytest.fixture
def stuck() -> Iterator[StuckKeyring]:
    backend = StuckKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()


async def test_an_unanswered_save_is_given_up_and_taken_back_later(stuck: StuckKeyring) -> None:
    store = KeyringTokenStore(slow_after=0.05)
    told: list[bool] = []
    waiting = asyncio.Event()
    store.waiting.connect(told.append)
    store.waiting.connect(lambda w: waiting.set() if w else None)
    save = asyncio.create_task(store.save("server|app 1", {"CR1": "a1-secret"}))
    await asyncio.wait_for(waiting.wait(), 5)
    assert store.is_waiting
    store.give_up()
    with pytest.raises(SecretStoreError) as given_up:
        await save
    assert given_up.value.reason is SecretProblem.NOT_ANSWERED
    assert told == [True, False]
    # The prompt is answered after all: the save lands, and is removed again at once.
    removed = asyncio.Event()
    original = stuck.delete_password

    def delete_and_tell(service: str, username: str) -> None:
        original(service, username)
        loop.call_soon_threadsafe(removed.set)

    loop = asyncio.get_running_loop()
    stuck.delete_password = delete_and_tell  # type: ignore[method-assign]
    stuck.release.set()
    await asyncio.wait_for(removed.wait(), 5)
    assert stuck.items == {}, "no keyring entry is left that no settings point at"


async def test_continue_without_remembering_leaves_the_keyring_alone(stuck: StuckKeyring) -> None:
    store = KeyringTokenStore(slow_after=0.05)
    load = asyncio.create_task(store.load("server|app 1"))
    store.give_up(for_this_run=True)
    with pytest.raises(SecretStoreError):
        await load
    with pytest.raises(SecretStoreError) as later:
        await asyncio.wait_for(store.save("server|app 1", {"CR1": "t"}), 1)
    assert later.value.reason is SecretProblem.NOT_ANSWERED
