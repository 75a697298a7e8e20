"""The words of each account tool window (API tokens, connected apps, security checkup): what
:class:`~deriv_desktop.gui.views.account_tools_dialog.AccountToolDialog` shows in the same
places for each of them, translated. One module, as ``profile_words`` holds each API's words:
the windows themselves hold only their behaviour."""

from __future__ import annotations

from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.views.account_tools_dialog import ToolWording


def token_words() -> ToolWording:
    return ToolWording(
        title=tr("TokenDialog", "API tokens"),
        this_app=tr("TokenDialog", "Used by this app"),
        change_failed=tr("TokenDialog", "“%1” was not deleted: %2"),
        loading=(
            tr("TokenDialog", "Loading tokens…"),
            tr("TokenDialog", "Asking Deriv for this account's tokens."),
        ),
        load_failed=tr("TokenDialog", "The tokens could not be loaded"),
        no_account=tr(
            "TokenDialog",
            "Deriv Desktop holds no sign-in for any account right now, so there are no "
            "tokens to show.",
        ),
        export_title=tr("TokenDialog", "Export token list"),
        export_saved=tr("TokenDialog", "Saved %1 tokens (without their values) to %2"),
    )


def apps_words() -> ToolWording:
    return ToolWording(
        title=tr("AppsDialog", "Connected apps"),
        this_app=tr("AppsDialog", "This app"),
        change_failed=tr("AppsDialog", "“%1” still has access: %2"),
        loading=(
            tr("AppsDialog", "Loading connected apps…"),
            tr("AppsDialog", "Asking Deriv which apps may use this account."),
        ),
        load_failed=tr("AppsDialog", "The connected apps could not be loaded"),
        no_account=tr("AppsDialog", "Deriv Desktop holds no sign-in for any account right now."),
        export_title=tr("AppsDialog", "Export connected apps"),
        export_saved=tr("AppsDialog", "Saved %1 apps to %2"),
    )


def checkup_words() -> ToolWording:
    return ToolWording(
        title=tr("CheckupDialog", "Security checkup"),
        this_app=tr("CheckupDialog", "used by this app"),
        change_failed=tr("CheckupDialog", "“%1” was not changed: %2"),
        loading=(
            tr("CheckupDialog", "Checking your accounts…"),
            tr("CheckupDialog", "Asking Deriv for each account's tokens and connected apps."),
        ),
        load_failed=tr("CheckupDialog", "The checkup could not run"),
        no_account=tr("CheckupDialog", "Deriv Desktop holds no sign-in for any account."),
        export_title=tr("CheckupDialog", "Export the checkup"),
        export_saved=tr("CheckupDialog", "Saved %1 findings (no token values) to %2"),
    )
