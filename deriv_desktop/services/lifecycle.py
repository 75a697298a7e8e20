"""Ending a session within a ceiling, so quitting the app never hangs on a stuck task.

``SessionService.shutdown`` cancels its background tasks and awaits them. On Python 3.11 a task
can swallow that cancellation (``asyncio.wait_for`` returns its inner result when a cancel
races with it), and then it waits forever. A second cancel is delivered normally, so when the
first shutdown is slow, the remaining tasks are cancelled once more; past the ceiling the
connection is closed directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.services.session import SessionService

log = logging.getLogger(__name__)

PATIENCE = 1.0  # a healthy shutdown is much quicker (cancel tasks, close one socket)
SHUTDOWN_CEILING = 5.0


async def shutdown_session(
    session: SessionService, *, patience: float = PATIENCE, ceiling: float = SHUTDOWN_CEILING
) -> bool:
    """Shut ``session`` down; True if it finished without help."""
    backend = session.backend
    first = asyncio.ensure_future(session.shutdown())
    done, _ = await asyncio.wait({first}, timeout=patience)
    if done:
        first.result()
        return True
    log.warning("the session is slow to stop; cancelling its remaining tasks again")
    second = asyncio.ensure_future(session.shutdown())
    done, pending = await asyncio.wait({first, second}, timeout=ceiling)
    for task in pending:
        task.cancel()
    for task in (first, second):
        with contextlib.suppress(asyncio.CancelledError, DerivError, OSError):
            await task
    if pending and backend is not None:
        log.warning("the session did not stop within %.0f s; closing its connection", ceiling)
        with contextlib.suppress(DerivError, OSError):
            await backend.close()
    return False
