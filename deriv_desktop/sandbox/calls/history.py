"""The account's history: statement (from its balance moves)."""

from __future__ import annotations

from .. import history
from ..context import CallContext


def statement(ctx: CallContext) -> object:
    account = ctx.need_account()
    return history.statement(ctx.world.ledger, account.loginid, ctx.request)
