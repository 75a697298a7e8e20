"""What the frozen app leaves out, and why. Imported by ``deriv-desktop.spec``.

PyInstaller's Qt hooks collect every plugin and translation of each Qt module the app imports
(QtCore, QtGui, QtWidgets, QtNetwork, plus QtSvg through the SVG plugins). The app needs far
less, so the spec filters the collected files by their path inside the bundle:

* platforms: ``xcb`` (X11, and Wayland desktops through XWayland), ``offscreen`` (the self-test,
  headless CI), ``windows`` and ``cocoa``. The native Wayland plugin is left out: it brings
  QtWaylandClient, libwayland and client-side decorations, while XWayland is on every Wayland
  desktop and gives the window the desktop's own title bar. eglfs, linuxfb, vnc, minimal and
  vkkhrdisplay are for embedded devices and debugging.
* imageformats: ``ico`` only, for window icons on Windows (PNG is built into QtGui). The
  currency icons are PNGs drawn from their SVGs ahead of time (packaging/render_icons.py), so
  neither the ``svg`` image format nor the ``iconengines`` (SVG only) are needed, and QtSvg
  goes with them.
* platformthemes: the GTK3 theme is dropped because it drags in libgtk-3, cairo, pango and
  friends (about 20 MB); the XDG desktop portal theme stays (small, D-Bus only).
* tls, networkinformation, generic input (evdev, tuio), egl device integrations and every
  wayland-* plugin directory: the app's only QtNetwork use is QLocalServer/QLocalSocket, its
  TLS goes through Python's ``ssl`` module, and input comes through the windowing system.
* translations: Qt's own catalogues in English and French only, the app's two languages.

Everything else PyInstaller found stays. On Linux the spec then also drops shared libraries
that none of the kept files need any more (see :func:`unreachable_libraries`), and replaces
Qt's ICU data library by one without the data of ICU services nothing calls (see
:data:`ICU_UNUSED_TREES`).
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

KEPT_PLATFORMS = frozenset({"qxcb", "qoffscreen", "qwindows", "qcocoa"})
KEPT_IMAGE_FORMATS = frozenset({"qico"})
DROPPED_PLATFORM_THEMES = frozenset({"qgtk3"})
DROPPED_PLUGIN_DIRS = frozenset(
    {
        "egldeviceintegrations",
        "generic",
        "iconengines",
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

# Qt's ICU (Linux wheels): libQt6Core links it, so the libraries stay, but its 32 MB data
# library holds data for every ICU service. libQt6Core calls only converters (ucnv_), collation
# (ucol_), time-zone names (ucal_) and case mapping (u_strToUpper/Lower); no other bundled file
# calls ICU (build.py checks both). These data trees serve services nothing calls: word and line
# breaking, currency, language, region and unit names, spelled-out numbers, transliteration.
# Each service keeps all of its own data, for every locale.
ICU_CALLS = ("ucnv_", "UCNV_", "ucol_", "ucal_", "u_strToUpper_", "u_strToLower_")
ICU_UNUSED_TREES = frozenset({"brkitr", "curr", "lang", "region", "unit", "rbnf", "translit"})

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


def _elf_sections(data: bytes) -> list[tuple[int, int, int, int, int]]:
    """``(type, address, file offset, size, linked section)`` of each section of a 64-bit
    little-endian ELF file; empty for anything else."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    shoff, shentsize, shnum = _word(data, 0x28, 8), _word(data, 0x3A, 2), _word(data, 0x3C, 2)
    bases = [shoff + i * shentsize for i in range(shnum)]
    return [
        (
            _word(data, b + 4, 4),
            _word(data, b + 0x10, 8),
            _word(data, b + 0x18, 8),
            _word(data, b + 0x20, 8),
            _word(data, b + 0x28, 4),
        )
        for b in bases
    ]


def _word(data: bytes, at: int, size: int) -> int:
    return int.from_bytes(data[at : at + size], "little")


def _c_string(table: bytes, start: int) -> str:
    return table[start : table.index(b"\0", start)].decode()


def elf_dynamic(path: str) -> tuple[list[str], bytes]:
    """``(DT_NEEDED sonames, dynamic string table)`` of a 64-bit little-endian ELF file.

    A few lines of header parsing instead of running ``readelf`` on every collected file.
    Anything that is not such an ELF file gives ``([], b"")``.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    sections = _elf_sections(data)
    for kind, _, offset, size, link in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        _, _, str_offset, str_size, _ = sections[link]
        strtab = data[str_offset : str_offset + str_size]
        needed: list[str] = []
        for entry in range(offset, offset + size, 16):
            tag = _word(data, entry, 8)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                needed.append(_c_string(strtab, _word(data, entry + 8, 8)))
        return needed, strtab
    return [], b""


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED sonames of an ELF file (see :func:`elf_dynamic`)."""
    return elf_dynamic(path)[0]


def elf_symbols(path: str) -> list[tuple[str, int, int]]:
    """``(name, file offset, size)`` of each dynamic symbol of an ELF file; the offset is -1 for
    a symbol the file imports rather than defines."""
    with open(path, "rb") as handle:
        data = handle.read()
    sections = _elf_sections(data)
    symbols: list[tuple[str, int, int]] = []
    for kind, _, offset, size, link in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        _, _, str_offset, str_size, _ = sections[link]
        strtab = data[str_offset : str_offset + str_size]
        for entry in range(offset + 24, offset + size, 24):  # entry 0 is the null symbol
            index, value = _word(data, entry + 6, 2), _word(data, entry + 8, 8)
            at = -1
            if 0 < index < len(sections):
                _, address, file_offset, _, _ = sections[index]
                at = value - address + file_offset
            name = _c_string(strtab, _word(data, entry, 4))
            symbols.append((name, at, _word(data, entry + 16, 8)))
    return symbols


def icu_item_unused(name: str) -> bool:
    """Whether an item of ICU's data package (``icudt73l/brkitr/cjdict.dict``) can go."""
    parts = name.split("/")
    return len(parts) > 2 and parts[1] in ICU_UNUSED_TREES


def trim_icu_package(package: bytes, drop: Callable[[str], bool]) -> bytes:
    """ICU common data (format ``CmnD``: a header, a table of contents of name and data
    offsets, the names, then the items 16-byte aligned) without the items ``drop`` picks."""
    header = _word(package, 0, 2)
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD" or package[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    count = _word(package, header, 4)
    toc = [
        (_word(package, header + 4 + 8 * i, 4), _word(package, header + 8 + 8 * i, 4))
        for i in range(count)
    ]
    ends = [header + data for _, data in toc[1:]] + [len(package)]
    items = [
        (_c_string(package, header + name), package[header + data : end])
        for (name, data), end in zip(toc, ends, strict=True)
    ]
    kept = [(name.encode() + b"\0", data) for name, data in items if not drop(name)]
    names_at = 4 + 8 * len(kept)
    data_at = -(-(names_at + sum(len(name) for name, _ in kept)) // 16) * 16
    table, names, blobs = [len(kept).to_bytes(4, "little")], b"", b""
    for name, data in kept:
        table.append((names_at + len(names)).to_bytes(4, "little"))
        table.append((data_at + len(blobs)).to_bytes(4, "little"))
        names += name
        blobs += data + b"\0" * (-len(data) % 16)
    body = b"".join(table) + names
    return package[:header] + body + b"\xaa" * (data_at - len(body)) + blobs  # as icupkg pads


def slim_icu_data_library(src: str, soname: str, work: Path) -> Path:
    """A copy of ICU's data library (``libicudata.so.73``) without :data:`ICU_UNUSED_TREES`.

    The data is one exported symbol (``icudt73_dat``); binutils (``as``, ``ld``, already
    needed for ``strip``) wrap the trimmed package into a library with the same soname.
    """
    ((symbol, offset, size),) = [s for s in elf_symbols(src) if s[1] >= 0 and s[0].endswith("_dat")]
    with open(src, "rb") as handle:
        handle.seek(offset)
        package = trim_icu_package(handle.read(size), icu_item_unused)
    work.mkdir(parents=True, exist_ok=True)
    (work / "icudata.dat").write_bytes(package)
    (work / "icudata.s").write_text(
        f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n"
        f'{symbol}:\n.incbin "icudata.dat"\n.size {symbol}, . - {symbol}\n'
        '.section .note.GNU-stack,"",@progbits\n',
        "utf-8",
    )
    # Fixed binutils programs on files this function wrote.
    subprocess.run(["as", "-o", "icudata.o", "icudata.s"], cwd=work, check=True)  # noqa: S607
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "ld",
            "-shared",
            "-soname",
            soname,
            "--hash-style=both",
            "-z",
            "noexecstack",
            "-o",
            soname,
            "icudata.o",
        ],
        cwd=work,
        check=True,
    )
    return work / soname
