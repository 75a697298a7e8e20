"""Command-line options and how they override the saved settings for one run."""

from __future__ import annotations

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.options import parse
from deriv_desktop.services.profile import (
    DEFAULT_REDIRECT,
    SANDBOX_APP_ID,
    SANDBOX_SERVER,
    ConnectionProfile,
    RedirectKind,
    ServerKind,
    redirect_kind,
    with_any_port,
)
from deriv_desktop.storage.settings import DERIV_SERVER, Settings


def test_defaults() -> None:
    options = parse([])
    assert not options.sandbox and not options.self_test and not options.debug
    assert options.callback_url is None and options.server is None and options.app_id is None


def test_every_flag_and_the_callback_url() -> None:
    options = parse(
        [
            "--server",
            "wss://ws.example.com",
            "--oauth-url",
            "https://oauth.example.com/oauth2/authorize",
            "--app-id",
            "1234",
            "--redirect-uri",
            "derivdesktop://oauth/callback",
            "--language",
            "fr",
            "--debug",
            "derivdesktop://oauth/callback?acct1=CR1&token1=x&state=s",
        ]
    )
    assert options.server == "wss://ws.example.com"
    assert options.oauth_url == "https://oauth.example.com/oauth2/authorize"
    assert options.app_id == "1234"
    assert options.redirect_uri == "derivdesktop://oauth/callback"
    assert options.language == "fr" and options.debug
    assert options.callback_url is not None and options.callback_url.startswith("derivdesktop://")


def test_self_test_implies_the_sandbox() -> None:
    options = parse(["--self-test"])
    assert options.self_test and options.sandbox


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse(["--language", "de"])
    assert "invalid choice" in capsys.readouterr().err


def test_settings_alone_make_the_profile() -> None:
    settings = Settings(app_id="4321", language="fr")
    profile, overridden = effective_profile(settings, parse([]))
    assert profile == ConnectionProfile(
        server=DERIV_SERVER,
        app_id="4321",
        oauth_url=settings.oauth_url,
        redirect_uri=DEFAULT_REDIRECT,
        language="fr",
    )
    assert profile.kind is ServerKind.DERIV and overridden == ()


def test_flags_override_settings_for_this_run_only() -> None:
    settings = Settings(app_id="4321")
    profile, overridden = effective_profile(
        settings, parse(["--server", "wss://qa.example.com", "--app-id", "99", "--language", "fr"])
    )
    assert profile.server == "wss://qa.example.com" and profile.kind is ServerKind.CUSTOM
    assert profile.app_id == "99" and profile.language == "fr"
    assert overridden == ("server", "app_id", "language")
    assert settings.app_id == "4321" and settings.server == DERIV_SERVER, "settings untouched"


def test_sandbox_flag_picks_the_sandbox_and_an_app_id() -> None:
    profile, _ = effective_profile(Settings(), parse(["--sandbox"]))
    assert profile.server == SANDBOX_SERVER and profile.is_sandbox
    assert profile.app_id == SANDBOX_APP_ID
    kept, _ = effective_profile(Settings(app_id="777"), parse(["--sandbox"]))
    assert kept.app_id == "777"


def test_scope_separates_servers_and_app_ids() -> None:
    a = ConnectionProfile(server=DERIV_SERVER, app_id="1")
    assert a.scope != a.evolve(app_id="2").scope
    assert a.scope != a.evolve(server=SANDBOX_SERVER).scope
    assert a.scope == ConnectionProfile(server=DERIV_SERVER, app_id="1", language="fr").scope


def test_profile_round_trips_through_settings() -> None:
    profile = ConnectionProfile(
        server="wss://x.example.com",
        app_id="5",
        oauth_url="https://o.example.com",
        redirect_uri="derivdesktop://oauth/callback",
        language="fr",
    )
    settings = Settings()
    profile.store_in(settings)
    assert ConnectionProfile.from_settings(settings) == profile


@pytest.mark.parametrize(
    ("uri", "kind"),
    [
        ("http://127.0.0.1/deriv-desktop/callback", RedirectKind.LOOPBACK),
        ("http://localhost:8080/cb", RedirectKind.LOOPBACK),
        ("derivdesktop://oauth/callback", RedirectKind.SCHEME),
        ("https://example.com/deriv", RedirectKind.WEB),
        ("http://example.com/cb", RedirectKind.INVALID),
        ("http://127.0.0.1/cb?x=1", RedirectKind.INVALID),
        ("http://127.0.0.1:99999/cb", RedirectKind.INVALID),
        ("", RedirectKind.INVALID),
    ],
)
def test_redirect_kinds(uri: str, kind: RedirectKind) -> None:
    assert redirect_kind(uri) is kind


def test_sandbox_redirect_gets_any_port() -> None:
    assert with_any_port("http://127.0.0.1/deriv-desktop/callback") == (
        "http://127.0.0.1:0/deriv-desktop/callback"
    )
    assert with_any_port("http://[::1]/cb") == "http://[::1]:0/cb"
