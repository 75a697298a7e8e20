"""The whole screenshot set: every window and dialog in each state (``tests/gui/layout_scenes``),
in English and French, light and dark, at scale 1 and 2, at four window sizes.

    python tools/screenshots_all.py [OUTPUT_DIR] [--only SCENE_PREFIX]

One child process per language, scale and theme (Qt reads ``QT_SCALE_FACTOR`` only when it
starts), offscreen on a 1600 x 1000 pixel screen, so at scale 2 the windows have 800 x 500
logical pixels, the size the layout guard checks. Files are named
``<scene>_<lang>_<theme>_x<scale>_<size>.png``; a window that cannot be resized (the sign-in
window follows its content) and the small dialogs are saved once, at the size they open with.
Nothing is written outside OUTPUT_DIR and temporary directories.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from tests.gui.layout_child import SIZES, offscreen_platform  # noqa: E402

SHOT_SIZES = {**SIZES, "1280x800": (1280, 800)}
FIXED_SCENES = ("sign_in", "about", "confirm")  # sized by their content


def run_children(out: Path, only: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in ("en", "fr"):
        for scale in (1, 2):
            children = []
            for theme in ("light", "dark"):  # two at a time
                env = dict(os.environ, QT_SCALE_FACTOR=str(scale))
                env["QT_QPA_PLATFORM"] = offscreen_platform()
                env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
                argv = [sys.executable, __file__, str(out), "--only", only]
                argv += ["--child", language, theme, str(scale)]
                children.append(subprocess.Popen(argv, env=env, cwd=ROOT))  # noqa: S603
            for child in children:
                status = status or child.wait(600)
    return status


async def shoot(out: Path, language: str, theme: str, scale: str, only: str) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QWidget

    from tests.gui.layout_scenes import settle, visit_all

    async def visit(scene: str, window: QWidget) -> None:
        if not scene.startswith(only):
            return
        await settle()
        opened = window.size()
        frame = window.frameGeometry().size() - window.size()
        room = window.screen().availableGeometry().size() - frame
        sizes = {"default": None} if scene.startswith(FIXED_SCENES) else SHOT_SIZES
        for size_name, size in sizes.items():
            if size is not None:
                window.resize(QSize(*size).boundedTo(room))
            await settle(6)
            if hasattr(window, "sync_repaint"):
                window.sync_repaint()
            path = out / f"{scene}_{language}_{theme}_x{scale}_{size_name}.png"
            window.grab().save(str(path))
            print(path)
        window.resize(opened)
        await settle()

    await visit_all(visit, language)


def child(out: Path, language: str, theme: str, scale: str, only: str) -> int:
    from PySide6.QtWidgets import QApplication
    from shot_kit import dark_palette

    from deriv_desktop import loop
    from deriv_desktop.gui.i18n import install_language

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    if install_language(app, language).missing:
        return 2
    loop.run(app, lambda: shoot(out, language, theme, scale, only))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("output", type=Path, nargs="?", default=Path("screens"))
    parser.add_argument("--only", default="", help="scenes whose name starts with this")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.output.resolve(), *args.child, args.only)
    return run_children(args.output.resolve(), args.only)


if __name__ == "__main__":
    raise SystemExit(main())
