"""Faults on the sandbox's live streams, injected at a chosen moment.

The sandbox has run-time switches for dropped links and failing calls (``sb.faults``) but not
yet for its streams, so these helpers reach its engine: they push what Deriv's server would
push on the streams it holds (an unreadable message, an error that ends the stream). Each
returns how many streams it touched, so a test can check it hit something.
"""

from __future__ import annotations

from deriv_desktop.sandbox import Sandbox
from deriv_desktop.sandbox.core import Core
from deriv_desktop.sandbox.subscriptions import Subscription


def _core(sb: Sandbox) -> Core:
    core = sb._core  # the engine behind the sockets (no public hook yet)
    assert isinstance(core, Core)
    return core


def streams(sb: Sandbox, kind: str) -> list[Subscription]:
    """The live streams of this call (``balance``, ``exchange_rates``...) on the sandbox."""
    return list(_core(sb).subs.of_kind(kind))


def push_malformed(sb: Sandbox, kind: str, payload: object = "not a balance") -> int:
    """Push a message whose payload is of the wrong type on every ``kind`` stream."""
    core = _core(sb)
    subs = streams(sb, kind)
    for sub in subs:
        core.push(sub, payload)
    return len(subs)


def end_with_error(sb: Sandbox, kind: str, code: str = "WrongResponse") -> int:
    """End every ``kind`` stream with an error, as Deriv does when it gives up on one."""
    core = _core(sb)
    subs = streams(sb, kind)
    for sub in subs:
        core.push_error(sub, code, "Sorry, an error occurred while processing your request.")
        core.subs.remove(sub)
    return len(subs)
