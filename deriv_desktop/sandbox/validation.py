"""A compact request validator with the same verdicts as Deriv's draft-04 `send.json` schemas.

The sandbox ships without the schema files, so each call's request shape is written out in
`request_specs.py` with the small rule types below. A contract test feeds valid and invalid
requests to both this validator (through the server) and `jsonschema` and demands agreement.

Semantics follow draft-04 as `jsonschema` implements it: booleans are not integers, `1.0` is not
an integer, `pattern` is a search (anchors come from the pattern), `enum` after the type check.
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


class Rule:
    """One field's constraint; `problem` returns None when the value is acceptable."""

    def problem(self, value: object) -> str | None:
        raise NotImplementedError


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


@dataclass(frozen=True)
class CallSpec:
    """A call's request shape plus the authorization facts its schema states."""

    name: str
    fields: Mapping[str, Rule]
    required: tuple[str, ...]
    auth_required: bool = False
    scopes: tuple[str, ...] = ()

    @property
    def accepts_loginid(self) -> bool:
        return "loginid" in self.fields


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
