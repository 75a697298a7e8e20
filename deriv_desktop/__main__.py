"""``deriv-desktop`` and ``python -m deriv_desktop``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import deriv_desktop.gui  # noqa: F401 - first, so PySide6 checks each later import cheaply
    from deriv_desktop.app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
