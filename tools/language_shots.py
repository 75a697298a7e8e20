"""The frame of a screenshot tool that shoots one set per interface language on a real X server.

``python tools/<tool>.py OUTPUT_DIR`` starts a private Xvfb (unless DISPLAY is set) and one
child process per language (``--child LANG``), each with a fresh HOME, Qt on xcb, the Fusion
style and the language's catalogue; the child runs the tool's ``shots(language, out)`` on the
app's qasync loop.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from screenshots_main import XServer

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")
Shots = Callable[[str, Path], Coroutine[Any, Any, None]]


def run_children(script: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    server = XServer()
    status = 0
    try:
        for language in LANGUAGES:
            for attempt in (1, 2):  # a shared machine: retry once on a fresh X server
                rc = run_child(script, language, out, server.ensure())
                if rc == 0:
                    break
                print(f"{language}: failed (rc {rc}), attempt {attempt}", file=sys.stderr)
            status = status or rc
    finally:
        server.close()
    return status


def run_child(script: str, language: str, out: Path, display: str) -> int:
    home = tempfile.mkdtemp(prefix="screens-home-")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=home)
    env["XDG_CONFIG_HOME"] = str(Path(home) / "config")
    env["DERIV_DESKTOP_CONFIG_DIR"] = str(Path(home) / "deriv-desktop")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    argv = [sys.executable, script, "--child", language, str(out)]
    return subprocess.run(argv, env=env, cwd=ROOT, timeout=180, check=False).returncode  # noqa: S603


def child(language: str, out: Path, shots: Shots) -> int:
    from PySide6.QtWidgets import QApplication

    from deriv_desktop import loop
    from deriv_desktop.gui.i18n import install_language

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setPalette(app.style().standardPalette())
    installed = install_language(app, language)
    if installed.missing:
        print(f"missing catalogues: {installed.missing}", file=sys.stderr)
        return 1
    loop.run(app, lambda: shots(language, out))
    return 0


def language_tool(doc: str | None, script: str, shots: Shots) -> int:
    """The tool's ``main``: the parent side, or (``--child LANG``) one language's shots."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n", 1)[0])
    parser.add_argument("output", type=Path, nargs="?", default=Path("screens"))
    parser.add_argument("--child", nargs=1, metavar="LANG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.output.resolve(), shots)
    return run_children(script, args.output.resolve())
