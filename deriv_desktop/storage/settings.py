"""Non-secret preferences and session metadata in one JSON file in the user's config directory.

Never holds a token: tokens live in the keyring (``secrets.py``). Written atomically (temporary
file, fsync, rename) with owner-only permissions, and always from an executor.

A damaged file never costs a start: fields of the wrong type are reset alone
(``settings_check.py``), and the file as found is moved aside (``settings.json.damaged-<time>``)
before anything could overwrite it; ``SettingsFile.repair`` says what was reset. A file that
cannot be written (read-only folder, full disk) raises ``OSError``; ``not_saved`` words it.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deriv_desktop.storage.blocking import run_blocking
from deriv_desktop.storage.settings_check import (
    WHOLE_FILE,
    SettingsRepair,
    read_fields,
)

if TYPE_CHECKING:
    from deriv_desktop.domain.errors import DerivError

log = logging.getLogger(__name__)

DERIV_SERVER = "wss://ws.derivws.com"
DERIV_OAUTH = "https://oauth.deriv.com/oauth2/authorize"
LEGACY_API = "legacy"
NEW_API = "new"
CONFIG_ENV = "DERIV_DESKTOP_CONFIG_DIR"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from deriv_desktop.storage.user_dirs import user_config_dir

    return user_config_dir()


@dataclass
class SessionMeta:
    """What we remember about a signed-in session besides its tokens."""

    accounts: list[dict[str, Any]] = field(default_factory=list)
    last_active: str | None = None
    via: str = "oauth"  # "oauth", "api_token", "pat" or "oauth2"


@dataclass
class Settings:
    """Everything the app remembers between starts, as saved in ``settings.json`` (never a
    secret: tokens and the proxy's password are in the keyring)."""

    server: str = DERIV_SERVER
    app_id: str = ""
    oauth_url: str = DERIV_OAUTH
    redirect_uri: str = "http://127.0.0.1/deriv-desktop/callback"
    language: str = "en"
    # Which Deriv API the accounts live on; the new one has its own app id (developers.deriv.com)
    # and, for OAuth2, the address of the hosted relay page registered as its redirect URL.
    api: str = LEGACY_API
    new_app_id: str = ""
    relay_url: str = ""
    base_currency: str = "USD"
    hide_zero: bool = False
    hide_amounts: bool = False  # privacy mode: every amount masked until switched back
    # Closing the main window keeps the app in the tray (None: not asked yet).
    close_to_tray: bool | None = None
    # Desktop notifications: the kinds switched on (services/notify_rules.py NoticeKind values),
    # per-account thresholds and low marks (decimal text, by login id), the link-down delay.
    notify_kinds: list[str] = field(
        default_factory=lambda: ["balance_change", "low_balance", "link_down", "access_revoked"]
    )
    notify_thresholds: dict[str, str] = field(default_factory=dict)
    notify_low_marks: dict[str, str] = field(default_factory=dict)
    link_down_minutes: float = 5
    # Security checkup: ids of findings marked "this is expected" (kind, account, name or app
    # id; never a token), and after how many days without use a token or app is "unused".
    checkup_acknowledged: list[str] = field(default_factory=list)
    checkup_unused_days: int = 90
    # The proxy to Deriv (domain/proxy.py ProxyMode values); its password is in the keyring only.
    proxy_mode: str = "system"
    proxy_host: str = ""
    proxy_port: int = 0
    proxy_user: str = ""
    window_geometry: str = ""
    sessions: dict[str, SessionMeta] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Decoded JSON as settings; fields of the wrong type keep their defaults."""
        return read_settings(data)[0]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_VIA = ("oauth", "api_token", "pat", "oauth2")


def _session(value: Any) -> SessionMeta | None:
    """One saved session's metadata, or None when any of its fields is of the wrong type
    (a session is kept whole or not at all: its keyring entry is then removed)."""
    if not isinstance(value, dict):
        return None
    meta, wrong = read_fields(SessionMeta, value)
    return meta if not wrong and meta.via in _VIA else None


def read_settings(data: Any) -> tuple[Settings, tuple[str, ...]]:
    """``Settings`` from decoded JSON, and the names of the fields that were reset (a field of
    the wrong type is reset alone; anything but a JSON object resets everything)."""
    if not isinstance(data, dict):
        return Settings(), (WHOLE_FILE,)
    settings, reset = read_fields(Settings, data, skip=("sessions",))
    sessions = data.get("sessions", {})
    if not isinstance(sessions, dict):
        return settings, (*reset, "sessions")
    kept = {str(k): m for k, v in sessions.items() if (m := _session(v)) is not None}
    settings.sessions = kept
    return settings, (*reset, "sessions") if len(kept) != len(sessions) else tuple(reset)


_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def not_saved(exc: OSError) -> DerivError:
    """Why the settings could not be written, as an error the GUI can word.

    The problem vocabulary is imported here, on failure only: this module loads on the way to
    the first frame, where importing it would cost about 5 ms (bench/cold_start.py)."""
    from deriv_desktop.domain.errors import DerivError
    from deriv_desktop.domain.problems import Problem, ProblemKind

    if exc.errno in _READ_ONLY:
        kind = ProblemKind.SETTINGS_READ_ONLY
    elif exc.errno in _FULL:
        kind = ProblemKind.SETTINGS_DISK_FULL
    else:
        kind = ProblemKind.SETTINGS_NOT_SAVED
    return DerivError(f"settings not saved ({type(exc).__name__})", problem=Problem(kind))


class SettingsFile:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"
        #: What the last ``load_sync`` had to reset (None: the file was sound or absent).
        self.repair: SettingsRepair | None = None

    def load_sync(self) -> Settings:
        self.repair = None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as exc:  # not damaged, only unreadable now: left as it is
            log.warning("settings file unreadable (%s); starting with defaults", type(exc).__name__)
            return Settings()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # garbage, truncated, or nested past any use
            data = None
            reset: tuple[str, ...] = (WHOLE_FILE,)
            settings = Settings()
        else:
            settings, reset = read_settings(data)
        if reset:
            kept_as = self._keep_aside()
            log.warning(
                "settings file damaged; reset %s, kept as %s", ", ".join(reset), kept_as or "-"
            )
            self.repair = SettingsRepair(reset, kept_as)
        return settings

    def _keep_aside(self) -> str | None:
        """Move the damaged file out of the way, unchanged, so no save overwrites it."""
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        for n in range(100):
            suffix = f".damaged-{stamp}" + (f"-{n}" if n else "")
            target = self.path.with_name(self.path.name + suffix)
            if target.exists():
                continue
            try:
                os.rename(self.path, target)
            except OSError as exc:
                log.warning("damaged settings file not moved aside (%s)", type(exc).__name__)
                return None
            return str(target)
        return None

    def save_sync(self, settings: Settings) -> None:
        self._write(json.dumps(settings.to_json(), indent=2, sort_keys=True))

    def _write(self, text: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".settings.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    async def load(self) -> Settings:
        return await run_blocking(self.load_sync)

    async def save(self, settings: Settings) -> None:
        # Serialise on the loop thread so the file holds one consistent snapshot.
        text = json.dumps(settings.to_json(), indent=2, sort_keys=True)
        await run_blocking(self._write, text)
