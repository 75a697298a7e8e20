"""A websockets connection tuned for many small request/reply messages.

Three things differ from the stock ``ClientConnection``; none changes what goes on the wire,
only when and in how many ``write`` calls:

* **Dispatch from the protocol callback.** The stock connection queues incoming messages for a
  reader task, which then resolves the waiting request: two scheduling hops per reply.
  Handing each complete text message straight to ``on_text`` saves one. On a qasync loop every
  hop is a Qt timer event, so this is the difference between about 0.7x and parity with a bare
  websockets client (bench/client_roundtrips.py). Fragmented and binary messages still take the
  normal path, which the reader task keeps draining.
* **Send without awaiting when nothing can block.** ``send()`` wraps every frame in an async
  context manager and a ``drain()``; ``try_send_text`` writes the frame directly while the link
  is open and the transport is not paused, and says so. Otherwise the caller uses ``send()``.
  Without extensions (compression) it also frames the message itself: the same bytes
  websockets would produce, but masking keys come from a pool filled by ``os.urandom`` 4 KiB at
  a time instead of one ``getrandom`` system call per frame.
* **Coalesce the writes of one burst.** When one read answered several waiting requests, the
  callers they wake run in the next loop pass and each sends its next request. The frames they
  write are held until that pass ends (a callback queued after the wake-ups) and go out in one
  ``write``: one system call instead of one per request, and fewer, fuller TCP segments for
  the server to read. A reply that wakes a single caller holds nothing back, so a lone request
  never waits; stream pushes do not cork either (``MAX_CORKED`` bounds a burst).
"""

from __future__ import annotations

import logging
import os
import struct
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection
from websockets.frames import CloseCode, Frame, Opcode
from websockets.protocol import Event, State

try:
    from websockets.speedups import apply_mask
except ImportError:  # pragma: no cover - websockets built without its C extension
    from websockets.utils import apply_mask

log = logging.getLogger(__name__)

OPEN = State.OPEN
TEXT = Opcode.TEXT
MAX_CORKED = 64 * 1024  # bytes held back at most before they are written anyway
MASK_POOL = 4096  # bytes of masking keys fetched from the OS at a time (1,024 frames)
_FIN_TEXT = 0x80 | TEXT.value
_MASKED = 0x80


def text_frame(data: bytes, mask: bytes) -> bytes:
    """One final, masked text frame (RFC 6455 section 5.2), as a client must send it."""
    length = len(data)
    if length < 126:
        head = bytes((_FIN_TEXT, _MASKED | length))
    elif length < 65536:
        head = struct.pack("!BBH", _FIN_TEXT, _MASKED | 126, length)
    else:
        head = struct.pack("!BBQ", _FIN_TEXT, _MASKED | 127, length)
    return head + mask + apply_mask(data, mask)


class DispatchingConnection(ClientConnection):
    on_text: Callable[[str], bool] | None = None  # True: the message woke a waiting caller
    _in_fragmented_message = False
    _woken = 0
    _corked = False
    _outbox: list[bytes] | None = None
    _outbox_size = 0
    _masks = b""
    _mask_at = 0

    # ------------------------------------------------------------------ receiving
    def data_received(self, data: bytes) -> None:
        self._woken = 0
        super().data_received(data)
        if self._woken > 1 and not self._corked:
            # Queued after the wake-ups of the callers just answered, so it runs once they
            # have sent their next requests.
            self._corked = True
            self.loop.call_soon(self._uncork)

    def process_event(self, event: Event) -> None:
        handler = self.on_text
        if handler is not None and self.response is not None and isinstance(event, Frame):
            if not self._in_fragmented_message and event.opcode is TEXT and event.fin:
                try:
                    text = str(event.data, "utf-8")
                except UnicodeDecodeError:
                    self.protocol.fail(CloseCode.INVALID_DATA, "invalid UTF-8")
                    return
                try:
                    if handler(text):
                        self._woken += 1
                except Exception:
                    log.exception("message dispatch failed")
                return
            if event.opcode in (Opcode.TEXT, Opcode.BINARY):
                self._in_fragmented_message = not event.fin
            elif event.opcode is Opcode.CONT and event.fin:
                self._in_fragmented_message = False
        super().process_event(event)

    # ------------------------------------------------------------------ sending
    def try_send_text(self, data: bytes) -> bool:
        """Send one UTF-8 text frame now if that cannot block; False means use ``send()``.

        Our client never sends fragmented messages, so no fragmented send can be in progress.
        A write error aborts the link: the request then fails as a dropped connection.
        """
        protocol = self.protocol
        if protocol.state is not OPEN or self.paused or self.transport.is_closing():
            return False
        if protocol.extensions or protocol.expect_continuation_frame or protocol.writes:
            protocol.send_text(data)  # websockets' own framing (compression, ordering)
            self._write_pending()
            return True
        at = self._mask_at
        if at >= len(self._masks):
            self._masks = os.urandom(MASK_POOL)
            at = 0
        self._mask_at = at + 4
        frame = text_frame(data, self._masks[at : at + 4])
        if self._corked:
            outbox = self._outbox
            if outbox is None:
                outbox = self._outbox = []
            outbox.append(frame)
            self._outbox_size += len(frame)
            if self._outbox_size >= MAX_CORKED:
                self._flush()
            return True
        try:
            self.transport.write(frame)
        except Exception as exc:
            self._write_failed(exc)
        return True

    def _write_pending(self) -> None:
        try:
            self.send_data()
        except Exception as exc:
            self._write_failed(exc)

    def _write_failed(self, exc: Exception) -> None:
        # As websockets does when a write fails in send(): keep the cause, drop the link.
        self.set_connection_exc(exc)
        self.transport.abort()

    def send_data(self) -> None:
        if self._corked:
            if self.protocol.state is OPEN:
                outbox = self._outbox
                if outbox is None:
                    outbox = self._outbox = []
                for data in self.protocol.data_to_send():
                    outbox.append(data)
                    self._outbox_size += len(data)
                if self._outbox_size >= MAX_CORKED:
                    self._flush()  # lets flow control see the data and pause senders
                return
            self._uncork()  # closing: keep the order, then the stock handling of EOF
        super().send_data()

    def _uncork(self) -> None:
        if self._corked:
            self._corked = False
            self._flush()

    def _flush(self) -> None:
        outbox = self._outbox
        if not outbox:
            return
        data = outbox[0] if len(outbox) == 1 else b"".join(outbox)
        outbox.clear()
        self._outbox_size = 0
        try:
            self.transport.write(data)
        except Exception as exc:
            self._write_failed(exc)
