"""Deriv's token-name rules as ``check_token_name`` applies them (one rule source for the GUI)."""

from __future__ import annotations

import pytest

from deriv_desktop.domain.models import ApiToken, Scope
from deriv_desktop.services.tokens import (
    MAX_TOKENS_PER_ACCOUNT,
    NameRule,
    check_token_name,
)


def token(name: str, value: str = "v") -> ApiToken:
    return ApiToken(name, value, frozenset({Scope.READ}), None)


EXISTING = [token("Admin tools"), token("Trading bot")]


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("", NameRule.EMPTY),
        ("   ", NameRule.EMPTY),
        ("bad-name", NameRule.CHARACTERS),
        ("émile", NameRule.CHARACTERS),
        ("tab\there", NameRule.CHARACTERS),
        ("semi;colon", NameRule.CHARACTERS),
        ("__ _", NameRule.NEEDS_LETTER_OR_DIGIT),
        ("a", NameRule.TOO_SHORT),
        (" a ", NameRule.TOO_SHORT),  # trimmed before counting, as Deriv does
        ("x" * 33, NameRule.TOO_LONG),
        ("my deriv bot", NameRule.RESERVED),
        ("D3RIV", NameRule.RESERVED),
        ("de riv", NameRule.RESERVED),  # spaces and underscores do not hide the word
        ("b1nary_tool", NameRule.RESERVED),
        ("blnary", NameRule.RESERVED),
        ("BINARY", NameRule.RESERVED),
        ("admin TOOLS", NameRule.DUPLICATE),  # case-insensitive
        ("  Trading bot ", NameRule.DUPLICATE),
    ],
)
def test_each_rule(name: str, rule: NameRule) -> None:
    problem = check_token_name(name, EXISTING)
    assert problem is not None
    assert problem.rule is rule
    assert problem.message  # an English fallback exists for every rule


@pytest.mark.parametrize(
    "name", ["ab", "x" * 32, "CI runner", "bot_2", "Trading bot 2", "  spaced  ", "42"]
)
def test_valid_names(name: str) -> None:
    assert check_token_name(name, EXISTING) is None


def test_limit_is_reported_before_anything_about_the_name() -> None:
    full = [token(f"t{i}", f"v{i}") for i in range(MAX_TOKENS_PER_ACCOUNT)]
    for name in ("", "bad-name", "fine name"):
        problem = check_token_name(name, full)
        assert problem is not None and problem.rule is NameRule.LIMIT
    assert check_token_name("fine name", full[:-1]) is None


def test_characters_are_checked_before_length() -> None:
    problem = check_token_name("-", [])
    assert problem is not None and problem.rule is NameRule.CHARACTERS
