"""How big the Linux installer is, next to a plain PyInstaller build of a bare PySide6 window.

Builds, with the same Python and the same pinned PyInstaller:

* the baseline: a one-file script that shows a QLabel, frozen with PyInstaller's defaults
  (``--onedir --windowed``) in a temporary folder;
* the app: ``packaging/build.py``'s onedir, then its ``.deb`` with zstd and with xz.

and prints the sizes, the build times and the ratio app / baseline. Run it with the build
virtualenv's Python, on the machine that builds the .deb (Debian 12)::

    .venv/bin/python bench/installer_size.py            # about 1.5 minutes on 2 cores
    .venv/bin/python bench/installer_size.py --no-xz    # skip the slow xz package

Sizes are apparent file sizes in MB (10^6 bytes). Results also go to bench/results/ as JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

BARE_WINDOW = """\
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("bare PySide6 window")
label.show()
sys.exit(app.exec())
"""


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def build_baseline(build: ModuleType, scratch: Path) -> tuple[int, float]:
    """Freeze the bare window the plain way; returns (onedir bytes, seconds)."""
    script = scratch / "bare_window.py"
    script.write_text(BARE_WINDOW, "utf-8")
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--onedir",
            "--windowed",
            "--name",
            "bare-window",
            "--distpath",
            str(scratch / "dist"),
            "--workpath",
            str(scratch / "build"),
            "--specpath",
            str(scratch),
            str(script),
        ],
        check=True,
    )
    seconds = time.monotonic() - started
    return build.tree_bytes(scratch / "dist" / "bare-window"), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--no-xz", action="store_true", help="skip the xz-compressed .deb")
    options = parser.parse_args()

    build = load_build()
    build.ensure_build_environment()
    dist, work = ROOT / "dist", ROOT / "build"
    figures: dict[str, float | int | str] = {}

    with tempfile.TemporaryDirectory(prefix="installer-size-") as tmp:
        baseline, figures["baseline_build_s"] = build_baseline(build, Path(tmp))
    figures["baseline_onedir_bytes"] = baseline

    started = time.monotonic()
    onedir = build.build_onedir(dist, work)
    figures["app_build_s"] = time.monotonic() - started
    problems = build.check_onedir(onedir, build.pyz_modules(onedir / build.NAME))
    if problems:
        print("the app bundle is incomplete:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    app = build.tree_bytes(onedir)
    figures["app_onedir_bytes"] = app

    for compression in ("zstd",) if options.no_xz else ("zstd", "xz"):
        started = time.monotonic()
        deb = build.build_deb(onedir, dist, work, compression)
        figures[f"deb_{compression}_s"] = time.monotonic() - started
        figures[f"deb_{compression}_bytes"] = deb.stat().st_size
    control = (work / "deb").glob("*/DEBIAN/control")
    installed_kib = int(build.control_field(next(control).read_text("utf-8"), "Installed-Size"))
    figures["installed_size_kib"] = installed_kib
    figures["ratio_app_to_baseline"] = round(app / baseline, 3)

    print()
    print(
        f"{'bare PySide6 window, plain PyInstaller onedir':48} {build.mb(baseline):>10}"
        f"   ({figures['baseline_build_s']:.1f} s)"
    )
    print(
        f"{'deriv-desktop onedir (slimmed)':48} {build.mb(app):>10}"
        f"   ({figures['app_build_s']:.1f} s)"
    )
    print(f"{'deriv-desktop installed (Installed-Size)':48} {build.mb(installed_kib * 1024):>10}")
    for compression in ("zstd", "xz"):
        if f"deb_{compression}_bytes" in figures:
            size = int(figures[f"deb_{compression}_bytes"])
            print(
                f"{'deriv-desktop .deb, ' + compression:48} {build.mb(size):>10}"
                f"   ({figures[f'deb_{compression}_s']:.1f} s)"
            )
    print(f"{'ratio app onedir / bare-window onedir':48} {app / baseline:>10.2f}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"installer_size-{stamp}.json").write_text(json.dumps(figures, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
