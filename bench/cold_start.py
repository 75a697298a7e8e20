"""Cold start to the first painted window, against a bare PySide6 window started the same way.

Every start is a new ``python`` process; the figure is ``time.monotonic()`` at the end of the
first frame (see ``_children.py``) minus the same clock just before ``Popen``. Variants, run
interleaved N times each (every round starts each variant once, in alternating order); a
variant's ratio is the median of its per-round ratios to that round's bare start, which cancels
the machine's slow drifts, and the ratios of medians and of minima are printed beside it:

* ``bare``: ``python -c`` creating ``QApplication`` + ``QMainWindow`` and exiting after the
  first frame (the reference).
* ``bare+stack``: the same bare window, also importing what the architecture runs on
  (``asyncio``, ``qasync``, ``websockets``' asyncio client) before showing it: the floor for
  any window of this app, so ``ratio to floor`` is our own share. It first imports
  ``deriv_desktop.gui``, whose only effect is ``import_scan``'s fix of PySide6's per-import
  hook (without it every later import reads its module's source; the floor would be about
  6 MiB and 15 ms heavier), so the floor is the stack as the app loads it.
* ``bare+label``: the bare window with one centred ``QLabel``: what any window a user can
  read costs beyond the bare one (the Qt namespace's enums, fonts), before any of our code.
* ``main-window``: our imports, the qasync loop of ``deriv_desktop.loop`` and the switcher's
  ``MainWindow`` over an empty state: what that window would cost as a first window (it never
  is one: the app opens it after signing in), so it is shown without a verdict.
* ``app``: ``deriv_desktop.__main__.main([])`` as ``deriv-desktop`` runs it up to its first
  frame, with nothing imported before it (the probe is attached as ``app.py`` loads): PySide6,
  argument parsing, logging, the single-instance hand-over and the sign-in window, which
  ``app.py`` paints before it loads asyncio, qasync, the keyring and the login service.

Bytecode is cached in a private ``PYTHONPYCACHEPREFIX`` and every variant gets a warm-up start,
as an installed app has compiled bytecode; config and home directories are fresh temporary ones.

    python bench/cold_start.py [--runs 15] [--variants bare,bare+label,main-window,app]

Target: ``app`` at most 1.3x the bare window.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, median, ms, qt_env, verdict

TARGET_RATIO = 1.3
CHILD = Path(__file__).resolve().parent / "_children.py"

BARE = """
import json, os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = {"painted": time.monotonic(), "maxrss_kb": usage.ru_maxrss,
            "cpu_s": usage.ru_utime + usage.ru_stime}
    sys.stdout.write(json.dumps(line) + "\\n")
    sys.stdout.flush()
    os._exit(0)
class Probe(QObject):
    fired = False
    def eventFilter(self, watched, event):
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            QTimer.singleShot(0, report)
        return False
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(640, 780)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


STACK_IMPORTS = "import deriv_desktop.gui, asyncio, qasync, websockets.asyncio.client\n"
BARE_STACK = BARE.replace("window = QMainWindow()", STACK_IMPORTS + "window = QMainWindow()")

# One centred line of text: the Qt namespace's enums (built on first use of ``Qt``) and the
# font machinery (fontconfig, FreeType, glyph cache) that any readable window pays for.
LABEL = """from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
label = QLabel("Sign in with Deriv")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
window.setCentralWidget(label)
"""
RESIZE = "window.resize(640, 780)\n"
BARE_LABEL = BARE.replace(RESIZE, RESIZE + LABEL)
BARE_STACK_LABEL = BARE_STACK.replace(RESIZE, RESIZE + LABEL)

# Reference windows run as ``python -c``; every other variant is a ``_children.py`` kind.
REFERENCES = {
    "bare": BARE,
    "bare+label": BARE_LABEL,
    "bare+stack": BARE_STACK,
    "bare+stack+label": BARE_STACK_LABEL,
}


def command(variant: str) -> list[str]:
    if variant in REFERENCES:
        return [sys.executable, "-c", REFERENCES[variant]]
    return [sys.executable, str(CHILD), variant]


def start_once(variant: str, env: dict[str, str]) -> dict[str, float]:
    began = time.monotonic()
    done = subprocess.run(
        command(variant),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if not lines:
        raise RuntimeError(f"{variant} printed no result (rc {done.returncode}):\n{done.stderr}")
    result = json.loads(lines[-1])
    return {
        "seconds": float(result["painted"]) - began,
        "maxrss_kb": float(result["maxrss_kb"]),
        "cpu_s": float(result["cpu_s"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--variants", default="bare,bare+label,bare+stack,main-window,app")
    args = parser.parse_args()
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if "bare" not in variants:
        variants.insert(0, "bare")
    cache = tempfile.mkdtemp(prefix="bench-pycache-")
    env = qt_env({"PYTHONPYCACHEPREFIX": cache})
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    failed: dict[str, str] = {}
    for variant in variants:  # warm-up: bytecode, font cache
        try:
            start_once(variant, env)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            failed[variant] = str(exc).strip().splitlines()[-1] if str(exc).strip() else "failed"
    runs: dict[str, list[float]] = {v: [] for v in variants if v not in failed}
    cpu: dict[str, list[float]] = {v: [] for v in runs}
    for i in range(args.runs):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for variant in order:
            result = start_once(variant, env)
            runs[variant].append(result["seconds"])
            cpu[variant].append(result["cpu_s"])
    base, best = median(runs["bare"]), min(runs["bare"])
    floor = median(runs["bare+stack"]) if "bare+stack" in runs else None
    print(f"cold start to first painted window ({env['QT_QPA_PLATFORM']}), {args.runs} runs each")
    print("  ratio: median of the rounds' ratios to that round's bare start (its range);")
    print("  medians: ratio of the medians; minima: ratio of the fastest starts; cpu: ratio of")
    print("  the median CPU time used up to the frame (steadier than wall time on a shared host)")
    status = 0
    for variant, values in runs.items():
        paired = sorted(v / b for v, b in zip(values, runs["bare"], strict=True))
        ratio = median(paired)
        line = (
            f"  {variant:16} median {ms(median(values))}  min {ms(min(values))}  "
            f"ratio {ratio:.2f}x ({paired[0]:.2f}-{paired[-1]:.2f})  "
            f"medians {median(values) / base:.2f}x  minima {min(values) / best:.2f}x  "
            f"cpu {median(cpu[variant]) / median(cpu['bare']):.2f}x"
        )
        if floor is not None and variant not in REFERENCES:
            line += f"  to floor {median(values) / floor:.2f}x"
        if variant == "app":
            ok = ratio <= TARGET_RATIO
            status = status or (0 if ok else 1)
            line += f"  target <= {TARGET_RATIO}x: {verdict(ok)}"
        print(line)
    for variant, why in failed.items():
        print(f"  {variant:16} could not be measured: {why}")
        status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
