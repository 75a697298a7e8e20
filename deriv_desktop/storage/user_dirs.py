"""The per-user directories deriv-desktop writes to: settings and logs.

On Linux and the BSDs these follow the XDG base directory rules, a few lines computed here;
Windows and macOS ask ``platformdirs``, whose import (4 ms) this keeps from the first frame of
every start on the XDG systems. ``tests/unit/test_user_dirs.py`` checks that both give the
same answers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "deriv-desktop"
_XDG = not sys.platform.startswith(("win32", "cygwin", "darwin"))


def _xdg_base(variable: str, fallback: str) -> Path:
    """``$variable`` when it holds an absolute path (the spec says to ignore relative ones),
    else ``fallback`` under the home directory."""
    value = os.environ.get(variable, "")
    return Path(value if os.path.isabs(value) else os.path.expanduser(fallback))


def user_config_dir() -> Path:
    if _XDG:
        return _xdg_base("XDG_CONFIG_HOME", "~/.config") / APP_DIR_NAME
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def user_log_dir() -> Path:
    if _XDG:
        return _xdg_base("XDG_STATE_HOME", "~/.local/state") / APP_DIR_NAME / "log"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))
