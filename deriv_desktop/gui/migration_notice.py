"""What the main window says about Deriv's move of the user's accounts to the new API.

Deriv moves users one by one and the legacy API stops working for a user once they are moved,
so a user on the new API is told which world their accounts live in, and where the other one
still helps (the legacy API keeps API tokens and connected apps until the move is done).
"""

from __future__ import annotations

from deriv_desktop.domain.migration import MigrationStatus
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.message_bar import MessageKind


def migration_note(status: MigrationStatus | None) -> tuple[MessageKind, str] | None:
    """The message for ``status``; None when there is nothing to say (legacy API)."""
    if status is None:
        return None
    if status is MigrationStatus.COMPLETE:
        return MessageKind.INFO, tr(
            "Migration",
            "Your accounts live on Deriv's new API: Deriv has finished moving them, so apps and "
            "API tokens made for the legacy API no longer work for you. Manage personal access "
            "tokens on Deriv's dashboard.",
        )
    if status is MigrationStatus.PENDING:
        return MessageKind.INFO, tr(
            "Migration",
            "Deriv is still moving your accounts to its new API. Until it is done your legacy "
            'accounts keep working: choose "Deriv API v3 (legacy)" in the sign-in Settings to '
            "manage their API tokens and connected apps.",
        )
    if status is MigrationStatus.FAILED:
        return MessageKind.WARNING, tr(
            "Migration",
            "Deriv could not finish moving your accounts to its new API; your legacy accounts "
            'keep working (choose "Deriv API v3 (legacy)" in the sign-in Settings). Contact '
            "Deriv if this stays so.",
        )
    if status is MigrationStatus.NOT_APPLICABLE:
        return MessageKind.INFO, tr(
            "Migration",
            "Your accounts were opened on Deriv's new API; there is nothing to move from the "
            "legacy API.",
        )
    return MessageKind.INFO, tr(
        "Migration",
        "Deriv reports a migration state this version of Deriv Desktop does not know yet; your "
        "accounts are shown as Deriv lists them.",
    )
