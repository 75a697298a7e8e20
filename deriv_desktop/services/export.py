"""CSV exports of token metadata and connected apps, safe to open in a spreadsheet.

Token values are never written: the rows are built from an explicit list of metadata fields, so
a new field on ``ApiToken`` cannot slip into a file by accident. Every cell that a spreadsheet
would read as a formula (leading ``= + - @``, or a tab / carriage return) is prefixed with a
single quote (OWASP's advice for CSV injection). Files are written atomically off the event loop.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from deriv_desktop.domain.models import ApiToken, ConnectedApp, Scope

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

TOKEN_HEADER = ("account", "name", "scopes", "last_used", "ip_lock", "used_by_this_app")
APP_HEADER = ("account", "app_id", "name", "scopes", "last_used", "markup_percentage", "official")


def safe_cell(value: object) -> str:
    """``value`` as text a spreadsheet shows as-is instead of evaluating it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _scopes(scopes: Iterable[Scope]) -> str:
    chosen = set(scopes)
    return " ".join(s.value for s in Scope if s in chosen)  # Deriv's order, stable across runs


def _render(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def tokens_csv(loginid: str, tokens: Sequence[ApiToken], in_use: str | None = None) -> str:
    """Token metadata only; ``in_use`` (the value this app signed in with) only sets a flag."""
    return _render(
        TOKEN_HEADER,
        (
            (
                loginid,
                t.display_name,
                _scopes(t.scopes),
                t.last_used or "",
                t.valid_for_ip,
                "yes" if in_use is not None and t.token == in_use else "no",
            )
            for t in tokens
        ),
    )


def apps_csv(loginid: str, apps: Sequence[ConnectedApp]) -> str:
    return _render(
        APP_HEADER,
        (
            (
                loginid,
                a.app_id,
                a.name,
                _scopes(a.scopes),
                a.last_used or "",
                f"{a.markup_percentage:g}",
                "yes" if a.official else "no",
            )
            for a in apps
        ),
    )


def _write_atomically(path: Path, text: str) -> None:
    path = path.expanduser()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # utf-8-sig: spreadsheet programs then read non-ASCII names correctly.
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


async def write_csv(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` in a worker thread (never on the GUI loop); returns the path."""
    await asyncio.get_running_loop().run_in_executor(None, _write_atomically, path, text)
    return path
