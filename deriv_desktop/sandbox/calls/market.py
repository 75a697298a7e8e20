"""Market data: ticks of the sandbox's synthetic indices (always a stream, as Deriv's)."""

from __future__ import annotations

from ..context import CallContext
from ..errors import ApiError
from ..markets import SYMBOLS, tick


def ticks(ctx: CallContext) -> object:
    raw = ctx.request["ticks"]
    wanted = [str(s) for s in raw] if isinstance(raw, list) else [str(raw)]
    unknown = [s for s in wanted if s not in SYMBOLS]
    if unknown or not wanted:
        raise ApiError("InvalidSymbol", f"Symbol {', '.join(unknown) or '-'} is invalid.")
    subs = [ctx.subscribe("ticks", (code,), symbol=code, msg_type="tick") for code in wanted]
    ctx.subscription_id = subs[0].id  # the reply carries the first symbol's stream
    ctx.core.ticks_wanted()
    return tick(SYMBOLS[wanted[0]], ctx.world.now(), subs[0].id)
