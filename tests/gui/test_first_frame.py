"""The sign-in window's first frame is painted before the Qt namespace's enums and QtNetwork
are built (bench/cold_start.py), shows what a user needs to start, and completes afterwards.

The check runs ``deriv-desktop``'s own ``main`` in a fresh interpreter (this one has built
``Qt`` long ago) and looks at the process at the moment the first frame is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QToolButton

from deriv_desktop.gui.lazy_qt import Qt, set_enum

pytestmark = pytest.mark.gui

PROBE = r"""
import json, os, sys
import deriv_desktop.gui
import deriv_desktop.app as app
import PySide6.QtCore

def facts(window):
    return {
        "qt_built": "Qt" in vars(PySide6.QtCore),
        "qtnetwork": "PySide6.QtNetwork" in sys.modules,
        "heavy": sorted(m for m in ("asyncio", "qasync", "keyring", "websockets",
                                    "platformdirs", "socket",
                                    "deriv_desktop.services.login_status") if m in sys.modules),
        "visible": window.isVisible(),
        "login": window.login_button.text(),
        "login_enabled": window.login_button.isEnabled(),
        "hint": window.login_hint.text(),
        "section": window.token_section.button.text(),
        "summary": window.settings_summary.text(),
        "settings_enabled": window.settings_button.isEnabled(),
        "pages": window.stack.count(),
    }

original = app.paint_first

def paint_first(window):
    original(window)
    first = facts(window)
    window.complete()
    window.complete()  # a second call changes nothing
    after = facts(window)
    after["section_opens"] = (window.token_section.set_open(True), window.token_section.is_open)[1]
    print(json.dumps({"first": first, "after": after}), flush=True)
    os._exit(0)

app.paint_first = paint_first
app.main(sys.argv[1:])
"""


def run_first_frame(tmp_path: Path, *args: str) -> dict[str, dict[str, object]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stdout[-2000:] + done.stderr[-3000:]
    result: dict[str, dict[str, object]] = json.loads(lines[-1])
    return result


def test_the_first_frame_needs_neither_qt_enums_nor_the_network_module(tmp_path: Path) -> None:
    seen = run_first_frame(tmp_path, "--sandbox")
    first, after = seen["first"], seen["after"]
    assert first["visible"] is True
    assert first["qt_built"] is False
    assert first["qtnetwork"] is False
    assert first["heavy"] == []
    assert first["pages"] == 1
    # What the user sees first is the real start page, already worded for this profile.
    assert first["login"] == "&Log in with Deriv"
    assert first["login_enabled"] is True
    assert "never sees your password" in str(first["hint"])
    assert first["section"] == "Use an &API token instead"
    assert "Sandbox" in str(first["summary"])
    # complete() builds the rest once.
    assert after["qt_built"] is True
    assert after["pages"] == 5
    assert after["section_opens"] is True
    # Nothing the first frame showed changes when the rest arrives (no flicker); Settings opens
    # once the login service is attached.
    for shown in ("login", "login_enabled", "hint", "section", "summary", "settings_enabled"):
        assert after[shown] == first[shown], shown
    assert first["settings_enabled"] is False


def test_the_first_frame_names_the_new_api_routes(tmp_path: Path) -> None:
    first = run_first_frame(tmp_path, "--sandbox", "--api", "new")["first"]
    assert first["qt_built"] is False
    assert first["section"] == "Use a &personal access token instead"
    assert "new API" in str(first["summary"])


def test_enum_properties_are_set_by_key_name(qtbot: object) -> None:
    label = QLabel("x")
    set_enum(label, "alignment", "AlignRight|AlignVCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    button = QToolButton()
    set_enum(button, "arrowType", "DownArrow")
    assert button.arrowType() == Qt.ArrowType.DownArrow
    with pytest.raises(ValueError, match="no value 'Sideways'"):
        set_enum(button, "arrowType", "Sideways")
