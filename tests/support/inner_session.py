"""A separate pytest session that loads this suite's conftest, for tests of the suite itself."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def prepare_inner_session(pytester: pytest.Pytester, tests: str, *, qt: bool = False) -> None:
    """Write the ini, a conftest that loads ``tests.conftest`` and ``tests`` as the module."""
    qt_line = "qt_api = pyside6\n" if qt else ""
    pytester.makeini(
        "[pytest]\n" + qt_line + "asyncio_mode = auto\n"
        "asyncio_default_fixture_loop_scope = function\n"
        "asyncio_default_test_loop_scope = function\n"
        "markers =\n"
        "    e2e: end-to-end\n"
        "    gui: needs Qt\n"
    )
    pytester.makeconftest(
        f"import sys\nsys.path.insert(0, {str(REPO_ROOT)!r})\npytest_plugins = ['tests.conftest']\n"
    )
    pytester.makepyfile(test_inner=tests)
