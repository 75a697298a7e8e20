"""Screenshots of the token manager and the connected-apps dialog against the sandbox.

Run from the repository root (offscreen works; no display needed)::

    /work/venv/bin/python tools/screenshots_tokens.py [OUTPUT_DIR]

Writes PNGs (default: /work/notes/screens/) for the full, empty and error states of both
dialogs in a light theme, plus the full states in a dark theme and the two sign-out warnings.
It drives the dialogs exactly as the GUI tests do: a real in-process sandbox, real sockets.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from shot_kit import dark_palette, settle  # noqa: E402

from deriv_desktop.domain.models import Scope  # noqa: E402
from deriv_desktop.gui.views.apps_dialog import AppsDialog  # noqa: E402
from deriv_desktop.gui.views.token_dialog import TokenDialog  # noqa: E402
from deriv_desktop.loop import run  # noqa: E402
from tests.gui.fixtures import Stack, signed_in_stack, wait_until  # noqa: E402
from tests.gui.token_fixtures import TokenRef, stack_signed_in_with  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/notes/screens")


async def save(widget: QWidget, name: str) -> None:
    await settle()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


ADMIN_TOKEN = ("Admin tools", "USD", False)
READ_ONLY_TOKEN = ("Read only", "USD", False)


async def open_tokens(stack: Stack, loginid: str | None = None) -> TokenDialog:
    dialog = TokenDialog(stack.ctx)
    dialog.open()
    dialog.start()
    if loginid is not None:
        dialog.picker.choose(loginid)
    await wait_until(lambda: not dialog.loading)
    return dialog


async def open_apps(stack: Stack) -> AppsDialog:
    dialog = AppsDialog(stack.ctx)
    dialog.open()
    dialog.start()
    await wait_until(lambda: not dialog.loading)
    return dialog


async def tokens_full(stack: Stack, *, tag: str) -> None:
    dialog = await open_tokens(stack)
    dialog.select_token("Read only")
    dialog.toggle_reveal()
    dialog.form.name_edit.setText("CI runner")
    dialog.form.name_edit.textEdited.emit("CI runner")  # as if typed: the checks run
    dialog.form.scope_picker.set_scopes(frozenset({Scope.READ, Scope.TRADE, Scope.ADMIN}))
    await save(dialog, f"tokens-full-{tag}")
    dialog.create_token()
    await wait_until(lambda: dialog.new_token.isVisible())
    await save(dialog, f"tokens-created-{tag}")
    dialog.select_token("Admin tools")
    dialog.delete_selected()
    await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
    assert dialog.prompt is not None
    await save(dialog.prompt, f"tokens-delete-in-use-{tag}")
    dialog.prompt.reject()
    dialog.reject()


async def tokens_errors(stack: Stack) -> None:
    """The server's own refusal under the name field (sent past the client's checks)."""
    dialog = await open_tokens(stack)
    dialog.form.name_edit.setText("admin TOOLS")
    dialog.form.scope_picker.set_scopes(frozenset({Scope.READ}))
    loginid = dialog.loaded_for
    assert loginid is not None
    dialog.submit(loginid, "admin TOOLS", frozenset({Scope.READ}), False)
    await wait_until(lambda: dialog.form.name_error.isVisible())
    await save(dialog, "tokens-errors")
    dialog.reject()


async def tokens_load_failed(stack: Stack) -> None:
    faults = stack.sandbox.faults
    faults.fail_only, faults.fail_code = frozenset({"api_token"}), "WrongResponse"
    faults.fail_rate = 1
    dialog = await open_tokens(stack)
    await save(dialog, "tokens-load-failed")
    faults.fail_rate = 0
    dialog.reject()


def strip_admin(stack: Stack) -> None:
    """Take Admin away from the "Admin tools" token on the server, as Deriv's site could."""
    world = stack.sandbox.state
    for token in world.api_tokens(stack.loginid("USD")):
        if token.display_name == "Admin tools":
            token.scopes = ("read",)


async def tokens_permission_lost(stack: Stack) -> None:
    dialog = await open_tokens(stack)
    strip_admin(stack)
    dialog.select_token("Trading bot")
    dialog.delete_selected()
    await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
    assert dialog.prompt is not None
    dialog.prompt.accept_button.click()
    await wait_until(lambda: dialog.banner.isVisible())
    await save(dialog, "tokens-permission-lost")
    dialog.reject()


async def apps_revoke_refused(stack: Stack) -> None:
    dialog = await open_apps(stack)
    strip_admin(stack)
    dialog.select_app(41234)
    dialog.revoke_selected()
    await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
    assert dialog.prompt is not None
    dialog.prompt.accept_button.click()
    await wait_until(lambda: dialog.banner.isVisible())
    await save(dialog, "apps-revoke-refused")
    dialog.reject()


async def tokens_empty(stack: Stack) -> None:
    dialog = await open_tokens(stack, stack.loginid("BTC"))
    await wait_until(lambda: dialog.loaded_for == stack.loginid("BTC"))
    await save(dialog, "tokens-empty")
    dialog.reject()


async def tokens_no_admin(stack: Stack) -> None:
    dialog = await open_tokens(stack)
    await save(dialog, "tokens-no-admin")
    dialog.reject()


async def tokens_unsupported(stack: Stack) -> None:
    backend = stack.session.backend
    assert backend is not None
    backend.supports_tokens = False
    dialog = await open_tokens(stack)
    await save(dialog, "tokens-unsupported")
    dialog.reject()
    backend.supports_tokens = True


async def apps_full(stack: Stack, *, tag: str) -> None:
    dialog = await open_apps(stack)
    dialog.show_official.setChecked(True)
    dialog.select_app(41234)
    await save(dialog, f"apps-full-{tag}")
    dialog.revoke_selected()
    await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
    assert dialog.prompt is not None
    await save(dialog.prompt, f"apps-revoke-{tag}")
    dialog.prompt.reject()
    dialog.reject()


async def apps_errors(stack: Stack) -> None:
    dialog = await open_apps(stack)
    dialog.select_app(41234)
    await save(dialog, "apps-no-admin")
    dialog.reject()


async def apps_empty(stack: Stack) -> None:
    for app_id in (41234, 45678):
        stack.sandbox.state.revoke_app(stack.user, app_id)
    dialog = await open_apps(stack)
    await save(dialog, "apps-empty")
    dialog.reject()


async def fresh(
    scenario: Callable[[Stack], Awaitable[None]], api_tokens: Sequence[TokenRef] = ()
) -> None:
    """Run ``scenario`` on a new sandbox, signed in with account tokens or pasted API tokens."""
    folder = Path(tempfile.mkdtemp())
    if api_tokens:
        async with stack_signed_in_with(folder, api_tokens=api_tokens) as stack:
            await scenario(stack)
        return
    async with signed_in_stack(folder) as stack:
        await stack.session.switch(stack.loginid("USD"))
        await scenario(stack)


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for tag, palette in (("light", app.style().standardPalette()), ("dark", dark_palette())):
        app.setPalette(palette)
        await fresh(partial(tokens_full, tag=tag), [ADMIN_TOKEN])
        await fresh(partial(apps_full, tag=tag))
    app.setPalette(app.style().standardPalette())
    for scenario in (
        tokens_errors,
        tokens_load_failed,
        tokens_empty,
        tokens_unsupported,
        apps_empty,
    ):
        await fresh(scenario)
    await fresh(tokens_no_admin, [READ_ONLY_TOKEN])
    await fresh(apps_errors, [READ_ONLY_TOKEN])
    await fresh(tokens_permission_lost, [ADMIN_TOKEN])
    await fresh(apps_revoke_refused, [ADMIN_TOKEN])


if __name__ == "__main__":
    application = QApplication([])
    application.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    run(application, main)
