"""Root conftest: environment isolation, Qt defaults, event loops and the end-to-end policy.

* Qt and the desktop: the suite runs Qt ``offscreen`` and drops DISPLAY, XAUTHORITY,
  WAYLAND_DISPLAY and DBUS_SESSION_BUS_ADDRESS (here, before any QApplication exists), so it
  behaves the same from a desktop terminal as headless and no child reaches the developer's
  screen or session bus.  Tests marked ``xvfb`` get a private Xvfb (``xvfb_display``); xcb code
  runs in a subprocess via ``xvfb_python`` because the in-process QApplication stays offscreen.
* Event loops: ``async def`` tests marked ``gui`` (or under tests/gui/) run on a qasync loop over
  the shared QApplication; all other ``async def`` tests get a plain asyncio loop.  On both,
  loop-level errors fail the test at teardown.
* Background tasks: a task that ends with an unhandled exception fails the test in which it
  happened (tests/support/task_guard.py): the app logs such tasks on ``deriv_desktop.tasks``.
* Isolation: every test gets a fresh HOME, XDG dirs, ``DERIV_DESKTOP_CONFIG_DIR``, the null keyring
  backend and a do-nothing ``$BROWSER`` (fixture ``isolated_env``).
* End-to-end policy: ``REQUIRE_E2E=1`` turns "tool missing" skips into failures (see
  tests/support/e2e_policy.py); tests under tests/e2e/ are marked ``e2e`` automatically.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent

# `tests.support` must be importable however pytest was started (`pytest` or `python -m pytest`).
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.support.e2e_policy import REQUIRE_E2E_ENV, e2e_required  # noqa: E402
from tests.support.isolation import (  # noqa: E402
    IsolatedEnv,
    detach_from_desktop,
    isolate_environment,
    use_null_keyring,
)

# Must happen before pytest-qt (or anything else) creates the QApplication.
_OUTER_DESKTOP = detach_from_desktop(os.environ)

from tests.support.qt_loop import LoopErrorCollector, make_qasync_loop  # noqa: E402
from tests.support.task_guard import TaskFailureCollector, make_plain_loop  # noqa: E402

pytest_plugins = [
    "pytester",
    "tests.support.browser",
    "tests.support.secret_service",
    "tests.support.notifications",
    "tests.support.secret_sniffer",
    "tests.support.xvfb",
]

#: Directories whose tests get the marker of the same name automatically.
_MARKED_DIRS = ("gui", "e2e")

_E2E_TOOLS = ("chromium", "Xvfb", "dbus-daemon", "gnome-keyring-daemon")

_loop_errors = LoopErrorCollector()
_task_failures = TaskFailureCollector()
_task_failures.install()


def _top_dir(node: pytest.Item | pytest.Collector) -> str | None:
    try:
        parts = Path(node.path).resolve().relative_to(TESTS_DIR).parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


def _is_gui(node: pytest.Item | pytest.Collector) -> bool:
    return node.get_closest_marker("gui") is not None or _top_dir(node) == "gui"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "xvfb: needs a real X server; starts the session's private Xvfb (xvfb_display)"
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    tools = ", ".join(f"{name}={'yes' if shutil.which(name) else 'MISSING'}" for name in _E2E_TOOLS)
    policy = "missing tools FAIL" if e2e_required() else "missing tools skip"
    dropped = ", ".join(sorted(_OUTER_DESKTOP)) or "none"
    return [
        f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}; "
        f"desktop session variables dropped: {dropped}",
        f"e2e tools: {tools}; {REQUIRE_E2E_ENV}={os.environ.get(REQUIRE_E2E_ENV, '')} ({policy})",
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        top = _top_dir(item)
        if top in _MARKED_DIRS and item.get_closest_marker(top) is None:
            item.add_marker(top)


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """qasync for GUI tests; the plain asyncio loop for everything else.

    pytest-asyncio 1.5 treats ``None`` from this hook as a usage error once any implementation
    exists, so non-GUI tests name the default loop explicitly.
    """
    if _is_gui(item):
        return {"qasync": lambda: make_qasync_loop(_loop_errors)}
    return {"asyncio": lambda: make_plain_loop(_loop_errors)}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """With REQUIRE_E2E=1 an ``e2e`` test may not be skipped, whoever skipped it."""
    report: pytest.TestReport = yield
    if (
        report.skipped
        and not hasattr(report, "wasxfail")
        and e2e_required()
        and item.get_closest_marker("e2e") is not None
    ):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        report.outcome = "failed"
        report.longrepr = f"e2e test skipped although {REQUIRE_E2E_ENV}=1: {reason}"
    return report


@pytest.fixture(autouse=True)
def isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[IsolatedEnv]:
    """Fresh HOME/XDG dirs/app config dir and the null keyring for every test."""
    env = isolate_environment(monkeypatch, tmp_path_factory.mktemp("isolated"))
    yield env
    use_null_keyring()


@pytest.fixture(autouse=True)
def _fail_on_loop_errors_and_failed_tasks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test whose event loop reported errors or in which a background task ended with
    an unhandled exception (neither reaches pytest otherwise).

    Autouse fixtures are set up before pytest-asyncio's runner fixture, so this teardown runs
    after the loop has been shut down and also sees errors raised during shutdown.
    """
    _loop_errors.take()
    _task_failures.take()
    yield
    errors = _loop_errors.take()
    failed = _task_failures.take()
    if errors:
        loop = "qasync" if _is_gui(request.node) else "asyncio"
        pytest.fail(
            f"the {loop} event loop reported unhandled errors:\n"
            + LoopErrorCollector.describe(errors),
            pytrace=False,
        )
    if failed:
        pytest.fail(
            "a background task ended with an unhandled exception:\n"
            + TaskFailureCollector.describe(failed),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """GUI tests run with the app's collector: cyclic garbage (widgets among it) is freed on
    the GUI thread only, never in an executor thread (deriv_desktop/gui/collector.py)."""
    if not _is_gui(request.node) or request.node.get_closest_marker("own_gc") is not None:
        yield
        return
    from deriv_desktop.gui.collector import MainThreadCollector

    request.getfixturevalue("qapp")
    collector = MainThreadCollector().start()
    try:
        yield
    finally:
        collector.stop()
        collector.deleteLater()


@pytest.fixture(autouse=True)
def _xvfb_for_marked_tests(request: pytest.FixtureRequest) -> None:
    """Start (or reuse) the session Xvfb for tests marked ``xvfb``."""
    if request.node.get_closest_marker("xvfb") is not None:
        request.getfixturevalue("xvfb_display")
