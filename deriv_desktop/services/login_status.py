"""What the sign-in view renders: the login service's phases, problems, notices and status.

Kept apart from the service (``login.py``) so that the sign-in window can be built and painted
before asyncio, the loopback handler and the OAuth machinery are imported.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deriv_desktop.auth.timeouts import DEFAULT_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from deriv_desktop.services.session import SignInOutcome

VIA_OAUTH = "oauth"
VIA_API_TOKEN = "api_token"  # noqa: S105 - a route name, not a secret
VIA_PAT = "pat"  # a personal access token of the new API
VIA_OAUTH2 = "oauth2"  # OAuth2 with PKCE through the relay page (new API)


class LoginPhase(enum.Enum):
    IDLE = "idle"
    AWAITING_BROWSER = "awaiting_browser"
    EXCHANGING = "exchanging"
    READY = "ready"
    FAILED = "failed"
    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"


class LoginProblem(enum.Enum):
    """What went wrong, so the view can pick its wording and the actions it offers."""

    REFUSED = "refused"  # consent refused on Deriv's page (or Deriv stopped the sign-in)
    INVALID_TOKEN = "invalid_token"  # noqa: S105
    SETUP = "setup"  # app id, OAuth page or redirect URL in Settings
    SERVER = "server"  # any other refusal by Deriv
    NETWORK = "network"
    BAD_INPUT = "bad_input"  # pasted tokens that cannot be tokens
    TIMEOUT = "timeout"
    INTERNAL = "internal"


class NoticeKind(enum.Enum):
    REJECTED = "rejected"  # an answer that was not used (stale tab, unreadable, replay)
    TLS = "tls"  # the browser spoke https to the loopback port
    NOT_WAITING = "not_waiting"  # an answer arrived while no sign-in was waiting


@dataclass(frozen=True, slots=True)
class LoginNotice:
    """Something the user should hear about that does not change the phase."""

    kind: NoticeKind
    message: str


@dataclass(frozen=True)
class LoginStatus:
    """A snapshot for the view. ``authorize_url`` carries the attempt's secret ``state``."""

    phase: LoginPhase
    message: str = ""
    problem: LoginProblem | None = None
    via: str = VIA_OAUTH
    authorize_url: str | None = field(default=None, repr=False)
    redirect_uri: str | None = None
    listening: bool = False
    bind_error: str | None = None
    browser_opened: bool | None = None
    tls_hint: bool = False
    wrong_state_count: int = 0
    deadline: float | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    outcome: SignInOutcome | None = field(default=None, repr=False)

    @property
    def waiting(self) -> bool:
        return self.phase is LoginPhase.AWAITING_BROWSER

    @property
    def busy(self) -> bool:
        return self.phase is LoginPhase.EXCHANGING
