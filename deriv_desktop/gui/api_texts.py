"""The words for each Deriv API (``services/api_kinds.py`` holds everything else about one).

Kept beside the other translated strings so the catalogue tools find them; a new API adds its
entry here.
"""

from __future__ import annotations

from deriv_desktop.gui.strings import tr
from deriv_desktop.services.api_kinds import LEGACY, NEW, ApiKind
from deriv_desktop.services.profile import ConnectionProfile


def api_name(kind: ApiKind) -> str:
    """The API's name in the Settings list."""
    if kind is NEW:
        return tr("SignInSettings", "New Deriv API (developers.deriv.com)")
    assert kind is LEGACY, kind
    return tr("SignInSettings", "Deriv API v3 (legacy)")


def server_label(profile: ConnectionProfile) -> str:
    """Where the app is connected, for titles and About ("Deriv", "Sandbox (new API)")."""
    if profile.api_kind is NEW:
        return profile.label() + tr("App", " (new API)")
    return profile.label()
