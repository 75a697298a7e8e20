"""What the sign-in view renders: the login service's phases, problems, notices and status.

Kept apart from the service (``login.py``) so that the sign-in window can be built and painted
before asyncio, the loopback handler and the OAuth machinery are imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deriv_desktop.auth.timeouts import DEFAULT_TIMEOUT_SECONDS
from deriv_desktop.domain.problems import Problem
from deriv_desktop.services.login_phase import VIA_API_TOKEN as VIA_API_TOKEN
from deriv_desktop.services.login_phase import VIA_OAUTH as VIA_OAUTH
from deriv_desktop.services.login_phase import VIA_OAUTH2 as VIA_OAUTH2
from deriv_desktop.services.login_phase import VIA_PAT as VIA_PAT
from deriv_desktop.services.login_phase import LoginPhase as LoginPhase
from deriv_desktop.services.login_phase import LoginProblem as LoginProblem
from deriv_desktop.services.login_phase import NoticeKind as NoticeKind
from deriv_desktop.services.login_phase import RemoteSession as RemoteSession

if TYPE_CHECKING:
    from deriv_desktop.services.session import SignInOutcome


@dataclass(frozen=True, slots=True)
class LoginNotice:
    """Something the user should hear about that does not change the phase."""

    kind: NoticeKind
    reason: Problem


@dataclass(frozen=True)
class LoginStatus:
    """A snapshot for the view. ``authorize_url`` carries the attempt's secret ``state``.

    ``problem`` is the kind of failure (the view's tone and actions), ``reason`` what to tell the
    user about a failure, time-out or cancellation; ``bind_error`` why the loopback port could
    not be opened (the paste route still works).
    """

    phase: LoginPhase
    reason: Problem | None = None
    problem: LoginProblem | None = None
    via: str = VIA_OAUTH
    authorize_url: str | None = field(default=None, repr=False)
    redirect_uri: str | None = None
    listening: bool = False
    bind_error: Problem | None = None
    browser_opened: bool | None = None
    #: A session where the browser is not opened by itself (SSH, WSL, no display): the window
    #: leads with the link to open on any device and the pasted address.
    remote: RemoteSession | None = None
    tls_hint: bool = False
    wrong_state_count: int = 0
    #: After one of several pasted tokens was refused: how many others can still be used.
    other_tokens: int = 0
    deadline: float | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    outcome: SignInOutcome | None = field(default=None, repr=False)

    @property
    def waiting(self) -> bool:
        return self.phase is LoginPhase.AWAITING_BROWSER

    @property
    def busy(self) -> bool:
        return self.phase is LoginPhase.EXCHANGING
