"""Every problem the layers below the GUI can report has a sentence, and in the French UI that
sentence is French: the catalogue of ``gui/problem_text`` is checked kind by kind (a new
``ProblemKind`` without a sentence fails here), then through real flows over the sandbox.

The French catalogue is the shipped ``resources/i18n`` one, installed through
``deriv_desktop.gui.i18n`` as the app does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deriv_desktop.auth.binding import BindFailure, LoopbackBindError
from deriv_desktop.auth.oauth2 import OAuth2Refused
from deriv_desktop.domain.errors import (
    BadInput,
    ClientClosed,
    ConnectionLost,
    MalformedResponse,
    RequestTimeout,
    api_error_from,
)
from deriv_desktop.domain.problems import (
    KEYRING_KINDS,
    SETTINGS_WRITE_KINDS,
    Problem,
    ProblemKind,
)
from deriv_desktop.gui import i18n
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.services.login import LoginPhase, LoginService
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import SecretProblem, SecretStoreError
from tests.e2e.sign_in_kit import APP_ID, login_stack, wait_for_status
from tests.gui.fixtures import signed_in_stack, wait_until

EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
LOCKED = Problem(ProblemKind.KEYRING_LOCKED)


def samples() -> list[Problem]:
    """Every kind with all the data a sentence may use, plus each kind's other wordings."""
    full = {
        "code": "SomeCode",
        "count": 3,
        "number": 2,
        "minutes": 5,
        "accounts": ("CR90000001", "VRTC90000002"),
        "field": "new_token",
        "host": "127.0.0.1",
        "port": 8080,
        "name": "KeyError",
        "cause": LOCKED,
    }
    out = [Problem(kind, **full) for kind in ProblemKind]  # type: ignore[arg-type]
    out += [
        Problem(ProblemKind.INPUT_VALIDATION_FAILED),
        Problem(ProblemKind.TOKEN_SHAPE, number=0, count=1),
        Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=5, count=0),
        Problem(ProblemKind.SAVED_SIGN_IN_FAILED),
        Problem(ProblemKind.SAVED_SIGN_IN_FAILED, cause=Problem(ProblemKind.CONNECTION_LOST)),
        Problem(ProblemKind.NOT_REMEMBERED),
        Problem(ProblemKind.SAVED_SIGN_IN_UNREADABLE),
    ]
    out += [Problem(ProblemKind.NOT_REMEMBERED, cause=Problem(k)) for k in KEYRING_KINDS]
    out += [Problem(ProblemKind.NOT_REMEMBERED, cause=Problem(k)) for k in SETTINGS_WRITE_KINDS]
    out += [
        Problem(ProblemKind.SETTINGS_RESET, field="*", name="/x/settings.json.damaged-1"),
        Problem(ProblemKind.SETTINGS_RESET, field="app_id,server"),
    ]
    return out


@pytest.fixture
def french(qapp: QApplication) -> Iterator[QApplication]:
    previous = QLocale()
    installed = i18n.install_language(qapp, "fr", system=EN_US)
    assert installed.missing == []
    yield qapp
    i18n.uninstall_language(qapp)
    QLocale.setDefault(previous)


def english_and_french(app: QApplication, problems: list[Problem]) -> list[tuple[str, str]]:
    """Each problem described in English, then in French (the fixture's language)."""
    i18n.install_language(app, "en", system=EN_US)
    english = [describe(p) for p in problems]
    assert i18n.install_language(app, "fr", system=EN_US).missing == []
    return list(zip(english, [describe(p) for p in problems], strict=True))


# ---------------------------------------------------------------------------------- catalogue
def test_every_kind_has_a_french_sentence_and_no_english_one(french: QApplication) -> None:
    problems = samples()
    pairs = english_and_french(french, problems)
    english_sentences = {en for en, _ in pairs}
    wrong: list[str] = []
    for problem, (en, fr) in zip(problems, pairs, strict=True):
        label = f"{problem.kind.name}: {fr!r}"
        if not fr.strip():
            wrong.append(f"empty: {label}")
        if fr == en:
            wrong.append(f"not translated: {label}")
        if any(mark in fr for mark in ("%1", "%2", "%n")):
            wrong.append(f"placeholder left: {label}")
        if any(sentence in fr for sentence in english_sentences):
            wrong.append(f"an English sentence inside: {label}")
    assert not wrong, "\n".join(wrong)


def test_the_data_of_a_problem_reaches_its_sentence(french: QApplication) -> None:
    accounts = Problem(ProblemKind.ACCOUNTS_DROPPED, accounts=("CR90000001", "VRTC9"))
    assert "CR90000001, VRTC9" in describe(accounts)
    port = describe(Problem(ProblemKind.PORT_IN_USE, host="127.0.0.1", port=8080))
    assert port.startswith("Le port 8080 de 127.0.0.1 ")
    assert "au plus 26 jetons" in describe(Problem(ProblemKind.TOO_MANY_TOKENS, count=26))
    assert describe(Problem(ProblemKind.TOKEN_SHAPE, number=2)).startswith("Le jeton 2 ")
    timed_out = describe(Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=5, count=1))
    assert "après 5 min" in timed_out and "onglet plus ancien" in timed_out
    assert "onglet plus ancien" not in describe(Problem(ProblemKind.SIGN_IN_TIMED_OUT, minutes=5))
    unreadable = describe(Problem(ProblemKind.SAVED_SIGN_IN_UNREADABLE, cause=LOCKED))
    assert "car le trousseau système est verrouillé" in unreadable
    failed = describe(
        Problem(ProblemKind.SAVED_SIGN_IN_FAILED, cause=Problem(ProblemKind.REQUEST_TIMEOUT))
    )
    assert "Deriv n’a pas répondu à temps." in failed
    proxy = Problem(ProblemKind.PROXY_FAILED)
    unreachable = describe(Problem(ProblemKind.SIGN_IN_UNREACHABLE, cause=proxy))
    assert unreachable.endswith(" " + describe(proxy))
    lost = Problem(ProblemKind.CONNECTION_LOST)
    assert describe(Problem(ProblemKind.SIGN_IN_UNREACHABLE, cause=lost)).endswith("réessayez.")
    # Deriv's code only where the sentence says no more than "Deriv refused", at the end.
    assert describe(Problem(ProblemKind.SERVER_OTHER, code="OddCode")).endswith(" (OddCode)")
    assert "InvalidToken" not in describe(Problem(ProblemKind.INVALID_TOKEN, code="InvalidToken"))


# ---------------------------------------------------------------------------------- exceptions
SERVER_CODES = [
    "InvalidToken",
    "AuthorizationRequired",
    "PermissionDenied",
    "RateLimit",
    "TooManyRequests",
    "InputValidationFailed",
    "APITokenError",
    "TokenDeleted",
    "WrongResponse",
    "AlreadySubscribed",
    "UnrecognisedRequest",
    "InvalidAppID",
    "InvalidLoginid",
    "InvalidAccount",
    "TopupVirtualError",
    "SomethingDerivInventsLater",
]


@pytest.mark.parametrize("code", SERVER_CODES)
def test_server_errors_are_worded_in_french_not_with_derivs_english(
    french: QApplication, code: str
) -> None:
    derivs_words = "The server said something in English."
    error = api_error_from({"code": code, "message": derivs_words, "details": {"field": "x"}})
    text = describe(error)
    assert text and derivs_words not in text and str(error) not in text
    i18n.install_language(french, "en", system=EN_US)
    assert describe(error) != text, "the French catalogue was used"


def errors_the_services_raise() -> list[BaseException]:
    return [
        ConnectionLost("socket closed"),
        RequestTimeout("no answer"),
        ClientClosed("closed"),
        MalformedResponse("not json"),
        SecretStoreError(SecretProblem.LOCKED, "KeyringLocked"),
        SecretStoreError(SecretProblem.NO_BACKEND),
        LoopbackBindError(BindFailure.IN_USE, "127.0.0.1", 80, None),
        BadInput(Problem(ProblemKind.NO_TOKENS)),
        OAuth2Refused("token endpoint refused", code="invalid_grant"),
        OAuth2Refused("token endpoint refused", code="unsupported_grant_type"),
        KeyError("secret-looking detail"),
    ]


@pytest.mark.parametrize("error", errors_the_services_raise(), ids=lambda e: type(e).__name__)
def test_exceptions_are_described_without_their_text(
    french: QApplication, error: BaseException
) -> None:
    text = describe(error)
    assert text and str(error) not in text
    i18n.install_language(french, "en", system=EN_US)
    assert describe(error) != text


# ---------------------------------------------------------------------------------- real flows
@pytest.fixture
async def french_sign_in(
    french: QApplication, tmp_path: Path
) -> AsyncIterator[tuple[SignInWindow, LoginService]]:
    """The sign-in window, built after the French catalogue was installed (as the app does)."""
    async with login_stack(tmp_path) as stack:
        tasks = TaskRegistry()
        window = SignInWindow(stack.login, ConnectionProfile(app_id=str(APP_ID)), tasks)
        window.show()
        try:
            yield window, stack.login
        finally:
            window.close_quietly()
            window.deleteLater()
            await tasks.shutdown()


async def test_a_wrong_api_token_is_refused_in_french(
    french_sign_in: tuple[SignInWindow, LoginService],
) -> None:
    window, login = french_sign_in
    window.token_section.button.click()
    QTest.keyClicks(window.token_panel.text_edit, "a1-ThisTokenDoesNotExist000000")
    window.token_panel.sign_in_button.click()
    failed = await wait_for_status(login, lambda s: s.phase is LoginPhase.FAILED)

    assert failed.reason is not None and failed.reason.kind is ProblemKind.API_TOKEN_NOT_ACCEPTED
    assert window.messages.kind is MessageKind.ERROR
    assert window.messages.text.startswith("Deriv n’a pas accepté le jeton d’API.")
    assert "InvalidToken" not in window.messages.text
    assert "did not accept" not in window.messages.text


async def test_a_malformed_token_is_refused_in_french(
    french_sign_in: tuple[SignInWindow, LoginService],
) -> None:
    window, login = french_sign_in
    window.token_section.button.click()
    QTest.keyClicks(window.token_panel.text_edit, "good_token bad!token")
    window.token_panel.sign_in_button.click()
    await wait_for_status(login, lambda s: s.phase is LoginPhase.FAILED)

    assert window.messages.text.startswith("Le jeton 2 ne ressemble pas à un jeton d’API Deriv")
    assert "bad!token" not in window.messages.text


async def test_a_refused_top_up_is_told_in_french(french: QApplication, tmp_path: Path) -> None:
    async with signed_in_stack(tmp_path) as stack:
        window = MainWindow(stack.ctx)
        stack.windows.append(window)
        window.show()
        demo = stack.loginid("USD", virtual=True)
        stack.sandbox.state.set_balance(demo, "50000")  # above Deriv's threshold: refused
        assert window.request_topup(demo)
        await wait_until(lambda: window.messages.kind is MessageKind.ERROR)
        assert window.messages.text == (
            "Deriv n’a pas rechargé ce compte démo\u00a0: il ne le fait que lorsque le solde "
            "est bas."
        )


def test_samples_cover_every_kind() -> None:
    assert {p.kind for p in samples()} == set(ProblemKind)
