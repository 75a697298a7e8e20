"""What the frozen app leaves out, and why. Imported by ``deriv-desktop.spec``.

PyInstaller's Qt hooks collect every plugin and translation of each Qt module the app imports
(QtCore, QtGui, QtWidgets, QtNetwork, plus QtSvg through the SVG plugins). The app needs far
less, so the spec filters the collected files by their path inside the bundle:

* platforms: ``xcb`` (X11, and Wayland desktops through XWayland), ``offscreen`` (the self-test,
  headless CI), ``windows`` and ``cocoa``. The native Wayland plugin is left out: it brings
  QtWaylandClient, libwayland and client-side decorations, while XWayland is on every Wayland
  desktop and gives the window the desktop's own title bar. eglfs, linuxfb, vnc, minimal and
  vkkhrdisplay are for embedded devices and debugging.
* imageformats: ``svg`` only (currency icons and the app icon are SVG; PNG is built into QtGui),
  plus ``ico`` on Windows for window icons. iconengines: ``svg``.
* platformthemes: the GTK3 theme is dropped because it drags in libgtk-3, cairo, pango and
  friends (about 20 MB); the XDG desktop portal theme stays (small, D-Bus only).
* tls, networkinformation, generic input (evdev, tuio), egl device integrations and every
  wayland-* plugin directory: the app's only QtNetwork use is QLocalServer/QLocalSocket, its
  TLS goes through Python's ``ssl`` module, and input comes through the windowing system.
* translations: Qt's own catalogues in English and French only, the app's two languages.

Everything else PyInstaller found stays. On Linux the spec then also drops shared libraries
that none of the kept files need any more (see :func:`unreachable_libraries`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePosixPath

KEPT_PLATFORMS = frozenset({"qxcb", "qoffscreen", "qwindows", "qcocoa"})
KEPT_IMAGE_FORMATS = frozenset({"qsvg", "qico"})
DROPPED_PLATFORM_THEMES = frozenset({"qgtk3"})
DROPPED_PLUGIN_DIRS = frozenset(
    {
        "egldeviceintegrations",
        "generic",
        "networkinformation",
        "tls",
        "qmltooling",
        "sqldrivers",
        "multimedia",
        "position",
        "printsupport",
    }
)
KEPT_LANGUAGES = frozenset({"en", "fr"})

# Python packages the app never imports; excluded so no hook pulls them (or their Qt libraries).
EXCLUDED_MODULES = (
    "tkinter",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtMultimedia",
    "PySide6.QtDBus",  # the Python binding only; libQt6DBus itself stays (xcb, ibus, portal)
    "readline",  # interactive-console support; would pull libreadline
)

# Where the build host keeps its own shared libraries. On Linux those are not bundled: the
# .deb's Depends brings the distribution's copies (build.py checks that every one of them is
# covered), which avoids shipping a second libX11, glib, OpenSSL, libstdc++ and so on, and lets
# security updates of those reach the app.
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")

_TRANSLATION = re.compile(r"^(?P<catalogue>[a-z0-9]+)_(?P<lang>[a-z]{2,3})(?:_[A-Za-z]+)?\.qm$")
_LIBRARY = re.compile(r"\.so(\.\d+)*$|\.dylib$")


def _plugin_stem(name: str) -> str:
    """``libqxcb.so``, ``qwindows.dll`` or ``libqcocoa.dylib`` -> ``qxcb`` (and so on)."""
    stem = name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """Whether the file collected at ``dest`` (its path inside the bundle) stays."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "translations" in parts and parts[-1].endswith(".qm"):
        match = _TRANSLATION.match(parts[-1])
        return match is not None and match["lang"] in KEPT_LANGUAGES
    if "plugins" not in parts:
        return True
    index = parts.index("plugins")
    if len(parts) < index + 3:
        return True
    kind, name = parts[index + 1], parts[-1]
    if kind in DROPPED_PLUGIN_DIRS or kind.startswith("wayland-"):
        return False
    if kind == "platforms":
        return _plugin_stem(name) in KEPT_PLATFORMS
    if kind == "imageformats":
        return _plugin_stem(name) in KEPT_IMAGE_FORMATS
    if kind == "platformthemes":
        return _plugin_stem(name) not in DROPPED_PLATFORM_THEMES
    return True


def is_library(dest: str) -> bool:
    """A shared library (as opposed to a Python extension module or a Qt plugin)."""
    name = PurePosixPath(dest).name
    if "plugins" in PurePosixPath(dest).parts:
        return False
    if name.endswith(".abi3.so") or ".cpython-" in name or "lib-dynload" in dest:
        return False
    return bool(_LIBRARY.search(name)) and not name.startswith("python")


def is_system_library(dest: str, src: str) -> bool:
    """A shared library PyInstaller took from the build host's system directories.

    libpython stays bundled whatever its origin: the app is tied to the Python it was built
    with, not to the distribution's.
    """
    if not is_library(dest) or PurePosixPath(dest).name.startswith("libpython"):
        return False
    return src.startswith(SYSTEM_LIBRARY_DIRS)


def link_target(entry: tuple[str, str, str]) -> str | None:
    """For a SYMLINK entry of a PyInstaller TOC, the bundle path it points to; else None."""
    dest, src, kind = entry
    if kind != "SYMLINK":
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(dest), src))


def unreachable_libraries(
    dests: Iterable[str], needed_of: Callable[[str], Iterable[str]]
) -> set[str]:
    """Libraries among ``dests`` that no kept extension module, plugin or library needs.

    ``needed_of(dest)`` returns the sonames (DT_NEEDED) of the file at ``dest``. Roots are
    every non-library file (extension modules, Qt plugins); libraries are reached through
    their file names, which on Linux are their sonames.
    """
    files = list(dests)
    by_name: Mapping[str, str] = {PurePosixPath(d).name: d for d in files if is_library(d)}
    reached: set[str] = set()
    todo = [d for d in files if not is_library(d) or PurePosixPath(d).name.startswith("libpython")]
    seen: set[str] = set(todo)
    while todo:
        current = todo.pop()
        for soname in needed_of(current):
            target = by_name.get(soname)
            if target is not None and target not in seen:
                seen.add(target)
                reached.add(target)
                todo.append(target)
    return {d for d in by_name.values() if d not in reached and d not in seen}


def elf_dynamic(path: str) -> tuple[list[str], bytes]:
    """``(DT_NEEDED sonames, dynamic string table)`` of a 64-bit little-endian ELF file.

    A few lines of header parsing instead of running ``readelf`` on every collected file.
    Anything that is not such an ELF file gives ``([], b"")``.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return [], b""

    def word(at: int, size: int) -> int:
        return int.from_bytes(data[at : at + size], "little")

    shoff, shentsize, shnum = word(0x28, 8), word(0x3A, 2), word(0x3C, 2)
    sections = []
    for i in range(shnum):
        base = shoff + i * shentsize
        # (type, file offset, size, linked section index)
        sections.append((word(base + 4, 4), word(base + 0x18, 8), word(base + 0x20, 8),
                         word(base + 0x28, 4)))
    for kind, offset, size, link in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        _, str_offset, str_size, _ = sections[link]
        strtab = data[str_offset : str_offset + str_size]
        needed: list[str] = []
        for entry in range(offset, offset + size, 16):
            tag = word(entry, 8)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                start = word(entry + 8, 8)
                needed.append(strtab[start : strtab.index(b"\0", start)].decode())
        return needed, strtab
    return [], b""


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED sonames of an ELF file (see :func:`elf_dynamic`)."""
    return elf_dynamic(path)[0]
