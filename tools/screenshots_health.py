"""Screenshots of the session's health states on a real X server, in English and French.

    python tools/screenshots_health.py OUTPUT_DIR

Like ``screenshots_main.py`` (whose X server, palette and waiting helpers it uses): one child
process per language on a private Xvfb, signed in to the built-in sandbox through the real
stack. Each fault is made as it happens in use, and the window is saved as
``health_<lang>_<shot>.png``:

* ``degraded``: Deriv ends the balance stream and re-opening it is refused for now (the status
  counts down to the next try; the banner says balances may be out of date);
* ``reconnecting``: the sandbox stopped, the link waits out its backoff;
* ``offline``: the link reported offline (as a backend whose sockets are closed reports it);
* ``signed_out``: Deriv signed the user out (their token was deleted): the main window in that
  state, and ``signed_out_sign_in``: the sign-in window the app returns to, saying why.

Nothing is written outside OUTPUT_DIR and temporary directories.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from language_shots import language_tool
from screenshots_main import until
from shot_kit import grab, settle

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")
WINDOW = (640, 700)


async def shots(language: str, out: Path) -> None:
    from PySide6.QtWidgets import QWidget

    from deriv_desktop.api.backoff import Backoff
    from deriv_desktop.composition import Tuning, build_stack, resolve_endpoints
    from deriv_desktop.domain.connection import LinkPhase, LinkState
    from deriv_desktop.domain.credentials import AccountCredential
    from deriv_desktop.domain.errors import api_error_from
    from deriv_desktop.domain.health import HealthPhase
    from deriv_desktop.gui.problem_text import describe
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.gui.views.sign_in import SignInWindow
    from deriv_desktop.gui.widgets.message_bar import MessageKind
    from deriv_desktop.sandbox import Sandbox, SandboxConfig
    from deriv_desktop.services.profile import SANDBOX_SERVER, ConnectionProfile
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile
    from tests.support.stream_faults import end_with_error

    scratch = Path(tempfile.mkdtemp(prefix="screens-"))

    async def save(window: QWidget, name: str) -> None:
        await settle(rounds=6, pause=0.03)
        if isinstance(window, MainWindow):
            window.sync_repaint()
        await asyncio.sleep(0.05)
        image = grab(window)
        path = out / f"health_{language}_{name}.png"
        image.save(str(path))
        print(path)

    async with Sandbox(SandboxConfig(port=0, oauth_port=0, seed=3)) as sandbox:
        user = sandbox.users[0]
        profile = ConnectionProfile(server=SANDBOX_SERVER, app_id="1089", language=language)
        stack = build_stack(
            profile,
            await resolve_endpoints(profile, sandbox),
            store=MemoryTokenStore(),
            settings=Settings(language=language),
            settings_file=SettingsFile(scratch / "settings.json"),
            # long waits, so each state stays on screen with its countdown
            tuning=Tuning(backoff=Backoff(base=30, cap=30, jitter=0), request_timeout=10),
        )
        state, session = stack.state, stack.session
        creds = [
            AccountCredential(a.loginid, a.token, a.currency or None)
            for a in user.accounts
            if not a.is_disabled
        ]
        windows: list[QWidget] = []
        try:
            await session.sign_in(creds)
            await until(state.health_changed, lambda: state.health.online)
            window = MainWindow(stack.context(server_label="Sandbox", version="screenshots"))
            windows.append(window)
            window.resize(*WINDOW)
            window.move(0, 0)
            window.show()

            faults = sandbox.faults
            faults.fail_only, faults.fail_code, faults.fail_rate = (
                frozenset({"balance"}),
                "RateLimit",
                1.0,
            )
            end_with_error(sandbox, "balance")
            await until(
                state.health_changed,
                lambda: (
                    state.health.phase is HealthPhase.DEGRADED
                    and state.health.next_try_at is not None
                ),
            )
            await save(window, "degraded")
            faults.fail_rate = 0.0
            session.reconnect_now()
            await until(state.health_changed, lambda: state.health.online)

            await sandbox.stop()
            await until(
                state.health_changed, lambda: state.health.phase is HealthPhase.RECONNECTING
            )
            await until(state.link_changed, lambda: state.link.next_try_at is not None)
            await save(window, "reconnecting")

            state.set_link(LinkState(LinkPhase.OFFLINE, reason="closed"))
            await save(window, "offline")

            config = sandbox.config
            config.port = int(sandbox.ws_url.rsplit(":", 1)[1].split("/", 1)[0])
            await sandbox.start()
            session.reconnect_now()
            await until(state.health_changed, lambda: state.health.online, timeout=20)

            backend = session.backend
            assert backend is not None
            backend.signed_out_by_server.emit(  # what the backend says: "Token was deleted."
                api_error_from({"code": "TokenDeleted", "message": "Token was deleted."})
            )
            await until(session.signed_out, lambda: not session.signed_in)
            await save(window, "signed_out")

            sign_in = SignInWindow(stack.login, profile, stack.tasks)
            windows.append(sign_in)
            sign_in.move(0, 0)
            sign_in.show()
            health = state.health
            assert health.problem is not None
            sign_in.show_message(MessageKind.WARNING, describe(health.problem))
            await save(sign_in, "signed_out_sign_in")
        finally:
            for shown in windows:
                shown.close()
                shown.deleteLater()
            await stack.tasks.shutdown()
            await stack.close()


if __name__ == "__main__":
    raise SystemExit(language_tool(__doc__, __file__, shots))
