"""What the screenshot tools share: letting the qasync loop lay out and paint before a grab.

Never ``processEvents()`` inside a coroutine: under qasync it runs other tasks' wake-ups while
this task is still executing ("Cannot enter into task"), which once killed the sandbox's
connection handler mid-run and left a screenshot child waiting for ever.
"""

from __future__ import annotations

import asyncio


async def settle(rounds: int = 5, pause: float = 0.04) -> None:
    """Give Qt's layouts and paints a few turns of the loop (a screenshot tool, not a test)."""
    for _ in range(rounds):
        await asyncio.sleep(pause)
