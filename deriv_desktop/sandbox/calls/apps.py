"""Connected apps: oauth_apps and revoke_oauth_app."""

from __future__ import annotations

from ..context import CallContext
from .common import fmt_time


def oauth_apps(ctx: CallContext) -> object:
    world, user = ctx.world, ctx.user
    listed: list[dict[str, object]] = []
    for app_id, last_used in user.consents.items():
        app = world.apps.get(app_id)
        if app is None:
            continue
        listed.append(
            {
                "app_id": app.app_id,
                "app_markup_percentage": app.markup_percentage,
                "last_used": fmt_time(last_used) if last_used else None,
                "name": app.name,
                "official": int(app.official),
                "scopes": list(app.scopes),
            }
        )
    return listed


def revoke_oauth_app(ctx: CallContext) -> object:
    """Withdraw the app's access: consent forgotten, its OAuth tokens dead. Always 1, as Deriv."""
    app_id = ctx.request["revoke_oauth_app"]
    if isinstance(app_id, int):
        ctx.world.revoke_app(ctx.user, app_id)
    return 1
