"""Reading a settings file that may have been damaged, one field at a time.

A hand-edited, half-written or foreign file must never cost a start: every field is checked
against the type ``Settings`` declares, a field of the wrong type goes back to its default
alone and is named in the repair, the rest is kept. A file that is not a JSON object at all
gives the defaults. What was reset is reported so the user can be told (the damaged file itself
is kept aside by ``SettingsFile``).
"""

from __future__ import annotations

import math
import types
import typing
from dataclasses import dataclass, fields
from typing import Any

from deriv_desktop.storage.settings import SessionMeta, Settings

#: The settings whose names are reported when the whole file could not be read.
WHOLE_FILE = "*"


@dataclass(frozen=True)
class SettingsRepair:
    """What loading the file had to reset: field names (``WHOLE_FILE`` for all of them), and
    where the damaged file was moved (None when it could not be moved)."""

    reset: tuple[str, ...]
    kept_as: str | None = None

    @property
    def whole_file(self) -> bool:
        return WHOLE_FILE in self.reset

    @property
    def lost_sessions(self) -> bool:
        return self.whole_file or "sessions" in self.reset


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` (decoded JSON) has the type ``hint`` names (the hints ``Settings``
    and ``SessionMeta`` use: str, bool, float, None, unions, list[...] and dict[str, ...])."""
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is float:  # JSON has one number type; a bool is not a number here, nor NaN
        return (
            isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        )
    if hint is str:
        return isinstance(value, str)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return any(conforms(value, arg) for arg in args)
    if origin is list:
        return isinstance(value, list) and all(conforms(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            isinstance(k, str) and conforms(v, args[1]) for k, v in value.items()
        )
    return False


_SETTINGS_HINTS = typing.get_type_hints(Settings)
_META_HINTS = typing.get_type_hints(SessionMeta)


def _session(value: Any) -> SessionMeta | None:
    """One saved session's metadata, or None when any of its fields is of the wrong type
    (a session is kept whole or not at all: its keyring entry is then removed)."""
    if not isinstance(value, dict):
        return None
    meta = SessionMeta()
    for f in fields(SessionMeta):
        if f.name in value:
            if not conforms(value[f.name], _META_HINTS[f.name]):
                return None
            setattr(meta, f.name, value[f.name])
    if meta.via not in ("oauth", "api_token", "pat", "oauth2"):
        return None
    return meta


def read_settings(data: Any) -> tuple[Settings, tuple[str, ...]]:
    """``Settings`` from decoded JSON, and the names of the fields that were reset."""
    settings = Settings()
    if not isinstance(data, dict):
        return settings, (WHOLE_FILE,)
    reset: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "sessions":
            if not isinstance(value, dict):
                reset.append(f.name)
                continue
            kept = {str(k): m for k, v in value.items() if (m := _session(v)) is not None}
            if len(kept) != len(value):
                reset.append(f.name)
            settings.sessions = kept
        elif conforms(value, _SETTINGS_HINTS[f.name]):
            setattr(settings, f.name, value)
        else:
            reset.append(f.name)
    return settings, tuple(reset)
