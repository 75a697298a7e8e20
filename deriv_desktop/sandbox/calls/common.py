"""Small helpers shared by call handlers."""

from __future__ import annotations

from datetime import UTC, datetime

from ..connection import Connection
from ..models import LoginRecord, User


def fmt_time(epoch: int) -> str:
    """Deriv's date-time text, e.g. "2024-05-01 13:45:09" (UTC)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S")


def describe_agent(user_agent: str) -> tuple[str, str, str]:
    """(browser, os, device) guessed from a User-Agent header."""
    ua = user_agent.lower()
    browser = next(
        (
            name
            for key, name in (
                ("edg", "Edge"),
                ("firefox", "Firefox"),
                ("chrome", "Chrome"),
                ("safari", "Safari"),
                ("python", "Python"),
            )
            if key in ua
        ),
        "Unknown",
    )
    os_name = next(
        (
            name
            for key, name in (
                ("android", "Android"),
                ("iphone", "iOS"),
                ("windows", "Windows"),
                ("mac os", "macOS"),
                ("linux", "Linux"),
            )
            if key in ua
        ),
        "Unknown",
    )
    device = "mobile" if os_name in ("Android", "iOS") else "desktop"
    return browser, os_name, device


def login_record(
    now: int,
    user: User,
    *,
    action: str,
    status: int,
    ip: str,
    user_agent: str,
    language: str,
    app_id: int,
    brand: str,
) -> LoginRecord:
    browser, os_name, device = describe_agent(user_agent)
    return LoginRecord(
        time=now,
        action=action,
        status=status,
        ip=ip,
        country=user.residence,
        browser=browser,
        os=os_name,
        device=device,
        language=language,
        app_id=app_id,
        brand=brand,
    )


def connection_login(now: int, user: User, conn: Connection, action: str) -> LoginRecord:
    return login_record(
        now,
        user,
        action=action,
        status=1,
        ip=conn.client_ip,
        user_agent=conn.user_agent,
        language=conn.language,
        app_id=conn.app_id or 0,
        brand=conn.brand,
    )
