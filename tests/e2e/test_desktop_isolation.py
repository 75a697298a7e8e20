"""The suite behaves the same from a desktop terminal as headless.

A pytest session is started with DISPLAY pointing at a real X server (the private Xvfb, so xcb
would work if anything let Qt choose it) and with the other desktop-session variables set; the
inner tests check that Qt stays offscreen and that neither the test process nor the children
the test helpers start can see the outer desktop.
"""

from __future__ import annotations

import json

import pytest

from tests.support.inner_session import prepare_inner_session

#: Stand-ins for a developer's desktop session; the inner tests look for each value.
OUTER_DESKTOP = {
    "XAUTHORITY": "/outer-desktop/.Xauthority",
    "WAYLAND_DISPLAY": "outer-desktop-wayland-0",
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/outer-desktop/bus",
}

_INNER_TESTS = """
import json
import os
import subprocess
import sys

from tests.support.cdp import chromium_env
from tests.support.isolation import subprocess_env
from tests.support.xvfb import display_env

NAMES = ("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
OUTER = json.loads(os.environ["OUTER_DESKTOP_FOR_TEST"])


def leaks(env):
    return sorted(name for name in NAMES if name in env) + sorted(
        value for value in OUTER.values() if value in env.values()
    )


def test_qt_is_offscreen(qapp):
    assert qapp.platformName() == "offscreen"


def test_this_process_sees_no_desktop():
    assert leaks(os.environ) == []


def test_helper_environments_carry_no_desktop(tmp_path):
    assert leaks(subprocess_env(EXTRA="1")) == []
    assert leaks(chromium_env(tmp_path)) == []
    private = display_env(":4242")
    assert private["DISPLAY"] == ":4242"
    assert leaks({k: v for k, v in private.items() if k != "DISPLAY"}) == []


def test_a_plain_child_inherits_no_desktop():
    probe = "import json, os; print(json.dumps(dict(os.environ)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert leaks(json.loads(done.stdout)) == []
"""


@pytest.mark.xvfb
def test_a_session_started_on_a_real_display_stays_offscreen(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, xvfb_display: str
) -> None:
    prepare_inner_session(pytester, _INNER_TESTS, qt=True)
    outer = {"DISPLAY": xvfb_display, **OUTER_DESKTOP}
    for name, value in outer.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("OUTER_DESKTOP_FOR_TEST", json.dumps(outer))

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")

    assert result.parseoutcomes() == {"passed": 4}, result.stdout.str()
    dropped = ", ".join(sorted(outer))
    result.stdout.fnmatch_lines([f"*desktop session variables dropped: {dropped}"])
