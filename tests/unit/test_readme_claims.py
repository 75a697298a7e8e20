"""The README's claims a newcomer acts on first: every command-line flag it names exists on the
command it is named with, every repository path in backticks exists, and its apt list is CI's.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from deriv_desktop.options import build_parser as app_parser
from deriv_desktop.sandbox.cli import build_parser as sandbox_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")

APP = "deriv-desktop"
SANDBOX = "python -m deriv_desktop.sandbox"


def _flags(parser: object) -> set[str]:
    return {opt for action in parser._actions for opt in action.option_strings}  # type: ignore[attr-defined]


TOKENS = re.compile(
    r"python -m deriv_desktop\.sandbox|deriv-sandbox|deriv-desktop(?![\w.-])|--[a-z][a-z0-9-]+"
)


def flags_by_command(text: str) -> dict[str, set[str]]:
    """Each ``--flag`` in ``text``, given to the command last named before it in its paragraph
    (``deriv-desktop`` or the standalone sandbox; ``--sandbox`` names the app's own flag)."""
    found: dict[str, set[str]] = {APP: set(), SANDBOX: set()}
    for paragraph in re.split(r"\n\s*\n", text):
        command: str | None = None
        for token in re.findall(TOKENS, paragraph):
            if token in (SANDBOX, "deriv-sandbox"):
                command = SANDBOX
            elif token == APP:
                command = APP
            elif command is not None:
                found[command].add(token)
    return found


def test_every_flag_the_readme_names_exists_on_its_command() -> None:
    found = flags_by_command(README)
    assert "--activity" in found[SANDBOX] and "--app-id" in found[APP]  # the scan reads both
    missing = {
        APP: found[APP] - _flags(app_parser()),
        SANDBOX: found[SANDBOX] - _flags(sandbox_parser()),
    }
    assert missing == {APP: set(), SANDBOX: set()}


def test_the_scan_gives_a_flag_to_the_command_named_before_it() -> None:
    text = "Run `deriv-desktop --sandbox`; the sandbox alone (`python -m deriv_desktop.sandbox`)\n"
    text += "takes `--activity`.\n\nThen `deriv-desktop --api new`."
    assert flags_by_command(text) == {APP: {"--sandbox", "--api"}, SANDBOX: {"--activity"}}


def test_every_path_in_backticks_exists() -> None:
    paths = set(
        re.findall(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|md|html|yml|toml|sh|nsi|spec))`", README)
    )
    paths = {p for p in paths if not p.startswith(("~", "/"))}
    assert "tests/gui/test_qt_refcount.py" in paths
    assert "resources/relay/deriv-desktop-relay.html" in paths
    # Paths are from the repository's root, or (in the architecture notes and the checklist
    # table) from the package or tests/.
    roots = (ROOT, ROOT / "deriv_desktop", ROOT / "tests")
    missing = sorted(p for p in paths if not any((root / p).exists() for root in roots))
    assert missing == []


def test_the_apt_list_is_cis() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = re.search(r"^APT_PACKAGES=\((.*?)^\)", script, re.M | re.S)
    assert block is not None
    ci = {w for line in block.group(1).splitlines() for w in shlex.split(line, comments=True)}
    install = re.search(r"`sudo apt-get install ([^`]*)`", README, re.S)
    assert install is not None
    assert set(install.group(1).split()) == ci
