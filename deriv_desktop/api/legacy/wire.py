"""A websockets connection that hands each complete text message straight to the client.

The stock connection queues incoming messages for a reader task, which then resolves the waiting
request: two scheduling hops per reply. Dispatching from the protocol callback saves one. On a
qasync loop every hop is a Qt timer event, so this is the difference between about 0.7x and
parity with a bare websockets client (bench/client_roundtrips.py). Fragmented and binary
messages still take the normal path, which the reader task keeps draining.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection
from websockets.frames import CloseCode, Frame, Opcode
from websockets.protocol import Event

log = logging.getLogger(__name__)


class DispatchingConnection(ClientConnection):
    on_text: Callable[[str], None] | None = None
    _in_fragmented_message = False

    def process_event(self, event: Event) -> None:
        handler = self.on_text
        if handler is not None and self.response is not None and isinstance(event, Frame):
            if (
                not self._in_fragmented_message
                and event.opcode is Opcode.TEXT
                and event.fin
            ):
                try:
                    text = bytes(event.data).decode("utf-8")
                except UnicodeDecodeError:
                    self.protocol.fail(CloseCode.INVALID_DATA, "invalid UTF-8")
                    return
                try:
                    handler(text)
                except Exception:
                    log.exception("message dispatch failed")
                return
            if event.opcode in (Opcode.TEXT, Opcode.BINARY):
                self._in_fragmented_message = not event.fin
            elif event.opcode is Opcode.CONT and event.fin:
                self._in_fragmented_message = False
        super().process_event(event)
