"""Where a user's move from the legacy Deriv platform stands.

The new API reports it (``legacy/migration-status``), the services pass it on and the GUI words
it, so the value lives here rather than with the parser of one protocol.
"""

from __future__ import annotations

import enum


class MigrationStatus(enum.Enum):
    """Where the user's move from the legacy platform stands (``legacy/migration-status``)."""

    COMPLETE = "complete"
    PENDING = "pending"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"  # a state this version of the app does not know yet

    @property
    def legacy_usable(self) -> bool:
        """True while the user's legacy apps (and the legacy API) still work for them."""
        return self in (MigrationStatus.PENDING, MigrationStatus.FAILED)
