"""Remembering a sign-in in a real Secret Service (gnome-keyring on a private D-Bus), and what
the app does when it cannot: no keyring backend, a locked keyring, a plaintext-only backend.

Restores happen in a NEW process (``python -c …`` with the same D-Bus and config environment),
so nothing in this process's memory can make them pass. Every flow runs with DEBUG logging
captured; afterwards no token value may appear in a log record, in the child's output or in any
file under the test's HOME.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from deriv_desktop.controller import AppController
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.secrets import SERVICE, KeyringTokenStore, SecretProblem
from deriv_desktop.storage.settings import SettingsFile
from tests.e2e.sign_in_kit import (
    APP_ID,
    REDIRECT_ANY_PORT,
    Catch,
    login_stack,
    wait_for_status,
)
from tests.support.e2e_policy import skip_or_fail
from tests.support.secret_service import PrivateSecretService
from tests.support.secret_sniffer import SecretSniffer

pytestmark = pytest.mark.gui  # the app's windows need the qasync loop

TIMEOUT = 20.0
REPO_ROOT = Path(__file__).resolve().parents[2]

RESTORE_SNIPPET = textwrap.dedent(
    """
    import asyncio, json, sys
    from deriv_desktop.composition import Endpoints, Tuning, build_stack, open_token_store
    from deriv_desktop.services.profile import ConnectionProfile
    from deriv_desktop.storage.settings import SettingsFile

    async def main(server, app_id):
        settings_file = SettingsFile()
        store, problem = await open_token_store()
        assert problem is None, problem
        profile = ConnectionProfile(server=server, app_id=app_id)
        stack = build_stack(
            profile, Endpoints(server, profile.oauth_url, profile.redirect_uri),
            store=store, settings=settings_file.load_sync(), settings_file=settings_file,
            tuning=Tuning(request_timeout=10),
        )
        try:
            outcome = await stack.session.restore()
        finally:
            await stack.close()
        if outcome is None:
            print(json.dumps(None))
        else:
            print(json.dumps({
                "with_token": sorted(c.loginid for c in outcome.signed_in.credentials),
                "dropped": outcome.dropped,
                "remembered": outcome.remembered,
            }))

    asyncio.run(main(sys.argv[1], sys.argv[2]))
    """
)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb:
        sb.register_app(APP_ID, REDIRECT_ANY_PORT, name="Deriv Desktop")
        yield sb


def api_token(sb: Sandbox, loginid: str, name: str) -> str:
    return next(t.value for t in sb.state.api_tokens(loginid) if t.display_name == name)


def two_api_tokens(sb: Sandbox) -> dict[str, str]:
    """Seeded API tokens of the first user: the real USD account and the demo account."""
    user = sb.users[0]
    real = next(a for a in user.accounts if a.currency == "USD" and not a.is_virtual)
    demo = next(a for a in user.accounts if a.is_virtual)
    return {
        real.loginid: api_token(sb, real.loginid, "Admin tools"),
        demo.loginid: api_token(sb, demo.loginid, "Demo bot"),
    }


class Child:
    """A new process restoring the session from the keyring, as the next app start would."""

    def __init__(self, service: PrivateSecretService) -> None:
        self.service = service
        self.outputs: list[tuple[str, str]] = []

    async def restore(self, server: str) -> Any:
        env = self.service.client_env()  # same D-Bus and keyring backend, same HOME and config
        env["PYTHONPATH"] = str(REPO_ROOT)
        proc = subprocess.Popen(  # noqa: ASYNC220 - waited for in an executor below
            [sys.executable, "-c", RESTORE_SNIPPET, server, str(APP_ID)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        loop = asyncio.get_running_loop()  # keeps serving the sandbox while the child runs
        stdout, stderr = await asyncio.wait_for(loop.run_in_executor(None, proc.communicate), 60)
        self.outputs += [("child stdout", stdout), ("child stderr", stderr)]
        assert proc.returncode == 0, stderr
        return json.loads(stdout.strip().splitlines()[-1])


def controller_for(sb: Sandbox) -> AppController:
    """The real application against this sandbox, with settings in the default place."""
    settings_file = SettingsFile()
    profile = ConnectionProfile(
        server=sb.ws_url,
        app_id=str(APP_ID),
        oauth_url=sb.oauth_url,
        redirect_uri=REDIRECT_ANY_PORT,
    )
    return AppController(
        settings=settings_file.load_sync(),
        settings_file=settings_file,
        profile=profile,
        single_instance=False,
    )


async def sign_in_through_window(window: SignInWindow, tokens: list[str]) -> None:
    """Open "Use an API token instead", paste, press Sign in."""
    window.token_section.set_open(True)
    window.token_panel.set_text("\n".join(tokens))
    window.token_panel.sign_in_button.click()
    done = await wait_for_status(
        window.login, lambda s: s.phase in (LoginPhase.READY, LoginPhase.FAILED), TIMEOUT
    )
    assert done.phase is LoginPhase.READY, done.reason


# ------------------------------------------------------------------------------- remembered
async def test_saved_restored_by_a_new_process_and_removed_at_logout(
    secret_service: PrivateSecretService,
    sandbox: Sandbox,
    tmp_path: Path,
    secret_sniffer: SecretSniffer,
) -> None:
    tokens = two_api_tokens(sandbox)
    child = Child(secret_service)
    async with login_stack(
        tmp_path, sandbox=sandbox, store=KeyringTokenStore(), settings_file=SettingsFile()
    ) as st:
        status = await st.login.sign_in_with_tokens(list(tokens.values()))
        assert status.phase is LoginPhase.READY
        assert status.outcome is not None and status.outcome.remembered
        items = secret_service.item_attributes()
        assert [(i["service"], i["username"]) for i in items] == [(SERVICE, st.session.key)]
        assert st.session.key in SettingsFile().load_sync().sessions

        restored = await child.restore(sandbox.ws_url)
        assert restored == {"with_token": sorted(tokens), "dropped": [], "remembered": True}

        await st.session.logout()
        assert secret_service.item_attributes() == [], "logout removed the keyring entry"
        assert SettingsFile().load_sync().sessions == {}
        assert await child.restore(sandbox.ws_url) is None

    secret_sniffer.assert_clean(list(tokens.values()), extra_texts=child.outputs)


async def test_a_revoked_token_at_restore_drops_only_that_account(
    secret_service: PrivateSecretService,
    sandbox: Sandbox,
    tmp_path: Path,
    secret_sniffer: SecretSniffer,
) -> None:
    tokens = two_api_tokens(sandbox)
    (real, real_token), (demo, demo_token) = tokens.items()
    async with login_stack(
        tmp_path, sandbox=sandbox, store=KeyringTokenStore(), settings_file=SettingsFile()
    ) as st:
        status = await st.login.sign_in_with_tokens([real_token, demo_token])
        assert status.phase is LoginPhase.READY
    # Between this run and the next start, the demo token is deleted on Deriv's token page.
    assert sandbox.state.delete_api_token(demo, demo_token) is not None

    app = controller_for(sandbox)
    try:
        await app.start()
        assert app.restore_task is not None
        await asyncio.wait_for(app.restore_task, TIMEOUT)
        main = app.main_window
        assert main is not None and main.isVisible(), "the rest of the session was restored"
        assert main.messages.kind is MessageKind.WARNING
        assert demo in main.messages.text and "no longer accepts" in main.messages.text
        assert app.stack is not None
        assert [c.loginid for c in app.stack.session._credentials] == [real]
        remembered = await KeyringTokenStore().load(app.stack.session.key)
        assert remembered is not None and set(remembered) == {real}, "the keyring was updated"
    finally:
        await app.shutdown()

    child = Child(secret_service)
    restored = await child.restore(sandbox.ws_url)
    assert restored == {"with_token": [real], "dropped": [], "remembered": True}
    secret_sniffer.assert_clean([real_token, demo_token], extra_texts=child.outputs)


# ------------------------------------------------------------------------------- not remembered
@pytest.fixture
def no_keyring_backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """keyring's own "nothing available" backend (what a system without one gets)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    yield


@pytest.fixture(scope="session")
def keyrings_alt_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """keyrings.alt in a private directory (never in the shared virtualenv, where it would
    silently become the default backend)."""
    target = tmp_path_factory.mktemp("keyrings-alt")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            "keyrings.alt==5.0.2",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"),
    )
    if result.returncode != 0:
        skip_or_fail(f"keyrings.alt could not be installed from PyPI: {result.stderr[-300:]}")
    return target


@pytest.fixture
def plaintext_keyring(keyrings_alt_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(keyrings_alt_dir))
    from keyrings.alt.file import PlaintextKeyring  # type: ignore[import-not-found]

    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    yield Path(backend.file_path)


async def _sign_in_not_remembered(
    sandbox: Sandbox, expected: str, *, choice: bool
) -> tuple[AppController, list[str]]:
    """Start the app, check what it says, sign in with API tokens, continue if asked."""
    tokens = list(two_api_tokens(sandbox).values())
    app = controller_for(sandbox)
    await app.start()
    window = app.sign_in_window
    assert window is not None and app.restore_task is not None
    await app.restore_task
    if not choice:
        assert window.banner.isVisible() and expected in window.banner.text
    proceeded = Catch(window.proceed)
    await sign_in_through_window(window, tokens)
    if choice:
        assert window.page == SignInWindow.PAGE_CHOICE
        assert expected in window.choice_text.text()
        window.continue_button.click()
    await proceeded.wait(TIMEOUT)
    main = app.main_window
    assert main is not None and main.isVisible()
    assert "won't be remembered because" in main.messages.text
    assert app.stack is not None
    assert app.stack.session.key not in SettingsFile().load_sync().sessions, "nothing to restore"
    return app, tokens


@pytest.mark.usefixtures("no_keyring_backend")
async def test_no_keyring_backend(sandbox: Sandbox, secret_sniffer: SecretSniffer) -> None:
    app, tokens = await _sign_in_not_remembered(
        sandbox, "no system keyring is available", choice=False
    )
    assert app.store_problem is not None
    assert app.store_problem.reason is SecretProblem.NO_BACKEND
    assert app.stack is not None and not app.stack.session.store.remembers, "memory only"
    await app.shutdown()
    secret_sniffer.assert_clean(tokens)


async def test_locked_keyring(
    locked_secret_service: PrivateSecretService, sandbox: Sandbox, secret_sniffer: SecretSniffer
) -> None:
    app, tokens = await _sign_in_not_remembered(
        sandbox, "the system keyring is locked or refused access", choice=True
    )
    assert app.store_problem is None, "a locked keyring is only found out when saving"
    assert locked_secret_service.item_attributes() == []
    await app.shutdown()
    secret_sniffer.assert_clean(tokens)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
async def test_plaintext_only_backend_is_refused(
    plaintext_keyring: Path, sandbox: Sandbox, secret_sniffer: SecretSniffer
) -> None:
    app, tokens = await _sign_in_not_remembered(
        sandbox, "stores secrets as plain text", choice=False
    )
    assert app.store_problem is not None
    assert app.store_problem.reason is SecretProblem.INSECURE_BACKEND
    assert app.stack is not None and not app.stack.session.store.remembers, "memory only"
    await app.shutdown()
    written = await asyncio.to_thread(plaintext_keyring.exists)
    assert not written, "nothing was written to the plaintext keyring file"
    secret_sniffer.assert_clean(tokens)
