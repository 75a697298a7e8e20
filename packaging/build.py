"""Build Deriv Desktop's Linux installer: a PyInstaller one-folder app wrapped in a ``.deb``.

Run it with the Python of the virtualenv the app is installed in (it freezes that Python)::

    .venv/bin/python packaging/build.py deb            # zstd, fast: what CI installs
    .venv/bin/python packaging/build.py deb --xz       # xz, smallest: for releases
    .venv/bin/python packaging/build.py onedir         # only dist/deriv-desktop/

It installs the pinned PyInstaller into that virtualenv when needed, freezes the app with
``packaging/pyinstaller/deriv-desktop.spec`` into ``dist/deriv-desktop/``, checks the bundle
(resources, Qt plugins, keyring backends, which ICU services are called), stages
``/opt/deriv-desktop`` plus the launcher, desktop entry, icons and AppStream metadata, checks
that ``Depends`` covers every system library the bundle links to, and runs ``dpkg-deb``.
Outputs go to ``dist/``, scratch to ``build/``; both are ignored by git.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import importlib.util
import re
import shutil
import stat
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
SPEC = PACKAGING / "pyinstaller" / "deriv-desktop.spec"
ICONS = ROOT / "resources" / "icons"

PYINSTALLER_VERSION = "6.22.3"
NAME = "deriv-desktop"
INSTALL_DIR = Path("opt") / NAME
METAINFO = "io.github.derivdesktop.DerivDesktop.metainfo.xml"
ICON_SIZES = (64, 128, 256)
# Modules the frozen app must contain: the keyring backend chain to the Secret Service, and
# the pieces --self-test runs.
REQUIRED_MODULES = (
    "keyring.backends.SecretService",
    "secretstorage",
    "secretstorage.dhcrypto",
    "jeepney.io.blocking",
    "cryptography.hazmat.primitives.ciphers",
    "deriv_desktop.selftest",
    "deriv_desktop.sandbox",
    "websockets.asyncio.client",
    "qasync",
    "h11",
    "platformdirs.unix",
)
RUNTIME_PACKAGES = (
    "PySide6",
    "qasync",
    "websockets",
    "keyring",
    "secretstorage",
    "platformdirs",
    "h11",
)
# Provided by libc6 itself; never looked up.
LIBC_SONAMES = frozenset(
    {
        "libc.so.6",
        "libm.so.6",
        "libdl.so.2",
        "libpthread.so.0",
        "librt.so.1",
        "libutil.so.1",
        "ld-linux-x86-64.so.2",
        "ld-linux-aarch64.so.1",
    }
)
_GLIBC = re.compile(rb"GLIBC_2\.(\d+)")


def _load_slim() -> ModuleType:
    """The spec's helper module (packaging/pyinstaller/slim.py), for its ELF reader."""
    spec = importlib.util.spec_from_file_location("slim", PACKAGING / "pyinstaller" / "slim.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


slim = _load_slim()


class BuildError(RuntimeError):
    """A build step failed; the message says which and why."""


# ----------------------------------------------------------------------------------- helpers
def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def run(command: Sequence[str | Path], cwd: Path | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    # A build tool: runs fixed programs (PyInstaller, pip, dpkg-deb) with paths it computed.
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)  # noqa: S603


def tree_bytes(path: Path) -> int:
    """Apparent size of every regular file under ``path`` (symlinks not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# ----------------------------------------------------------------------------------- onedir
def ensure_build_environment() -> None:
    """Refuse a system Python; install the pinned PyInstaller; check the app's dependencies."""
    if sys.prefix == sys.base_prefix:
        raise BuildError(
            f"{sys.executable} is not a virtualenv's Python. Run this script with the Python of "
            "the virtualenv the app is installed in, e.g. .venv/bin/python packaging/build.py deb"
        )
    missing = [name for name in RUNTIME_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise BuildError(
            f"the build virtualenv lacks {', '.join(missing)}; install the app into it first "
            f"({sys.executable} -m pip install .)"
        )
    try:
        installed = importlib.metadata.version("pyinstaller")
    except importlib.metadata.PackageNotFoundError:
        installed = None
    if installed != PYINSTALLER_VERSION:
        pin = f"pyinstaller=={PYINSTALLER_VERSION}"
        run([sys.executable, "-m", "pip", "install", "--quiet", pin])


def build_onedir(dist: Path, work: Path) -> Path:
    """Freeze the app with the spec; returns ``dist/deriv-desktop``."""
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            dist,
            "--workpath",
            work / "pyinstaller",
            SPEC,
        ],
        cwd=ROOT,
    )
    return dist / NAME


def pyz_modules(executable: Path) -> set[str]:
    """Names of the Python modules inside the frozen executable's archive."""
    from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped]

    archive = CArchiveReader(str(executable))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


def check_onedir(onedir: Path, modules: Iterable[str]) -> list[str]:
    """What is wrong with a Linux bundle; an empty list when it looks complete and slim."""
    internal = onedir / "_internal"
    qt = internal / "PySide6" / "Qt"
    problems: list[str] = []
    wanted = [
        onedir / NAME,
        internal / "resources" / "currencies" / "png" / "usd-32.png",
        internal / "resources" / "currencies" / "png" / "unknown-32.png",
        qt / "plugins" / "platforms" / "libqxcb.so",
        qt / "plugins" / "platforms" / "libqoffscreen.so",
    ]
    problems += [f"missing {p.relative_to(onedir)}" for p in wanted if not p.exists()]
    unwanted = [
        qt / "plugins" / "platformthemes" / "libqgtk3.so",
        qt / "plugins" / "platforms" / "libqwayland.so",
        qt / "plugins" / "tls",
        qt / "plugins" / "imageformats" / "libqsvg.so",
        qt / "plugins" / "iconengines",
        qt / "lib" / "libQt6Svg.so.6",
        qt / "lib" / "libQt6Qml.so.6",
        qt / "lib" / "libQt6Quick.so.6",
        qt / "lib" / "libQt6Pdf.so.6",
        internal / "libgtk-3.so.0",
    ]
    problems += [f"should be left out: {p.relative_to(onedir)}" for p in unwanted if p.exists()]
    for catalogue in sorted((qt / "translations").glob("*.qm")):
        if not re.search(r"_(en|fr)\.qm$", catalogue.name):
            problems.append(f"unexpected translation {catalogue.name}")
    entry_points = list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    if not entry_points or "SecretService" not in entry_points[0].read_text("utf-8"):
        problems.append("keyring's entry points (its backend list) are not bundled")
    present = set(modules)
    problems += [f"module {m} not frozen" for m in REQUIRED_MODULES if m not in present]
    problems += [
        f"{path.relative_to(onedir)} calls ICU's {name}, whose data may be left out "
        "(slim.ICU_CALLS)"
        for path, name in unexpected_icu_calls(internal)
    ]
    return problems


def unexpected_icu_calls(tree: Path) -> list[tuple[Path, str]]:
    """ICU functions that files under ``tree`` import outside ``slim.ICU_CALLS``.

    The bundled ICU data keeps only what those services read, so a Qt upgrade that starts
    calling, say, the break iterator must fail the build rather than run without its data.
    """
    elves = [p for p in sorted(tree.rglob("*")) if is_elf(p)]
    icu = {
        name
        for p in elves
        if p.name.startswith("libicu")
        for name, offset, _ in slim.elf_symbols(str(p))
        if offset >= 0
    }
    return [
        (p, name)
        for p in elves
        if not p.name.startswith("libicu")
        for name, offset, _ in slim.elf_symbols(str(p))
        if offset < 0 and name in icu and not name.startswith(slim.ICU_CALLS)
    ]


# ----------------------------------------------------------------------------------- ELF
def elf_dynamic(path: Path) -> tuple[list[str], int]:
    """``(DT_NEEDED sonames, highest GLIBC_2.x minor version referenced)`` of an ELF file."""
    needed, strtab = slim.elf_dynamic(str(path))
    glibc = max((int(m.group(1)) for m in _GLIBC.finditer(strtab)), default=0)
    return list(needed), glibc


def is_elf(path: Path) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def external_sonames(tree: Path) -> tuple[set[str], int]:
    """Sonames that ELF files under ``tree`` need but the tree does not contain, and the
    highest GLIBC_2.x minor version any of them references."""
    present = {p.name for p in tree.rglob("*")}
    needed: set[str] = set()
    glibc = 0
    for path in tree.rglob("*"):
        if is_elf(path):
            names, minor = elf_dynamic(path)
            needed.update(names)
            glibc = max(glibc, minor)
    return {n for n in needed if n not in present and n not in LIBC_SONAMES}, glibc


@functools.cache
def _library_cache() -> dict[str, Path]:
    """soname -> path, from ``ldconfig -p`` (native-architecture entries win)."""
    listing = subprocess.run(
        ["ldconfig", "-p"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Path] = {}
    for line in listing.stdout.splitlines()[1:]:
        left, _, right = line.strip().partition(" => ")
        soname, _, flags = left.partition(" ")
        native = "x86-64" in flags or "AArch64" in flags
        if right and (native or soname not in found):
            found[soname] = Path(right)
    return found


def packages_of_sonames(sonames: Iterable[str]) -> dict[str, str | None]:
    """The installed Debian package that ships each soname on this machine (None if none).

    One ``dpkg-query -S`` call for all of them: each call reads dpkg's whole file database.
    """
    cache = _library_cache()
    candidates: dict[str, list[str]] = {}
    for soname in sonames:
        path = cache.get(soname)
        paths: set[str] = set() if path is None else {str(path), str(path.resolve())}
        # merged /usr: dpkg may have the file registered under /lib or under /usr/lib.
        paths |= {p[4:] if p.startswith("/usr/") else "/usr" + p for p in set(paths)}
        candidates[soname] = sorted(paths)
    wanted = sorted({p for paths in candidates.values() for p in paths})
    owners: dict[str, str] = {}
    if wanted:
        # Exit status 1 only means some candidate paths are unowned (the other spelling).
        listing = subprocess.run(  # noqa: S603
            ["dpkg-query", "-S", *wanted],  # noqa: S607
            capture_output=True,
            text=True,
        )
        for line in listing.stdout.splitlines():
            package, sep, owned = line.partition(": ")
            if sep:
                owners[owned.strip()] = package.split(",")[0].split(":")[0].strip()
    return {
        soname: next((owners[p] for p in paths if p in owners), None)
        for soname, paths in candidates.items()
    }


def depends_packages(depends: str) -> set[str]:
    """Package names in a Depends field (alternatives and version constraints dropped)."""
    names = set()
    for clause in depends.split(","):
        for alternative in clause.split("|"):
            name = alternative.strip().split(" ", 1)[0].split(":", 1)[0]
            if name:
                names.add(name)
    return names


# ----------------------------------------------------------------------------------- .deb
@dataclass(frozen=True)
class DebInfo:
    version: str
    arch: str
    installed_kib: int
    glibc_minor: int


def render_control(template: str, info: DebInfo) -> str:
    text = (
        template.replace("@VERSION@", info.version)
        .replace("@ARCH@", info.arch)
        .replace("@INSTALLED_SIZE@", str(info.installed_kib))
        .replace("@GLIBC@", f"2.{info.glibc_minor}")
    )
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise BuildError(f"control.in has placeholders build.py does not fill: {left}")
    return text


def control_field(control: str, field: str) -> str:
    match = re.search(rf"^{field}:(.*(?:\n .*)*)", control, re.MULTILINE)
    if match is None:
        raise BuildError(f"control.in has no {field} field")
    return " ".join(match.group(1).split())


def installed_size_kib(tree: Path) -> int:
    """dpkg's estimate: each file's size rounded up to KiB, plus 1 KiB per directory/link."""
    total = 0
    for path in tree.rglob("*"):
        if "DEBIAN" in path.relative_to(tree).parts:
            continue
        if path.is_file() and not path.is_symlink():
            total += -(-path.lstat().st_size // 1024)
        else:
            total += 1
    return total


def normalise_modes(tree: Path) -> None:
    """0755 for directories and executables, 0644 for the rest, whatever the umask was."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        path.chmod(0o755 if executable else 0o644)


def stage(onedir: Path, root: Path) -> None:
    """Lay out the package tree under ``root`` (everything but DEBIAN/control)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(onedir, root / INSTALL_DIR, symlinks=True)
    share = root / "usr" / "share"
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / NAME).symlink_to(Path("/") / INSTALL_DIR / NAME)
    (share / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / f"{NAME}.desktop", share / "applications" / f"{NAME}.desktop")
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(LINUX / METAINFO, share / "metainfo" / METAINFO)
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(ICONS / f"{NAME}-{size}.png", target / f"{NAME}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ICONS / f"{NAME}.svg", scalable / f"{NAME}.svg")
    (share / "doc" / NAME).mkdir(parents=True)
    shutil.copy2(LINUX / "copyright", share / "doc" / NAME / "copyright")
    debian = root / "DEBIAN"
    debian.mkdir()
    for script in ("postinst", "postrm"):
        shutil.copy2(LINUX / script, debian / script)
    normalise_modes(root)
    for script in ("postinst", "postrm"):
        (debian / script).chmod(0o755)


def check_depends(root: Path, depends: str) -> int:
    """Fail unless Depends names the package of every system library the bundle links to.

    Returns the highest GLIBC_2.x minor version the bundle references (for libc6's bound).
    """
    outside, glibc = external_sonames(root / INSTALL_DIR)
    declared = depends_packages(depends)
    uncovered: list[str] = []
    for soname, package in sorted(packages_of_sonames(outside).items()):
        if package is None:
            uncovered.append(f"{soname} (not installed on the build machine)")
        elif package not in declared:
            uncovered.append(f"{soname} (from {package})")
    if uncovered:
        raise BuildError(
            "packaging/linux/control.in Depends misses the packages of: " + ", ".join(uncovered)
        )
    print(f"Depends covers all {len(outside)} system libraries the bundle links to")
    return glibc


def build_deb(onedir: Path, dist: Path, work: Path, compression: str) -> Path:
    version = project_version()
    arch = subprocess.run(
        ["dpkg", "--print-architecture"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    root = work / "deb" / f"{NAME}_{version}_{arch}"
    stage(onedir, root)
    template = (LINUX / "control.in").read_text("utf-8")
    glibc = check_depends(root, control_field(template, "Depends"))
    info = DebInfo(version, arch, installed_size_kib(root), glibc)
    control = root / "DEBIAN" / "control"
    control.write_text(render_control(template, info), "utf-8")
    control.chmod(0o644)
    for old in dist.glob(f"{NAME}_*.deb"):
        old.unlink()
    deb = dist / f"{NAME}_{version}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", root, deb])
    return deb


# ----------------------------------------------------------------------------------- main
def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("target", choices=("onedir", "deb"), help="what to build")
    parser.add_argument(
        "--xz",
        action="store_const",
        const="xz",
        dest="compression",
        default="zstd",
        help="compress the .deb with xz (release) instead of zstd",
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(argv)
    if not sys.platform.startswith("linux"):
        print(
            "build.py builds the Linux bundle; on Windows and macOS run PyInstaller with "
            f"{SPEC.relative_to(ROOT)} (see .github/workflows/installers.yml)",
            file=sys.stderr,
        )
        return 2
    try:
        ensure_build_environment()
        started = time.monotonic()
        onedir = build_onedir(options.dist.resolve(), options.work.resolve())
        frozen = time.monotonic() - started
        problems = check_onedir(onedir, pyz_modules(onedir / NAME))
        if problems:
            raise BuildError("the bundle is incomplete:\n  " + "\n  ".join(problems))
        print(f"onedir: {onedir} ({mb(tree_bytes(onedir))}, PyInstaller {frozen:.1f} s)")
        if options.target == "deb":
            started = time.monotonic()
            deb = build_deb(
                onedir, options.dist.resolve(), options.work.resolve(), options.compression
            )
            packed = time.monotonic() - started
            print(f"deb: {deb} ({mb(deb.stat().st_size)}, {options.compression}, {packed:.1f} s)")
    except (BuildError, subprocess.CalledProcessError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
