"""Seeded, life-like data created fresh at each start (token values come from `secrets`)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from .models import ALL_SCOPES, App, LoginRecord, TokenKind, User
from .world import World

DAY = 86400

OFFICIAL_APPS: tuple[App, ...] = (
    App(
        16929,
        "Deriv",
        "https://app.deriv.com/",
        ALL_SCOPES,
        official=True,
        homepage="https://deriv.com",
    ),
    App(
        19111, "Deriv GO", "https://deriv.com/deriv-go/", ("read", "trade", "admin"), official=True
    ),
)
THIRD_PARTY_APPS: tuple[App, ...] = (
    App(1089, "Deriv API demo", "https://api.deriv.com/", ALL_SCOPES),
    App(
        41234,
        "Copy Trader Pro",
        "https://copytrader.example.com/deriv",
        ("read", "trade", "trading_information"),
        markup_percentage=1.5,
        homepage="https://copytrader.example.com",
    ),
    App(
        45678,
        "Balance Buddy",
        "https://balancebuddy.example.org/callback",
        ("read",),
        owner="amara@example.com",
    ),
    App(
        48790,
        "Journal Insights",
        "https://journal.example.net/oauth",
        ("read", "trading_information"),
        markup_percentage=0.25,
        owner="luis@example.com",
    ),
)

USER1_EMAIL, USER1_PASSWORD = "amara@example.com", "Sandbox#Amara1"
USER2_EMAIL, USER2_PASSWORD = "luis@example.com", "Sandbox#Luis2"
BENCH_EMAIL, BENCH_PASSWORD = "bench@example.com", "Sandbox#Bench3"

# Currency mix used when a user with many accounts is generated (landing company, currency).
_BENCH_MIX: tuple[tuple[str, str], ...] = (
    ("svg", "USD"),
    ("svg", "BTC"),
    ("svg", "ETH"),
    ("svg", "LTC"),
    ("svg", "UST"),
    ("svg", "USDC"),
    ("svg", "eUSDT"),
    ("svg", "tUSDT"),
    ("maltainvest", "EUR"),
    ("maltainvest", "GBP"),
    ("virtual", "USD"),
)
_BENCH_BALANCE = {"BTC": "0.05", "ETH": "1.2", "LTC": "14.5"}


def seed_world(world: World, *, extra_accounts: int = 0) -> None:
    """Fill an empty world with apps, two users (and a bench user when asked)."""
    for app in (*OFFICIAL_APPS, *THIRD_PARTY_APPS):
        world.register_app(app)
    now = world.now()
    _seed_user1(world, now)
    _seed_user2(world, now)
    if extra_accounts:
        add_user_with_accounts(world, extra_accounts)


def _seed_user1(world: World, now: int) -> None:
    user = world.add_user(
        USER1_EMAIL,
        USER1_PASSWORD,
        "Amara",
        "Nkosi",
        "za",
        phone="+27821234567",
        date_of_birth=639360000,
        address_city="Cape Town",
        address_line_1="14 Long Street",
        address_postcode="8001",
    )
    usd = world.add_account(user, "svg", "USD", "10250.37", created_at=now - 900 * DAY)
    world.add_account(user, "svg", "BTC", "0.12345678", created_at=now - 700 * DAY)
    world.add_account(user, "svg", "UST", "1500.00", created_at=now - 650 * DAY)
    world.add_account(user, "svg", "ETH", "2.5", created_at=now - 400 * DAY)
    world.add_account(user, "maltainvest", "EUR", "3200.00", created_at=now - 300 * DAY)
    demo = world.add_account(user, "virtual", "USD", "870.00", created_at=now - 950 * DAY)
    world.add_account(user, "svg", "LTC", "0", is_disabled=True, created_at=now - 500 * DAY)
    world.add_account(
        user, "svg", "USDC", "250.00", excluded_until=now + 180 * DAY, created_at=now - 200 * DAY
    )

    admin = world.issue_token(
        TokenKind.API, usd.loginid, ("read", "admin"), display_name="Admin tools"
    )
    admin.last_used = now - 2 * DAY
    world.issue_token(TokenKind.API, usd.loginid, ("read",), display_name="Read only")
    world.issue_token(
        TokenKind.API,
        usd.loginid,
        ("read", "trade", "trading_information"),
        display_name="Trading bot",
        valid_for_ip="203.0.113.7",
    )
    world.issue_token(TokenKind.API, demo.loginid, ("read", "trade"), display_name="Demo bot")

    _connect(world, user, 16929, now - DAY)
    _connect(world, user, 41234, now - 3 * DAY)
    _connect(world, user, 45678, None)
    _history(world, user, now, ("Chrome", "Windows"), ("Safari", "iOS"), ("Firefox", "Linux"))


def _seed_user2(world: World, now: int) -> None:
    user = world.add_user(
        USER2_EMAIL,
        USER2_PASSWORD,
        "Luis",
        "Ortega",
        "br",
        phone="+5511987654321",
        date_of_birth=757382400,
        address_city="São Paulo",
        address_line_1="Rua Augusta 1200",
        address_postcode="01304-001",
    )
    usd = world.add_account(user, "svg", "USD", "512.40", created_at=now - 120 * DAY)
    world.add_account(user, "virtual", "USD", "10000.00", created_at=now - 130 * DAY)
    world.add_account(user, "svg", "", 0, created_at=now - 10 * DAY)  # currency not chosen yet
    world.issue_token(TokenKind.API, usd.loginid, ("read", "admin"), display_name="Admin")
    world.issue_token(TokenKind.API, usd.loginid, ("read",), display_name="Read only")
    _connect(world, user, 16929, now - 5 * DAY)
    _connect(world, user, 48790, now - 40 * DAY)
    _history(world, user, now, ("Chrome", "Android"))


def add_user_with_accounts(
    world: World,
    count: int,
    *,
    email: str | None = None,
    password: str = BENCH_PASSWORD,
) -> User:
    """A user with `count` accounts in a mix of currencies (for benchmarks)."""
    if count < 1:
        raise ValueError("a user needs at least one account")
    if email is None:
        email = BENCH_EMAIL
        n = 2
        while world.user_by_email(email) is not None:
            email = f"bench{n}@example.com"
            n += 1
    user = world.add_user(email, password, "Bench", "Runner", "id")
    for _, (company, currency) in zip(range(count), itertools.cycle(_BENCH_MIX), strict=False):
        amount = _BENCH_BALANCE.get(currency, "1000")
        world.add_account(user, company, currency, Decimal(amount))
    return user


def _connect(world: World, user: User, app_id: int, last_used: int | None) -> None:
    """Make an app 'connected' for a user, with live OAuth tokens as after a real sign-in."""
    world.issue_oauth_tokens(user, world.apps[app_id])
    user.consents[app_id] = last_used


def _history(world: World, user: User, now: int, *clients: tuple[str, str]) -> None:
    for age, (browser, os_name) in enumerate(clients, start=1):
        world.record_login(
            user,
            LoginRecord(
                time=now - age * DAY - 3600 * age,
                action="login",
                status=1,
                ip=f"198.51.100.{10 + age}",
                country=user.residence,
                browser=browser,
                os=os_name,
                device="desktop" if os_name in ("Windows", "Linux") else "mobile",
                language="EN",
                app_id=16929,
                brand="deriv",
            ),
        )
    world.record_login(
        user,
        LoginRecord(
            time=now - 3 * 3600,
            action="login",
            status=0,
            ip="198.51.100.99",
            country=user.residence,
            browser="Chrome",
            os="Windows",
            device="desktop",
            language="EN",
            app_id=16929,
            brand="deriv",
        ),
    )
