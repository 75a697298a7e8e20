"""A Deriv-compatible local server: WebSocket API v3 and the OAuth pages, on loopback only.

It lets people try deriv-desktop without a Deriv account and gives the tests and benchmarks a
real server to talk to. It stands alone: nothing else from `deriv_desktop` is imported, and it
never reads Deriv's schema files at run time (its request validator is in `request_specs.py`;
a contract test proves it agrees with the official `send.json` files).

Run it
------
    python -m deriv_desktop.sandbox [--port 0] [--oauth-port 0]
        [--app 1234=http://127.0.0.1:5555/cb] [--activity [RATE]] [--idle-timeout 120]
        [--state FILE] [--extra-accounts 25]
        [--delay S] [--fail-rate P --fail-code WrongResponse|RateLimit --fault-seed N]
        [--ignore-pings] [--drop-every S] [--control] [--client-ip-header X-Forwarded-For]
        [--rate-limit-minutely N] [--rate-limit-hourly N] [--ping-rate-limit N]

It prints ONE JSON line on stdout once listening -- `ws_url`, `oauth_url`, `apps` (app_id, name,
redirect_uri, scopes, official) and `users` (email, password, user_id, `accounts` with loginid,
token, currency, is_virtual, is_disabled, landing_company, and `api_tokens`) -- then serves until
Ctrl+C / SIGTERM. `--host` accepts loopback addresses only. `cli.main(argv)` is the entry point
(`deriv-desktop --sandbox` calls it too).

In code::

    async with Sandbox(SandboxConfig(apps={1234: "http://127.0.0.1:5555/cb"})) as sb:
        sb.ws_url, sb.oauth_url, sb.info(), sb.users
        sb.state.set_balance("CR5100001", Decimal("12.50"))   # pushes to balance streams
        sb.faults.drop_connections(); sb.faults.delay = 0.5; sb.faults.fail_rate = 0.1
        await sb.stats.wait_for(lambda: sb.stats.live_subscriptions("balance") == 1)

Endpoints
---------
* WebSocket `ws://127.0.0.1:PORT/websockets/v3?app_id=ID&l=EN&brand=deriv`. Calls: ping, time,
  website_status, authorize, account_list, balance, api_token, oauth_apps, revoke_oauth_app,
  logout, exchange_rates, topup_virtual, get_settings, get_account_status, login_history,
  landing_company, residence_list, app_list, app_get, statement, ticks, forget, forget_all.
  Anything else: `UnrecognisedRequest` (msg_type "error"). How each behaviour compares with
  Deriv's published server code: FIDELITY.md beside this file.
* OAuth pages `http://127.0.0.1:PORT2/oauth2/authorize?app_id=..&l=..&brand=..&state=..`:
  sign-in form -> consent page (third-party apps, once per user and app) -> 302 to the app's
  registered redirect URL with `acct1, token1, cur1, ...` (one triple per non-disabled account,
  `curN` left out when the account has no currency) and `state` if one was sent. Deny ->
  `<redirect_uri>#error=scope_denied&state=..`. Bad app id -> HTTP 400 "missing valid app_id".

Seeded world (fresh at each start unless `--state` holds one; token values are random)
------------------------------------------------------------------------------------------
* amara@example.com / Sandbox#Amara1 (residence za): CR USD 10,250.37, CR BTC 0.12345678,
  CR UST (Tether, shown as USDT) 1,500, CR ETH 2.5, MF EUR 3,200 (maltainvest), VRTC USD 870
  (demo, low enough for topup_virtual), CR LTC (is_disabled), CR USDC (self-excluded for 180
  days). API tokens on CR USD: "Admin tools" (read, admin), "Read only" (read), "Trading bot"
  (read, trade, trading_information; locked to IP 203.0.113.7); on VRTC: "Demo bot". Connected
  apps: Deriv 16929 (official), Copy Trader Pro 41234, Balance Buddy 45678.
* luis@example.com / Sandbox#Luis2 (residence br): CR USD 512.40, VRTC USD 10,000 (too high to
  top up), a CR account without currency. API tokens: "Admin" (read, admin), "Read only".
  Connected apps: Deriv 16929, Journal Insights 48790.
* bench@example.com / Sandbox#Bench3: only with `extra_accounts=N` / `--extra-accounts N`
  (N accounts, mixed currencies); `Sandbox.add_user_with_accounts(n)` adds more such users.
* Apps: 16929 Deriv and 19111 Deriv GO (official: no consent page), 1089 Deriv API demo,
  41234, 45678, 48790 (third-party), plus every `--app` / `SandboxConfig.apps` /
  `register_app(...)` entry (third-party, all scopes, unless told otherwise).
* Each account has a full-scope "account token" (`Account.token`, `a1-` + 29 characters). It is
  a sandbox convenience: valid on any app id, never listed by `api_token`, never revoked.

Behaviour worth knowing (where Deriv's own behaviour is unverified, the choice is ours)
-------------------------------------------------------------------------------------------
* THE deliberate difference from Deriv: redirect URLs may carry a port (tests use free ports).
* Missing or malformed `app_id`: HTTP 401 `{"error":"InvalidAppID"}` at the upgrade (Deriv).
  Well-formed but unknown: the socket is accepted and every request is answered with
  `InvalidAppID` (set `strict_app_id=False` to allow any app id).
* Refusal order (Deriv's): text that is not JSON closes the socket (1005, no reply), BadRequest
  (JSON but not an object), SanityCheckFailed, UnrecognisedRequest, RateLimit,
  InputValidationFailed (after Deriv's type coercion; `details` maps field -> problem),
  InvalidAppID, faults, AuthorizationRequired / PermissionDenied, InvalidLoginid, InvalidToken,
  then the call's own errors. Binary frames that are not JSON are refused document uploads.
* Multi-token sessions (`tokens`, up to 25 of the same user): calls that define `loginid` must
  send it (`InvalidLoginid` otherwise, or for an account not in the session). Tokens are checked
  again on every call: deleted/revoked ones give `InvalidToken`.
* Disabled account: `AccountDisabled` on authorize. Self-excluded: `SelfExclusion` as the main
  token, but accepted as an extra token (read-only use); OAuth sign-in issues tokens for both.
* OAuth tokens are bound to their app id. `logout` of an OAuth session revokes that app's
  tokens on all the user's accounts (consent stays); `revoke_oauth_app` also forgets consent
  and always answers 1. API tokens survive logout.
* Streams opened through a token that dies get one error message (`TokenDeleted` after
  `api_token` delete, `InvalidToken` after revocation) carrying `subscription.id`, then stop.
* `balance` with `account: all`: first message has `accounts` + `total` (USD); later messages
  are single-account updates `{balance, currency, loginid, id}`.
* `account_list` items carry `broker` (as `authorize.account_list` does); the schema's
  `required: broker_code` cannot be met together with its `additionalProperties: false`.
* Error codes of our choosing: `TopupVirtualError` (not virtual / balance not below 1,000),
  `ExchangeRatesNotAvailable`, `TargetCurrencyRequired` (exchange_rates subscribe without
  target), `AlreadySubscribed`, `InvalidSymbol`, `UnknownLandingCompany`. topup_virtual adds
  10,000.
* Idle timeout counts client requests only (streams do not keep a socket alive); close code
  1000 "Idle timeout". Rate limits are Deriv's (see ratelimit.py): 180 a minute per app and
  account, or app, IP and User-Agent before authorize; ping/time 10 a second per socket, then
  close 1008. permessage-deflate is off.
* Faults: `drop_connections()` aborts sockets (no close frame); `black_hole()` swallows all
  traffic of the sockets open now without closing them; `delay` holds replies (a stream's
  pushes wait for its delayed opening reply); `fail_rate`/`fail_code`/`seed` never fail
  ping/time; `ignore_pings`; `fail_next`, `drop_on_next`, `spoil_next_push`, `push_malformed`.
* `--control` / `SandboxConfig(control=True)`: a loopback-only channel (JSON lines, a random
  secret in the start-up line under `control`) for other processes to inject those faults, and
  to delete a token, at a chosen moment; see control.py.
* `--state FILE`: JSON, written atomically with mode 0600 (it holds passwords and tokens).

The new Deriv API (`new_api=True`, the default; `--no-new-api` turns it off)
--------------------------------------------------------------------------
* REST at `sb.rest_url` (`api.derivws.com` stand-in): `GET /trading/v1/options/accounts`,
  `POST /trading/v1/options/accounts` (create; scope `account_manage`; 201 new, 200 existing),
  `POST .../accounts/{id}/otp` -> `{"data": {"url": "ws://.../trading/v1/options/ws/demo?otp=…"}}`,
  `POST .../accounts/{id}/reset-demo-balance` (demo only, back to 10,000),
  `GET /trading/v1/options/legacy/migration-status` -> `{"status": …}`, `GET /v1/health` -> `OK`.
  Envelope `{"data", "meta": {endpoint, method, timing}}`; errors `{"errors": [{status, code,
  message, field?}], "meta"}`. `Authorization: Bearer <PAT or OAuth2 token>`; with a PAT the
  `Deriv-App-ID` header is required (401 "Deriv-App-ID header is required for PAT tokens") and
  must be a registered new-API app id (30001 PAT app, 30002 OAuth app, or registered ones);
  60 requests a minute per token (429); scope `trade` needed (403).
* Options sockets on their own port (`sb.newapi.ws_base`): one account per socket, fixed by a
  single-use OTP valid 120 s; reused, expired, unknown or wrong-kind OTP -> HTTP 401 at the
  upgrade with a REST-style error body; at most 5 sockets per user (6th: 429); 100 requests a
  second per socket. Calls: balance (+subscribe), portfolio, statement, profit_table,
  transaction (stream), active_symbols, trading_times, ping, time, forget, forget_all.
* OAuth2 on the OAuth port: `/oauth2/auth` (sign-in form, consent) and `/oauth2/token`
  (`sb.oauth2_url`, `sb.oauth2_token_url`): code + PKCE S256, exact redirect URL (ports allowed),
  single-use codes valid 60 s, access tokens (`ory_at_…`) valid 3600 s, refresh tokens with
  `offline_access` or `oauth2_refresh_tokens=True`; `app_id=<legacy id>` sends users whose
  migration is not complete to the legacy `/oauth2/authorize`.
* Seeded: amara DOT90004580 real 2,500.00, DOT90004581 demo 870.00, DOT90004582 real (inactive),
  PATs "Desktop" (trade, account_manage) and "Nickname only" (account_manage), migration
  `complete`; luis DOT90004583 real 512.40, DOT90004584 demo 10,000.00, PAT "Desktop" (trade),
  migration `not_applicable`. `info()` adds `rest_url`, `oauth2_url`, `oauth2_token_url`,
  `new_api_apps` and per user `options_accounts`, `pats`, `migration_status`.
* Test hooks: `sb.newapi.faults.fail_next(status, n)`, `.spoil_next_otps(n, "expired"|"used")`,
  `sb.faults.drop_connections()` (cuts Options sockets too), `sb.newapi.state.advance(s)`,
  `sb.newapi.set_balance(id, amount)`, `sb.newapi.stats` (awaitable `wait_for`), `tap`s.
  Not persisted by `--state`; Deriv's behaviour where unpublished (404/405 bodies, the socket
  cap answer, refusal order) is our choice.
"""

from .config import ConfigError, RateLimits, SandboxConfig
from .server import Sandbox

__all__ = ["ConfigError", "RateLimits", "Sandbox", "SandboxConfig"]
