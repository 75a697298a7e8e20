"""Sign-ins as the sandbox's security-checkup users (risky@ and clean@), for the checkup tests
and the screenshots. Everything goes through the real stack over real sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.seed import CLEAN_EMAIL, RISKY_EMAIL
from deriv_desktop.services.checkup import CheckupReport
from deriv_desktop.services.checkup_rules import Finding, FindingKind
from tests.gui.fixtures import Stack, app_stack, signed_in_stack, wait_until

RISKY_INDEX = 2  # the seeded users: amara, luis, risky, clean


def user_index(sb: Sandbox, email: str) -> int:
    return next(i for i, u in enumerate(sb.users) if u.email == email)


@asynccontextmanager
async def risky_stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """risky@ signed in with the sandbox's full-scope account tokens (its three accounts)."""
    async with signed_in_stack(tmp_path, user_index=RISKY_INDEX) as stack:
        assert stack.user.email == RISKY_EMAIL
        yield stack


@asynccontextmanager
async def stack_with_tokens(
    tmp_path: Path, email: str, names: Sequence[tuple[str, str, bool]]
) -> AsyncIterator[Stack]:
    """``email``'s user signed in by pasting the seeded API tokens ``names`` ((name, currency,
    demo?)), as a user would."""
    sb = Sandbox(SandboxConfig(port=0, oauth_port=0))
    async with sb, app_stack(tmp_path, sb, user_index=user_index(sb, email)) as stack:
        values = [token_value(stack, *ref) for ref in names]
        await stack.session.sign_in_with_tokens(values)
        await wait_until(lambda: stack.state.active is not None)
        yield stack


@asynccontextmanager
async def clean_stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """clean@ signed in with its IP-locked "Desktop app" token (Read, Trade, Admin)."""
    async with stack_with_tokens(tmp_path, CLEAN_EMAIL, [("Desktop app", "USD", False)]) as s:
        yield s


def token_value(stack: Stack, name: str, currency: str = "USD", virtual: bool = False) -> str:
    loginid = stack.loginid(currency, virtual=virtual)
    for token in stack.sandbox.state.api_tokens(loginid):
        if token.display_name == name:
            return token.value
    raise KeyError(name)


def token_names(stack: Stack, currency: str = "USD", virtual: bool = False) -> list[str]:
    loginid = stack.loginid(currency, virtual=virtual)
    return [t.display_name for t in stack.sandbox.state.api_tokens(loginid)]


def found(report: CheckupReport, kind: FindingKind) -> list[Finding]:
    return [f for f in report.findings if f.kind is kind]


def subjects(report: CheckupReport, kind: FindingKind) -> list[str]:
    return sorted(f.subject for f in found(report, kind))


def one(report: CheckupReport, kind: FindingKind, subject: str) -> Finding:
    (finding,) = [f for f in found(report, kind) if f.subject == subject]
    return finding


def requests(stack: Stack) -> int:
    """The token and app list requests the sandbox has answered so far."""
    counted = stack.sandbox.stats.requests
    return counted["api_token"] + counted["oauth_apps"]
