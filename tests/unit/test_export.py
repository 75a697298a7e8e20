"""CSV exports: metadata only (never a token value), spreadsheet-safe cells, atomic writes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from deriv_desktop.domain.models import ApiToken, ConnectedApp, Scope
from deriv_desktop.services.export import (
    APP_HEADER,
    TOKEN_HEADER,
    apps_csv,
    safe_cell,
    tokens_csv,
    write_csv,
)

SECRET_A = "Q7wLr2xPz9KmN4v"
SECRET_B = "Zt5Yh8Jc3Bn6Ma1"

TOKENS = [
    ApiToken("Admin tools", SECRET_A, frozenset({Scope.ADMIN, Scope.READ}), "2026-11-21 08:00:00"),
    ApiToken("=HYPERLINK(1)", SECRET_B, frozenset({Scope.TRADE}), None, "203.0.113.7"),
]
APPS = [
    ConnectedApp(41234, "Copy Trader Pro", frozenset({Scope.READ, Scope.TRADE}), None, False, 1.5),
    ConnectedApp(16929, "@Deriv", frozenset(Scope), "2026-11-22 08:00:00", True, 0.0),
]


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (12, "12"),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_tokens_csv_has_metadata_and_never_the_values() -> None:
    text = tokens_csv("CR5100001", TOKENS, in_use=SECRET_A)
    assert SECRET_A not in text and SECRET_B not in text
    table = rows(text)
    assert tuple(table[0]) == TOKEN_HEADER
    assert table[1] == [
        "CR5100001",
        "Admin tools",
        "read admin",
        "2026-11-21 08:00:00",
        "",
        "yes",
    ]
    assert table[2] == ["CR5100001", "'=HYPERLINK(1)", "trade", "", "203.0.113.7", "no"]


def test_apps_csv() -> None:
    table = rows(apps_csv("CR5100001", APPS))
    assert tuple(table[0]) == APP_HEADER
    assert table[1] == ["CR5100001", "41234", "Copy Trader Pro", "read trade", "", "1.5", "no"]
    assert table[2][2] == "'@Deriv"
    assert table[2][3] == "read trade payments trading_information admin"
    assert table[2][5:] == ["0", "yes"]


async def test_write_csv_is_atomic_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "tokens.csv"
    target.write_text("old contents", encoding="utf-8")
    text = tokens_csv("CR1", TOKENS)
    written = await write_csv(target, text)
    assert written == target
    assert target.read_bytes() == b"\xef\xbb\xbf" + text.encode("utf-8")  # BOM for Excel
    assert names_in(tmp_path) == ["tokens.csv"]  # no temporary left behind


async def test_write_csv_failure_leaves_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "is-a-dir.csv"
    folder.mkdir()
    with pytest.raises(OSError):
        await write_csv(folder, "x")
    assert names_in(tmp_path) == ["is-a-dir.csv"]
    assert names_in(folder) == []
