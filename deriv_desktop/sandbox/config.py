"""Settings of one sandbox instance (ports, apps, timing, limits, faults)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


class ConfigError(ValueError):
    """The configuration asks for something the sandbox refuses (e.g. a non-loopback host)."""


@dataclass(frozen=True)
class RateLimits:
    """Numbers published in `website_status.api_call_limits` and enforced (see `ratelimit.py`).

    Defaults are Deriv's published figures ("rest of calls" 180 a minute, 14,400 an hour;
    "portfolio, statement and proposal" 25 and 1,500). `connection_per_second` is the per-socket
    budget of `ping` and `time` in Deriv's server code (10; not published in website_status).
    Raise them explicitly where a test or benchmark needs more than Deriv allows.
    """

    general_minutely: int = 180
    general_hourly: int = 14400
    outcome_minutely: int = 25
    outcome_hourly: int = 1500
    pricing_minutely: int = 80
    pricing_hourly: int = 3600
    max_proposal_subscription: int = 5
    connection_per_second: int = 10


@dataclass
class SandboxConfig:
    """Everything a caller may choose; defaults give a quiet, fast, generous server."""

    host: str = "127.0.0.1"
    port: int = 0
    oauth_port: int = 0
    apps: dict[int, str] = field(default_factory=dict)
    activity: bool = False
    activity_rate: float = 5.0  # balance changes per second across all accounts
    rates_interval: float = 2.0  # seconds between exchange-rate moves when activity is on
    idle_timeout: float = 120.0
    state_file: Path | None = None
    extra_accounts: int = 0  # >0: add a "bench" user with that many accounts
    rate_limits: RateLimits = field(default_factory=RateLimits)
    client_ip_header: str | None = None  # e.g. "X-Forwarded-For": trust it as the client IP
    strict_app_id: bool = True  # unknown/missing app_id -> InvalidAppID on every call
    topup_threshold: Decimal = Decimal("1000")
    topup_amount: Decimal = Decimal("10000")
    seed: int | None = None  # RNG seed for activity (balances, rates)
    # Faults (also adjustable at run time through Sandbox.faults)
    delay: float = 0.0
    fail_rate: float = 0.0
    fail_code: str = "WrongResponse"
    ignore_pings: bool = False
    drop_every: float | None = None
    fault_seed: int | None = None
    control: bool = False  # serve the local control channel (control.py)
    # The new Deriv API (REST + OTP sockets + OAuth2 with PKCE); see sandbox/newapi/.
    new_api: bool = True
    rest_port: int = 0
    options_ws_port: int = 0
    rest_requests_per_minute: int = 60  # per token
    otp_lifetime: float = 120.0
    max_sockets_per_user: int = 5
    socket_requests_per_second: int = 100
    oauth2_code_lifetime: float = 60.0
    oauth2_token_lifetime: int = 3600
    oauth2_refresh_tokens: bool = False  # also without the offline_access scope
    migration_status: dict[str, str] | None = None  # email -> state; None: seeded defaults
    oauth2_clients: dict[str, str] = field(default_factory=dict)  # client id -> redirect URL

    def validate(self) -> None:
        """Refuse settings that would break the sandbox's promises (loopback only, sane numbers)."""
        if not is_loopback_host(self.host):
            raise ConfigError(f"the sandbox listens on loopback only, not on {self.host!r}")
        if self.idle_timeout <= 0:
            raise ConfigError("idle_timeout must be positive")
        if self.activity_rate < 0:
            raise ConfigError("activity_rate must not be negative")
        if not 0.0 <= self.fail_rate <= 1.0:
            raise ConfigError("fail_rate must be between 0 and 1")
        if self.fail_code not in ("WrongResponse", "RateLimit"):
            raise ConfigError("fail_code must be WrongResponse or RateLimit")
        if self.extra_accounts < 0:
            raise ConfigError("extra_accounts must not be negative")
        if (
            min(
                self.rest_requests_per_minute,
                self.max_sockets_per_user,
                self.socket_requests_per_second,
            )
            < 1
        ):
            raise ConfigError("new-API limits must be positive")
        if self.otp_lifetime <= 0 or self.oauth2_code_lifetime <= 0:
            raise ConfigError("OTP and code lifetimes must be positive")
        known = ("complete", "pending", "failed", "not_applicable")
        if any(v not in known for v in (self.migration_status or {}).values()):
            raise ConfigError(f"a migration status must be one of {', '.join(known)}")


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
