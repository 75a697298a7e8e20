"""`python -m deriv_desktop.sandbox`: one JSON line on stdout, then serves until SIGTERM."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from websockets.asyncio.client import connect

from tests.sandbox.kit import TIMEOUT


async def start_cli(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "deriv_desktop.sandbox",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_cli_prints_info_and_serves() -> None:
    proc = await start_cli(
        "--port", "0", "--app", "1234=http://127.0.0.1:5555/cb", "--idle-timeout", "30"
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), TIMEOUT * 2)
        info = json.loads(line)
        assert info["ws_url"].startswith("ws://127.0.0.1:")
        assert info["ws_url"].endswith("/websockets/v3")
        assert info["oauth_url"].startswith("http://127.0.0.1:")
        app = next(a for a in info["apps"] if a["app_id"] == 1234)
        assert app["redirect_uri"] == "http://127.0.0.1:5555/cb"
        assert set(app["scopes"]) == {"read", "trade", "trading_information", "payments", "admin"}
        first = info["users"][0]
        assert first["email"] == "amara@example.com" and first["password"]
        usd = first["accounts"][0]
        assert set(usd) >= {"loginid", "token", "currency", "is_virtual"}

        async with connect(info["ws_url"] + "?app_id=1234") as ws:
            await ws.send(json.dumps({"authorize": usd["token"], "req_id": 1}))
            reply = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
            assert reply["authorize"]["loginid"] == usd["loginid"]
    finally:
        proc.terminate()
        out, err = await asyncio.wait_for(proc.communicate(), TIMEOUT * 2)
    assert proc.returncode == 0, err.decode()
    assert out == b""  # nothing after the one line


async def test_cli_refuses_non_loopback_host() -> None:
    proc = await start_cli("--host", "0.0.0.0")
    out, err = await asyncio.wait_for(proc.communicate(), TIMEOUT * 2)
    assert proc.returncode == 2
    assert out == b""
    assert b"loopback" in err


def test_deriv_sandbox_is_the_cli_and_its_limit_flags_reach_the_config() -> None:
    from importlib.metadata import entry_points

    from deriv_desktop.sandbox.cli import build_parser, config_from_args, main

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "deriv-sandbox"]
    assert script.load() is main
    defaults = config_from_args(build_parser().parse_args([])).rate_limits
    assert (defaults.general_minutely, defaults.connection_per_second) == (180, 10)
    args = ["--rate-limit-minutely", "1000", "--ping-rate-limit", "50"]
    raised = config_from_args(build_parser().parse_args(args)).rate_limits
    assert (raised.general_minutely, raised.connection_per_second) == (1000, 50)


def test_help_names_the_command_it_was_started_as() -> None:
    script = Path(sys.executable).with_name("deriv-sandbox")
    by_script = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, timeout=60, check=True
    )
    assert by_script.stdout.startswith("usage: deriv-sandbox ")
    by_module = subprocess.run(
        [sys.executable, "-m", "deriv_desktop.sandbox", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert by_module.stdout.startswith("usage: python -m deriv_desktop.sandbox ")
