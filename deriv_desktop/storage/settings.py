"""Non-secret preferences and session metadata in one JSON file in the user's config directory.

Never holds a token: tokens live in the keyring (``secrets.py``). Written atomically (temporary
file, fsync, rename) with owner-only permissions, and always from an executor.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from deriv_desktop.storage.blocking import run_blocking

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
    # The proxy to Deriv (domain/proxy.py ProxyMode values); its password is in the keyring only.
    proxy_mode: str = "system"
    proxy_host: str = ""
    proxy_port: int = 0
    proxy_user: str = ""
    window_geometry: str = ""
    sessions: dict[str, SessionMeta] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and k != "sessions"}
        settings = cls(**values)
        sessions = data.get("sessions")
        if isinstance(sessions, dict):
            for key, meta in sessions.items():
                if isinstance(meta, dict):
                    settings.sessions[str(key)] = SessionMeta(
                        accounts=[a for a in meta.get("accounts", []) if isinstance(a, dict)],
                        last_active=meta.get("last_active"),
                        via=str(meta.get("via") or "oauth"),
                    )
        return settings

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SettingsFile:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"

    def load_sync(self) -> Settings:
        try:
            return Settings.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError, TypeError):
            log.warning("settings file unreadable; starting with defaults")
            return Settings()

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
