"""Render the bundled SVGs into the PNG files the installers and the running app use.

Qt's own SVG renderer draws them, so no extra tool is needed:

* the application icon (resources/icons/deriv-desktop.svg): the hicolor PNGs for Linux (64,
  128, 256 px), a Windows ``.ico`` and a macOS ``.icns``. Both containers simply hold PNG
  images, which Windows (Vista and later) and macOS (10.7 and later) read;
* the currency icons (resources/currencies/*.svg) at every size the window draws them, into
  resources/currencies/png, so the app never loads Qt's SVG module.

The outputs are committed so that a build machine only needs them, not this script; rerun it
after editing an SVG (tests/packaging checks that the PNGs still match their sources)::

    python packaging/render_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SOURCE = ICON_DIR / "deriv-desktop.svg"
CURRENCY_DIR = ROOT / "resources" / "currencies"
HICOLOR_SIZES = (64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS chunk types that may hold PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def png_name(size: int) -> str:
    return f"deriv-desktop-{size}.png"


def render_image(source: Path, size: int) -> Any:
    """``source`` drawn at ``size`` x ``size`` pixels on a transparent background (a QImage)."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """``source`` drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageWriter

    image = render_image(source, size)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise SystemExit(f"could not encode the {size} px PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: a directory of entries, each pointing at one embedded PNG."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: big-endian (type, length) chunks, each holding one PNG."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for size in sorted(pngs)
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def currency_outputs() -> list[tuple[Path, int, Path]]:
    """(SVG source, edge in px, PNG output) for every currency icon the app loads."""
    sys.path.insert(0, str(ROOT))
    from deriv_desktop.gui.widgets.currency_icons import SIZES, STEMS, png_path

    return [
        (CURRENCY_DIR / f"{stem}.svg", size, png_path(stem, size))
        for stem in STEMS
        for size in SIZES
    ]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    wanted = set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES)
    pngs = {size: render_png(size) for size in sorted(wanted)}
    for size in HICOLOR_SIZES:
        (ICON_DIR / png_name(size)).write_bytes(pngs[size])
    (ICON_DIR / "deriv-desktop.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICON_DIR / "deriv-desktop.icns").write_bytes(icns_bytes({s: pngs[s] for s in ICNS_TYPES}))
    currencies = currency_outputs()
    for source, size, output in currencies:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(render_png(size, source))
    del app
    print(f"wrote {len(HICOLOR_SIZES)} PNGs, an .ico and an .icns to {ICON_DIR}")
    print(f"wrote {len(currencies)} currency PNGs to {CURRENCY_DIR / 'png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
