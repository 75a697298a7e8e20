"""The first frame is painted before the Qt namespace's enums and QtNetwork are built
(bench/cold_start.py), shows what a user needs to start, and the sign-in window takes its place
without a visible change.

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
        "class": type(window).__name__,
        "qt_built": "Qt" in vars(PySide6.QtCore),
        "qtnetwork": "PySide6.QtNetwork" in sys.modules,
        "heavy": sorted(m for m in ("asyncio", "qasync", "keyring", "websockets",
                                    "platformdirs", "socket",
                                    "deriv_desktop.services.login_status",
                                    "deriv_desktop.domain.problems") if m in sys.modules),
        "visible": window.isVisible(),
        "pos": [window.pos().x(), window.pos().y()],
        "width": window.width(),
        "login": window.login_button.text(),
        "login_enabled": window.login_button.isEnabled(),
        "hint": window.login_hint.text(),
        "section": window.token_section.button.text(),
        "summary": window.settings_summary.text(),
        "settings_enabled": window.settings_button.isEnabled(),
        "pages": window.stack.count(),
    }

seen = {}
original_paint = app.paint_first

def paint_first(window):
    original_paint(window)
    window.move(40, 30)  # somewhere the sign-in window must take over
    seen["first"] = facts(window)
    window.login_button.click()  # nothing is wired to the first frame: nothing happens
    seen["frame"] = window
    from deriv_desktop.controller import AppController  # what app.main loads next
    original_start = AppController.start

    async def start(self):
        await original_start(self)
        report(self)

    AppController.start = start

app.paint_first = paint_first

def report(self):
    frame = seen["frame"]
    seen["after"] = facts(self.sign_in_window)
    seen["after"]["frame_visible"] = frame.isVisible()
    seen["after"]["login_phase"] = self.stack.login.status.phase.value
    del seen["frame"]
    print(json.dumps(seen), flush=True)
    os._exit(0)

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
    assert first["class"] == "FirstFrame" and first["visible"] is True
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
    # The sign-in window replaces it where it was, with every page.
    assert after["class"] == "SignInWindow" and after["visible"] is True
    assert after["frame_visible"] is False
    assert after["pages"] == 5
    # Nothing the first frame showed changes when the rest arrives (no flicker); the window
    # only grows by the sandbox's note above it.
    for shown in ("pos", "width", "login", "login_enabled", "hint", "section", "summary"):
        assert after[shown] == first[shown], shown
    assert first["settings_enabled"] is True and after["settings_enabled"] is True
    # A click on the first frame was not kept for later: no sign-in started behind the user.
    assert after["login_phase"] == "idle"


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


def test_closing_the_first_frame_quits_and_a_click_on_it_is_not_kept(qtbot: object) -> None:
    from deriv_desktop.gui.views.first_frame import FirstFrame
    from deriv_desktop.services.profile import ConnectionProfile

    frame = FirstFrame(ConnectionProfile(app_id="1234"))
    quits: list[bool] = []
    frame.quitRequested.connect(lambda: quits.append(True))
    frame.show()
    # Nothing listens to its controls: nothing is queued to run later.
    assert frame.login_button.receivers("2clicked(bool)") == 0
    assert frame.settings_button.receivers("2clicked(bool)") == 0
    frame.close()
    assert quits == [True]

    replaced = FirstFrame(ConnectionProfile(app_id="1234"))
    replaced.quitRequested.connect(lambda: quits.append(False))
    replaced.show()
    replaced.close_quietly()  # replaced by the sign-in window: the app goes on
    assert quits == [True] and not replaced.isVisible()
