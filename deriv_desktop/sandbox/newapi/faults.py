"""Fault switches of the new-API surface (the legacy ``Faults.drop_connections`` also cuts the
Options sockets).

* ``fail_next(status, count)``: the next ``count`` authenticated REST requests get that HTTP
  status with a REST error body (503/500/504 → InternalServerError, 429 → RateLimit,
  401 → Unauthorized).
* ``spoil_next_otps(count, how)``: the next ``count`` one-time passwords are issued already
  ``"expired"`` (older than the lifetime) or already ``"used"``, so the upgrade is refused
  exactly as for a late or replayed address.
"""

from __future__ import annotations

from collections import deque

_CODES = {401: "Unauthorized", 403: "AccessDenied", 429: "RateLimit"}


class NewApiFaults:
    def __init__(self) -> None:
        self._failures: deque[int] = deque()
        self._spoiled: deque[str] = deque()

    def fail_next(self, status: int, count: int = 1) -> None:
        if not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status")
        self._failures.extend([status] * count)

    def take_failure(self) -> tuple[int, str] | None:
        if not self._failures:
            return None
        status = self._failures.popleft()
        fallback = "InternalServerError" if status >= 500 else "BadInputRequest"
        return status, _CODES.get(status, fallback)

    def spoil_next_otps(self, count: int = 1, how: str = "expired") -> None:
        if how not in ("expired", "used"):
            raise ValueError("how must be 'expired' or 'used'")
        self._spoiled.extend([how] * count)

    def take_spoiled(self) -> str | None:
        return self._spoiled.popleft() if self._spoiled else None

    def clear(self) -> None:
        self._failures.clear()
        self._spoiled.clear()
