"""SessionService with the new-API backend against the sandbox, over real sockets.

Sign-in with a PAT, the one live balance stream following the active account across sockets
(never more than the allowed sockets), recovery from dropped sockets and refused one-time
passwords with a fresh OTP, transient REST failures that keep the session, and the 401 that
ends it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.domain.errors import ApiError, DerivError, InvalidToken, TopupRefused
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.newapi.stats import NewApiStats
from deriv_desktop.services.backend import SignInAgain
from deriv_desktop.services.new_backend import NewApiBackend
from deriv_desktop.services.session import SessionService
from deriv_desktop.services.tokens import TokenService, TokensUnsupported
from deriv_desktop.storage.secrets import MemoryTokenStore
from deriv_desktop.storage.settings import SettingsFile
from tests.integration.conftest import SessionMaker
from tests.integration.newapi_kit import (
    AMARA,
    make_backend,
    state_events,
    stream_sockets,
    streaming,
    until,
)

Factory = Callable[..., SessionService]


@pytest.fixture
def stats(sandbox: Sandbox) -> NewApiStats:
    assert sandbox.newapi is not None
    return sandbox.newapi.stats


@pytest.fixture
def make_session(sandbox: Sandbox, tmp_path: Path, session_on_sandbox: SessionMaker) -> Factory:
    store = MemoryTokenStore()
    store.remembers = True
    settings_file = SettingsFile(tmp_path / "settings.json")

    def factory(*, refresh_interval: float = 30.0, **overrides: object) -> SessionService:
        def backend() -> NewApiBackend:
            return make_backend(sandbox, refresh_interval=refresh_interval)

        options: dict[str, object] = dict(
            server=sandbox.rest_url, app_id="30001", backend_factory=backend
        )
        options.update(overrides)
        chosen = options.pop("store", store)
        return session_on_sandbox(settings_file, chosen, **options)

    return factory


def told_signed_out(session: SessionService) -> list[ApiError]:
    """What the session's backend emits through ``signed_out_by_server`` from now on."""
    told: list[ApiError] = []
    assert session.backend is not None
    session.backend.signed_out_by_server.connect(told.append)
    return told


def pat(sandbox: Sandbox, name: str = "Desktop") -> str:
    assert sandbox.newapi is not None
    return sandbox.newapi.pat(AMARA, name)


async def shows(session: SessionService, account_id: str, amount: str) -> None:
    state = session.state

    def seen() -> bool:
        balance = state.balance(account_id)
        return balance is not None and balance.amount == Decimal(amount)

    await until(seen, *state_events(state))


def record(session: SessionService) -> tuple[list[DerivError], list[str]]:
    problems: list[DerivError] = []
    sign_outs: list[str] = []
    session.problem.connect(problems.append)
    session.signed_out.connect(sign_outs.append)
    return problems, sign_outs


# ---------------------------------------------------------------------------------- sign-in
async def test_pat_sign_in_lists_accounts_and_streams_the_active_one(
    make_session: Factory, sandbox: Sandbox
) -> None:
    session = make_session()
    outcome = await session.sign_in_with_tokens([pat(sandbox)], via="pat")
    state = session.state
    assert outcome.remembered
    assert {a.loginid for a in state.accounts} == {"DOT90004580", "DOT90004581", "DOT90004582"}
    inactive = state.account("DOT90004582")
    assert inactive is not None and not inactive.selectable
    assert state.account("DOT90004581").is_virtual  # type: ignore[union-attr]
    assert state.active == "DOT90004580"  # the first enabled real account
    assert state.currencies["USD"].fractional_digits == 2

    await streaming(sandbox, "DOT90004580")
    await shows(session, "DOT90004581", "870")  # from the REST snapshot
    sandbox.newapi.set_balance("DOT90004580", "1234.56")  # type: ignore[union-attr]
    await shows(session, "DOT90004580", "1234.56")  # pushed on the active socket
    assert state.totals.real is not None and state.totals.real.amount == Decimal("1234.56")
    assert state.totals.demo is not None and state.totals.demo.amount == Decimal("870")
    await until(lambda: state.link.phase is LinkPhase.ONLINE, state.link_changed)

    assert not TokenService(session).supported
    assert session.backend is not None
    with pytest.raises(TokensUnsupported):
        await session.backend.list_tokens("DOT90004580")
    saved = await session.store.load(session.key)
    assert saved is not None and set(saved.values()) == {pat(sandbox)}


async def test_a_wrong_or_scopeless_pat_is_refused(make_session: Factory, sandbox: Sandbox) -> None:
    from deriv_desktop.domain.errors import PermissionDenied

    session = make_session()
    with pytest.raises(InvalidToken):
        await session.sign_in_with_tokens(["pat_not_a_real_token"])
    with pytest.raises(PermissionDenied):
        await session.sign_in_with_tokens([pat(sandbox, "Nickname only")])
    assert session.state.accounts == [] and not session.signed_in


async def test_restore_uses_the_saved_pat_and_a_revoked_one_raises(
    make_session: Factory, sandbox: Sandbox, tmp_path: Path
) -> None:
    first = make_session()
    await first.sign_in_with_tokens([pat(sandbox)], via="pat")
    await first.switch("DOT90004581")
    await first.shutdown()

    again = make_session(
        settings=SettingsFile(tmp_path / "settings.json").load_sync(), store=first.store
    )
    outcome = await again.restore()
    assert outcome is not None and again.state.active == "DOT90004581"
    await streaming(sandbox, "DOT90004581")
    await again.shutdown()

    assert sandbox.newapi is not None
    sandbox.newapi.state.revoke_pat(pat(sandbox))
    third = make_session(
        settings=SettingsFile(tmp_path / "settings.json").load_sync(), store=first.store
    )
    with pytest.raises(InvalidToken):
        await third.restore()


# ---------------------------------------------------------------------------------- switching
async def test_switching_moves_the_one_stream_across_sockets_within_the_limit(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    assert sandbox.newapi is not None
    extra = sandbox.newapi.add_accounts(AMARA, 5)
    session = make_session()
    await session.sign_in_with_tokens([pat(sandbox)], via="pat")
    selectable = [a.loginid for a in session.state.accounts if a.selectable]
    assert len(selectable) == 7 and {a.account_id for a in extra} <= set(selectable)

    for n, account_id in enumerate(selectable):
        await session.switch(account_id)
        await streaming(sandbox, account_id)
        amount = f"{500 + n}.25"
        sandbox.newapi.set_balance(account_id, amount)
        await shows(session, account_id, amount)

    user_id = sandbox.user(AMARA).user_id
    assert 2 <= stats.peak_sockets_by_user[user_id] <= 2  # the pool keeps the previous one
    assert stats.sockets_refused_over_limit == 0
    assert all(stats.otps_issued[a] == 1 for a in selectable)  # one fresh OTP per socket

    # Back to the previous account: its socket is still open, no new OTP is needed.
    await session.switch(selectable[-2])
    await streaming(sandbox, selectable[-2])
    assert stats.otps_issued[selectable[-2]] == 1


async def test_the_socket_pool_never_exceeds_deriv_s_limit(sandbox: Sandbox) -> None:
    from deriv_desktop.api.newapi.sockets import AccountSockets

    backend = make_backend(sandbox)
    with pytest.raises(ValueError, match="between 1 and 5"):
        AccountSockets(backend.rest, max_open=6)
    await backend.close()


async def test_other_accounts_are_refreshed_over_rest(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    session = make_session(refresh_interval=0.05)
    await session.sign_in_with_tokens([pat(sandbox)])
    await streaming(sandbox, "DOT90004580")
    polls = stats.rest_requests["GET accounts"]
    sandbox.newapi.set_balance("DOT90004581", "42.00")  # type: ignore[union-attr]
    await shows(session, "DOT90004581", "42")
    assert stats.rest_requests["GET accounts"] > polls
    assert stream_sockets(sandbox) and set(stream_sockets(sandbox).values()) == {"DOT90004580"}


# ---------------------------------------------------------------------------------- recovery
async def test_a_dropped_socket_comes_back_with_a_fresh_otp(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    session = make_session()
    await session.sign_in_with_tokens([pat(sandbox)])
    await streaming(sandbox, "DOT90004580")
    before = dict(stream_sockets(sandbox))
    assert stats.otps_issued["DOT90004580"] == 1

    sandbox.faults.drop_connections()
    await stats.wait_for(lambda: stats.otps_issued["DOT90004580"] == 2)
    await streaming(sandbox, "DOT90004580")
    assert set(stream_sockets(sandbox)).isdisjoint(before)  # a new connection carries it
    sandbox.newapi.set_balance("DOT90004580", "77.70")  # type: ignore[union-attr]
    await shows(session, "DOT90004580", "77.7")
    assert session.signed_in


@pytest.mark.parametrize("how", ["expired", "used"])
async def test_a_refused_otp_is_replaced_by_a_new_one(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats, how: str
) -> None:
    assert sandbox.newapi is not None
    session = make_session()
    problems, sign_outs = record(session)
    await session.sign_in_with_tokens([pat(sandbox)])
    await streaming(sandbox, "DOT90004580")

    sandbox.newapi.faults.spoil_next_otps(1, how)
    sandbox.faults.drop_connections()
    await stats.wait_for(lambda: stats.otps_refused[how] == 1)  # HTTP 401 at the upgrade
    await stats.wait_for(lambda: stats.otps_issued["DOT90004580"] == 3)  # and a fresh one
    await streaming(sandbox, "DOT90004580")
    sandbox.newapi.set_balance("DOT90004580", "5.55")
    await shows(session, "DOT90004580", "5.55")
    assert session.signed_in and not problems and not sign_outs


async def test_rest_429_and_5xx_are_transient(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    assert sandbox.newapi is not None
    session = make_session(refresh_interval=0.05)
    problems, sign_outs = record(session)
    await session.sign_in_with_tokens([pat(sandbox)])
    await streaming(sandbox, "DOT90004580")

    faults = sandbox.newapi.faults
    faults.fail_next(503)
    faults.fail_next(429)
    faults.fail_next(500)
    await stats.wait_for(lambda: stats.rest_statuses[500] == 1)
    sandbox.newapi.set_balance("DOT90004581", "9.99")  # seen by a later, successful poll
    await shows(session, "DOT90004581", "9.99")
    assert stats.rest_statuses[503] == 1 and stats.rest_statuses[429] == 1

    faults.fail_next(503)  # the next OTP request fails too: the socket retries
    sandbox.faults.drop_connections()
    await stats.wait_for(lambda: stats.rest_statuses[503] == 2)
    await streaming(sandbox, "DOT90004580")
    assert session.signed_in and not problems and not sign_outs


async def test_a_revoked_pat_signs_the_user_out(make_session: Factory, sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    session = make_session(refresh_interval=0.05)
    problems, sign_outs = record(session)
    await session.sign_in_with_tokens([pat(sandbox)])
    await streaming(sandbox, "DOT90004580")
    told = told_signed_out(session)

    sandbox.newapi.state.revoke_pat(pat(sandbox))  # the next poll gets a 401
    await until(lambda: bool(sign_outs), session.signed_out)
    assert sign_outs == [session.key]
    assert [type(p) for p in problems] == [SignInAgain]
    assert problems[0].problem.kind is ProblemKind.SESSION_ENDED
    assert [type(e) for e in told] == [SignInAgain]  # the backend said so, once
    assert told[0].problem.kind is ProblemKind.SESSION_ENDED
    assert session.state.accounts == [] and not session.signed_in
    assert await session.store.load(session.key) is None


async def test_a_401_for_a_new_otp_signs_the_user_out(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    assert sandbox.newapi is not None
    session = make_session()  # no polls within the test: the socket meets the 401
    problems, sign_outs = record(session)
    value = pat(sandbox)
    await session.sign_in_with_tokens([value])
    await streaming(sandbox, "DOT90004580")
    told = told_signed_out(session)

    sandbox.newapi.state.revoke_pat(value)
    sandbox.faults.drop_connections()
    await until(lambda: bool(sign_outs), session.signed_out)
    assert [type(p) for p in problems] == [SignInAgain]
    assert [type(e) for e in told] == [SignInAgain]
    assert stats.rest_statuses[401] >= 1
    assert not session.signed_in


# ---------------------------------------------------------------------------------- actions
async def test_topup_resets_the_demo_balance(make_session: Factory, sandbox: Sandbox) -> None:
    session = make_session()
    await session.sign_in_with_tokens([pat(sandbox)])
    topped = await session.topup("DOT90004581")
    assert topped.amount == Decimal("9130") and topped.currency == "USD"  # 870 -> 10,000
    await shows(session, "DOT90004581", "10000")
    with pytest.raises(TopupRefused):
        await session.topup("DOT90004580")


async def test_migration_status_comes_from_rest(make_session: Factory, sandbox: Sandbox) -> None:
    assert sandbox.newapi is not None
    session = make_session()
    await session.sign_in_with_tokens([pat(sandbox)])
    backend = session.backend
    assert isinstance(backend, NewApiBackend)
    assert (await backend.migration_status()).value == "complete"
    sandbox.newapi.state.set_migration_status(AMARA, "pending")
    status = await backend.migration_status()
    assert status.value == "pending" and status.legacy_usable


async def test_no_pat_or_one_time_password_reaches_the_logs(
    make_session: Factory,
    sandbox: Sandbox,
    stats: NewApiStats,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    assert sandbox.newapi is not None
    caplog.set_level(logging.DEBUG)
    session = make_session(refresh_interval=0.05)
    record(session)
    value = pat(sandbox)
    await session.sign_in_with_tokens([value])
    await streaming(sandbox, "DOT90004580")
    sandbox.newapi.faults.spoil_next_otps(1, "used")
    sandbox.faults.drop_connections()
    await stats.wait_for(lambda: stats.otps_refused["used"] == 1)
    await streaming(sandbox, "DOT90004580")
    backend = session.backend
    sandbox.newapi.state.revoke_pat(value)
    await until(lambda: not session.signed_in, session.signed_out)

    secrets = [value, *sandbox.newapi.state.otps]
    assert len(secrets) >= 4
    leaked = [s for s in secrets if s in caplog.text]
    assert not leaked
    assert backend is not None and value not in repr(backend)
    assert session.backend is None  # signing out closed the connection with the dead token


async def test_an_account_that_cannot_stream_keeps_the_rest_alive(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    assert sandbox.newapi is not None
    session = make_session(refresh_interval=0.05)
    problems, sign_outs = record(session)
    await session.sign_in_with_tokens([pat(sandbox)])
    await streaming(sandbox, "DOT90004580")
    del sandbox.newapi.state.accounts["DOT90004581"]  # closed behind the app's back: OTP 404
    await session.switch("DOT90004581")
    await stats.wait_for(lambda: stats.rest_statuses[404] == 1)
    sandbox.newapi.set_balance("DOT90004580", "31.00")  # the others still refresh over REST
    await shows(session, "DOT90004580", "31")
    await session.switch("DOT90004580")  # and coming back streams again
    await streaming(sandbox, "DOT90004580")
    assert session.signed_in and not problems and not sign_outs


# ---------------------------------------------------------------------------------- sign-in API
async def test_a_pasted_pat_is_cleaned_and_checked(make_session: Factory, sandbox: Sandbox) -> None:
    from deriv_desktop.services.new_api_login import BadPat, sign_in_with_pat

    session = make_session()
    with pytest.raises(BadPat) as shape:
        await sign_in_with_pat(session, "two words")
    assert shape.value.problem == Problem(ProblemKind.PAT_SHAPE)
    with pytest.raises(BadPat) as empty:
        await sign_in_with_pat(session, "   ")
    assert empty.value.problem == Problem(ProblemKind.NO_PAT)
    outcome = await sign_in_with_pat(session, f"  Bearer {pat(sandbox)}\n")
    assert len(outcome.signed_in.accounts) == 3
    assert session.settings.sessions[session.key].via == "pat"


async def test_oauth2_sign_in_renews_the_hourly_token_without_signing_out(
    make_session: Factory, sandbox: Sandbox, stats: NewApiStats
) -> None:
    from deriv_desktop.api.newapi import HttpClient
    from deriv_desktop.auth.redirect import RedirectRejected, RejectReason
    from deriv_desktop.services.new_api_login import OAuth2Config, OAuth2SignIn
    from deriv_desktop.services.session import SignInOutcome
    from tests.integration.newapi_kit import sign_in_on_pages

    assert sandbox.newapi is not None
    relay = "https://relay.example.test/deriv-desktop-relay.html"
    sandbox.newapi.register_client("40001", relay)
    sandbox.newapi.oauth2.refresh_tokens = True
    flows: list[OAuth2SignIn] = []

    def backend() -> NewApiBackend:
        return make_backend(sandbox, app_id="40001", refresh_interval=0.05, renew=flows[0].renew)

    session = make_session(backend_factory=backend)
    problems, sign_outs = record(session)
    config = OAuth2Config(
        client_id="40001",
        redirect_uri=relay,
        auth_base_url=sandbox.oauth2_url.removesuffix("/oauth2/auth"),
    )
    flow = OAuth2SignIn(session, config, post_form=HttpClient().post_form)
    flows.append(flow)
    attempt = flow.start(relay_port=50123)
    location = await sign_in_on_pages(sandbox, attempt.authorization_url)
    outcome = await flow.complete(location)
    assert isinstance(outcome, SignInOutcome) and len(outcome.signed_in.accounts) == 3
    assert session.settings.sessions[session.key].via == "oauth2"
    await streaming(sandbox, "DOT90004580")

    sandbox.newapi.state.advance(3601)  # the access token's hour is over
    await stats.wait_for(lambda: stats.rest_statuses[401] >= 1)
    sandbox.newapi.set_balance("DOT90004581", "88.00")
    await shows(session, "DOT90004581", "88")  # a poll with the renewed token
    assert stats.oauth2_tokens_issued == 2  # the code, then one refresh
    assert session.signed_in and not problems and not sign_outs

    replay = await flow.complete(location)
    assert isinstance(replay, RedirectRejected)
    assert replay.reason is RejectReason.ALREADY_COMPLETED
