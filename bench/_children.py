"""Child processes for the start-up and memory benchmarks; each prints ONE JSON line and exits.

    python bench/_children.py main-window     deriv-desktop's main window, empty state
    python bench/_children.py app             deriv-desktop's entry point to its first window
    python bench/_children.py signed-in URL   signed in (tokens on stdin), all rows painted

The line holds ``painted`` (``time.monotonic()`` when the first frame of the first top-level
window was done: the first Paint event, then one zero-delay timer, so the whole frame was
drawn and flushed), ``maxrss_kb`` (peak resident memory so far) and ``cpu_s`` (the process's
user + system CPU time so far). The bare reference lives
in ``cold_start.BARE`` and uses the same probe. Nothing heavy is imported at module level.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def report(**extra: Any) -> None:
    """Print the result line and leave at once (teardown is not part of any figure)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = {
        "painted": time.monotonic(),
        "maxrss_kb": usage.ru_maxrss,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        **extra,
    }
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()
    os._exit(0)


def first_frame_probe(window: Any, then: Any) -> Any:
    """Call ``then()`` right after ``window``'s first frame.

    The filter sits on the window alone: an application-wide Python event filter would be
    called for every event of every widget being built and would slow the start it measures.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Probe(QObject):
        fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.fired and event.type() == QEvent.Type.Paint:
                self.fired = True
                QTimer.singleShot(0, then)
            return False

    probe = Probe()
    window.installEventFilter(probe)
    return probe


def probe_paint_first(then: Any) -> None:
    """Put the probe on the window ``deriv_desktop.app.paint_first`` shows, without importing
    anything first: the module is patched the moment it has loaded, so the start measured is
    the installed app's own (PySide6 included, under the app's start-up settings)."""
    import importlib.abc
    import importlib.util

    class AfterLoad(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name != "deriv_desktop.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            loader: Any = spec.loader if spec is not None else None
            if loader is None:
                return None
            run = loader.exec_module

            def exec_module(module: Any) -> None:
                run(module)
                paint_first = module.paint_first

                def probed(window: Any) -> None:
                    keep.append(first_frame_probe(window, then))
                    paint_first(window)

                module.paint_first = probed

            loader.exec_module = exec_module
            return spec

    keep: list[Any] = []
    sys.meta_path.insert(0, AfterLoad())


def main_window() -> None:
    """What the switcher itself costs: our imports, the qasync loop, an empty MainWindow."""
    from PySide6.QtWidgets import QApplication

    import deriv_desktop.gui  # noqa: F401 - first, as deriv_desktop.__main__ does

    app = QApplication(sys.argv[:1])
    import asyncio
    import tempfile

    from deriv_desktop import loop
    from deriv_desktop.composition import build_stack
    from deriv_desktop.gui.i18n import install_language
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.services.profile import ConnectionProfile
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile

    install_language(app, "en")

    async def show() -> None:
        scratch = Path(tempfile.mkdtemp(prefix="bench-start-"))
        # The stack the app builds for Deriv; nothing connects (the window is only shown).
        profile = ConnectionProfile(app_id="1089")
        stack = build_stack(
            profile,
            profile.api_kind.endpoints(profile),
            store=MemoryTokenStore(),
            settings=Settings(),
            settings_file=SettingsFile(scratch / "settings.json"),
        )
        ctx = stack.context(server_label="Deriv")
        done = asyncio.get_running_loop().create_future()
        window = MainWindow(ctx)
        probe = first_frame_probe(window, lambda: done.done() or done.set_result(None))
        window.show()
        await done
        del probe
        report()

    loop.run(app, show)


def whole_app() -> None:
    """``deriv-desktop`` as installed: options, logging, single-instance check, sign-in window.

    Nothing is imported before the entry point, as in a real start."""
    probe_paint_first(report)
    from deriv_desktop.__main__ import main

    main([])


def signed_in(url: str) -> None:
    """Signed in as the bench user (tokens on stdin), main window shown, every row painted."""
    from PySide6.QtWidgets import QApplication

    import deriv_desktop.gui  # noqa: F401 - first, as deriv_desktop.__main__ does

    app = QApplication(sys.argv[:1])
    import asyncio

    from _common import BenchAccount, build_stack, credentials

    from deriv_desktop import loop
    from deriv_desktop.gui.i18n import install_language
    from deriv_desktop.gui.models.accounts import Role
    from deriv_desktop.gui.views.main_window import MainWindow

    install_language(app, "en")
    accounts = [BenchAccount(**a) for a in json.loads(sys.stdin.readline())]

    async def run() -> None:
        stack = build_stack(url)
        await stack.session.sign_in(credentials(accounts))
        window = MainWindow(stack.ctx)
        window.show()
        # The tray icon and the notifications, switched on as the app switches them on.
        from deriv_desktop.gui.alerts import Alerts
        from deriv_desktop.gui.notifications import FreedesktopNotifier
        from deriv_desktop.gui.tray import Tray, app_icon
        from deriv_desktop.services.notify_rules import NotifyPrefs

        tray = Tray(stack.ctx.privacy, app_icon(), base=lambda: "USD")
        tray.attach(stack.state, stack.bridge)
        tray.show()
        notifier = FreedesktopNotifier(lambda _loginid: None)
        stack.tasks.spawn(notifier.run(), name="desktop-notifications")
        alerts = Alerts(NotifyPrefs, stack.ctx.privacy, lambda *_: None)
        alerts.attach(stack.state, stack.bridge)
        expected = {a.loginid for a in accounts}

        def painted_all() -> bool:
            return all(
                window.model.index_of(lid).data(Role.BALANCE_TEXT) not in (None, "—")
                for lid in expected
            )

        ready = asyncio.Event()

        def check(*_args: object) -> None:
            if painted_all():
                ready.set()

        stack.bridge.balancesChanged.connect(check)
        stack.bridge.totalsChanged.connect(check)
        check()
        async with asyncio.timeout(20):
            await ready.wait()
        window.view.viewport().repaint()
        await asyncio.sleep(1.0)  # the rate streams open, caches fill: a steady state
        window.view.viewport().repaint()
        report(accounts=len(stack.state.accounts))

    loop.run(app, run)


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    if kind == "main-window":
        main_window()
    elif kind == "app":
        whole_app()
    elif kind == "signed-in" and len(sys.argv) > 2:
        signed_in(sys.argv[2])
    else:
        raise SystemExit(__doc__)
