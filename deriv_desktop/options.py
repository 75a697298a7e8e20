"""Command-line options of ``deriv-desktop`` (parsed without Qt, so they are easy to test)."""

from __future__ import annotations

import argparse
import sys
from typing import NamedTuple

from deriv_desktop import __version__


class Options(NamedTuple):
    """What the command line asked for (a named tuple: it is created on the way to the first
    frame, where a frozen dataclass costs about five times as long to define)."""

    sandbox: bool = False
    server: str | None = None
    oauth_url: str | None = None
    app_id: str | None = None
    redirect_uri: str | None = None
    language: str | None = None
    debug: bool = False
    self_test: bool = False
    callback_url: str | None = None
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
    """The options in ``argv`` (the command line's when None).

    A start with no arguments (the usual one, from the desktop's menu) skips argparse: setting
    up the parser looks up gettext catalogues (about 3 ms before the first frame) only to
    return the defaults; ``tests/unit/test_options.py`` checks they are the parser's.
    """
    args = sys.argv[1:] if argv is None else argv
    if not args:
        return Options()
    return from_namespace(build_parser().parse_args(args))


def from_namespace(ns: argparse.Namespace) -> Options:
    """The options a parsed command line holds."""
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
