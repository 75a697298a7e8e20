"""Command line: `python -m deriv_desktop.sandbox [options]` (also `deriv-desktop --sandbox`).

Prints one JSON line (URLs, apps, users, tokens) on stdout once listening, then serves until
Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import ConfigError, RateLimits, SandboxConfig
from .server import Sandbox

DEFAULT_ACTIVITY_RATE = 5.0


def _app(text: str) -> tuple[int, str]:
    app_id, sep, uri = text.partition("=")
    if not sep or not app_id.isdigit() or not uri:
        raise argparse.ArgumentTypeError(
            "expected ID=REDIRECT_URI, e.g. 1234=http://127.0.0.1:5555/cb"
        )
    return int(app_id), uri


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key or not value:
        raise argparse.ArgumentTypeError("expected NAME=VALUE")
    return key, value


def build_parser(prog: str = "python -m deriv_desktop.sandbox") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="A Deriv-compatible local server (WebSocket API v3 + OAuth pages, and the "
        "new API's REST, OTP sockets and OAuth2 pages).",
    )
    p.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    p.add_argument("--port", type=int, default=0, help="WebSocket port (0 = any free port)")
    p.add_argument("--oauth-port", type=int, default=0, help="OAuth pages port (0 = any free)")
    p.add_argument(
        "--app",
        type=_app,
        action="append",
        default=[],
        metavar="ID=URI",
        help="register an app id with its redirect URL (repeatable)",
    )
    p.add_argument(
        "--activity",
        type=float,
        nargs="?",
        const=DEFAULT_ACTIVITY_RATE,
        metavar="RATE",
        help="move balances on their own (RATE changes per second)",
    )
    p.add_argument(
        "--rates-interval",
        type=float,
        default=2.0,
        help="seconds between exchange-rate moves with --activity",
    )
    p.add_argument("--idle-timeout", type=float, default=120.0, help="seconds (default 120)")
    p.add_argument("--state", type=Path, metavar="FILE", help="keep the world in this JSON file")
    p.add_argument("--seed", type=int, help="random seed for activity")
    p.add_argument(
        "--extra-accounts",
        type=int,
        default=0,
        metavar="N",
        help="also create a bench user with N accounts",
    )
    p.add_argument(
        "--client-ip-header",
        metavar="NAME",
        help="trust this header (e.g. X-Forwarded-For) as the client IP",
    )
    p.add_argument(
        "--rate-limit-minutely",
        type=int,
        default=RateLimits.general_minutely,
        help="'rest of calls' a minute per app and account (Deriv: %(default)s)",
    )
    p.add_argument(
        "--rate-limit-hourly",
        type=int,
        default=RateLimits.general_hourly,
        help="'rest of calls' an hour (Deriv: %(default)s)",
    )
    p.add_argument(
        "--ping-rate-limit",
        type=int,
        default=RateLimits.connection_per_second,
        metavar="N",
        help="ping/time a second per socket, then RateLimit and close 1008 (Deriv: %(default)s)",
    )
    new = p.add_argument_group("new Deriv API (REST, OTP sockets, OAuth2 + PKCE)")
    new.add_argument("--no-new-api", action="store_true", help="serve the legacy API only")
    new.add_argument("--rest-port", type=int, default=0, help="REST port (0 = any free port)")
    new.add_argument(
        "--options-ws-port",
        type=int,
        default=0,
        help="Options account sockets port (0 = any free port)",
    )
    new.add_argument(
        "--oauth2-client",
        type=_pair,
        action="append",
        default=[],
        metavar="ID=URI",
        help="register an OAuth2 app with its exact redirect URL",
    )
    new.add_argument(
        "--migration",
        type=_pair,
        action="append",
        default=[],
        metavar="EMAIL=STATUS",
        help="complete, pending, failed or not_applicable (repeatable)",
    )
    new.add_argument(
        "--rest-rate-limit",
        type=int,
        default=60,
        metavar="N",
        help="REST requests a minute per token (default 60)",
    )
    new.add_argument(
        "--oauth2-refresh-tokens",
        action="store_true",
        help="hand out refresh tokens even without the offline_access scope",
    )
    faults = p.add_argument_group("faults")
    faults.add_argument("--delay", type=float, default=0.0, help="seconds before every reply")
    faults.add_argument("--fail-rate", type=float, default=0.0, help="share of calls to fail")
    faults.add_argument(
        "--fail-code", choices=("WrongResponse", "RateLimit"), default="WrongResponse"
    )
    faults.add_argument("--fault-seed", type=int, help="seed for --fail-rate choices")
    faults.add_argument("--ignore-pings", action="store_true", help="never answer {ping: 1}")
    faults.add_argument(
        "--drop-every", type=float, metavar="SECONDS", help="cut all connections every SECONDS"
    )
    faults.add_argument(
        "--control",
        action="store_true",
        help="serve the local fault-injection channel (its address and secret are in the "
        "start-up line under 'control'; see deriv_desktop/sandbox/control.py)",
    )
    p.add_argument("--log-level", default="WARNING", help="log level on stderr")
    return p


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    return SandboxConfig(
        host=args.host,
        port=args.port,
        oauth_port=args.oauth_port,
        apps=dict(args.app),
        activity=args.activity is not None,
        activity_rate=args.activity if args.activity is not None else DEFAULT_ACTIVITY_RATE,
        rates_interval=args.rates_interval,
        idle_timeout=args.idle_timeout,
        state_file=args.state,
        seed=args.seed,
        extra_accounts=args.extra_accounts,
        client_ip_header=args.client_ip_header,
        rate_limits=RateLimits(
            general_minutely=args.rate_limit_minutely,
            general_hourly=args.rate_limit_hourly,
            connection_per_second=args.ping_rate_limit,
        ),
        delay=args.delay,
        fail_rate=args.fail_rate,
        fail_code=args.fail_code,
        fault_seed=args.fault_seed,
        ignore_pings=args.ignore_pings,
        drop_every=args.drop_every,
        control=args.control,
        new_api=not args.no_new_api,
        rest_port=args.rest_port,
        options_ws_port=args.options_ws_port,
        oauth2_clients=dict(args.oauth2_client),
        migration_status=dict(args.migration) if args.migration else None,
        rest_requests_per_minute=args.rest_rate_limit,
        oauth2_refresh_tokens=args.oauth2_refresh_tokens,
    )


async def run(config: SandboxConfig) -> int:
    """Serve until SIGINT/SIGTERM; prints the info line once listening."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    sandbox = Sandbox(config)
    await sandbox.start()
    try:
        sys.stdout.write(json.dumps(sandbox.info()) + "\n")
        sys.stdout.flush()
        await stop.wait()
    finally:
        await sandbox.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The console entry point, named as it was started (``deriv-sandbox`` or ``python -m``)."""
    started_as = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    prog = "deriv-sandbox" if started_as == "deriv-sandbox" else "python -m deriv_desktop.sandbox"
    args = build_parser(prog).parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        config = config_from_args(args)
        config.validate()
    except ConfigError as exc:
        print(f"sandbox: {exc}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(run(config))
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"sandbox: cannot listen: {exc}", file=sys.stderr)
        return 1
