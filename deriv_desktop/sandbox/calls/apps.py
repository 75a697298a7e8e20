"""Connected apps: oauth_apps and revoke_oauth_app."""

from __future__ import annotations

from ..context import CallContext
from ..errors import ApiError
from ..models import App
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


def _app_details(app: App) -> dict[str, object]:
    return {
        "active": 1,
        "app_id": app.app_id,
        "app_markup_percentage": app.markup_percentage,
        "appstore": "",
        "github": "",
        "googleplay": "",
        "homepage": app.homepage,
        "name": app.name,
        "redirect_uri": app.redirect_uri,
        "scopes": list(app.scopes),
        "verification_uri": "",
    }


def _own_apps(ctx: CallContext) -> list[App]:
    email = ctx.user.email.lower()
    return [a for a in ctx.world.apps.values() if a.owner.lower() == email]


def app_list(ctx: CallContext) -> object:
    """The apps the signed-in user registered."""
    return [_app_details(app) for app in sorted(_own_apps(ctx), key=lambda a: a.app_id)]


def app_get(ctx: CallContext) -> object:
    wanted = ctx.request["app_get"]
    app = next((a for a in _own_apps(ctx) if a.app_id == wanted), None)
    if app is None:
        raise ApiError("InvalidAppID", "Your app_id is invalid.")
    return _app_details(app)
