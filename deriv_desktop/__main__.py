"""``deriv-desktop`` and ``python -m deriv_desktop``."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    # Start-up builds long-lived objects (modules, classes, the first frame's widgets) and
    # next to no garbage, yet the cyclic collector would walk them about 35 times before the
    # first frame (5-8 ms, bench/cold_start.py). It stays off until the event loop's
    # GUI-thread collector (gui/collector.py) takes over; app.main freezes what start-up built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        import deriv_desktop.gui  # noqa: F401 - first, so PySide6 checks each later import cheaply
        from deriv_desktop.app import main as app_main

        return app_main(argv)
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
