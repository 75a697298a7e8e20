"""Deriv's parameter sanity check, run on every parsed request before the call is identified.

Keys (top level, and one level down in objects) must be 1-50 of ``A-Za-z0-9_-``; plain values
(top level, values one level down, array items) must be at most 300 characters of letters,
"common script" characters, whitespace and printable ASCII. Anything else is refused with
``SanityCheckFailed`` (Mojo::WebSocketProxy's ``Parser.pm``). Deeper levels are not looked at.

Python's ``re`` has no Unicode script classes, so "common script" is approximated by character
category: control (other than whitespace), private-use, surrogate and unassigned code points fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_KEY = re.compile(r"[A-Za-z0-9_-]{1,50}")
MAX_VALUE_LENGTH = 300
_REFUSED_CATEGORIES = frozenset({"Cc", "Co", "Cs", "Cn"})


def _value_ok(value: object) -> bool:
    if isinstance(value, dict | list | bool) or value is None:
        return True  # containers one level down and JSON literals are not inspected
    text = value if isinstance(value, str) else str(value)
    if not text or text == "0":
        return True  # Perl: false values are skipped
    if len(text) > MAX_VALUE_LENGTH:
        return False
    return all(ch.isspace() or unicodedata.category(ch) not in _REFUSED_CATEGORIES for ch in text)


def _pairs(request: dict[str, object]) -> Iterator[tuple[str, object]]:
    for key, value in request.items():
        if isinstance(value, dict):
            yield key, None
            yield from value.items()
        elif isinstance(value, list):
            yield key, None
            for item in value:
                yield key, item
        else:
            yield key, value


def sane(request: dict[str, object]) -> bool:
    """True when the request passes Deriv's sanity check."""
    return all(_KEY.fullmatch(key) and _value_ok(value) for key, value in _pairs(request))
