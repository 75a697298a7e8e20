"""Screens of the app on Deriv's new API, for review: ``deriv-desktop --sandbox --api new``.

    python tools/screenshots_new_api.py [OUTPUT_DIR] [--language fr]     (default: ./screens)

Runs the real application (composition root, windows, built-in sandbox) offscreen, or on
$DISPLAY when set, and saves ``newapi_<lang>_<state>.png``: the sign-in window with the
personal-access-token section, its Settings page, waiting for the browser (OAuth2 through the
relay page), a refused token, the main window after signing in (with the migration notice),
and the API-token dialog explaining the new API has none. Nothing is written outside
OUTPUT_DIR and a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWidget
from shot_kit import settle

from deriv_desktop import loop
from deriv_desktop.app import effective_profile
from deriv_desktop.controller import AppController
from deriv_desktop.gui.i18n import install_language
from deriv_desktop.options import parse
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.storage.settings import Settings, SettingsFile


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / name
    widget.grab().save(str(path))
    print(path)


async def shoot(qt: QApplication, out: Path, language: str) -> None:
    home = Path(tempfile.mkdtemp(prefix="newapi-shots-"))
    settings = Settings(language=language)
    profile, overridden = effective_profile(
        settings, parse(["--sandbox", "--api", "new", "--language", language])
    )
    install_language(qt, language)
    controller = AppController(
        settings=settings,
        settings_file=SettingsFile(home / "settings.json"),
        profile=profile,
        overridden=overridden,
        single_instance=False,
        open_url=lambda _url: asyncio.sleep(0, True),
    )
    prefix = f"newapi_{language}_"
    try:
        await controller.start()
        window, stack, sandbox = controller.sign_in_window, controller.stack, controller.sandbox
        assert window and stack and sandbox and sandbox.newapi
        window.token_section.set_open(True)
        await settle(5, 0.05)
        save(window, out, prefix + "start.png")

        window.open_settings()
        await settle(5, 0.05)
        save(window, out, prefix + "settings.png")
        window.settings_panel.cancel()

        await stack.login.start()
        await settle(5, 0.05)
        save(window, out, prefix + "waiting.png")
        stack.login.cancel()

        await stack.login.sign_in_with_tokens("pat_" + "0" * 40)
        await settle(5, 0.05)
        window.token_section.set_open(True)
        await settle(5, 0.05)
        save(window, out, prefix + "refused.png")

        await stack.login.sign_in_with_tokens(sandbox.newapi.pat("amara@example.com"))
        assert stack.login.status.phase is LoginPhase.READY
        for _ in range(40):
            await settle(1, 0.05)
            main = controller.main_window
            if main is not None and "API" in main.messages.text:
                break
        main = controller.main_window
        assert main is not None
        save(main, out, prefix + "main.png")
        dialog = main.open_tokens()
        await settle(10, 0.05)
        save(dialog, out, prefix + "tokens.png")
        dialog.close()
    finally:
        await controller.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("out", nargs="?", default="screens")
    parser.add_argument("--language", default="en", choices=["en", "fr"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt, QApplication)
    loop.run(qt, lambda: shoot(qt, out, args.language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
