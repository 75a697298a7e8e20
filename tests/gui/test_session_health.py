"""The main window tells the truth about the session, on the stack the app builds.

Each test breaks something the way it breaks in use (an unreadable balance push, a balance
stream Deriv ends, a link dropped right after sign-in, Deriv signing the user out) against the
sandbox over real sockets, and checks what the user sees: the figures keep moving or come back,
and the status bar never says "Online" while a figure it depends on is frozen.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import api_error_from
from deriv_desktop.domain.health import Health, HealthPhase, StreamRole
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.gui import i18n
from deriv_desktop.gui.problem_text import describe, health_sentence
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.widgets.connection_status import ConnectionStatus
from deriv_desktop.gui.widgets.totals_bar import NO_VALUE
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from tests.gui.fixtures import Stack, app_stack, signed_in_stack, wait_until
from tests.support.stream_faults import end_with_error, push_malformed

pytestmark = pytest.mark.gui

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def open_window(stack: Stack) -> MainWindow:
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    window.show()
    return window


def watch_status(stack: Stack, window: MainWindow) -> list[tuple[str, bool]]:
    """Every status text shown while the window is open, with whether all balances were live
    at that moment (the window updates its status first: it connected to the bridge before
    this recorder)."""
    seen: list[tuple[str, bool]] = []

    def record(_health: Health) -> None:
        if shiboken6.isValid(window):
            seen.append((window.connection.label.text(), not stack.state.stale))

    stack.bridge.healthChanged.connect(record)
    return seen


async def test_an_unreadable_balance_push_is_skipped_and_balances_keep_moving(
    tmp_path: Path,
) -> None:
    async with signed_in_stack(tmp_path) as st:
        window = open_window(st)
        usd = st.loginid("USD")
        assert push_malformed(st.sandbox, "balance") == 1

        st.sandbox.state.set_balance(usd, "4321.5")  # a later, readable update
        await wait_until(lambda: st.state.balance(usd).amount == Decimal("4321.5"))  # type: ignore[union-attr]
        await wait_until(lambda: window.connection.label.text() == "Online")
        # Counted and skipped where it arrived (the client), so the stream never had to be
        # opened again; a backend that cannot skip one message lets the supervisor count it.
        backend = st.session.backend
        skipped_by_client = getattr(getattr(backend, "client", None), "malformed_pushes", 0)
        assert skipped_by_client + st.session.streams.malformed("balances") == 1
        assert not window.stale_banner.isVisible()


async def test_a_balance_stream_deriv_ends_is_opened_again_and_never_shown_online_meanwhile(
    tmp_path: Path,
) -> None:
    async with signed_in_stack(tmp_path) as st:
        window = open_window(st)
        seen = watch_status(st, window)
        faults = st.sandbox.faults
        faults.fail_only, faults.fail_code, faults.fail_rate = (
            frozenset({"balance"}),
            "RateLimit",
            1,
        )
        assert end_with_error(st.sandbox, "balance") == 1  # and re-opening it fails for now

        await wait_until(lambda: st.state.health.phase is HealthPhase.DEGRADED)
        await wait_until(window.stale_banner.isVisible)
        assert window.connection.label.text().startswith("Balances not updating")
        assert window.connection.retry_button.isVisible()
        assert "their live updates stopped" in window.stale_banner.text

        faults.fail_rate = 0
        QTest.mouseClick(window.connection.retry_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: window.connection.label.text() == "Online")
        usd = st.loginid("USD")
        st.sandbox.state.set_balance(usd, "777")
        await wait_until(lambda: st.state.balance(usd).amount == Decimal("777"))  # type: ignore[union-attr]
        await wait_until(lambda: not window.stale_banner.isVisible())
        assert [text for text, live in seen if text == "Online" and not live] == []
        assert any(not live for _, live in seen)  # the outage was seen, and never as Online


async def test_rates_come_back_after_a_drop_right_after_sign_in(tmp_path: Path) -> None:
    async with (
        Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb,
        app_stack(tmp_path, sb) as st,
    ):
        creds = [
            AccountCredential(a.loginid, a.token, a.currency or None)
            for a in st.user.accounts
            if not a.is_disabled
        ]
        await st.session.sign_in(creds)
        sb.faults.drop_connections()  # within the first moments: the streams are being opened
        window = open_window(st)

        await wait_until(lambda: st.state.health.online, timeout=10)
        await wait_until(lambda: window.totals.base_value.text() != NO_VALUE)
        before = st.state.rates.get("EUR")
        sb.state.set_usd_value("EUR", Decimal("1.2345"))  # the live rate stream is back too
        await wait_until(lambda: st.state.rates.get("EUR") != before)
        assert window.connection.label.text() == "Online"


async def test_signed_out_by_deriv_shows_why_and_offers_to_sign_in_again(tmp_path: Path) -> None:
    async with signed_in_stack(tmp_path) as st:
        window = open_window(st)
        asked: list[bool] = []
        window.signInRequested.connect(lambda: asked.append(True))
        backend = st.session.backend
        assert backend is not None
        # What the backend reports when the re-authorize after a drop is refused for the main
        # token (its token was deleted by another app).
        refused = api_error_from({"code": "InvalidToken", "message": "Token was deleted."})
        backend.signed_out_by_server.emit(refused)

        await wait_until(lambda: not st.session.signed_in and st.session.backend is None)
        assert st.state.health.phase is HealthPhase.SIGNED_OUT
        assert st.state.health.problem is not None
        assert st.state.health.problem.kind is ProblemKind.SIGNED_OUT_BY_DERIV
        assert window.connection.label.text() == "Signed out by Deriv"
        assert window.connection.sign_in_button.isVisible()
        assert not window.connection.retry_button.isVisible()
        assert window.stale_banner.text.startswith("Deriv signed you out: your sign-in was revoked")
        QTest.mouseClick(window.connection.sign_in_button, Qt.MouseButton.LeftButton)
        assert asked == [True]


# ---------------------------------------------------------------------------------- words
@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    previous = QLocale()
    installed = i18n.install_language(qapp, "fr", system=EN_US)
    assert installed.missing == []
    yield
    i18n.uninstall_language(qapp)
    QLocale.setDefault(previous)


NOW = 1000.0
DELETED = Problem(ProblemKind.SIGNED_OUT_BY_DERIV, cause=Problem(ProblemKind.TOKEN_DELETED))
STATES = {
    "degraded balances": Health(HealthPhase.DEGRADED, (StreamRole.BALANCES,), NOW + 4),
    "degraded rates": Health(HealthPhase.DEGRADED, (StreamRole.RATES,)),
    "degraded both": Health(HealthPhase.DEGRADED, (StreamRole.BALANCES, StreamRole.RATES), NOW + 1),
    "reconnecting": Health(HealthPhase.RECONNECTING, next_try_at=NOW + 7),
    "offline": Health(HealthPhase.OFFLINE),
    "starting": Health(HealthPhase.CONNECTING),
    "signed out": Health(HealthPhase.SIGNED_OUT, problem=DELETED),
}
LINKS = {
    "reconnecting": LinkState(LinkPhase.RECONNECTING, 1, NOW + 7),
    "offline": LinkState(LinkPhase.OFFLINE),
}
FRENCH = {
    "degraded balances": (
        "Soldes non actualisés · nouvel essai dans 4 s",
        "Les soldes ne sont peut-être plus à jour\u00a0: leurs mises à jour en direct",
    ),
    "degraded rates": (
        "Taux de change non actualisés · nouvel essai…",
        "Les totaux convertis ne sont peut-être plus à jour",
    ),
    "degraded both": ("Soldes et taux de change non actualisés · nouvel essai dans 1 s", "Les"),
    "reconnecting": ("Reconnexion dans 7 s", "Les soldes ne sont peut-être plus à jour"),
    "offline": ("Hors ligne", "Les soldes ne sont peut-être plus à jour"),
    "starting": ("Démarrage des mises à jour en direct…", None),
    "signed out": (
        "Déconnecté par Deriv",
        "Deriv vous a déconnecté\u00a0: votre connexion a été supprimée, sur le site de Deriv "
        "ou dans une autre application. Reconnectez-vous pour continuer.",
    ),
}


@pytest.mark.parametrize("name", list(STATES))
def test_every_health_state_is_said_in_french_with_a_way_out(french: None, name: str) -> None:
    health = STATES[name]
    link = LINKS.get(name, LinkState(LinkPhase.ONLINE))
    status = ConnectionStatus(clock=lambda: NOW)
    status.set_retry_available(True)
    status.set_health(health, link)
    label, banner = FRENCH[name]
    assert status.label.text() == label
    sentence = health_sentence(health)
    assert sentence == banner if banner is None else (sentence or "").startswith(banner)
    # A way out everywhere but while starting: "Réessayer maintenant" or "Se reconnecter".
    buttons = [status.retry_button, status.sign_in_button]
    shown = [b.text() for b in buttons if not b.isHidden()]
    expected = {"signed out": ["Se reconnecter"], "starting": []}
    assert shown == expected.get(name, ["Réessayer maintenant"])
    status.deleteLater()


def test_refused_accounts_are_named_in_french(french: None) -> None:
    text = describe(Problem(ProblemKind.ACCOUNTS_REFUSED, accounts=("CR90000001", "CR90000002")))
    assert text.startswith("Deriv n’accepte plus la connexion pour CR90000001, CR90000002")
