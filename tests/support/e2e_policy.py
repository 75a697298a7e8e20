"""Skip-or-fail policy for tests that need external programs.

Locally a missing Chromium, Xvfb or gnome-keyring should only *skip* the tests that need it, with
a reason that says what to install.  In CI (``REQUIRE_E2E=1``) the same condition must *fail*,
otherwise a broken CI image would turn the end-to-end suite silently green.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REQUIRE_E2E_ENV = "REQUIRE_E2E"


def e2e_required() -> bool:
    """True when the environment demands that end-to-end prerequisites are present."""
    return os.environ.get(REQUIRE_E2E_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the current test with ``reason``, or fail it when ``REQUIRE_E2E=1``."""
    if e2e_required():
        pytest.fail(f"{reason} [{REQUIRE_E2E_ENV}=1 turns this skip into a failure]", pytrace=False)
    pytest.skip(reason)


def require_tool(name: str, reason: str | None = None) -> str:
    """Return the absolute path of executable ``name`` or skip/fail the test.

    ``reason`` should say what the test loses and how to get the tool (e.g. the apt package).
    """
    found = shutil.which(name)
    if found is None:
        skip_or_fail(f"{name!r} not found on PATH: {reason or 'install it to run this test'}")
    return found


def require_path(path: Path, reason: str) -> Path:
    """Return ``path`` if it exists, otherwise skip/fail the test with ``reason``."""
    if not path.exists():
        skip_or_fail(f"{path} does not exist: {reason}")
    return path
