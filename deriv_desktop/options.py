"""Command-line options of ``deriv-desktop`` (parsed without Qt, so they are easy to test)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from deriv_desktop import __version__


@dataclass(frozen=True)
class Options:
    sandbox: bool
    server: str | None
    oauth_url: str | None
    app_id: str | None
    redirect_uri: str | None
    language: str | None
    debug: bool
    self_test: bool
    callback_url: str | None
    sandbox_args: tuple[str, ...] = ()
    api: str | None = None
    relay_url: str | None = None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="deriv-desktop",
        description="Sign in to Deriv, watch every account's balance, manage tokens and apps.",
    )
    p.add_argument("--version", action="version", version=f"deriv-desktop {__version__}")
    p.add_argument(
        "--sandbox",
        action="store_true",
        help="start the built-in Deriv-compatible sandbox and use it (fully offline)",
    )
    p.add_argument("--server", help="WebSocket server, e.g. wss://ws.derivws.com")
    p.add_argument(
        "--oauth-url", help="OAuth authorize URL, e.g. https://oauth.deriv.com/oauth2/authorize"
    )
    p.add_argument(
        "--api",
        choices=["legacy", "new"],
        help="which Deriv API your accounts live on: legacy (WebSocket API v3) or "
        "new (developers.deriv.com)",
    )
    p.add_argument("--app-id", help="your app id registered with Deriv (for the chosen API)")
    p.add_argument(
        "--relay-url",
        help="new API only: the https address of your hosted relay "
        "page, registered as the OAuth app's redirect URL",
    )
    p.add_argument("--redirect-uri", help="the redirect URL registered for that app id")
    p.add_argument("--language", choices=["en", "fr"], help="user interface language")
    p.add_argument("--debug", action="store_true", help="log at DEBUG level (secrets masked)")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen against the sandbox, sign in, wait for balances, exit",
    )
    p.add_argument(
        "callback_url", nargs="?", help="a derivdesktop:// sign-in callback (passed by the OS)"
    )
    return p


def parse(argv: list[str] | None = None) -> Options:
    ns = build_parser().parse_args(argv)
    return Options(
        sandbox=ns.sandbox or ns.self_test,
        server=ns.server,
        oauth_url=ns.oauth_url,
        app_id=ns.app_id,
        redirect_uri=ns.redirect_uri,
        language=ns.language,
        debug=ns.debug,
        self_test=ns.self_test,
        callback_url=ns.callback_url,
        api=ns.api,
        relay_url=ns.relay_url,
    )
