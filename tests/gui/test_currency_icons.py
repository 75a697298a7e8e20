"""The currency icons the window loads are PNGs drawn from the SVG sources ahead of time
(packaging/render_icons.py): every size is there, each still matches its source, and painting
the icons does not bring Qt's SVG module into the process."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from deriv_desktop.gui.widgets.currency_icons import SIZES, STEMS, currency_icon, png_path

ROOT = Path(__file__).resolve().parents[2]
# Per channel, out of 255: anti-aliased edges and glyph hinting move a little between font
# and Qt builds, an edited colour or shape moves far more.
CHANNEL_TOLERANCE = 48
MAX_OFF_PIXELS = 0.03


def _render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "deriv_desktop_render_icons_gui", ROOT / "packaging" / "render_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rgba(image: QImage) -> bytes:
    return bytes(image.convertToFormat(QImage.Format.Format_RGBA8888).constBits())


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("stem", STEMS)
def test_every_size_is_committed_and_matches_its_svg(stem: str) -> None:
    render = _render_icons()
    source = render.CURRENCY_DIR / f"{stem}.svg"
    for size in SIZES:
        committed = QImage(str(png_path(stem, size)))
        assert not committed.isNull(), f"{png_path(stem, size)} missing: run render_icons.py"
        assert (committed.width(), committed.height()) == (size, size)
        want, got = _rgba(render.render_image(source, size)), _rgba(committed)
        off = sum(
            1
            for i in range(0, len(want), 4)
            if max(abs(a - b) for a, b in zip(want[i : i + 4], got[i : i + 4], strict=True))
            > CHANNEL_TOLERANCE
        )
        assert off <= MAX_OFF_PIXELS * size * size, (
            f"{stem}-{size}.png differs from {source.name} in {off} pixels: "
            "rerun packaging/render_icons.py"
        )


@pytest.mark.usefixtures("qapp")
def test_icons_offer_every_drawn_size() -> None:
    icon = currency_icon("BTC")
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(SIZES)
    assert currency_icon("XYZ").availableSizes() == currency_icon("", True).availableSizes()
    assert currency_icon("XYZ").cacheKey() != currency_icon("", True).cacheKey()
    assert icon.pixmap(QSize(44, 44), 2.0).size() == QSize(88, 88)


PAINT_EVERY_ICON = """
import sys
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from deriv_desktop.gui.widgets.currency_icons import SIZES, STEMS, _icon_for_stem
app = QApplication(sys.argv[:1])
for stem in STEMS:
    for size in SIZES:
        assert not _icon_for_stem(stem).pixmap(QSize(size, size)).isNull()
{control}
maps = open("/proc/self/maps").read()
print("svg" if "Svg" in maps or "qsvg" in maps else "no svg")
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc/self/maps (Linux)")
def test_painting_the_icons_leaves_qt_svg_unloaded() -> None:
    def loaded(control: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", PAINT_EVERY_ICON.replace("{control}", control)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    assert loaded("") == "no svg"
    # The check itself sees the SVG plugin once an SVG is drawn.
    svg = ROOT / "resources" / "currencies" / "usd.svg"
    assert loaded(f"from PySide6.QtGui import QIcon; QIcon({str(svg)!r}).pixmap(32, 32)") == "svg"
