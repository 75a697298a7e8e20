"""The words for a connection profile: each Deriv API's (``services/api_kinds.py`` holds
everything else about one), each kind of server's and each interface language's name.

Light on purpose: the first frame needs these words before the rest of the app loads. A new
API adds its entry to ``_TEXTS`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from deriv_desktop.gui.strings import tr
from deriv_desktop.services.api_kinds import LEGACY, NEW, ApiKind
from deriv_desktop.services.profile import ConnectionProfile, ServerKind

#: Shown in the relay page field until the user enters their own.
RELAY_PLACEHOLDER = "https://you.github.io/deriv-desktop-relay.html"


class ApiTexts(NamedTuple):  # not a dataclass: built for the first frame (see ApiKind)
    name: str  # in the Settings list
    hint: str  # under that list
    deriv_server: str  # the "Deriv" server choice, with the address it means
    app_id_placeholder: str
    return_label: str  # the redirect URL or relay page field
    return_placeholder: str
    title_suffix: str  # after the server's name in titles and About ("" or " (new API)")
    summary: str  # in the sign-in window's settings line ("" for the default API)
    token_section: str  # the sign-in window's "use a token instead" title
    login_hint: str  # under "Log in with Deriv"
    login_off_hint: str  # instead, while the browser route cannot be used
    paste_placeholder: str  # the "paste the address" field


def _legacy() -> ApiTexts:
    return ApiTexts(
        name=tr("SignInSettings", "Deriv API v3 (legacy)"),
        hint=tr("SignInSettings", "For accounts on Deriv's WebSocket API v3."),
        deriv_server=tr("SignInSettings", "&Deriv (wss://ws.derivws.com)"),
        app_id_placeholder=tr("SignInSettings", "e.g. 12345"),
        return_label=tr("SignInSettings", "&Return address"),
        return_placeholder=LEGACY.default_return,
        title_suffix="",
        summary="",
        token_section=tr("SignInWindow", "Use an &API token instead"),
        login_hint=tr(
            "SignInWindow",
            "Your browser opens Deriv's sign-in page. Deriv Desktop never sees your password.",
        ),
        login_off_hint=tr(
            "SignInWindow",
            "Signing in through the browser needs the app id you registered with Deriv "
            "(Settings). Paste an API token below instead.",
        ),
        paste_placeholder="http://127.0.0.1/…?acct1=…",
    )


def _new() -> ApiTexts:
    return ApiTexts(
        name=tr("SignInSettings", "New Deriv API (developers.deriv.com)"),
        hint=tr(
            "SignInSettings",
            "For accounts Deriv has moved to its new platform. It has no API tokens or "
            "connected apps; sign in with a personal access token or through your relay "
            "page.",
        ),
        deriv_server=tr("SignInSettings", "&Deriv (api.derivws.com)"),
        app_id_placeholder=tr("SignInSettings", "from developers.deriv.com"),
        return_label=tr("SignInSettings", "&Return address"),
        return_placeholder=RELAY_PLACEHOLDER,
        title_suffix=tr("App", " (new API)"),
        summary=tr("SignInWindow", "new API"),
        token_section=tr("SignInWindow", "Use a &personal access token instead"),
        login_hint=tr(
            "SignInWindow",
            "Your browser opens Deriv's sign-in page; your relay page hands the answer "
            "back. Deriv Desktop never sees your password.",
        ),
        login_off_hint=tr(
            "SignInWindow",
            "On the new Deriv API, signing in through the browser needs your OAuth app's "
            "App ID and your relay page (Settings). Paste a personal access token below "
            "instead.",
        ),
        paste_placeholder="https://…/deriv-desktop-relay.html?code=…&state=…",
    )


_TEXTS: dict[str, Callable[[], ApiTexts]] = {LEGACY.key: _legacy, NEW.key: _new}


def api_texts(kind: ApiKind) -> ApiTexts:
    """``kind``'s words in the interface language installed now."""
    return _TEXTS[kind.key]()


def api_name(kind: ApiKind) -> str:
    """The API's name in the Settings list."""
    return api_texts(kind).name


def server_label(profile: ConnectionProfile) -> str:
    """Where the app is connected, for titles and About ("Deriv", "Sandbox (new API)"), in the
    interface language (a custom server is named by its host)."""
    kind = profile.kind
    name = profile.label() if kind is ServerKind.CUSTOM else server_kind_label(kind)
    return name + api_texts(profile.api_kind).title_suffix


def language_names() -> list[tuple[str, str]]:
    """The interface languages, each named in itself."""
    return [("en", "English"), ("fr", "Français")]


def server_kind_label(kind: ServerKind) -> str:
    return {
        ServerKind.DERIV: tr("SignInWindow", "Deriv"),
        ServerKind.CUSTOM: tr("SignInWindow", "Custom server"),
        ServerKind.SANDBOX: tr("SignInWindow", "Sandbox"),
    }[kind]
