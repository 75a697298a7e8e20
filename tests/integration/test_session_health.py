"""How the session carries out Deriv ending its access, against the sandbox over real sockets.

The backends report it (``signed_out_by_server``, ``accounts_refused``, or ``SignInAgain`` from
the new API's balance stream); the session must forget what Deriv no longer accepts, locally
and in the keyring, and its state must say so with the reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path

import pytest

from deriv_desktop.api.legacy import DerivClient
from deriv_desktop.api.legacy.client import endpoint_url
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import DerivError, api_error_from
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.health import HealthPhase, StreamPhase
from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.domain.state import SessionState
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.backend import AccountBackend
from deriv_desktop.services.legacy_backend import LegacyBackend
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import MemoryTokenStore
from deriv_desktop.storage.settings import SettingsFile
from tests.integration.conftest import APP_ID, FAST, usable_tokens
from tests.integration.newapi_kit import make_backend, until

Factory = Callable[..., SessionService]


class RecordingStore(MemoryTokenStore):
    """A keyring stand-in that remembers, and lists what was saved in order."""

    remembers = True

    def __init__(self) -> None:
        super().__init__()
        self.saves: list[dict[str, str]] = []
        self.saved: Event[None] = Event("saved")

    async def save(self, key: str, tokens: Mapping[str, str]) -> None:
        self.saves.append(dict(tokens))
        await super().save(key, tokens)
        self.saved.emit(None)


@pytest.fixture
async def make_session(sandbox: Sandbox, tmp_path: Path) -> AsyncIterator[Factory]:
    made: list[SessionService] = []

    def factory(new_api: bool = False) -> SessionService:
        def legacy() -> AccountBackend:
            return LegacyBackend(DerivClient(endpoint_url(sandbox.ws_url, APP_ID), backoff=FAST))

        def new() -> AccountBackend:
            return make_backend(sandbox, refresh_interval=0.05)

        store = RecordingStore()
        settings_file = SettingsFile(tmp_path / "settings.json")
        session = SessionService(
            server="sandbox",
            app_id=str(APP_ID),
            state=SessionState(),
            backend_factory=new if new_api else legacy,
            store=store,
            settings=settings_file.load_sync(),
            settings_file=settings_file,
            stream_backoff=FAST,
        )
        made.append(session)
        return session

    yield factory
    for session in made:
        await session.shutdown()


def every_account(user: User) -> list[AccountCredential]:
    usable = set(usable_tokens(user))
    return [
        AccountCredential(a.loginid, a.token, a.currency or None)
        for a in user.accounts
        if a.token in usable
    ]


def events_of(session: SessionService) -> tuple[object, ...]:
    state = session.state
    return (state.health_changed, state.accounts_changed, session.signed_out, session.problem)


async def test_signed_out_by_deriv_forgets_the_session_and_says_why(
    make_session: Factory, amara: User
) -> None:
    session = make_session()
    signed_out: list[str] = []
    session.signed_out.connect(signed_out.append)
    await session.sign_in(every_account(amara))
    assert await session.store.load(session.key) and session.key in session.settings.sessions
    backend = session.backend
    assert backend is not None

    refused = api_error_from({"code": "InvalidToken", "message": "The token is invalid."})
    backend.signed_out_by_server.emit(refused)
    await until(lambda: bool(signed_out), *events_of(session))  # type: ignore[arg-type]

    health = session.state.health
    assert health.phase is HealthPhase.SIGNED_OUT and health.problem is not None
    assert health.problem.kind is ProblemKind.SIGNED_OUT_BY_DERIV
    assert health.problem.cause is not None
    assert health.problem.cause.kind is ProblemKind.INVALID_TOKEN
    assert not session.signed_in and session.state.accounts == []
    assert await session.store.load(session.key) is None  # the keyring entry is gone
    assert session.key not in session.settings.sessions
    assert session.state.streams == {}  # no stream left running


async def test_accounts_whose_tokens_deriv_refused_lose_access_and_leave_the_saved_session(
    make_session: Factory, amara: User
) -> None:
    session = make_session()
    store = session.store
    assert isinstance(store, RecordingStore)
    problems: list[DerivError] = []
    session.problem.connect(problems.append)
    creds = every_account(amara)
    await session.sign_in(creds)
    main, secondary = creds[0].loginid, creds[1].loginid
    # (the balances are live before the refusal: the main account's must stay fresh after it)
    await until(lambda: not session.state.stale, *events_of(session))  # type: ignore[arg-type]
    backend = session.backend
    assert backend is not None

    refused = api_error_from({"code": "InvalidToken", "message": "The token is invalid."})
    backend.accounts_refused.emit(([secondary], refused))
    await until(lambda: len(store.saves) == 2 and secondary not in store.saves[-1], store.saved)

    assert session.signed_in and session.credential(secondary) is None
    account = session.state.account(secondary)
    assert account is not None and not account.has_token and not account.selectable
    assert session.state.balance_stale(secondary) and not session.state.balance_stale(main)
    assert [p.problem.kind for p in problems] == [ProblemKind.ACCOUNTS_REFUSED]
    assert problems[0].problem.accounts == (secondary,)
    saved = await session.store.load(session.key)
    assert saved is not None and main in saved and secondary not in saved
    assert session.state.health.phase is not HealthPhase.SIGNED_OUT


async def test_sign_in_again_from_the_new_api_ends_in_the_same_signed_out_state(
    make_session: Factory, sandbox: Sandbox
) -> None:
    assert sandbox.newapi is not None
    session = make_session(new_api=True)
    pat = sandbox.newapi.pat("amara@example.com")
    await session.sign_in_with_tokens([pat])
    streams = session.state.streams
    await until(
        lambda: session.state.streams["balances"].phase is StreamPhase.LIVE,
        *events_of(session),  # type: ignore[arg-type]
    )
    assert set(streams) == {"balances", "rates"}

    signed_out: list[str] = []
    session.signed_out.connect(signed_out.append)  # emitted once everything is forgotten
    sandbox.newapi.state.revoke_pat(pat)  # the next poll gets a 401: SignInAgain
    await until(lambda: bool(signed_out), *events_of(session))  # type: ignore[arg-type]
    assert signed_out == [session.key] and not session.signed_in
    health = session.state.health
    assert health.phase is HealthPhase.SIGNED_OUT and health.problem is not None
    assert health.problem.kind is ProblemKind.SIGNED_OUT_BY_DERIV
    assert health.problem.cause is not None
    assert health.problem.cause.kind is ProblemKind.SESSION_ENDED
    assert await session.store.load(session.key) is None


async def test_the_status_turns_online_only_once_every_rate_stream_is_open(
    make_session: Factory, sandbox: Sandbox, amara: User
) -> None:
    """The rates stream used to count as live from the one-off rates fetch, before any of its
    subscriptions existed: the status said online while the converted totals had no stream."""
    session = make_session()
    online_with: list[int] = []  # rate streams on the server each time the status said online
    session.state.health_changed.connect(
        lambda h: (
            online_with.append(sandbox.stats.live_subscriptions("exchange_rates"))
            if h.online and session.state.streams  # (online before sign-in: nothing to show yet)
            else None
        )
    )
    await session.sign_in(every_account(amara))
    await until(lambda: session.state.health.online, *events_of(session))  # type: ignore[arg-type]
    rate_streams = sandbox.stats.live_subscriptions("exchange_rates")
    assert rate_streams >= 3  # one per currency the window converts
    assert online_with == [rate_streams]
