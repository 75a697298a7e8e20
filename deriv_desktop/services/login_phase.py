"""The sign-in's phases, problems, notice kinds and routes: the names the sign-in window tests.

Apart from the status records (``login_status``) so that the window's first frame needs only
these enums, not the records' generated dataclass code (2 ms before the first frame).
"""

from __future__ import annotations

import enum

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
    PORT_TAKEN = "port_taken"  # another program listens on the registered redirect's port
    SERVER = "server"  # any other refusal by Deriv
    NETWORK = "network"
    BAD_INPUT = "bad_input"  # pasted tokens that cannot be tokens
    TIMEOUT = "timeout"
    INTERNAL = "internal"


class NoticeKind(enum.Enum):
    REJECTED = "rejected"  # an answer that was not used (stale tab, unreadable, replay)
    TLS = "tls"  # the browser spoke https to the loopback port
    NOT_WAITING = "not_waiting"  # an answer arrived while no sign-in was waiting


class RemoteSession(enum.Enum):
    """Why the browser is not opened by itself (see ``services/remote_session.py``)."""

    SSH = "ssh"
    WSL = "wsl"
    NO_DISPLAY = "no_display"
