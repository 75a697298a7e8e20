"""The single-instance listener over a real local socket: hand-over, acknowledgement, bounds,
and shutting down while another start is still connected (which once crashed the process)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtNetwork import QLocalSocket

from deriv_desktop.gui.single_instance import MAX_MESSAGE, SingleInstance, hand_over

pytestmark = pytest.mark.gui


@pytest.fixture
def scope() -> str:
    return f"test-{secrets.token_hex(8)}"  # a private name, so parallel runs never meet


@pytest.fixture
def listener(qtbot: object, scope: str) -> Iterator[SingleInstance]:
    instance = SingleInstance(scope)
    assert instance.listen()
    yield instance
    if shiboken6.isValid(instance):
        instance.close()


def connect_client(qtbot: object, listener: SingleInstance) -> QLocalSocket:
    client = QLocalSocket()
    client.connectToServer(listener.name)
    assert client.waitForConnected(2000)
    qtbot.waitUntil(lambda: len(listener._buffers) == 1)  # type: ignore[attr-defined]
    return client


def test_a_second_listener_for_the_same_scope_is_refused(listener: SingleInstance,
                                                         scope: str) -> None:
    other = SingleInstance(scope)
    assert not other.listen()
    other.close()


def test_an_oversized_message_is_dropped_unacknowledged(
    qtbot: object, listener: SingleInstance
) -> None:
    got: list[str] = []
    listener.received.connect(got.append)
    client = connect_client(qtbot, listener)
    client.write(b"x" * (MAX_MESSAGE + 10))
    client.flush()
    qtbot.waitUntil(lambda: client.state() != QLocalSocket.LocalSocketState.ConnectedState)  # type: ignore[attr-defined]
    assert got == []
    assert not hand_over("y" * MAX_MESSAGE, scope="never-used")  # refused before sending


def test_closing_with_a_client_still_connected_reaches_no_python_slot(
    qtbot: object, listener: SingleInstance
) -> None:
    """Qt destroys the server's sockets with it; a ``disconnected`` they emit on the way must
    not reach a slot holding the dying socket (pytest-qt fails the test on any exception
    raised in a slot)."""
    client = connect_client(qtbot, listener)
    listener.close()
    listener.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(listener)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState)  # type: ignore[attr-defined]
    client.abort()
