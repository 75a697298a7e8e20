"""The sign-in window's sentences that are built from parts: why a sign-in is not remembered,
which settings the command line set, the countdown and the link shown for an attempt.

All of them go through ``tr`` so they can be translated with the rest of the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, urlsplit

from deriv_desktop.gui.strings import tr
from deriv_desktop.services.profile import ServerKind


def language_names() -> list[tuple[str, str]]:
    """The interface languages, each named in itself."""
    return [("en", "English"), ("fr", "Français")]


def keyring_reason(error: BaseException) -> str:
    """Why a sign-in cannot be remembered, finishing "…won't be remembered because …"."""
    from deriv_desktop.services.preferences import SecretProblem  # the keyring: not at start

    problem = getattr(error, "problem", None)
    reasons = {
        SecretProblem.NO_BACKEND: tr(
            "SignInWindow", "no system keyring is available on this computer."
        ),
        SecretProblem.LOCKED: tr("SignInWindow", "the system keyring is locked or refused access."),
        SecretProblem.INSECURE_BACKEND: tr(
            "SignInWindow",
            "the only keyring available stores secrets as plain text, which Deriv Desktop "
            "does not use.",
        ),
        SecretProblem.FAILED: tr("SignInWindow", "the system keyring failed."),
    }
    if isinstance(problem, SecretProblem):
        return reasons[problem]
    return tr("SignInWindow", "the system keyring could not be used.")


def not_remembered_text(error: BaseException) -> str:
    return tr("SignInWindow", "Your sign-in won't be remembered because %1").replace(
        "%1", keyring_reason(error)
    )


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


def server_kind_label(kind: ServerKind) -> str:
    return {
        ServerKind.DERIV: tr("SignInWindow", "Deriv"),
        ServerKind.CUSTOM: tr("SignInWindow", "Custom server"),
        ServerKind.SANDBOX: tr("SignInWindow", "Sandbox"),
    }[kind]
