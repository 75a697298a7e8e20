"""The first frame: the sign-in window's start page, painted before the rest of the app loads.

``app.main`` shows a :class:`FirstFrame` as soon as Qt and the settings are up, then imports
asyncio, qasync, the transports and the services. The full :class:`SignInWindow` (a subclass:
the same header, start page and footer, plus the other pages and the behaviour) replaces it at
the same place once its login service exists, so nothing the user saw changes. Until then the
frame only looks ready: its buttons are connected to nothing, so a click in that moment does
nothing rather than being queued, and closing it quits the app.

Built without reading PySide6's ``Qt`` namespace (about 90 Python enums, 22 ms: see
``gui/lazy_qt.py``); ``tests/gui/test_first_frame.py`` checks that at the painted frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui.lazy_qt import set_enum
from deriv_desktop.gui.profile_words import api_texts, language_names, server_kind_label
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.sign_in_parts import (
    CONTENT_WIDTH,
    WINDOW_STYLE,
    Pages,
    Section,
    link_button,
    muted,
    scaled,
)
from deriv_desktop.services.profile import ConnectionProfile

if TYPE_CHECKING:  # loading a PySide6 class costs time before the first frame
    from PySide6.QtGui import QCloseEvent


class FirstFrame(QWidget):
    """Header, "Log in with Deriv" with its hint, the token section's title and the footer,
    worded for ``profile``. Emits ``quitRequested`` when the user closes it."""

    quitRequested = Signal()

    def __init__(
        self,
        profile: ConnectionProfile,
        *,
        overridden: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInWindow")
        self.setWindowTitle(tr("SignInWindow", "Sign in — Deriv Desktop"))
        self.setStyleSheet(WINDOW_STYLE)
        self._profile = profile
        self._closing_quietly = False

        self.stack = Pages(self)
        self.stack.setMinimumWidth(CONTENT_WIDTH)
        self.stack.add(self._build_start_page())
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(14)
        # The window is exactly as tall as what it shows: pages and sections change its size.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(self._build_header())
        layout.addWidget(self.stack)
        self.footer_line = QFrame(self)
        self.footer_line.setFrameShape(QFrame.Shape.HLine)
        self.footer_line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(self.footer_line)
        layout.addLayout(self._build_footer())
        self._refresh_summary()
        self._describe_routes(profile, browser_route=True)

    # ------------------------------------------------------------------ construction
    def _build_header(self) -> QHBoxLayout:
        self.logo = QLabel("d", self)
        self.logo.setObjectName("logo")
        self.logo.setFixedSize(QSize(44, 44))
        set_enum(self.logo, "alignment", "AlignCenter")
        self.logo.setFont(scaled(self.font(), 1.6, QFont.Weight.Bold))
        self.logo.setAccessibleName(tr("SignInWindow", "Deriv Desktop logo"))
        self.title = QLabel(tr("SignInWindow", "Deriv Desktop"), self)
        self.title.setFont(scaled(self.font(), 1.55, QFont.Weight.DemiBold))
        self.subtitle = muted(
            QLabel(tr("SignInWindow", "Sign in to see every Deriv account with live balances."))
        )
        self.subtitle.setParent(self)
        self.subtitle.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.subtitle)
        logo_column = QVBoxLayout()  # the logo stays at the top when the subtitle wraps
        logo_column.addWidget(self.logo)
        logo_column.addStretch(1)
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addLayout(logo_column)
        header.addLayout(text, 1)
        return header

    def _build_start_page(self) -> QWidget:
        page = QWidget(self)
        self.login_button = QPushButton(tr("SignInWindow", "&Log in with Deriv"), page)
        self.login_button.setObjectName("primaryButton")
        self.login_button.setMinimumHeight(46)
        self.login_button.setFont(scaled(self.font(), 1.08, QFont.Weight.DemiBold))
        self.login_button.setAutoDefault(True)
        self.login_hint = muted(QLabel(page))  # its text follows the API (_apply_api)
        self.login_hint.setWordWrap(True)
        self.restore_button = QPushButton(tr("SignInWindow", "&Restore saved sign-in"), page)
        self.restore_button.hide()
        # Its body, the token panel, comes with the sign-in window.
        self.token_section = Section(tr("SignInWindow", "Use an &API token instead"), None, page)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.login_button)
        layout.addWidget(self.login_hint)
        layout.addWidget(self.restore_button)
        layout.addSpacing(6)
        layout.addWidget(self.token_section)
        return page

    def _build_footer(self) -> QHBoxLayout:
        self.settings_button = link_button(
            QPushButton(tr("SignInWindow", "Se&ttings…"), self), hand_cursor=False
        )
        self.settings_summary = muted(QLabel(self))  # a label's policy: Preferred both ways
        footer = QHBoxLayout()
        footer.setSpacing(10)
        footer.addWidget(self.settings_button)
        footer.addWidget(self.settings_summary, 1)
        return footer

    # ------------------------------------------------------------------ words
    def _describe_routes(
        self, profile: ConnectionProfile, *, browser_route: bool, idle: bool = True
    ) -> None:
        """Word the start page for ``profile``'s API: the token section's title, the "Log in"
        button's state and the hint under it."""
        texts = api_texts(profile.api_kind)
        self.token_section.set_title(texts.token_section)
        self._browser_route = browser_route
        self.login_button.setEnabled(browser_route and idle)
        self.login_hint.setText(texts.login_hint if browser_route else texts.login_off_hint)

    def _refresh_summary(self) -> None:
        profile = self._profile
        names = dict(language_names())
        kind = profile.kind
        # Plain words only: the address and the app id are in Settings and About.
        parts = [server_kind_label(kind)]
        if api_texts(profile.api_kind).summary:
            parts.append(api_texts(profile.api_kind).summary)
        parts.append(names.get(profile.language, profile.language))
        self.settings_summary.setText(" · ".join(parts))

    # ------------------------------------------------------------------ closing
    def close_quietly(self) -> None:
        """Close without asking the app to quit (it is being replaced, or shutting down)."""
        self._closing_quietly = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if not self._closing_quietly:
            self.quitRequested.emit()


__all__ = ["FirstFrame"]
