"""Session tokens in the OS keyring, and nowhere else.

One keyring entry per server and app id holds every account's token as JSON. Keyring calls can
block on an unlock prompt, so they always run in an executor. A missing, locked or plaintext
backend is reported as a specific ``SecretStoreError`` so the UI can offer a session that is not
remembered; a token is never written anywhere else as a fallback.

A keyring call may also never end (an unlock prompt nobody answers). Each call therefore runs in
a daemon thread of its own, not in the loop's executor: an abandoned call can never keep the
process alive at quit. After ``slow_after`` seconds ``waiting`` says so, and ``give_up`` ends
every pending call at once with ``NOT_ANSWERED`` (a save that completes after it was given up is
removed again, so no keyring entry is left that no settings point at).
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.events import Event
from deriv_desktop.domain.problems import Problem, ProblemKind

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)

SERVICE = "deriv-desktop"
_FORMAT = 1


class SecretProblem(enum.Enum):
    NO_BACKEND = "no_backend"
    LOCKED = "locked"
    INSECURE_BACKEND = "insecure_backend"
    FAILED = "failed"
    NOT_ANSWERED = "not_answered"  # the user stopped waiting for it


_KINDS = {
    SecretProblem.NO_BACKEND: ProblemKind.KEYRING_NO_BACKEND,
    SecretProblem.LOCKED: ProblemKind.KEYRING_LOCKED,
    SecretProblem.INSECURE_BACKEND: ProblemKind.KEYRING_INSECURE,
    SecretProblem.FAILED: ProblemKind.KEYRING_FAILED,
    SecretProblem.NOT_ANSWERED: ProblemKind.KEYRING_NOT_ANSWERED,
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


#: How long a keyring call may take before the window offers a way out.
SLOW_AFTER_SECONDS = 3.0


class KeyringTokenStore:
    """Tokens in the OS keyring (Secret Service, Keychain, Windows Credential Locker)."""

    remembers = True

    def __init__(self, service: str = SERVICE, *, slow_after: float = SLOW_AFTER_SECONDS) -> None:
        self.service = service
        self.slow_after = slow_after
        #: True once a call has been pending ``slow_after`` seconds; False when none is.
        self.waiting: Event[bool] = Event("keyring waiting")
        self._pending: set[asyncio.Future[Any]] = set()
        self._slow_timer: asyncio.TimerHandle | None = None
        self._told_waiting = False
        self._given_up = False

    def __repr__(self) -> str:
        return f"KeyringTokenStore({self.service!r})"

    @property
    def is_waiting(self) -> bool:
        return self._told_waiting

    def give_up(self, *, for_this_run: bool = False) -> None:
        """Stop waiting: every pending call fails now with ``NOT_ANSWERED``; with
        ``for_this_run`` every later call too (the keyring is left alone until the next start)."""
        self._given_up = self._given_up or for_this_run
        for future in list(self._pending):
            if not future.done():
                future.set_exception(SecretStoreError(SecretProblem.NOT_ANSWERED))
        self._settled()

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
        await self._run(
            lambda: self._backend().set_password(self.service, key, payload),
            undo=lambda: self._remove(key),
        )

    async def delete(self, key: str) -> None:
        await self._run(lambda: self._remove(key))

    def _remove(self, key: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
            self._backend().delete_password(self.service, key)

    async def _run(self, fn: Callable[[], Any], undo: Callable[[], None] | None = None) -> Any:
        """``fn()`` in a daemon thread; ``undo()`` there too when ``fn`` succeeds after its
        caller stopped waiting (given up, cancelled, quitting)."""
        import asyncio

        if self._given_up:
            raise SecretStoreError(SecretProblem.NOT_ANSWERED)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._pending.add(future)
        future.add_done_callback(lambda _f: self._settled())
        if self._slow_timer is None:
            self._slow_timer = loop.call_later(self.slow_after, self._slow)

        def settle(ok: bool, value: Any) -> None:
            if future.done():  # nobody waits any more: take back what was written
                if ok and undo is not None:
                    _in_daemon_thread(undo)
            elif ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        def work() -> None:
            try:
                outcome: tuple[bool, Any] = (True, fn())
            except Exception as e:
                outcome = (False, e if isinstance(e, SecretStoreError) else _classify(e))
            try:
                loop.call_soon_threadsafe(settle, *outcome)
            except RuntimeError:  # the loop is closed: the app quit while this call hung
                if outcome[0] and undo is not None:
                    with contextlib.suppress(Exception):
                        undo()

        _in_daemon_thread(work)
        return await future

    def _slow(self) -> None:
        self._slow_timer = None
        if self._pending and not self._told_waiting:
            log.warning("the keyring has not answered for %.0f s", self.slow_after)
            self._told_waiting = True
            self.waiting.emit(True)

    def _settled(self) -> None:
        self._pending = {f for f in self._pending if not f.done()}
        if self._pending:
            return
        if self._slow_timer is not None:
            self._slow_timer.cancel()
            self._slow_timer = None
        if self._told_waiting:
            self._told_waiting = False
            self.waiting.emit(False)


def _in_daemon_thread(fn: Callable[[], None]) -> None:
    """A daemon thread: one stuck in the keyring never holds up the process's exit."""
    threading.Thread(target=fn, name="keyring-call", daemon=True).start()


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
