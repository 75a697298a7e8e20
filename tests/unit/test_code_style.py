"""The tree stays as the standards say: formatted, lint-free and strictly typed.

Each tool has its own test so that a failure names the tool.  The import-layer contracts are
checked in tests/unit/test_layers.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_module(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m <args>`` with this venv's interpreter, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_ruff_format_leaves_every_file_as_it_is() -> None:
    done = run_module("ruff", "format", "--check", "--no-cache", "--output-format", "concise", ".")
    unformatted = sorted(
        {line.split(":", 1)[0] for line in done.stdout.splitlines() if "unformatted:" in line}
    )
    assert done.returncode == 0, (
        "run `ruff format .`; not formatted:\n" + "\n".join(unformatted) + done.stderr[-2000:]
    )


def test_ruff_check_finds_nothing() -> None:
    done = run_module("ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


@pytest.mark.timeout(330)
def test_mypy_strict_finds_nothing() -> None:
    done = run_module("mypy", timeout=300)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
