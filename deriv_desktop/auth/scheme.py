"""Recognise the custom-scheme callback (``derivdesktop://oauth/callback?…``) the OS hands us.

When the registered redirect is a custom scheme, the OS starts a second copy of the app with the
URL; that copy passes it to the running one (the GUI's single-instance IPC), which calls
:func:`validate_scheme_callback`. Parsing here, validation in the shared validator. The
connection profile reads the scheme's name before the first window paints, so the validator
is imported on the first callback instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from deriv_desktop.auth.attempt import LoginAttempt
    from deriv_desktop.auth.redirect import RedirectResult

SCHEME = "derivdesktop"
DEFAULT_SCHEME_CALLBACK = f"{SCHEME}://oauth/callback"


def is_scheme_callback(url: str, registered: str = DEFAULT_SCHEME_CALLBACK) -> bool:
    """True when ``url`` is the registered custom-scheme callback (any query or fragment).

    Scheme and host compare case-insensitively; the path must match, allowing one trailing
    slash (some launchers add it).
    """
    from deriv_desktop.auth.redirect import MAX_INPUT_CHARS

    text = url.strip()
    if not text or len(text) > MAX_INPUT_CHARS:
        return False
    try:
        got, want = urlsplit(text), urlsplit(registered)
    except ValueError:
        return False
    if got.scheme.lower() != want.scheme.lower() or got.netloc.lower() != want.netloc.lower():
        return False
    want_path = want.path.rstrip("/")
    return got.path in (want_path, f"{want_path}/")


def validate_scheme_callback(
    attempt: LoginAttempt, url: str, registered: str = DEFAULT_SCHEME_CALLBACK
) -> RedirectResult:
    """Validate a URL handed over by the OS: ours → the shared validator, else rejected."""
    from deriv_desktop.auth.redirect import RejectReason, reject, validate_redirect
    from deriv_desktop.domain.problems import ProblemKind

    if not is_scheme_callback(url, registered):
        return reject(RejectReason.NOT_A_CALLBACK, ProblemKind.ANSWER_NOT_A_CALLBACK, ())
    return validate_redirect(attempt, url)
