"""The first window paints before the rest of the app loads: importing the entry point and the
sign-in window must not import asyncio, the transports, the keyring, the login service, the
sandbox or the dialogs (bench/cold_start.py). Those load after the first frame."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "asyncio",
    "ssl",
    "qasync",
    "keyring",
    "h11",
    "websockets",
    "deriv_desktop.controller",
    "deriv_desktop.loop",
    "deriv_desktop.services.login",
    "deriv_desktop.auth.loopback",
    "deriv_desktop.gui.tasks",
    "deriv_desktop.sandbox",
    "deriv_desktop.api.legacy.client",
    "deriv_desktop.gui.views.token_dialog",
    "deriv_desktop.gui.views.apps_dialog",
    "deriv_desktop.gui.views.main_window",
)


def _loaded_after(module: str) -> set[str]:
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", ["deriv_desktop.app", "deriv_desktop.gui.views.sign_in"])
def test_start_up_modules_leave_the_heavy_ones_for_later(module: str) -> None:
    loaded = _loaded_after(module)
    assert module in loaded
    assert sorted(m for m in HEAVY if m in loaded) == []


#: What only a browser sign-in needs (the loopback receiver, its HTTP parser and its pages),
#: and what only the new API's sign-in needs (OAuth2 with PKCE, personal access tokens).
BROWSER_SIGN_IN = (
    "h11",
    "html",
    "deriv_desktop.auth.loopback",
    "deriv_desktop.auth.http_wire",
    "deriv_desktop.auth.pages",
    "deriv_desktop.auth.oauth2",
    "deriv_desktop.auth.pkce",
    "deriv_desktop.services.new_api_login",
)


@pytest.mark.parametrize(
    "module", ["deriv_desktop.composition", "deriv_desktop.controller", "deriv_desktop.loop"]
)
def test_the_browser_sign_in_machinery_loads_only_when_used(module: str) -> None:
    # A session restored from the keyring or opened with tokens never starts the receiver.
    loaded = _loaded_after(module)
    assert module in loaded
    assert sorted(m for m in BROWSER_SIGN_IN if m in loaded) == []


def test_the_lazy_package_names_still_resolve() -> None:
    from deriv_desktop.api.legacy import DerivClient
    from deriv_desktop.api.newapi import RestClient

    assert DerivClient.__module__ == "deriv_desktop.api.legacy.client"
    assert RestClient.__module__ == "deriv_desktop.api.newapi.rest"
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        import deriv_desktop.api.newapi as newapi

        _ = newapi.Nope  # type: ignore[attr-defined]
