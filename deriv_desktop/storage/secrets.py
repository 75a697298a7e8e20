"""Session tokens in the OS keyring, and nowhere else.

One keyring entry per server and app id holds every account's token as JSON. Keyring calls can
block on an unlock prompt, so they always run in an executor. A missing, locked or plaintext
backend is reported as a specific ``SecretStoreError`` so the UI can offer a session that is not
remembered; a token is never written anywhere else as a fallback.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.storage.blocking import run_blocking

log = logging.getLogger(__name__)

SERVICE = "deriv-desktop"
_FORMAT = 1


class SecretProblem(enum.Enum):
    NO_BACKEND = "no_backend"
    LOCKED = "locked"
    INSECURE_BACKEND = "insecure_backend"
    FAILED = "failed"


_KINDS = {
    SecretProblem.NO_BACKEND: ProblemKind.KEYRING_NO_BACKEND,
    SecretProblem.LOCKED: ProblemKind.KEYRING_LOCKED,
    SecretProblem.INSECURE_BACKEND: ProblemKind.KEYRING_INSECURE,
    SecretProblem.FAILED: ProblemKind.KEYRING_FAILED,
}


class SecretStoreError(DerivError):
    """The keyring cannot be used; ``reason`` says how, ``problem`` is what the GUI words."""

    def __init__(self, reason: SecretProblem, detail: str = "") -> None:
        super().__init__(
            f"keyring unusable ({reason.value}{', ' + detail if detail else ''})",
            problem=Problem(_KINDS[reason]),
        )
        self.reason = reason
        # Only the exception *type* of the backend's failure is kept: its text may quote data.
        self.detail = detail


class TokenStore(Protocol):
    """Where a session's tokens (login id → token) are kept between runs."""

    remembers: bool

    async def load(self, key: str) -> dict[str, str] | None: ...

    async def save(self, key: str, tokens: Mapping[str, str]) -> None: ...

    async def delete(self, key: str) -> None: ...


def session_key(server: str, app_id: str) -> str:
    return f"{server}|app {app_id}"


class MemoryTokenStore:
    """Keeps tokens for this run only: for "don't remember me" and when no keyring is usable."""

    remembers = False

    def __init__(self) -> None:
        self._data: dict[str, dict[str, str]] = {}

    def __repr__(self) -> str:
        return f"MemoryTokenStore(<{len(self._data)} sessions>)"

    async def load(self, key: str) -> dict[str, str] | None:
        data = self._data.get(key)
        return dict(data) if data is not None else None

    async def save(self, key: str, tokens: Mapping[str, str]) -> None:
        self._data[key] = dict(tokens)

    async def delete(self, key: str) -> None:
        self._data.pop(key, None)


_INSECURE_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")


class KeyringTokenStore:
    """Tokens in the OS keyring (Secret Service, Keychain, Windows Credential Locker)."""

    remembers = True

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def __repr__(self) -> str:
        return f"KeyringTokenStore({self.service!r})"

    @staticmethod
    def _backend() -> Any:
        import keyring

        backend = keyring.get_keyring()
        chain = getattr(backend, "backends", None) or [backend]
        module_names = [type(b).__module__ for b in chain]
        if all(m.startswith("keyring.backends.fail") for m in module_names):
            raise SecretStoreError(SecretProblem.NO_BACKEND)
        if all(m.startswith(_INSECURE_MODULES) for m in module_names):
            if any(m.startswith("keyrings.alt") for m in module_names):
                raise SecretStoreError(SecretProblem.INSECURE_BACKEND)
            raise SecretStoreError(SecretProblem.NO_BACKEND)
        return backend

    async def check(self) -> None:
        """Raise ``SecretStoreError`` now if the keyring is unusable (before a sign-in)."""
        await self._run(lambda: self._backend())

    async def load(self, key: str) -> dict[str, str] | None:
        def read() -> str | None:
            value: str | None = self._backend().get_password(self.service, key)
            return value

        raw = await self._run(read)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            tokens = data["tokens"]
            if data.get("v") != _FORMAT or not isinstance(tokens, dict):
                raise ValueError
            return {str(k): str(v) for k, v in tokens.items()}
        except (ValueError, KeyError, TypeError):
            log.warning("ignored an unreadable keyring entry for this server")
            return None

    async def save(self, key: str, tokens: Mapping[str, str]) -> None:
        payload = json.dumps({"v": _FORMAT, "tokens": dict(tokens)}, separators=(",", ":"))
        await self._run(lambda: self._backend().set_password(self.service, key, payload))

    async def delete(self, key: str) -> None:
        def remove() -> None:
            import keyring.errors

            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
                self._backend().delete_password(self.service, key)

        await self._run(remove)

    async def _run(self, fn: Any) -> Any:
        try:
            return await run_blocking(fn)
        except SecretStoreError:
            raise
        except Exception as e:
            raise _classify(e) from None


def _classify(e: Exception) -> SecretStoreError:
    import keyring.errors

    kind = type(e).__name__
    if isinstance(e, keyring.errors.NoKeyringError):
        return SecretStoreError(SecretProblem.NO_BACKEND, kind)
    if isinstance(e, keyring.errors.KeyringLocked | keyring.errors.InitError):
        return SecretStoreError(SecretProblem.LOCKED, kind)
    if "locked" in str(e).lower() or "dismissed" in str(e).lower():
        return SecretStoreError(SecretProblem.LOCKED, kind)
    return SecretStoreError(SecretProblem.FAILED, kind)
