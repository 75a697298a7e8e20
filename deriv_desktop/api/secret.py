"""A holder for session tokens whose printed forms never show them."""

from __future__ import annotations

from collections.abc import Sequence


class SecretTokens:
    """Tokens kept for re-authorization; ``repr``/``str`` show only how many there are."""

    __slots__ = ("_values",)

    def __init__(self, values: Sequence[str]) -> None:
        self._values = tuple(values)

    @property
    def values(self) -> tuple[str, ...]:
        return self._values

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"SecretTokens(<{len(self._values)} hidden>)"

    __str__ = __repr__
