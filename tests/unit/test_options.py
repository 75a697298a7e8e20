"""Command-line options and how they override the saved settings for one run."""

from __future__ import annotations

import pytest

from deriv_desktop.app import effective_profile
from deriv_desktop.options import Options, build_parser, from_namespace, parse
from deriv_desktop.services.api_kinds import LEGACY, NEW
from deriv_desktop.services.profile import (
    DEFAULT_REDIRECT,
    SANDBOX_APP_ID,
    SANDBOX_NEW_APP_ID,
    SANDBOX_SERVER,
    ConnectionProfile,
    RedirectKind,
    ServerKind,
    is_valid_new_app_id,
    is_valid_relay_url,
    redirect_kind,
    with_any_port,
)
from deriv_desktop.storage.settings import DERIV_SERVER, Settings


def test_an_empty_command_line_gives_the_parsers_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # parse() skips argparse when there is nothing to parse: its defaults must stay the parser's.
    from_parser = from_namespace(build_parser().parse_args([]))
    assert from_parser == Options() == parse([])
    monkeypatch.setattr("sys.argv", ["deriv-desktop"])
    assert parse() == from_parser
    monkeypatch.setattr("sys.argv", ["deriv-desktop", "--debug"])
    assert parse().debug


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


# ---------------------------------------------------------------------------------- new API
def test_api_flag_sends_the_app_id_to_the_chosen_api() -> None:
    settings = Settings(app_id="123", new_app_id="old-new")
    profile, changed = effective_profile(
        settings, parse(["--api", "new", "--app-id", "app-7", "--relay-url", "https://r.test/p"])
    )
    assert profile.api_kind is NEW
    assert profile.new_app_id == "app-7" and profile.app_id == "123"  # legacy id untouched
    assert profile.active_app_id == "app-7" and profile.relay_url == "https://r.test/p"
    assert set(changed) == {"api", "new_app_id", "relay_url"}
    legacy, _ = effective_profile(settings, parse(["--app-id", "456"]))
    assert legacy.api_kind is LEGACY and legacy.app_id == "456" and legacy.new_app_id == "old-new"


def test_the_sandbox_gives_the_new_api_its_own_app_id() -> None:
    profile, _ = effective_profile(Settings(), parse(["--sandbox", "--api", "new"]))
    assert profile.new_app_id == SANDBOX_NEW_APP_ID and profile.app_id == SANDBOX_APP_ID


def test_each_api_has_its_own_single_instance_scope_and_round_trips() -> None:
    legacy = ConnectionProfile(app_id="1", new_app_id="1")
    new = legacy.evolve(api="new")
    assert legacy.scope != new.scope
    settings = Settings()
    new.evolve(relay_url="https://r.test/p").store_in(settings)
    assert ConnectionProfile.from_settings(settings) == new.evolve(relay_url="https://r.test/p")
    settings.api = "something-else"  # a hand-edited file falls back to the legacy API
    assert ConnectionProfile.from_settings(settings).api_kind is LEGACY


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://you.github.io/deriv-desktop-relay.html", True),
        ("http://127.0.0.1:8080/relay.html", True),
        ("http://example.com/relay.html", False),  # Deriv accepts https only
        ("https://you.github.io/relay.html?x=1", False),
        ("https://you.github.io/relay.html#f", False),
        ("https://user:pw@you.github.io/relay.html", False),
        ("https://host:99999/relay.html", False),
        ("", False),
    ],
)
def test_relay_page_addresses(url: str, ok: bool) -> None:
    assert is_valid_relay_url(url) is ok


def test_new_api_app_ids() -> None:
    assert is_valid_new_app_id("30001") and is_valid_new_app_id("app_Desk-1")
    assert not is_valid_new_app_id("") and not is_valid_new_app_id("a b")
    assert not is_valid_new_app_id("x" * 65)
