"""Building blocks of the sign-in window: its look (one accent colour, link-like buttons),
a section that opens and closes, a page switcher sized by the shown page, and the Quit keys.

What the window's first frame shows is built without reading ``Qt`` (see ``lazy_qt``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from deriv_desktop.gui.lazy_qt import Qt, set_enum
from deriv_desktop.gui.strings import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QKeySequence

ACCENT = "#ff444f"
CONTENT_WIDTH = 464

WINDOW_STYLE = f"""
QPushButton#primaryButton {{
    background-color: {ACCENT}; color: white; border: 2px solid {ACCENT};
    border-radius: 7px; padding: 9px 20px; font-weight: 600;
}}
QPushButton#primaryButton:hover {{ background-color: #eb3d48; border-color: #eb3d48; }}
QPushButton#primaryButton:pressed {{ background-color: #d1343f; border-color: #d1343f; }}
QPushButton#primaryButton:focus {{ border-color: #a3141f; }}
QPushButton#primaryButton:disabled {{ background-color: #f4a9ae; border-color: #f4a9ae; }}
QLabel#logo {{
    background-color: {ACCENT}; color: white; border-radius: 10px; font-weight: 700;
}}
QProgressBar#countdownBar {{ border: none; border-radius: 2px; background: rgba(0,0,0,28); }}
QProgressBar#countdownBar::chunk {{ border-radius: 2px; background: {ACCENT}; }}
"""


LINK_STYLE = """
QPushButton { border: none; padding: 3px 4px; color: palette(link); text-decoration: underline; }
QPushButton:hover { color: palette(highlight); }
QPushButton:focus { background: palette(midlight); border-radius: 4px; }
QPushButton:disabled { color: palette(mid); text-decoration: none; }
"""


def link_button(button: QPushButton, *, hand_cursor: bool = True) -> QPushButton:
    """Make ``button`` look like a link (still a button: Tab, Space and Enter work).

    The pointing-hand cursor needs ``Qt``; a first frame leaves it for later
    (``hand_cursor=False``, then :func:`point_with_hand`)."""
    button.setStyleSheet(LINK_STYLE)
    if hand_cursor:
        point_with_hand(button)
    return button


def point_with_hand(widget: QWidget) -> None:
    widget.setCursor(Qt.CursorShape.PointingHandCursor)


def scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    out = QFont(font)
    out.setPointSizeF(font.pointSizeF() * factor)
    if weight is not None:
        out.setWeight(weight)
    return out


def muted(label: QLabel) -> QLabel:
    palette = label.palette()
    color = palette.color(palette.ColorRole.WindowText)
    color.setAlpha(170)
    palette.setColor(palette.ColorRole.WindowText, color)
    label.setPalette(palette)
    return label


def quit_keys() -> list[QKeySequence]:
    """The platform's Quit keys, or Ctrl+Q where the platform names none (offscreen)."""
    from PySide6.QtGui import QKeySequence  # its enums are not needed before the first frame

    return QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]


class Section(QWidget):
    """A titled part of the window that opens and closes (the API-token route).

    Closed, it shows only its title, so a first frame can show it before its body exists:
    :meth:`set_body` adds the body, and the section opens only once it has one.
    """

    toggled = Signal(bool)

    def __init__(
        self, title: str, body: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._open = False
        self.button = QToolButton(self)
        self.button.setText(title)
        self.button.setAutoRaise(True)
        set_enum(self.button, "toolButtonStyle", "ToolButtonTextBesideIcon")
        set_enum(self.button, "arrowType", "RightArrow")
        set_enum(self.button, "focusPolicy", "StrongFocus")
        self.body: QWidget | None = None
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.button)
        header.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addLayout(header)
        self.button.clicked.connect(lambda: self.set_open(not self._open))
        if body is not None:
            self.set_body(body)

    def set_body(self, body: QWidget) -> None:
        if self.body is not None:
            raise RuntimeError("this section has a body already")
        self.body = body
        body.setParent(self)
        body.setVisible(self._open)
        self._layout.addWidget(body)

    @property
    def is_open(self) -> bool:
        return self._open

    def set_title(self, title: str) -> None:
        if not self.window().isVisible():  # the first frame: lettered when shown
            self.button.setText(title)
            return
        from deriv_desktop.gui.mnemonics import set_keyed_text

        set_keyed_text(self.button, title)

    def set_open(self, open_: bool) -> None:
        if open_ == self._open or self.body is None:
            return
        self._open = open_
        self.button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.button.setAccessibleDescription(
            tr("SignInWindow", "expanded") if open_ else tr("SignInWindow", "collapsed")
        )
        self.body.setVisible(open_)
        self.toggled.emit(open_)


class Pages(QWidget):
    """One page at a time, sized by the page that is shown.

    ``QStackedWidget`` asks every page for its height-for-width (word-wrapped labels have one),
    so a short page would get the tallest page's height; hidden pages in a box layout do not
    count at all.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self.setProperty("mnemonicPages", True)  # gui.mnemonics.PAGES: pages share letters
        self._current = -1
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def add(self, page: QWidget) -> int:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(len(self._pages) == 1)
        if self._current < 0:
            self._current = 0
        return len(self._pages) - 1

    def count(self) -> int:
        return len(self._pages)

    def current_index(self) -> int:
        return self._current

    def set_current(self, index: int) -> None:
        self._current = index
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)

    def current(self) -> QWidget:
        return self._pages[self._current]
