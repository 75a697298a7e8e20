"""The new-API surface of one sandbox: REST on its own port, Options sockets on another, and the
OAuth2 pages on the legacy OAuth port (``auth.deriv.com`` beside ``oauth.deriv.com``)."""

from __future__ import annotations

from ..config import SandboxConfig
from ..http_oauth import OAuthHttpServer
from ..models import User
from ..oauth_flow import HttpRequest, HttpResponse, OAuthPages
from ..world import World
from .faults import NewApiFaults
from .models import ClientKind, NewApp, OptionsAccount, PersonalToken
from .oauth2 import OAuth2Pages
from .rest import RestApi
from .seed import DEFAULT_MIGRATION, seed_new_api
from .sockets import OptionsSockets
from .state import NewApiState
from .stats import NewApiStats

_STATIC_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
]


class OAuthRouter:
    """Sends ``/oauth2/auth*`` and ``/oauth2/token`` to the OAuth2 pages, hosted static pages
    (a stand-in for the static host an OAuth2 relay page lives on) to themselves, the rest to
    legacy."""

    def __init__(self, legacy: OAuthPages, oauth2: OAuth2Pages) -> None:
        self.legacy = legacy
        self.oauth2 = oauth2
        self.static: dict[str, bytes] = {}

    def handle(self, request: HttpRequest) -> HttpResponse:
        if self.oauth2.handles(request.path):
            return self.oauth2.handle(request)
        page = self.static.get(request.path)
        if page is not None and request.method in ("GET", "HEAD"):
            # No CSP header: a hosted page brings its own (the relay page pins its script).
            return HttpResponse(200, page, list(_STATIC_HEADERS))
        return self.legacy.handle(request)


class NewApi:
    """State, faults, stats and servers of the new API. Reach it as ``Sandbox.newapi``."""

    def __init__(self, config: SandboxConfig, world: World, host: str, url_host: str) -> None:
        self.config = config
        self.state = NewApiState(world)
        self.stats = NewApiStats()
        self.faults = NewApiFaults()
        migration = (
            DEFAULT_MIGRATION if config.migration_status is None else config.migration_status
        )
        seed_new_api(self.state, migration)
        for client_id, uri in config.oauth2_clients.items():
            self.register_client(client_id, uri)
        self._url_host = url_host
        self.sockets = OptionsSockets(
            self.state,
            self.stats,
            host,
            config.options_ws_port,
            otp_lifetime=config.otp_lifetime,
            max_per_user=config.max_sockets_per_user,
            per_second=config.socket_requests_per_second,
        )
        self.rest = RestApi(
            self.state,
            self.stats,
            self.faults,
            lambda: self.ws_base,
            per_minute=config.rest_requests_per_minute,
        )
        self.oauth2 = OAuth2Pages(
            self.state,
            self.stats,
            code_lifetime=config.oauth2_code_lifetime,
            token_lifetime=config.oauth2_token_lifetime,
            refresh_tokens=config.oauth2_refresh_tokens,
        )
        self._http = OAuthHttpServer(self.rest, host, config.rest_port)
        self._rest_port: int | None = None
        self._ws_port: int | None = None

    # -- addresses ---------------------------------------------------------------------------
    @property
    def rest_url(self) -> str:
        if self._rest_port is None:
            raise RuntimeError("the sandbox is not started")
        return f"http://{self._url_host}:{self._rest_port}"

    @property
    def ws_base(self) -> str:
        if self._ws_port is None:
            raise RuntimeError("the sandbox is not started")
        return f"ws://{self._url_host}:{self._ws_port}"

    # -- test and demo helpers ---------------------------------------------------------------
    def register_client(self, client_id: str, redirect_uri: str, name: str | None = None) -> NewApp:
        """An OAuth2 app with its one exact redirect URL (ports allowed, unlike Deriv)."""
        return self.state.register_app(
            client_id, name or f"Sandbox OAuth app {client_id}", ClientKind.OAUTH, redirect_uri
        )

    def register_pat_app(self, app_id: str, name: str | None = None) -> NewApp:
        return self.state.register_app(app_id, name or f"Sandbox app {app_id}", ClientKind.PAT)

    def accounts(self, email: str) -> list[OptionsAccount]:
        user = self._user(email)
        return self.state.user_accounts(user.user_id)

    def pat(self, email: str, name: str = "Desktop") -> str:
        """The value of one of the user's seeded (or issued) personal access tokens."""
        user = self._user(email)
        found = next((t for t in self.state.user_pats(user.user_id) if t.name == name), None)
        if found is None:
            raise KeyError(name)
        return found.value

    def issue_pat(self, email: str, name: str, scopes: tuple[str, ...] = ("trade",)) -> str:
        return self.state.issue_pat(self._user(email), name, scopes).value

    def add_accounts(
        self, email: str, count: int, account_type: str = "real"
    ) -> list[OptionsAccount]:
        user = self._user(email)
        return [self.state.add_account(user, account_type, "100.00") for _ in range(count)]

    def set_balance(
        self, account_id: str, amount: object, *, trade: bool = False
    ) -> OptionsAccount:
        """Set a balance; ``trade``: the move shows as a closed contract (statement, profit
        table, transaction stream), else as a deposit or withdrawal."""
        return self.state.set_balance(account_id, amount, trade=trade)  # type: ignore[arg-type]

    def _user(self, email: str) -> User:
        user = self.state.world.user_by_email(email)
        if user is None:
            raise KeyError(email)
        return user

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        self._ws_port = await self.sockets.start()
        try:
            self._rest_port = await self._http.start()
        except BaseException:
            await self.sockets.stop()
            raise

    async def stop(self) -> None:
        await self._http.stop()
        await self.sockets.stop()

    def info(self) -> dict[str, object]:
        return {
            "rest_url": self.rest_url,
            "apps": [
                {
                    "app_id": a.app_id,
                    "name": a.name,
                    "kind": a.kind.value,
                    "redirect_uri": a.redirect_uri,
                }
                for a in self.state.apps.values()
            ],
        }

    def user_info(self, user: User) -> dict[str, object]:
        return {
            "options_accounts": [
                {
                    "account_id": a.account_id,
                    "account_type": a.account_type,
                    "currency": a.currency,
                    "balance": float(a.balance),
                    "status": a.status,
                }
                for a in self.state.user_accounts(user.user_id)
            ],
            "pats": [_pat_info(t) for t in self.state.user_pats(user.user_id)],
            "migration_status": self.state.migration_status(user.user_id),
        }


def _pat_info(token: PersonalToken) -> dict[str, object]:
    return {"name": token.name, "token": token.value, "scopes": list(token.scopes)}
