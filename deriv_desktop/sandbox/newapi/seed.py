"""Seeded new-API data for the legacy world's users (token values are random at each start)."""

from __future__ import annotations

from collections.abc import Mapping

from ..seed import BENCH_EMAIL, USER1_EMAIL, USER2_EMAIL
from .models import ClientKind
from .state import NewApiState

PAT_APP_ID = "30001"
OAUTH_APP_ID = "30002"
OAUTH_APP_REDIRECT = "https://relay.example.com/deriv-desktop-relay.html"

DEFAULT_MIGRATION: Mapping[str, str] = {
    USER1_EMAIL: "complete",
    USER2_EMAIL: "not_applicable",
}


def seed_new_api(state: NewApiState, migration: Mapping[str, str]) -> None:
    """Apps, Options accounts, PATs and migration states for the seeded users."""
    state.register_app(PAT_APP_ID, "Deriv Desktop (PAT)", ClientKind.PAT)
    state.register_app(OAUTH_APP_ID, "Deriv Desktop", ClientKind.OAUTH, OAUTH_APP_REDIRECT)
    world = state.world
    amara = world.user_by_email(USER1_EMAIL)
    if amara is not None:
        state.add_account(amara, "real", "2500.00")
        state.add_account(amara, "demo", "870.00")
        state.add_account(amara, "real", "0", status="inactive")
        state.issue_pat(amara, "Desktop", ("trade", "account_manage"))
        state.issue_pat(amara, "Nickname only", ("account_manage",))
    luis = world.user_by_email(USER2_EMAIL)
    if luis is not None:
        state.add_account(luis, "real", "512.40")
        state.add_account(luis, "demo", "10000.00")
        state.issue_pat(luis, "Desktop", ("trade",))
    bench = world.user_by_email(BENCH_EMAIL)
    if bench is not None:
        state.add_account(bench, "real", "1000.00")
        state.add_account(bench, "demo", "10000.00")
        state.issue_pat(bench, "Desktop", ("trade",))
    for email, status in migration.items():
        if world.user_by_email(email) is not None:
            state.set_migration_status(email, status)
