"""Start-up: options and settings in, the sign-in window painted, then the rest of the app.

``main`` parses the command line, hands a ``derivdesktop://`` callback (or a plain "activate")
to an instance that is already running and exits, sets up logging and Qt, and paints the
sign-in window before anything heavy is imported: asyncio, qasync, the transports, the loopback
handler and the keyring load after that first frame, with the services of
:mod:`deriv_desktop.controller`, which then takes the window over (bench/cold_start.py measures
this). Only Qt, the settings file and the module-level code of the sign-in window run first.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Callable, Mapping
from types import TracebackType

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from deriv_desktop import __version__
from deriv_desktop.gui.i18n import install_language
from deriv_desktop.gui.single_instance import ACTIVATE, REFUSED, hand_over, refusal
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.views.first_frame import FirstFrame
from deriv_desktop.logging_setup import log_dir, setup_logging
from deriv_desktop.options import Options, parse
from deriv_desktop.services.api_kinds import API_KINDS, api_kind
from deriv_desktop.services.profile import (
    SANDBOX_SERVER,
    ConnectionProfile,
)
from deriv_desktop.storage.settings import Settings, SettingsFile

log = logging.getLogger("deriv_desktop.app")

APP_NAME = "deriv-desktop"
DISPLAY_NAME = "Deriv Desktop"
DESKTOP_FILE = "deriv-desktop"  # the installed .desktop file's id, without ".desktop"
FIRST_FRAME_TIMEOUT_MS = 2000  # no frame (no display, minimised): carry on regardless


# ---------------------------------------------------------------------------------- profile
def effective_profile(
    settings: Settings, options: Options
) -> tuple[ConnectionProfile, tuple[str, ...]]:
    """The saved profile with this run's command-line overrides, and the names of the fields
    the command line set (the Settings page says so)."""
    profile = ConnectionProfile.from_settings(settings)
    changes: dict[str, str] = {}
    if options.sandbox:
        changes["server"] = SANDBOX_SERVER
    elif options.server:
        changes["server"] = options.server
    if options.oauth_url:
        changes["oauth_url"] = options.oauth_url
    if options.api:
        changes["api"] = options.api
    if options.app_id:
        changes[api_kind(options.api or profile.api).app_id_field] = options.app_id
    if options.relay_url:
        changes["relay_url"] = options.relay_url
    if options.redirect_uri:
        changes["redirect_uri"] = options.redirect_uri
    if options.language:
        changes["language"] = options.language
    profile = profile.evolve(**changes)
    if profile.is_sandbox:  # each API's app id defaults to the one the sandbox registers
        for kind in API_KINDS:
            app_id, returns_to = profile.api_values(kind)
            if not app_id:
                profile = profile.with_api_values(kind, kind.sandbox_app_id, returns_to)
    return profile, tuple(changes)


# ---------------------------------------------------------------------------------- errors
_error_boxes: list[QWidget] = []


def _show_error(kind: str) -> None:
    if QApplication.instance() is None:
        return
    from PySide6.QtCore import Qt  # not before the first frame (see gui/lazy_qt.py)
    from PySide6.QtWidgets import QMessageBox

    text = tr(
        "App",
        "Something unexpected went wrong (%1). Deriv Desktop keeps running; the details are in "
        "the log in %2.",
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("App", "Deriv Desktop"),
        text.replace("%1", kind).replace("%2", str(log_dir())),
    )
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _error_boxes.append(box)
    box.finished.connect(lambda _code, b=box: _error_boxes.remove(b) if b in _error_boxes else None)
    box.show()


def install_excepthook() -> Callable[[], None]:
    """Log uncaught exceptions (through the redacting handlers) and show a non-modal note.

    Returns a function that restores the previous hook.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        log.critical("unhandled exception", exc_info=(kind, value, tb))
        with contextlib.suppress(Exception):
            _show_error(kind.__name__)

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore


# ---------------------------------------------------------------------------------- Qt messages
_qt_log = logging.getLogger("deriv_desktop.qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own messages (which may quote a URL) go through logging and its redacting filter."""
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_qt_message)


# ---------------------------------------------------------------------------------- first frame
class _FrameWatch(QObject):
    """Ends ``loop`` once ``window`` has painted and that frame has been flushed (the event
    after the first Paint), or after ``FIRST_FRAME_TIMEOUT_MS``."""

    def __init__(self, window: QWidget, loop: QEventLoop) -> None:
        super().__init__(window)
        self._loop = loop
        self._painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._loop.quit)
        return False


def paint_first(window: QWidget) -> None:
    """Show ``window`` and return once its first frame is on screen.

    Runs a local Qt event loop (before any asyncio loop exists), so the user sees the window
    while the rest of the app is imported; input that arrives meanwhile waits in the queue.
    """
    loop = QEventLoop()
    watch = _FrameWatch(window, loop)
    QTimer.singleShot(FIRST_FRAME_TIMEOUT_MS, loop.quit)
    window.show()
    loop.exec()
    window.removeEventFilter(watch)
    watch.deleteLater()


# ---------------------------------------------------------------------------------- main
def _qt_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    return app


def _install_language(app: QApplication, language: str) -> None:
    installed = install_language(app, language)
    log.info("interface language: %s", installed.language)


# ---------------------------------------------------------------------------------- no display
NO_DISPLAY_EXIT = 2
_NO_DISPLAY = {
    "en": "Deriv Desktop needs a graphical session (no display was found). "
    "To check an installation without one, run: deriv-desktop --self-test",
    "fr": "Deriv Desktop a besoin d'une session graphique (aucun écran n'a été trouvé). "
    "Pour vérifier une installation sans écran, lancez : deriv-desktop --self-test",
}


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """On Linux, Qt aborts the process (with a misleading hint about xcb libraries) when no X
    or Wayland display is there and no other platform was asked for; tell the user instead."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    if options.self_test:
        from deriv_desktop import selftest

        return selftest.run()
    if missing_display(os.environ):
        language = options.language or (
            "fr" if os.environ.get("LANG", "").startswith("fr") else "en"
        )
        print(_NO_DISPLAY.get(language, _NO_DISPLAY["en"]), file=sys.stderr)
        return NO_DISPLAY_EXIT
    setup_logging(logging.DEBUG if options.debug else logging.INFO)
    route_qt_messages()
    settings_file = SettingsFile()
    settings = settings_file.load_sync()  # before any loop runs: nothing to block yet
    profile, overridden = effective_profile(settings, options)
    if missing_display(os.environ):
        print(_NO_DISPLAY.get(profile.language, _NO_DISPLAY["en"]), file=sys.stderr)
        return NO_DISPLAY_EXIT
    app = _qt_app()
    callback_url = options.callback_url
    if callback_url is not None and refusal(callback_url) is not None:
        # Never a second instance for an address the hand-over refuses: the running window
        # (or this one, when none runs) says it was not used.
        log.warning("refused a handed-over address (%s)", refusal(callback_url))
        callback_url = REFUSED
    if hand_over(callback_url or ACTIVATE, scope=profile.scope):
        log.info("handed over to the running instance")
        return 0
    restore_hook = install_excepthook()
    try:
        _install_language(app, profile.language)
        frame = FirstFrame(profile, overridden=overridden)
        paint_first(frame)
        gc.freeze()  # what start-up built lives on: later collections need not walk it
        if not frame.isVisible():  # closed before the rest had even loaded
            return 0

        from deriv_desktop import loop
        from deriv_desktop.controller import AppController

        controller = AppController(
            settings=settings,
            settings_file=settings_file,
            profile=profile,
            overridden=overridden,
            callback_url=callback_url,
            set_language=lambda language: _install_language(app, language),
            first_frame=frame,
        )
        return loop.run(app, controller.run)
    finally:
        restore_hook()
