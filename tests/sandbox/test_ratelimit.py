"""Deriv's counting rules on a fake clock: fixed windows opened by the first call, separate
buckets per service, refused calls counted, the per-connection ping/time second."""

from __future__ import annotations

from deriv_desktop.sandbox.config import RateLimits
from deriv_desktop.sandbox.ratelimit import RateLimiter, service_for


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_minute_window_opens_with_its_first_call_and_then_expires() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimits(general_minutely=2, general_hourly=6), clock)
    assert [limiter.allow("k", "website_status") for _ in range(3)] == [True, True, False]
    clock.now += 59.9
    assert not limiter.allow("k", "website_status")  # still the same window (refusals count)
    clock.now += 0.1
    assert limiter.allow("k", "website_status") and limiter.allow("k", "website_status")
    clock.now += 60
    assert not limiter.allow("k", "website_status")  # 7th this hour: the hourly budget is spent
    assert limiter.allow("other client", "website_status")


def test_buckets_are_separate() -> None:
    limiter = RateLimiter(RateLimits(general_minutely=1, outcome_minutely=1), Clock())
    assert [service_for(c) for c in ("ping", "profit_table", "balance", "oauth_apps")] == [
        "general_connection_limit",
        "websocket_call_expensive",
        "trading_platform",
        "websocket_call",
    ]
    assert limiter.allow("k", "oauth_apps") and limiter.allow("k", "balance")
    assert limiter.allow("k", "profit_table") and not limiter.allow("k", "portfolio")


def test_ping_and_time_share_one_second_per_connection() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimits(connection_per_second=3), clock)
    assert [limiter.allow_on_connection(1) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow_on_connection(2)
    clock.now += 1.0
    assert limiter.allow_on_connection(1)
