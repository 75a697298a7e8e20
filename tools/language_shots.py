"""The frame of the screenshot tools that shoot on a real X server, one child per variant.

``python tools/<tool>.py OUTPUT_DIR`` starts a private Xvfb (unless DISPLAY is set) and one
child process per variant (``--child LANG [THEME]``), each with a fresh HOME and Qt on xcb.
``language_tool`` is the whole ``main`` of a tool whose variants are the interface languages:
its child gets the Fusion style and the language's catalogue and runs the tool's
``shots(language, out)`` on the app's qasync loop.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")
SCREEN = (1280, 1024)
Shots = Callable[[str, Path], Coroutine[Any, Any, None]]


class XServer:
    """DISPLAY as it is, or a private Xvfb, restarted if something else on the machine kills it."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = os.environ.get("DISPLAY", "")

    def ensure(self) -> str:
        if self.display and (self.proc is None or self.proc.poll() is None):
            return self.display
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise SystemExit("Xvfb is not installed (apt-get install -y xvfb)")
        read_end, write_end = os.pipe()
        screen = f"{SCREEN[0]}x{SCREEN[1]}x24"
        self.proc = subprocess.Popen(  # noqa: S603 - a fixed command line
            [xvfb, "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        # Xvfb writes the number and the newline apart and dies if the pipe is closed between
        # the two: read up to the newline (EOF: it exited).
        data = b""
        while not data.endswith(b"\n") and select.select([read_end], [], [], 15)[0]:
            chunk = os.read(read_end, 32)
            if not chunk:
                break
            data += chunk
        os.close(read_end)
        number = data.decode().strip() if data.endswith(b"\n") else ""
        if not number:
            raise SystemExit("Xvfb did not start")
        self.display = f":{number}"
        return self.display

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def run_children(
    script: str, out: Path, variants: Sequence[Sequence[str]] = tuple((x,) for x in LANGUAGES)
) -> int:
    """Run ``script --child VARIANT... OUT`` for each variant; 0 when every child succeeded."""
    out.mkdir(parents=True, exist_ok=True)
    server = XServer()
    status = 0
    try:
        for variant in variants:
            for attempt in (1, 2):  # a shared machine: retry once on a fresh X server
                rc = run_child(script, variant, out, server.ensure())
                if rc == 0:
                    break
                print(f"{'/'.join(variant)}: failed (rc {rc}), attempt {attempt}", file=sys.stderr)
            status = status or rc
    finally:
        server.close()
    return status


def run_child(script: str, variant: Sequence[str], out: Path, display: str) -> int:
    home = tempfile.mkdtemp(prefix="screens-home-")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=home)
    env["XDG_CONFIG_HOME"] = str(Path(home) / "config")
    env["DERIV_DESKTOP_CONFIG_DIR"] = str(Path(home) / "deriv-desktop")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    argv = [sys.executable, script, "--child", *variant, str(out)]
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
