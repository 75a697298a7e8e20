"""Fast checks of the installer sources under packaging/ (no PyInstaller build here).

The desktop entry and AppStream metadata go through the distribution's own validators; the
URL scheme must be registered the same way on all three systems; every version number must be
the project's; the NSIS script must compile; and the helpers build.py and the spec rely on
(bundle pruning, ELF reading, the control file, the bundle check) must do what they claim.
The real build, install and self-test of the .deb run in .ci/run.
"""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.e2e_policy import require_tool

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / "deriv-desktop.desktop"
METAINFO = PACKAGING / "linux" / "io.github.derivdesktop.DerivDesktop.metainfo.xml"
CONTROL = PACKAGING / "linux" / "control.in"
NSI = PACKAGING / "windows" / "deriv-desktop.nsi"
PLIST = PACKAGING / "macos" / "Info.plist"
ICONS = ROOT / "resources" / "icons"
SCHEME = "derivdesktop"
APP_ID = "io.github.derivdesktop.DerivDesktop"

# test-environment.md 5.2: the Depends list that made the app run on a bare Debian 12.
MEASURED_DEPENDS = [
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libdbus-1-3",
    "libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxcb-sync1",
    "libxcb-shm0",
]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = _load("deriv_desktop_packaging_build", PACKAGING / "build.py")
slim = build.slim
render_icons = _load("deriv_desktop_render_icons", PACKAGING / "render_icons.py")


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def nsis_lines() -> list[str]:
    """The .nsi's lines with its ``!define`` values substituted, comments dropped."""
    text = NSI.read_text("utf-8")
    defines = dict(re.findall(r'^\s*!define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        for _ in range(3):  # defines may refer to defines
            line = re.sub(r"\$\{(\w+)\}", lambda m: defines.get(m[1], m[0]), line)
        lines.append(line)
    return lines


# ----------------------------------------------------------------------------- Linux files
def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = require_tool("desktop-file-validate", "apt-get install desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


def test_desktop_file_registers_the_callback_scheme_and_launches_with_the_url() -> None:
    entry = desktop_entry()
    assert f"x-scheme-handler/{SCHEME}" in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";")
    exec_line = entry["Exec"].split()
    assert exec_line[0] == build.NAME  # the /usr/bin launcher the .deb installs
    assert exec_line[1:] == ["%u"]  # one URL: argv's callback_url
    assert entry["Icon"] == build.NAME
    assert entry["Terminal"] == "false"
    assert set(entry["Categories"].rstrip(";").split(";")) == {"Office", "Finance"}


def test_desktop_file_name_is_the_one_the_app_announces() -> None:
    from deriv_desktop.app import DESKTOP_FILE
    from deriv_desktop.auth.scheme import SCHEME as APP_SCHEME

    assert DESKTOP.name == f"{DESKTOP_FILE}.desktop"
    assert desktop_entry()["StartupWMClass"] == DESKTOP_FILE
    assert APP_SCHEME == SCHEME


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = require_tool("appstreamcli", "apt-get install appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_points_at_the_desktop_file_and_carries_the_project_version() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert METAINFO.name == f"{APP_ID}.metainfo.xml" == build.METAINFO
    launchables = [e.text for e in root.iter("launchable") if e.get("type") == "desktop-id"]
    assert launchables == [DESKTOP.name]
    releases = [e.get("version") for e in root.iter("release")]
    assert releases and releases[0] == project_version()
    assert [e.text for e in root.iter("binary")] == [build.NAME]


def test_control_depends_cover_the_measured_bare_debian_list() -> None:
    template = CONTROL.read_text("utf-8")
    declared = build.depends_packages(build.control_field(template, "Depends"))
    assert set(MEASURED_DEPENDS) <= declared
    assert "libc6" in declared
    recommends = build.depends_packages(build.control_field(template, "Recommends"))
    assert {"gnome-keyring", "xdg-utils"} <= recommends


def test_control_template_renders_without_leftover_placeholders() -> None:
    info = build.DebInfo(version="9.8.7", arch="amd64", installed_kib=1234, glibc_minor=35)
    control = build.render_control(CONTROL.read_text("utf-8"), info)
    assert re.search(r"^Version: 9\.8\.7$", control, re.MULTILINE)
    assert re.search(r"^Installed-Size: 1234$", control, re.MULTILINE)
    assert "libc6 (>= 2.35)" in build.control_field(control, "Depends")
    assert control.endswith("\n")
    with pytest.raises(build.BuildError, match="@NEW@"):
        build.render_control("Architecture: @ARCH@\nX-New: @NEW@\n", info)


def test_depends_parser_drops_versions_and_splits_alternatives() -> None:
    field = "libc6 (>= 2.35), libssl3 | libssl3t64, libfoo1:amd64 (= 1)"
    assert build.depends_packages(field) == {"libc6", "libssl3", "libssl3t64", "libfoo1"}


@pytest.mark.parametrize("script", ["postinst", "postrm"])
def test_maintainer_scripts_are_executable_posix_shell(script: str) -> None:
    path = PACKAGING / "linux" / script
    assert path.read_text("utf-8").startswith("#!/bin/sh\n")
    assert path.stat().st_mode & 0o111, f"{script} must be executable (git keeps the bit)"
    result = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = path.read_text("utf-8")
    assert "update-desktop-database" in text and "gtk-update-icon-cache" in text
    assert "command -v" in text  # only when present


# ----------------------------------------------------------------------------- Windows
def test_nsis_registers_the_scheme_per_user() -> None:
    lines = nsis_lines()
    key = rf"Software\Classes\{SCHEME}"
    assert f'WriteRegStr HKCU "{key}" "URL Protocol" ""' in lines
    opener = f'WriteRegStr HKCU "{key}\\shell\\open\\command"'
    command = [ln for ln in lines if ln.startswith(opener)]
    assert len(command) == 1 and command[0].endswith("""'"$INSTDIR\\deriv-desktop.exe" "%1"'""")
    assert f'DeleteRegKey HKCU "{key}"' in lines  # the uninstaller removes it again
    assert not any("HKLM" in ln for ln in lines)
    assert "RequestExecutionLevel user" in lines


def test_nsis_adds_a_start_menu_shortcut_and_an_uninstaller() -> None:
    lines = nsis_lines()
    assert any(ln.startswith('CreateShortcut "$SMPROGRAMS\\Deriv Desktop.lnk"') for ln in lines)
    assert 'WriteUninstaller "$INSTDIR\\uninstall.exe"' in lines
    assert 'Delete "$SMPROGRAMS\\Deriv Desktop.lnk"' in lines
    assert any(ln.startswith('Section "Uninstall"') for ln in lines)


def test_nsis_script_compiles_with_a_dummy_payload(tmp_path: Path) -> None:
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis not found: apt-get install nsis to compile the Windows installer")
    payload = tmp_path / "deriv-desktop"
    (payload / "_internal").mkdir(parents=True)
    (payload / "deriv-desktop.exe").write_bytes(b"MZ dummy payload")
    (payload / "_internal" / "placeholder.dll").write_bytes(b"dummy")
    out = tmp_path / "deriv-desktop-setup.exe"
    result = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",
            f"-DVERSION={project_version()}",
            f"-DDIST_DIR={payload}",
            f"-DOUTFILE={out}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"
    assert b"Nullsoft" in out.read_bytes()


# ----------------------------------------------------------------------------- macOS
def test_info_plist_declares_the_url_scheme_and_the_project_version() -> None:
    info = plistlib.loads(PLIST.read_bytes())
    schemes = [s for t in info["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]]
    assert schemes == [SCHEME]
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == project_version()
    assert info["CFBundleExecutable"] == build.NAME
    assert info["CFBundleIconFile"] == "deriv-desktop.icns"


def test_versions_agree_with_pyproject() -> None:
    import deriv_desktop

    assert deriv_desktop.__version__ == project_version() == build.project_version()


def test_workflow_pins_the_same_pyinstaller_as_the_build_script() -> None:
    workflow = (ROOT / ".github" / "workflows" / "installers.yml").read_text("utf-8")
    pins = set(re.findall(r"pyinstaller==([\d.]+)", workflow))
    assert pins == {build.PYINSTALLER_VERSION}
    assert "windows-latest" in workflow and "macos-latest" in workflow


# ----------------------------------------------------------------------------- icons
def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", [64, 128, 256])
def test_hicolor_pngs_have_their_size(size: int) -> None:
    assert _png_size((ICONS / f"deriv-desktop-{size}.png").read_bytes()) == (size, size)


def test_ico_and_icns_hold_pngs_of_the_sizes_they_announce() -> None:
    ico = (ICONS / "deriv-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i]
        )
        png_w, _ = _png_size(ico[offset : offset + length])
        assert png_w == (width or 256)
        sizes.add(png_w)
    assert {16, 32, 48, 256} <= sizes
    icns = (ICONS / "deriv-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    at, found = 8, {}
    while at < len(icns):
        kind_bytes, length = icns[at : at + 4], struct.unpack(">I", icns[at + 4 : at + 8])[0]
        found[kind_bytes] = _png_size(icns[at + 8 : at + length])[0]
        at += length
    assert found == {k: s for s, k in render_icons.ICNS_TYPES.items()}


# ----------------------------------------------------------------------------- bundle rules
@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/qico.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6\\Qt\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_TW.qm", False),
        ("resources/currencies/png/usd-32.png", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ],
)
def test_bundle_keeps_only_what_the_app_uses(dest: str, kept: bool) -> None:
    assert slim.keep(dest) is kept


def test_system_libraries_are_left_to_depends_but_libpython_is_not() -> None:
    assert slim.is_system_library("libX11.so.6", "/lib/x86_64-linux-gnu/libX11.so.6")
    assert slim.is_system_library("libssl.so.3", "/usr/lib/x86_64-linux-gnu/libssl.so.3")
    assert not slim.is_system_library(
        "libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"
    )
    assert not slim.is_system_library(
        "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
        "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
    )
    assert not slim.is_system_library(
        "PySide6/Qt/lib/libQt6Core.so.6", "/venv/lib/python3.11/site-packages/PySide6/Qt/lib/x"
    )


def test_unreachable_libraries_follow_needed_from_modules_and_plugins() -> None:
    graph = {
        "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "PySide6/Qt/lib/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "PySide6/Qt/lib/libQt6Core.so.6": ["libicuuc.so.73", "libc.so.6"],
        "PySide6/Qt/lib/libicuuc.so.73": [],
        "PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "PySide6/Qt/lib/libQt6XcbQpa.so.6": [],
        "PySide6/Qt/lib/libQt6WaylandClient.so.6": ["libQt6Gui.so.6"],  # its plugin was dropped
        "libpython3.11.so.1.0": [],
    }
    orphans = slim.unreachable_libraries(graph, lambda dest: graph[dest])
    assert orphans == {"PySide6/Qt/lib/libQt6WaylandClient.so.6"}


def test_symlink_entries_resolve_to_the_bundle_path_they_point_at() -> None:
    entry = ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")
    assert slim.link_target(entry) == "PySide6/Qt/lib/libQt6Gui.so.6"
    nested = ("a/b/libx.so", "../c/libx.so", "SYMLINK")
    assert slim.link_target(nested) == "a/c/libx.so"
    assert slim.link_target(("x.txt", "/src/x.txt", "DATA")) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux ELF files")
def test_elf_reader_lists_needed_libraries_and_ignores_other_files(tmp_path: Path) -> None:
    import PySide6

    qtcore = Path(PySide6.__file__).parent / "QtCore.abi3.so"
    needed = slim.elf_needed(str(qtcore))
    assert "libQt6Core.so.6" in needed
    assert any(name.startswith("libshiboken6") for name in needed)
    text = tmp_path / "not-elf.txt"
    text.write_text("hello", "utf-8")
    assert slim.elf_needed(str(text)) == []


def test_bundle_check_reports_what_is_missing_and_what_should_be_gone(tmp_path: Path) -> None:
    onedir = tmp_path / "deriv-desktop"
    internal = onedir / "_internal"
    qt = internal / "PySide6" / "Qt"
    for rel in [
        "deriv-desktop",
        "_internal/resources/currencies/png/usd-32.png",
        "_internal/resources/currencies/png/unknown-32.png",
        "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
        "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "_internal/PySide6/Qt/translations/qtbase_fr.qm",
    ]:
        (onedir / rel).parent.mkdir(parents=True, exist_ok=True)
        (onedir / rel).write_bytes(b"")
    dist_info = internal / "keyring-25.7.0.dist-info"
    dist_info.mkdir()
    (dist_info / "entry_points.txt").write_text(
        "[keyring.backends]\nSecretService = keyring.backends.SecretService\n", "utf-8"
    )
    assert build.check_onedir(onedir, build.REQUIRED_MODULES) == []

    (qt / "plugins" / "platformthemes").mkdir(parents=True)
    (qt / "plugins" / "platformthemes" / "libqgtk3.so").write_bytes(b"")
    (qt / "translations" / "qtbase_de.qm").write_bytes(b"")
    (internal / "resources" / "currencies" / "png" / "usd-32.png").unlink()
    (qt / "plugins" / "iconengines").mkdir(parents=True)
    modules = [m for m in build.REQUIRED_MODULES if m != "secretstorage"]
    problems = build.check_onedir(onedir, modules)
    assert problems == [
        "missing _internal/resources/currencies/png/usd-32.png",
        "should be left out: _internal/PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "should be left out: _internal/PySide6/Qt/plugins/iconengines",
        "unexpected translation qtbase_de.qm",
        "module secretstorage not frozen",
    ]


def test_installed_size_counts_files_in_kib_and_skips_debian(tmp_path: Path) -> None:
    (tmp_path / "DEBIAN").mkdir()
    (tmp_path / "DEBIAN" / "control").write_bytes(b"x" * 5000)
    (tmp_path / "opt").mkdir()
    (tmp_path / "opt" / "a").write_bytes(b"x" * 1025)  # 2 KiB
    (tmp_path / "opt" / "b").write_bytes(b"x" * 10)  # 1 KiB
    (tmp_path / "opt" / "link").symlink_to("a")  # 1
    # + 1 for the opt directory; nothing for DEBIAN or what it holds
    assert build.installed_size_kib(tmp_path) == 2 + 1 + 1 + 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packaging check")
def test_depends_check_names_the_package_of_an_uncovered_system_library(tmp_path: Path) -> None:
    import _ssl

    if shutil.which("dpkg-query") is None or shutil.which("ldconfig") is None:
        pytest.skip("needs dpkg-query and ldconfig (a Debian system)")
    if "libssl.so.3" not in slim.elf_needed(_ssl.__file__):
        pytest.skip("this Python's _ssl does not link the system's libssl.so.3")
    if build.packages_of_sonames(["libssl.so.3"])["libssl.so.3"] is None:
        pytest.skip("libssl.so.3 is not from a Debian package here")
    bundle = tmp_path / build.INSTALL_DIR
    bundle.mkdir(parents=True)
    shutil.copy(_ssl.__file__, bundle / "_ssl.so")
    package = build.packages_of_sonames(["libssl.so.3"])["libssl.so.3"]

    glibc_minor = build.check_depends(tmp_path, f"libc6, {package}")
    assert glibc_minor > 0  # _ssl uses versioned glibc symbols: libc6's lower bound comes from them
    with pytest.raises(build.BuildError, match=rf"libssl\.so\.3 \(from {package}\)"):
        build.check_depends(tmp_path, "libc6 (>= 2.34), zlib1g")
