"""Deriv's official JSON schemas, read from ../shared (never copied into this repository)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

SCHEMA_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "deriv-api-schemas"


def require_schemas() -> Path:
    """The schema root, or skip: contract tests need ../shared beside the checkout."""
    if not (SCHEMA_ROOT / "v3").is_dir():
        pytest.skip(f"Deriv's schemas are not at {SCHEMA_ROOT} (../shared is absent)")
    return SCHEMA_ROOT


@functools.cache
def v3_schema(call: str, direction: str) -> dict[str, Any]:
    path = require_schemas() / "v3" / call / f"{direction}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def v3_errors(call: str, direction: str, message: dict[str, Any]) -> list[str]:
    """Every way ``message`` breaks the call's schema, as readable lines (empty when valid)."""
    from jsonschema import Draft4Validator

    validator = Draft4Validator(v3_schema(call, direction))
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(message)
    ]
