"""The sign-in window's sentences that are built from parts: why a sign-in is not remembered
(worded by ``problem_text`` like every other problem), which settings the command line set, the
countdown and the link shown for an attempt.

All of them go through ``tr`` so they can be translated with the rest of the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, urlsplit

from deriv_desktop.domain.problems import Problem, ProblemKind, problem_of
from deriv_desktop.gui import problem_text
from deriv_desktop.gui.profile_words import language_names as language_names
from deriv_desktop.gui.profile_words import server_kind_label as server_kind_label
from deriv_desktop.gui.strings import tr


def keyring_reason(error: BaseException) -> str:
    """Why a sign-in cannot be remembered, finishing "…won't be remembered because …"."""
    return problem_text.keyring_reason(problem_of(error))


def not_remembered_text(error: BaseException) -> str:
    return problem_text.describe(Problem(ProblemKind.NOT_REMEMBERED, cause=problem_of(error)))


def session_not_remembered_note(error: BaseException) -> str:
    """The main window's note for a session that ends when the app closes."""
    return not_remembered_text(error) + " " + tr("SignInWindow", "You'll sign in again next time.")


def overrides_note(fields: Sequence[str]) -> str:
    """Names the settings that the command line set for this run ("" when none)."""
    names = {
        "server": tr("SignInWindow", "server"),
        "oauth_url": tr("SignInWindow", "sign-in page"),
        "app_id": tr("SignInWindow", "app id"),
        "redirect_uri": tr("SignInWindow", "redirect URL"),
        "language": tr("SignInWindow", "language"),
    }
    if not fields:
        return ""
    listed = ", ".join(names.get(field, field) for field in fields)
    return tr(
        "SignInWindow", "Set on the command line for this run: %1. Saving here replaces them."
    ).replace("%1", listed)


def format_remaining(seconds: float) -> str:
    """``m:ss`` for the countdown (rounded up, so 0:00 only at the very end)."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


def short_link(url: str) -> str:
    """What the window shows of the authorize URL: host, path and app id, never the state."""
    parts = urlsplit(url)
    app_id = dict(parse_qsl(parts.query)).get("app_id", "")
    shown = f"{parts.netloc}{parts.path}"
    return f"{shown}?app_id={app_id} …" if app_id else shown
