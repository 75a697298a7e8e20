"""A compact request validator with the same verdicts as Deriv's `send.json` schemas.

The sandbox ships without the schema files, so each call's request shape is written out in
`request_specs.py` with the small rule types below. A contract test feeds valid and invalid
requests to both this validator (through the server) and `jsonschema` and demands agreement.

Like Deriv's server (JSON::Validator with `coerce('booleans,numbers,strings')`), requests are
coerced before they are checked: a numeric string becomes a number where the schema wants one
(`{"ping": "1"}`), a number becomes a string where it wants a string (`{"authorize": 12345}`),
and an integral number counts as an integer (`1.0`). Booleans stay booleans (no served call has a
boolean field). The checks then follow draft-04: `pattern` is a search, `enum` after the type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


_NUMERIC = re.compile(r"^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$")


def as_number(value: object) -> object:
    """Perl's `0 + $value` for what `looks_like_number`; other values unchanged."""
    if isinstance(value, str) and _NUMERIC.match(value):
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**63 else number
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def as_text(value: object) -> object:
    """A number where a string is wanted becomes its text (Perl's stringification)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return value


class Rule:
    """One field's constraint; `problem` returns None when the value is acceptable."""

    def problem(self, value: object) -> str | None:
        raise NotImplementedError

    def coerce(self, value: object) -> object:
        """The value as Deriv's coercing validator would hand it on (unchanged by default)."""
        return value


def _expected(kind: str, value: object) -> str:
    return f"Expected {kind} - got {json_type(value)}."


@dataclass(frozen=True)
class Integer(Rule):
    enum: tuple[int, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None

    def problem(self, value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return _expected("integer", value)
        if self.enum is not None and value not in self.enum:
            return "Not in enum list: " + ", ".join(str(e) for e in self.enum) + "."
        if self.minimum is not None and value < self.minimum:
            return f"{value} < minimum({self.minimum})"
        if self.maximum is not None and value > self.maximum:
            return f"{value} > maximum({self.maximum})"
        return None

    def coerce(self, value: object) -> object:
        return as_number(value)


@dataclass(frozen=True)
class Number(Rule):
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _expected("number", value)
        if self.minimum is not None and value < self.minimum:
            return f"{value} < minimum({self.minimum})"
        if self.maximum is not None and value > self.maximum:
            return f"{value} > maximum({self.maximum})"
        return None

    def coerce(self, value: object) -> object:
        return as_number(value)


@dataclass(frozen=True)
class String(Rule):
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    _compiled: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.pattern is not None:
            object.__setattr__(self, "_compiled", re.compile(self.pattern))

    def problem(self, value: object) -> str | None:
        if not isinstance(value, str):
            return _expected("string", value)
        if self.enum is not None and value not in self.enum:
            return "Not in enum list: " + ", ".join(self.enum) + "."
        if self._compiled is not None and self._compiled.search(value) is None:
            return f"String does not match {self.pattern}."
        return None

    def coerce(self, value: object) -> object:
        return as_text(value)


@dataclass(frozen=True)
class AnyObject(Rule):
    def problem(self, value: object) -> str | None:
        return None if isinstance(value, dict) else _expected("object", value)


@dataclass(frozen=True)
class Array(Rule):
    items: Rule
    max_items: int | None = None
    unique: bool = False

    def problem(self, value: object) -> str | None:
        if not isinstance(value, list):
            return _expected("array", value)
        if self.max_items is not None and len(value) > self.max_items:
            return f"Too many items: {len(value)}/{self.max_items}."
        for index, item in enumerate(value):
            issue = self.items.problem(item)
            if issue is not None:
                return f"Item {index}: {issue}"
        if self.unique and len(set(value)) != len(value):
            return "Unique items required."
        return None

    def coerce(self, value: object) -> object:
        return [self.items.coerce(item) for item in value] if isinstance(value, list) else value


@dataclass(frozen=True)
class OneOf(Rule):
    options: tuple[Rule, ...]

    def problem(self, value: object) -> str | None:
        issues = [opt.problem(value) for opt in self.options]
        passing = sum(1 for issue in issues if issue is None)
        if passing == 1:
            return None
        if passing > 1:
            return "More than one alternative matches."
        return " / ".join(issue for issue in issues if issue is not None)

    def coerce(self, value: object) -> object:
        for option in self.options:
            coerced = option.coerce(value)
            if option.problem(coerced) is None:
                return coerced
        return value


@dataclass(frozen=True)
class CallSpec:
    """A call's request shape plus the authorization facts its schema states."""

    name: str
    fields: Mapping[str, Rule]
    required: tuple[str, ...]
    auth_required: bool = False
    scopes: tuple[str, ...] = ()
    reply_type: str = ""  # msg_type of replies when it differs from the name (ticks -> tick)

    @property
    def msg_type(self) -> str:
        return self.reply_type or self.name

    @property
    def accepts_loginid(self) -> bool:
        return "loginid" in self.fields


def coerce(spec: CallSpec, request: Mapping[str, object]) -> dict[str, object]:
    """A copy of the request with each known field coerced (the original stays for echo_req)."""
    return {
        key: (spec.fields[key].coerce(value) if key in spec.fields else value)
        for key, value in request.items()
    }


def validate(spec: CallSpec, request: Mapping[str, object]) -> dict[str, str]:
    """Problems by field name (empty when the request is valid), in Deriv's `details` style."""
    details: dict[str, str] = {}
    for key, value in request.items():
        rule = spec.fields.get(key)
        if rule is None:
            details[key] = "Properties not allowed."
            continue
        issue = rule.problem(value)
        if issue is not None:
            details[key] = issue
    for key in spec.required:
        if key not in request:
            details[key] = "Missing property."
    return details
