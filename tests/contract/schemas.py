"""Deriv's official JSON schemas, read from ../shared (never copied into this repository)."""

from __future__ import annotations

import functools
import json
import re
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


# --------------------------------------------------------------------------- the new Deriv API
def require_new_schemas() -> Path:
    """``../shared/deriv-api-schemas/new`` or skip: the new API's bundle and REST OpenAPI."""
    root = SCHEMA_ROOT / "new"
    if not (root / "rest-api-openapi.json").is_file():
        pytest.skip(f"the new Deriv API schemas are not at {root} (../shared is absent)")
    return root


@functools.cache
def new_schema(name: str) -> dict[str, Any]:
    """``new/<name>.schema.json``, e.g. ``balance_request`` or ``get_accounts_response``."""
    path = require_new_schemas() / f"{name}.schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@functools.cache
def openapi() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (require_new_schemas() / "rest-api-openapi.json").read_text(encoding="utf-8")
    )
    return data


def _lines(errors: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def new_errors(name: str, instance: Any) -> list[str]:
    """Problems of ``instance`` against a bundle schema (draft-04 for sockets, draft-07 for
    REST), as readable lines; empty when valid."""
    from jsonschema import Draft4Validator, Draft7Validator

    schema = new_schema(name)
    cls = Draft4Validator if "draft-04" in str(schema.get("$schema", "")) else Draft7Validator
    return _lines(cls(schema).iter_errors(instance))


_OPENAPI_URI = "urn:deriv:rest-api-openapi"


def openapi_errors(pointer: str, instance: Any) -> list[str]:
    """Problems of ``instance`` against the OpenAPI schema at JSON pointer ``pointer``; its
    ``$ref``s resolve inside the OpenAPI document (jsonschema's ``referencing``)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource = Resource.from_contents(openapi(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_OPENAPI_URI, resource)
    validator = Draft202012Validator({"$ref": f"{_OPENAPI_URI}#{pointer}"}, registry=registry)
    return _lines(validator.iter_errors(instance))


def json_pointer(*parts: str) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def openapi_response_errors(
    path: str, method: str, status: int, instance: Any, content_type: str = "application/json"
) -> list[str]:
    """Check a REST answer against the operation's declared response for ``status``; an error
    status the operation does not declare is checked against the shared ``Error`` schema."""
    responses = openapi()["paths"][path][method.lower()]["responses"]
    declared = responses.get(str(status))
    if declared is None:
        if status < 400:
            return [f"{method} {path} declares no {status} response"]
        return openapi_errors("/components/schemas/Error", instance)
    if "content" not in declared:
        return []  # e.g. reset-demo-balance's 200 declares no body schema
    if content_type not in declared["content"]:
        return [f"{method} {path} {status} declares no {content_type} body"]
    pointer = json_pointer(
        "paths", path, method.lower(), "responses", str(status), "content", content_type, "schema"
    )
    return openapi_errors(pointer, instance)


# --------------------------------------------------------------------- Deriv's request coercion
_LOOKS_NUMERIC = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def _perl_number(value: Any) -> Any:
    if isinstance(value, str) and _LOOKS_NUMERIC.fullmatch(value):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _coerced_value(schema: dict[str, Any], value: Any, root: dict[str, Any]) -> Any:
    if "$ref" in schema:
        *_, name = schema["$ref"].split("/")
        schema = root["definitions"][name]
    if "oneOf" in schema:
        for option in schema["oneOf"]:
            candidate = _coerced_value(option, value, root)
            if Draft4.is_valid({**option, "definitions": root.get("definitions", {})}, candidate):
                return candidate
        return value
    kind = schema.get("type")
    if isinstance(value, bool):
        return value
    if kind in ("integer", "number"):
        return _perl_number(value)
    if kind == "string" and isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else repr(value)
    if kind == "array" and isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_coerced_value(schema["items"], item, root) for item in value]
    return value


def deriv_coerced(schema: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    """What Deriv's JSON::Validator (`coerce('booleans,numbers,strings')`) makes of a request
    before checking it: numeric strings become numbers where the schema wants a number, numbers
    become strings where it wants a string; written from the schema, independently of the
    sandbox's own validator."""
    properties = schema.get("properties", {})
    return {
        key: _coerced_value(properties[key], value, schema) if key in properties else value
        for key, value in request.items()
    }


class Draft4:
    @staticmethod
    def is_valid(schema: dict[str, Any], instance: Any) -> bool:
        from jsonschema import Draft4Validator

        return bool(Draft4Validator(schema).is_valid(instance))
