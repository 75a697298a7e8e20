"""The tray icon in a real tray: Debian's ``trayer`` on a private Xvfb, the app in a child
process on that display (tests/e2e/tray_host_child.py), signed in on the built-in sandbox."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.e2e_policy import require_tool
from tests.support.xvfb import XvfbServer, display_env

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tray_display() -> Iterator[str]:
    """A fresh Xvfb with ``trayer`` owning its system tray selection."""
    xvfb = require_tool("Xvfb", "apt-get install xvfb")
    trayer = require_tool("trayer", "a real system tray host: apt-get install trayer")
    server = XvfbServer.start(xvfb)
    host = subprocess.Popen(
        [trayer, "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "28"],
        env=display_env(server.display),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield server.display
    finally:
        host.terminate()
        host.wait(10)
        server.stop()


def test_tray_icon_in_a_real_tray_switches_accounts_and_keeps_the_app(
    tray_display: str, tmp_path: Path
) -> None:
    child = subprocess.run(
        [sys.executable, "-m", "tests.e2e.tray_host_child", str(tmp_path)],
        env=display_env(tray_display),
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    width, height = result["tray_geometry"][2:]
    assert width > 0 and height > 0  # embedded by the tray host
    assert "Real accounts:" in result["tooltip"] and " USD" in result["tooltip"]
    assert result["switched_to"] == result["target"]
    assert "•••••" in result["privacy_tooltip"] and result["privacy_header"] == "•••••"
    assert "tray" in result["question"]
    assert result["running_after_close"] and result["window_hidden"] and result["shown_again"]
    assert not result["asked_again"] and result["running_after_second_close"]
    assert result["quit_from_tray"]
    for shot in ("tray-menu.png", "privacy-mode.png"):
        assert (tmp_path / shot).stat().st_size > 0
