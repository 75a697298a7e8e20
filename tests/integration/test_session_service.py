"""SessionService with the legacy backend against the sandbox: sign-in, restore, switch, logout."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from deriv_desktop.api.legacy import calls
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import InvalidToken
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.legacy_backend import LegacyBackend, SignInRefused
from deriv_desktop.services.session import SessionService, choose_active
from deriv_desktop.storage.secrets import MemoryTokenStore, SecretProblem, SecretStoreError
from deriv_desktop.storage.settings import SettingsFile
from tests.integration.conftest import SessionMaker

Factory = Callable[..., SessionService]


@pytest.fixture
def make_session(session_on_sandbox: SessionMaker, tmp_path: Path) -> Factory:
    store = MemoryTokenStore()
    store.remembers = True  # behave like a keyring for these tests
    settings_file = SettingsFile(tmp_path / "settings.json")

    def factory(**overrides: object) -> SessionService:
        chosen = overrides.pop("store", store)
        return session_on_sandbox(settings_file, chosen, **overrides)

    return factory


def creds(user: User, *loginids: str) -> list[AccountCredential]:
    wanted = set(loginids)
    return [
        AccountCredential(a.loginid, a.token, a.currency)
        for a in user.accounts
        if a.loginid in wanted
    ]


async def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():  # noqa: ASYNC110 - bounded poll; state has no awaitable
            await asyncio.sleep(0.01)


async def test_sign_in_fills_state_chooses_real_account_and_streams(
    make_session: Factory, amara: User
) -> None:
    session = make_session()
    outcome = await session.sign_in(creds(amara, "VRTC9300001", "CR5100002", "CR5100001"))
    state = session.state
    assert outcome.remembered
    assert {a.loginid for a in state.accounts} >= {"CR5100001", "CR5100002", "VRTC9300001"}
    assert state.accounts[-1].is_virtual  # Deriv's order: demo last
    assert state.active == "CR5100001"  # first enabled real account in Deriv's order
    await wait_until(lambda: state.balance("CR5100002") is not None)
    assert state.currencies["BTC"].fractional_digits == 8
    assert state.link.phase is LinkPhase.ONLINE
    await wait_until(lambda: "BTC" in state.rates)
    no_token = [a for a in state.accounts if not a.has_token]
    assert no_token and all(not a.selectable for a in no_token)


async def test_live_update_reaches_the_state(
    make_session: Factory, amara: User, sandbox: Sandbox
) -> None:
    from decimal import Decimal

    session = make_session()
    await session.sign_in(creds(amara, "CR5100001"))
    await wait_until(lambda: session.state.balance("CR5100001") is not None)
    sandbox.state.set_balance("CR5100001", Decimal("4242.42"))
    await wait_until(lambda: session.state.balance("CR5100001").amount == Decimal("4242.42"))


async def test_tokens_of_two_users_are_refused(
    make_session: Factory, amara: User, sandbox: Sandbox
) -> None:
    luis = sandbox.user("luis@example.com")
    session = make_session()
    tokens = [amara.accounts[0].token, luis.accounts[0].token]
    with pytest.raises(SignInRefused) as refused:
        await session.sign_in_with_tokens(tokens)
    assert refused.value.problem == Problem(ProblemKind.MIXED_USERS)
    assert session.state.accounts == []


async def test_restore_drops_only_the_account_whose_token_died(
    make_session: Factory, amara: User, sandbox: Sandbox, tmp_path: Path
) -> None:
    first = make_session()
    await first.sign_in(creds(amara, "CR5100001", "MF210001"))
    backend = first.backend
    assert isinstance(backend, LegacyBackend)
    # An API token of the EU account replaces its session token in the saved session.
    reply = await backend.client.call(
        calls.api_token_create("desk eu", ["read", "admin"], loginid="MF210001")
    )
    eu_token = next(t["token"] for t in reply["tokens"] if t["display_name"] == "desk eu")
    await first.sign_in([*creds(amara, "CR5100001"), AccountCredential("MF210001", eu_token)])
    await first.switch("MF210001")
    await backend.client.call(calls.api_token_delete(eu_token, loginid="MF210001"))
    await first.shutdown()

    second = make_session(
        settings=SettingsFile(tmp_path / "settings.json").load_sync(), store=first.store
    )
    outcome = await second.restore()
    assert outcome is not None
    assert outcome.dropped == ["MF210001"]
    assert second.credential("MF210001") is None
    assert second.state.active == "CR5100001"  # the last used one is gone: first real account
    saved = await second.store.load(second.key)
    assert saved is not None and set(saved) == {"CR5100001"}


async def test_restore_with_every_token_dead_raises(
    make_session: Factory, amara: User, tmp_path: Path
) -> None:
    session = make_session()
    await session.sign_in(creds(amara, "CR5100001"))
    await session.store.save(session.key, {"CR5100001": "deadtoken12345"})
    await session.shutdown()
    again = make_session(
        settings=SettingsFile(tmp_path / "settings.json").load_sync(), store=session.store
    )
    with pytest.raises(InvalidToken):
        await again.restore()


async def test_switch_is_remembered_and_logout_forgets_everything(
    make_session: Factory, amara: User, tmp_path: Path
) -> None:
    session = make_session()
    signed_out: list[str] = []
    session.signed_out.connect(signed_out.append)
    await session.sign_in(creds(amara, "CR5100001", "MF210001", "VRTC9300001"))
    await session.switch("VRTC9300001")
    on_disk = json.loads((tmp_path / "settings.json").read_text())
    assert on_disk["sessions"][session.key]["last_active"] == "VRTC9300001"
    topped = await session.topup("VRTC9300001")
    assert topped.currency == "USD" and topped.amount > 0

    await session.logout()
    assert await session.store.load(session.key) is None
    assert json.loads((tmp_path / "settings.json").read_text())["sessions"] == {}
    assert session.state.accounts == [] and session.state.active is None
    assert signed_out == [session.key]


async def test_keyring_failure_keeps_the_session_but_not_on_disk(
    make_session: Factory, amara: User, tmp_path: Path
) -> None:
    class LockedStore(MemoryTokenStore):
        async def save(self, key: str, tokens: object) -> None:
            raise SecretStoreError(SecretProblem.LOCKED, "KeyringLocked")

    session = make_session(store=LockedStore())
    outcome = await session.sign_in(creds(amara, "CR5100001"))
    assert not outcome.remembered
    assert outcome.storage_problem is not None
    assert "locked" in str(outcome.storage_problem)
    assert session.state.active == "CR5100001"
    text = (tmp_path / "settings.json").read_text()
    assert amara.accounts[0].token not in text and session.key not in json.loads(text)["sessions"]


def test_choose_active_prefers_last_then_real_then_demo() -> None:
    from deriv_desktop.domain.models import Account

    demo = Account("VRTC1", "USD", True)
    real = Account("CR1", "USD", False)
    off = Account("CR2", "BTC", False, is_disabled=True)
    assert choose_active([off, real, demo], "VRTC1") == "VRTC1"
    assert choose_active([off, real, demo], "CR2") == "CR1"
    assert choose_active([off, demo], None) == "VRTC1"
    assert choose_active([off], None) is None
    eu = Account("MF1", "EUR", False, landing_company="maltainvest")
    assert choose_active([eu, real, demo], None) == "CR1"  # non-EU first, as the window lists them
