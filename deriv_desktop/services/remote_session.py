"""Where opening the system browser cannot work, or would open it where the user is not.

Over SSH the browser would start on the remote computer (or, without X forwarding, not at all);
in WSL a Linux launcher rarely reaches the Windows browser; a Linux session without ``DISPLAY``
or ``WAYLAND_DISPLAY`` (the app drawn offscreen or through VNC) has no screen for one. There the
sign-in leads with the link to open on any device and the pasted address instead of a browser
that never appears (checklist item 12; gcloud's ``ShouldLaunchBrowser`` does the same). A
``$BROWSER`` the user set names a launcher for this very session, so it is trusted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from deriv_desktop.services.login_phase import RemoteSession

_SSH_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
_WSL_VARIABLES = ("WSL_DISTRO_NAME", "WSL_INTEROP")
PROC_VERSION = "/proc/version"


def read_proc_version() -> str:
    """The kernel's version line (blocking file read: call it in an executor)."""
    try:
        with open(PROC_VERSION, encoding="utf-8", errors="replace") as file:
            return file.read(512)
    except OSError:
        return ""


def remote_session(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    proc_version: Callable[[], str] = read_proc_version,
) -> RemoteSession | None:
    """The kind of session where launching a browser cannot work, or None (blocking on Linux:
    it may read ``/proc/version``)."""
    env = os.environ if environ is None else environ
    if env.get("BROWSER"):
        return None
    linux = platform.startswith("linux")
    if linux and (
        any(env.get(name) for name in _WSL_VARIABLES) or "microsoft" in proc_version().lower()
    ):
        return RemoteSession.WSL
    if any(env.get(name) for name in _SSH_VARIABLES):
        return RemoteSession.SSH
    if linux and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return RemoteSession.NO_DISPLAY
    return None
