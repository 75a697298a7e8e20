"""A damaged settings file never costs a start: wrong types are reset field by field, garbage
gives the defaults, and the file as found is kept aside (``settings.json.damaged-<time>``)."""

from __future__ import annotations

import errno
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.options import parse
from deriv_desktop.storage.settings import Settings, SettingsFile, not_saved
from deriv_desktop.storage.settings_check import WHOLE_FILE

SOUND_SESSION = {
    "accounts": [{"loginid": "CR1", "currency": "USD"}],
    "last_active": "CR1",
    "via": "api_token",
}
WRONG_VALUES: list[Any] = [1234, None, ["x"], {"a": 1}, True, 2.5, [[[[[]]]]], "text", float("nan")]


def write(path: Path, data: bytes) -> SettingsFile:
    path.write_bytes(data)
    return SettingsFile(path)


def damaged_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.json.damaged-*"))


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\xff\xfegarbage\x80",
        b'{"server": "wss://ws.derivws.com", "app_id": "1089", "sess',
        b"[" * 100_000 + b"]" * 100_000,
        b"[1, 2, 3]",
        b"null",
    ],
    ids=["garbage bytes", "truncated JSON", "nested past any use", "a list", "null"],
)
def test_an_unreadable_file_starts_with_defaults_and_is_kept_aside(
    tmp_path: Path, data: bytes
) -> None:
    file = write(tmp_path / "settings.json", data)
    settings = file.load_sync()
    assert settings == Settings()
    assert file.repair is not None and file.repair.whole_file and file.repair.lost_sessions
    (kept,) = damaged_copies(tmp_path)
    assert file.repair.kept_as == str(kept)
    assert kept.read_bytes() == data, "the damaged file is kept unchanged"
    assert not file.path.exists(), "nothing is left for a save to overwrite silently"


def right_type(default: Any, value: Any) -> bool:
    """Whether ``value`` has the type of the field whose default is ``default`` (written out
    here, apart from the code under test)."""
    if default is None:  # close_to_tray: not asked yet, or a yes/no
        return value is None or isinstance(value, bool)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int | float):
        return type(value) in (int, float) and value == value
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    assert isinstance(default, dict)
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


WRONG_CASES = [
    pytest.param(f.name, wrong, id=f"{f.name}={wrong!r}")
    for f in fields(Settings)
    if f.name != "sessions"
    for wrong in WRONG_VALUES
    if not right_type(getattr(Settings(), f.name), wrong)
]


@pytest.mark.parametrize(("name", "wrong"), WRONG_CASES)
def test_a_field_of_the_wrong_type_is_reset_alone(tmp_path: Path, name: str, wrong: Any) -> None:
    default = getattr(Settings(), name)
    good = {"language": "fr", "hide_zero": True, "sessions": {"k": SOUND_SESSION}}
    data = {**good, name: wrong}
    file = write(tmp_path / "settings.json", json.dumps(data).encode())
    settings = file.load_sync()
    # The start goes on: the profile is built from whatever was kept or reset.
    effective_profile(settings, parse([]))
    assert file.repair is not None and file.repair.reset == (name,)
    assert getattr(settings, name) == default
    for other, value in good.items():
        if other not in (name, "sessions"):
            assert getattr(settings, other) == value, f"{other} was kept"
    assert list(settings.sessions) == ["k"], "the saved session was kept"
    assert len(damaged_copies(tmp_path)) == 1


def test_a_damaged_session_is_dropped_and_the_others_kept(tmp_path: Path) -> None:
    sessions = {"good": SOUND_SESSION, "bad": {**SOUND_SESSION, "accounts": "CR1"}, "x": 3}
    file = write(tmp_path / "settings.json", json.dumps({"sessions": sessions}).encode())
    settings = file.load_sync()
    assert list(settings.sessions) == ["good"]
    assert settings.sessions["good"].via == "api_token"
    assert file.repair is not None and file.repair.reset == ("sessions",)
    assert file.repair.lost_sessions


def test_a_sound_file_is_left_alone(tmp_path: Path) -> None:
    file = SettingsFile(tmp_path / "settings.json")
    settings = Settings(app_id="1089", language="fr", close_to_tray=None, link_down_minutes=3)
    file.save_sync(settings)
    assert file.load_sync() == settings
    assert file.repair is None
    assert damaged_copies(tmp_path) == []


def test_an_unknown_field_is_ignored_not_reported(tmp_path: Path) -> None:
    file = write(tmp_path / "settings.json", json.dumps({"future_option": [1]}).encode())
    assert file.load_sync() == Settings()
    assert file.repair is None


def test_whole_file_marker_is_not_a_field_name() -> None:
    assert WHOLE_FILE not in {f.name for f in fields(Settings)}


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (errno.EROFS, ProblemKind.SETTINGS_READ_ONLY),
        (errno.EACCES, ProblemKind.SETTINGS_READ_ONLY),
        (errno.ENOSPC, ProblemKind.SETTINGS_DISK_FULL),
        (errno.EIO, ProblemKind.SETTINGS_NOT_SAVED),
    ],
)
def test_a_failed_write_is_worded_by_its_cause(code: int, kind: ProblemKind) -> None:
    assert not_saved(OSError(code, "x")).problem.kind is kind


def test_a_proxy_port_must_be_a_whole_number(tmp_path: Path) -> None:
    file = write(
        tmp_path / "settings.json",
        json.dumps({"proxy_port": True, "proxy_host": "proxy.lan"}).encode(),
    )
    loaded = file.load_sync()
    assert (loaded.proxy_port, loaded.proxy_host) == (0, "proxy.lan")
    assert file.repair is not None and file.repair.reset == ("proxy_port",)
