"""The single-instance listener over a real local socket: hand-over, acknowledgement, bounds,
and shutting down while another start is still connected (which once crashed the process)."""

from __future__ import annotations

import os
import secrets
import socket
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtNetwork import QLocalSocket

from deriv_desktop.gui.single_instance import MAX_MESSAGE, SingleInstance, hand_over, server_name

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


def test_a_second_listener_for_the_same_scope_is_refused(
    listener: SingleInstance, scope: str
) -> None:
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


def test_a_later_start_hands_its_line_over_and_is_acknowledged(
    qtbot: object, listener: SingleInstance, scope: str
) -> None:
    """The client a second start uses (outside Windows: a plain Unix socket, no QtNetwork) runs
    in a thread here, since it blocks until this thread's listener answers."""
    got: list[str] = []
    listener.received.connect(got.append)
    answers: list[bool] = []
    sender = threading.Thread(
        target=lambda: answers.append(hand_over("derivdesktop://oauth/callback?x=1", scope=scope))
    )
    sender.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)  # type: ignore[attr-defined]
    sender.join()
    assert answers == [True]
    assert got == ["derivdesktop://oauth/callback?x=1"]


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows")
def test_the_listener_lives_in_the_users_runtime_directory(
    listener: SingleInstance, scope: str
) -> None:
    assert server_name(scope) == listener.name
    assert Path(listener.name).parent == Path(os.environ["XDG_RUNTIME_DIR"])
    assert stat.S_ISSOCK(os.stat(listener.name).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows")
def test_a_callback_url_never_goes_to_a_socket_another_user_owns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scope: str
) -> None:
    """In a shared temporary directory anyone may create a file at the predictable path."""
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    path = Path(server_name(scope))
    assert path.parent == tmp_path
    path.write_text("not a socket")
    assert not hand_over("derivdesktop://oauth/callback?token1=secret", scope=scope)
    path.unlink()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as ours:  # a link, even to ours
        ours.bind(str(tmp_path / "elsewhere"))
        ours.listen(1)
        path.symlink_to(tmp_path / "elsewhere")
        assert not hand_over("derivdesktop://oauth/callback?token1=secret", scope=scope)
        ours.setblocking(False)
        with pytest.raises(BlockingIOError):
            ours.accept()
        path.unlink()
    if os.getuid() != 0:
        pytest.skip("only root can make a socket that belongs to another user")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as squatter:
        squatter.bind(str(path))
        squatter.listen(1)
        os.chown(path, 65534, 65534)  # nobody
        assert not hand_over("derivdesktop://oauth/callback?token1=secret", scope=scope)
        squatter.setblocking(False)
        with pytest.raises(BlockingIOError):
            squatter.accept()  # nobody connected


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows")
def test_a_taken_socket_path_gets_a_private_fallback_that_later_starts_find(
    qtbot: object, scope: str
) -> None:
    """Something not ours (here a directory, which Qt cannot remove) at the usual path: the
    first instance still listens, in a directory only this user may enter, and a later start's
    hand-over reaches it there."""
    usual = Path(server_name(scope))
    usual.mkdir()
    instance = SingleInstance(scope)
    try:
        assert instance.listen()
        assert instance.name != str(usual) and usual.is_dir()
        private = Path(instance.name).parent
        assert private.stat().st_uid == os.getuid()
        assert stat.S_IMODE(private.stat().st_mode) & 0o077 == 0
        got: list[str] = []
        instance.received.connect(got.append)
        answers: list[bool] = []
        sender = threading.Thread(
            target=lambda: answers.append(
                hand_over("derivdesktop://oauth/callback?x=2", scope=scope)
            )
        )
        sender.start()
        qtbot.waitUntil(lambda: bool(answers), timeout=5000)  # type: ignore[attr-defined]
        sender.join()
        assert answers == [True] and got == ["derivdesktop://oauth/callback?x=2"]
        assert not SingleInstance(scope).listen(), "a second listener finds the first one"
    finally:
        instance.close()
        usual.rmdir()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows")
def test_another_users_live_socket_at_the_usual_path_is_not_taken_for_ours(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scope: str
) -> None:
    if os.getuid() != 0:
        pytest.skip("only root can make a socket that belongs to another user")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    path = Path(server_name(scope))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as squatter:
        squatter.bind(str(path))
        squatter.listen(4)
        os.chown(path, 65534, 65534)  # nobody
        instance = SingleInstance(scope)
        try:
            assert instance.listen(), "a squatter must not leave the app without a listener"
            assert instance.name != str(path)
            got: list[str] = []
            instance.received.connect(got.append)
            answers: list[bool] = []
            sender = threading.Thread(
                target=lambda: answers.append(hand_over("activate", scope=scope))
            )
            sender.start()
            qtbot.waitUntil(lambda: bool(answers), timeout=5000)  # type: ignore[attr-defined]
            sender.join()
            assert answers == [True] and got == ["activate"]
        finally:
            instance.close()
        squatter.setblocking(False)
        with pytest.raises(BlockingIOError):
            squatter.accept()  # the squatter got nothing
