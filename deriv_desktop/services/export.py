"""CSV exports of token metadata, connected apps and the security checkup, safe to open in a
spreadsheet, and the checkup as a self-contained HTML page.

Token values are never written: the rows are built from an explicit list of metadata fields, so
a new field on ``ApiToken`` cannot slip into a file by accident. Every cell that a spreadsheet
would read as a formula (leading ``= + - @``, or a tab / carriage return) is prefixed with a
single quote (OWASP's advice for CSV injection). The HTML report escapes every text and loads
nothing (inline style, no script). Files are written atomically off the event loop.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class CheckupRow:
    """One finding as exported, already worded in the user's language (names, never values)."""

    level: int  # 0 high ... 3 for information (the HTML colours it)
    severity: str
    title: str
    accounts: str
    subject: str
    reason: str
    expected: bool


CHECKUP_HEADER = ("severity", "finding", "accounts", "subject", "reason", "marked_expected")


def checkup_csv(rows: Sequence[CheckupRow]) -> str:
    return _render(
        CHECKUP_HEADER,
        (
            (r.severity, r.title, r.accounts, r.subject, r.reason, "yes" if r.expected else "no")
            for r in rows
        ),
    )


_LEVEL_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#607d8b")
_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;vertical-align:top;padding:.5em;border-bottom:1px solid #ddd}"
    "th{background:#f4f4f4}.sev{font-weight:600;white-space:nowrap}"
    ".expected td{color:#777}"
)


def checkup_html(
    rows: Sequence[CheckupRow],
    *,
    lang: str,
    title: str,
    summary: str,
    columns: Sequence[str],
    expected_note: str,
) -> str:
    """A page that opens anywhere without the app or the network: inline style, no script, no
    image; every text escaped. ``columns``: severity, finding, accounts, subject, reason."""
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = []
    for r in rows:
        colour = _LEVEL_COLOURS[min(max(r.level, 0), len(_LEVEL_COLOURS) - 1)]
        note = f" <em>({e(expected_note)})</em>" if r.expected else ""
        row_class = ' class="expected"' if r.expected else ""
        body.append(
            f"<tr{row_class}>"
            f'<td class="sev" style="color:{colour}">{e(r.severity)}</td>'
            f"<td>{e(r.title)}{note}</td><td>{e(r.accounts)}</td>"
            f"<td>{e(r.subject)}</td><td>{e(r.reason)}</td></tr>"
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{e(title)}</h1><p>{e(summary)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>\n"
    )


def _write_atomically(path: Path, text: str, encoding: str = "utf-8-sig") -> None:
    path = path.expanduser()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # utf-8-sig for CSV: spreadsheet programs then read non-ASCII names correctly.
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


async def write_csv(path: Path, text: str, *, encoding: str = "utf-8-sig") -> Path:
    """Write ``text`` to ``path`` in a worker thread (never on the GUI loop); returns the path.
    ``encoding="utf-8"`` for an HTML page (its ``meta charset`` says so; no byte-order mark)."""
    await asyncio.get_running_loop().run_in_executor(None, _write_atomically, path, text, encoding)
    return path
