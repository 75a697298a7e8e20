"""Our XDG directories are the ones platformdirs names, so moving off it changes no path."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from deriv_desktop.storage import user_dirs

pytestmark = pytest.mark.skipif(
    sys.platform.startswith(("win32", "darwin")), reason="the XDG rules apply to Linux and the BSDs"
)

CASES = {
    "defaults": {},
    "absolute": {"XDG_CONFIG_HOME": "/srv/cfg", "XDG_STATE_HOME": "/srv/state"},
    "relative is ignored": {"XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": "state"},
    "empty is ignored": {"XDG_CONFIG_HOME": "", "XDG_STATE_HOME": ""},
}


@pytest.mark.parametrize("env", CASES.values(), ids=CASES.keys())
def test_same_directories_as_platformdirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    expected_config = Path(platformdirs.user_config_dir("deriv-desktop", appauthor=False))
    expected_log = Path(platformdirs.user_log_dir("deriv-desktop", appauthor=False))
    assert user_dirs.user_config_dir() == expected_config
    assert user_dirs.user_log_dir() == expected_log
    configured = env.get("XDG_CONFIG_HOME", "")
    base = Path(configured) if configured.startswith("/") else tmp_path / "home" / ".config"
    assert expected_config == base / "deriv-desktop"  # the cases really differ
