"""`Sandbox`: the WebSocket API and OAuth pages on loopback, with the world, faults and stats,
plus (unless `new_api=False`) the new Deriv API: REST, OTP sockets and OAuth2 with PKCE."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import Iterable
from http import HTTPStatus
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from .activity import Activity
from .config import RateLimits, SandboxConfig
from .connection import Connection
from .control import ControlServer
from .core import Core
from .currencies import SUPPORTED_LANGUAGES
from .dispatcher import dispatch
from .faults import Faults
from .http_oauth import OAuthHttpServer
from .models import ALL_SCOPES, App, User
from .newapi import NewApi
from .newapi.server import OAuthRouter
from .oauth_flow import OAuthPages
from .persistence import StateFile
from .seed import add_user_with_accounts, seed_world
from .stats import Stats
from .world import World

log = logging.getLogger(__name__)
WS_PATH = "/websockets/v3"


_APP_ID = re.compile(r"(?!0)[0-9]{1,19}")


def parse_app_id(query: str) -> int | None:
    """The `app_id` query parameter when well-formed (Deriv: 1-19 digits, no leading 0)."""
    values = parse_qs(query).get("app_id", [])
    return int(values[0]) if values and _APP_ID.fullmatch(values[0]) else None


def json_response(connection: ServerConnection, status: HTTPStatus, body: object) -> Response:
    """An HTTP answer to a refused upgrade, with a JSON body (as Mojolicious renders it)."""
    data = json.dumps(body, separators=(",", ":")).encode()
    response = connection.respond(status, "")
    del response.headers["Content-Type"]
    del response.headers["Content-Length"]
    response.headers["Content-Type"] = "application/json;charset=UTF-8"
    response.headers["Content-Length"] = str(len(data))
    return Response(response.status_code, response.reason_phrase, response.headers, data)


def _url_host(host: str) -> str:
    if host == "localhost":
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


class Sandbox:
    """A Deriv-compatible server for tests, benchmarks and `deriv-desktop --sandbox`.

    Create, `await start()` on the running loop, read `ws_url` / `oauth_url` / `users`, and
    `await stop()` (or use `async with`).
    """

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.config.validate()
        self.state = World()
        self._state_file: StateFile | None = None
        loaded = False
        if self.config.state_file is not None:
            self._state_file = StateFile(self.config.state_file, self.state)
            loaded = self._state_file.load_into()
        if not loaded:
            seed_world(self.state, extra_accounts=self.config.extra_accounts)
        for app_id, uri in self.config.apps.items():
            self.register_app(app_id, uri)
        self._core = Core(self.config, self.state)
        if self._state_file is not None:
            self.state.observe(self._state_file)
        self._pages = OAuthPages(self.state)
        self._host = "127.0.0.1" if self.config.host == "localhost" else self.config.host
        self.newapi: NewApi | None = None
        if self.config.new_api:
            self.newapi = NewApi(self.config, self.state, self._host, _url_host(self._host))
            self._core.other_droppers.append(self.newapi.sockets.drop_connections)
            self._router: OAuthRouter | None = OAuthRouter(self._pages, self.newapi.oauth2)
            self._http = OAuthHttpServer(self._router, self._host, self.config.oauth_port)
        else:
            self._router = None
            self._http = OAuthHttpServer(self._pages, self._host, self.config.oauth_port)
        self._activity = Activity(
            self.state,
            rate=self.config.activity_rate,
            rates_interval=self.config.rates_interval,
            seed=self.config.seed,
        )
        self.control: ControlServer | None = None
        if self.config.control:
            self.control = ControlServer(self.faults, self.state, self._activity, self.stats)
        self._ws_server: Server | None = None
        self._ws_port: int | None = None
        self._oauth_port: int | None = None
        self._next_conn_id = 0

    # -- public surface ----------------------------------------------------------------------
    @property
    def ws_url(self) -> str:
        if self._ws_port is None:
            raise RuntimeError("the sandbox is not started")
        return f"ws://{_url_host(self._host)}:{self._ws_port}{WS_PATH}"

    @property
    def oauth_url(self) -> str:
        if self._oauth_port is None:
            raise RuntimeError("the sandbox is not started")
        return f"http://{_url_host(self._host)}:{self._oauth_port}/oauth2/authorize"

    @property
    def rest_url(self) -> str:
        """Base URL of the new API's REST endpoints (``api.derivws.com`` stand-in)."""
        return self._need_newapi().rest_url

    @property
    def oauth2_url(self) -> str:
        """The new API's authorization endpoint (``auth.deriv.com/oauth2/auth`` stand-in)."""
        self._need_newapi()
        return self.oauth_url.replace("/oauth2/authorize", "/oauth2/auth")

    @property
    def oauth2_token_url(self) -> str:
        self._need_newapi()
        return self.oauth_url.replace("/oauth2/authorize", "/oauth2/token")

    def host_page(self, path: str, html: str) -> str:
        """Serve ``html`` at ``path`` on the OAuth port, as the static host of an OAuth2 relay
        page would; returns the page's address (http, loopback: the sandbox's one liberty)."""
        if self._router is None:
            raise RuntimeError("the sandbox runs without the new API (new_api=False)")
        if not path.startswith("/") or path.startswith("/oauth2"):
            raise ValueError("a hosted page needs its own absolute path outside /oauth2")
        self._router.static[path] = html.encode("utf-8")
        return self.oauth_url.replace("/oauth2/authorize", path)

    def _need_newapi(self) -> NewApi:
        if self.newapi is None:
            raise RuntimeError("the sandbox runs without the new API (new_api=False)")
        return self.newapi

    @property
    def users(self) -> list[User]:
        return list(self.state.users.values())

    @property
    def faults(self) -> Faults:
        return self._core.faults

    @property
    def stats(self) -> Stats:
        return self._core.stats

    @property
    def activity(self) -> Activity:
        """Background balance/rate moves: `.rate`, `.accounts`, `.start()`, `await .stop()`."""
        return self._activity

    @property
    def rate_limits(self) -> RateLimits:
        return self._core.limiter.limits

    @rate_limits.setter
    def rate_limits(self, limits: RateLimits) -> None:
        """Change the enforced (and published) limits while running."""
        self._core.limiter.limits = limits

    def user(self, email: str) -> User:
        found = self.state.user_by_email(email)
        if found is None:
            raise KeyError(email)
        return found

    def register_app(
        self,
        app_id: int,
        redirect_uri: str,
        *,
        name: str | None = None,
        scopes: Iterable[str] = ALL_SCOPES,
        official: bool = False,
        markup_percentage: float = 0.0,
    ) -> App:
        """Register (or replace) an app; ports in `redirect_uri` are allowed (unlike Deriv)."""
        chosen = tuple(scopes)
        unknown = set(chosen) - set(ALL_SCOPES)
        if unknown:
            raise ValueError(f"unknown scopes: {sorted(unknown)}")
        app = App(
            app_id,
            name or f"Sandbox app {app_id}",
            redirect_uri,
            chosen,
            official=official,
            markup_percentage=markup_percentage,
        )
        return self.state.register_app(app)

    def add_user_with_accounts(self, count: int, *, email: str | None = None) -> User:
        """A user with `count` accounts in a mix of currencies (benchmarks)."""
        return add_user_with_accounts(self.state, count, email=email)

    def info(self) -> dict[str, object]:
        """What the CLI prints as its one JSON line: URLs, apps, users and their tokens."""
        info = self._legacy_info()
        if self.control is not None:
            info["control"] = self.control.info()
        if self.newapi is not None:
            info.update(
                rest_url=self.rest_url,
                oauth2_url=self.oauth2_url,
                oauth2_token_url=self.oauth2_token_url,
                new_api_apps=self.newapi.info()["apps"],
            )
            users = info["users"]
            assert isinstance(users, list)
            for entry, user in zip(users, self.state.users.values(), strict=True):
                entry.update(self.newapi.user_info(user))
        return info

    def _legacy_info(self) -> dict[str, object]:
        return {
            "ws_url": self.ws_url,
            "oauth_url": self.oauth_url,
            "apps": [
                {
                    "app_id": a.app_id,
                    "name": a.name,
                    "redirect_uri": a.redirect_uri,
                    "scopes": list(a.scopes),
                    "official": a.official,
                }
                for a in self.state.apps.values()
            ],
            "users": [
                {
                    "email": u.email,
                    "password": u.password,
                    "user_id": u.user_id,
                    "accounts": [
                        {
                            "loginid": a.loginid,
                            "token": a.token,
                            "currency": a.currency,
                            "is_virtual": a.is_virtual,
                            "is_disabled": a.is_disabled,
                            "landing_company": a.landing_company,
                        }
                        for a in u.accounts
                    ],
                    "api_tokens": [
                        {
                            "loginid": t.loginid,
                            "display_name": t.display_name,
                            "token": t.value,
                            "scopes": list(t.scopes),
                            "valid_for_ip": t.valid_for_ip,
                        }
                        for a in u.accounts
                        for t in self.state.api_tokens(a.loginid)
                    ],
                }
                for u in self.state.users.values()
            ],
        }

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        if self._ws_server is not None:
            raise RuntimeError("the sandbox is already started")
        self._ws_server = await serve(
            self._serve_connection,
            self._host,
            self.config.port,
            process_request=self._check_request,
            compression=None,
            server_header="deriv-sandbox",
        )
        self._ws_port = int(self._ws_server.sockets[0].getsockname()[1])
        try:
            self._oauth_port = await self._http.start()
            if self.newapi is not None:
                await self.newapi.start()
            if self.control is not None:
                await self.control.start(self._host)
        except BaseException:
            await self._http.stop()
            if self.newapi is not None:
                await self.newapi.stop()
            self._ws_server.close()
            await self._ws_server.wait_closed()
            self._ws_server = None
            raise
        self._core.faults.start()
        if self.config.activity:
            self._activity.start()
        if self._state_file is not None:
            self._state_file.save()
        log.info("sandbox listening on %s", self.ws_url)

    async def stop(self) -> None:
        await self._activity.stop()
        await self._core.faults.stop()
        self._core.stop_ticks()
        if self.control is not None:
            await self.control.stop()
        self._core.abort_black_holed()  # they would hold up the closing handshakes
        if self._ws_server is not None:
            self._ws_server.close()
            await self._ws_server.wait_closed()
            self._ws_server = None
        await self._http.stop()
        if self.newapi is not None:
            await self.newapi.stop()
        if self._state_file is not None:
            self._state_file.flush()
            self.state.unobserve(self._state_file)

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- WebSocket ---------------------------------------------------------------------------
    def _check_request(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urlsplit(request.path)
        if parts.path != WS_PATH:
            return connection.respond(HTTPStatus.NOT_FOUND, "Not Found\n")
        if parse_app_id(parts.query) is None:  # Deriv refuses the upgrade itself
            return json_response(connection, HTTPStatus.UNAUTHORIZED, {"error": "InvalidAppID"})
        return None

    def _client_ip(self, ws: ServerConnection) -> str:
        header = self.config.client_ip_header
        if header and ws.request is not None:
            forwarded = ws.request.headers.get(header)
            if forwarded:
                return forwarded.split(",")[0].strip()
        peer = ws.remote_address
        return str(peer[0]) if peer else ""

    async def _serve_connection(self, ws: ServerConnection) -> None:
        request = ws.request
        query = {
            k: v[0] for k, v in parse_qs(urlsplit(request.path if request else "").query).items()
        }
        app_id = parse_app_id(urlsplit(request.path if request else "").query)
        language = query.get("l", "EN").upper()
        self._next_conn_id += 1
        conn = Connection(
            self._next_conn_id,
            ws,
            app_id=app_id,
            app_valid=app_id is not None and app_id in self.state.apps,
            language=language if language in SUPPORTED_LANGUAGES else "EN",
            brand=query.get("brand", "deriv"),
            client_ip=self._client_ip(ws),
            user_agent=request.headers.get("User-Agent", "") if request else "",
            stats=self.stats,
        )
        core = self._core
        core.connections[conn.id] = conn
        self.stats.connection_opened(conn.id)
        loop = asyncio.get_running_loop()
        writer = loop.create_task(conn.write_loop())
        watchdog = loop.create_task(self._idle_watch(conn))
        try:
            async for raw in ws:
                if conn.black_holed:
                    continue  # frames read before the hole opened are lost with it
                conn.last_activity = loop.time()
                dispatch(core, conn, raw)
        except ConnectionClosed:
            pass
        finally:
            conn.shutdown()
            core.forget_connection(conn)
            watchdog.cancel()
            await asyncio.gather(writer, watchdog, return_exceptions=True)
            self.stats.connection_closed(conn.id)

    async def _idle_watch(self, conn: Connection) -> None:
        """Close the socket after `idle_timeout` seconds without a request (Deriv: 2 minutes)."""
        loop = asyncio.get_running_loop()
        while True:
            remaining = conn.last_activity + self.config.idle_timeout - loop.time()
            if remaining <= 0:
                break
            await asyncio.sleep(remaining)
        self.stats.idle_closed += 1
        if conn.black_holed:  # a dead route carries no close frame either
            conn.abort()
            return
        with contextlib.suppress(ConnectionClosed):
            await conn.ws.close(1000, "Idle timeout")
