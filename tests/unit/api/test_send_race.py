"""A link that dies while a request is being written must not leave an unread error behind.

The reader fails every pending request (``ConnectionLost``) when the socket closes; if that
happens while ``send`` is still writing the request, ``send`` then raises ``ConnectionClosed``
and nobody awaits the request's future. asyncio reports such a future as "exception was never
retrieved" when it is collected, which the suite treats as an unhandled background error.
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.frames import Close

from deriv_desktop.api.legacy.client import DerivClient
from deriv_desktop.domain.errors import ConnectionLost


class DyingSocket:
    """``send`` sees the link die: the client fails its pending requests, then send raises."""

    def __init__(self, client: DerivClient) -> None:
        self.client = client

    async def send(self, _data: Any) -> None:
        self.client._fail_pending(ConnectionLost("The connection dropped."))
        raise ConnectionClosed(Close(1006, ""), None)


async def test_a_request_whose_link_dies_mid_send_leaves_no_unread_error() -> None:
    loop = asyncio.get_running_loop()
    reported: list[dict[str, Any]] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    try:
        client = DerivClient("ws://127.0.0.1:9/websockets/v3")
        with pytest.raises(ConnectionLost):
            await client._roundtrip(DyingSocket(client), {"ping": 1}, 5.0)  # type: ignore[arg-type]
        gc.collect()  # an unread future reports its exception when it is collected
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(previous)
    assert not [c for c in reported if "never retrieved" in str(c.get("message"))]
