"""Checking decoded JSON against a dataclass's declared types, one field at a time.

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
from typing import Any, TypeVar

T = TypeVar("T")

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
    and ``SessionMeta`` use: str, bool, int, float, None, unions, list[...] and dict[str, ...])."""
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:  # a port number, say: not a bool, not a fraction
        return isinstance(value, int) and not isinstance(value, bool)
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


def read_fields(
    cls: type[T], data: dict[str, Any], skip: tuple[str, ...] = ()
) -> tuple[T, list[str]]:
    """An instance of the dataclass ``cls`` (defaults for everything) with each field of
    ``data`` that has the declared type; and the names of those that had another type."""
    instance = cls()
    hints = typing.get_type_hints(cls)
    wrong: list[str] = []
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in skip or f.name not in data:
            continue
        if conforms(data[f.name], hints[f.name]):
            setattr(instance, f.name, data[f.name])
        else:
            wrong.append(f.name)
    return instance, wrong
