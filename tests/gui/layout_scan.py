"""What the layout guard looks for in one laid-out window: text that does not fit its widget,
widgets cut off by their parents or lying on each other, a window larger than its screen, and a
window that scrolls its page while the screen still has room for it.

Everything is measured the way Qt paints it: a label's or button's text with
``QFontMetrics`` of the widget's own font against its ``contentsRect`` (word-wrapped labels by
``heightForWidth``), a combo box's current text against its edit field, a table header's
titles against their sections; a widget whose text ends in "…" while its ``fullText`` property
says otherwise is reported as elided. A view whose delegates say what they paint
(``painted_texts``: the account list's rows, the token and app tables' cells and scope chips)
has every cell of every row measured against the rects its texts are painted in: whole unless
the part is one its delegate lets shorten (``ELIDED_PARTS``), inside the cell, and clear of
each other. Each cell is asked of its own delegate (``itemDelegateForIndex``), so a delegate
set for one column or row is measured too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from deriv_desktop.gui.widgets.account_delegate import PaintedText
from deriv_desktop.gui.widgets.screen_fit import ScreenCappedScroll, room_for

SLACK = 1  # px of rounding Qt itself allows between a measured and a laid-out size


@dataclass(frozen=True)
class Finding:
    """One thing that does not fit, worded for a test failure."""

    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.widget}: {self.problem}"


def describe(widget: QWidget) -> str:
    """A short name for a widget in a report: class, object or attribute name, and its text."""
    name = widget.objectName() or widget.accessibleName()
    text = _text(widget)
    shown = f" {text[:48]!r}" if text else ""
    return f"{type(widget).__name__}{f'#{name}' if name else ''}{shown}"


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _viewport(widget: QWidget, top: QWidget) -> QWidget | None:
    """The scroll area viewport ``widget`` lies in: there, being partly out of sight is how
    scrolling works, so clipping is only looked for up to the viewport."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def _label_text(label: QLabel) -> str:
    """The text as painted: a label with a buddy shows its mnemonic "&" as an underline."""
    if label.buddy() is not None and not _rich(label):
        return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return label.text()


def label_problem(label: QLabel) -> str | None:
    """Why ``label``'s text does not fit its contents rect, or None."""
    text = _label_text(label)
    if not text or not label.pixmap().isNull():
        return None
    inner = label.contentsRect()
    margin = label.margin() * 2 + max(label.indent(), 0)
    width, height = inner.width() - margin, inner.height() - label.margin() * 2
    if label.wordWrap():
        needed_height = label.heightForWidth(label.width())
        if needed_height > label.height() + SLACK:
            return f"wrapped text needs {needed_height} px of height, has {label.height()}"
        longest = _longest_word(label)
        if longest > width + SLACK:
            return f"a word needs {longest} px, the label is {width} px wide"
        return None
    needed_width, needed_height = _text_size(label)
    if needed_width > width + SLACK:
        return f"text needs {needed_width} px, the label is {width} px wide"
    if needed_height > height + SLACK:
        return f"text needs {needed_height} px of height, has {height}"
    return None


def _rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt is Qt.TextFormat.RichText:
        return True
    return fmt is Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text())


def _text_size(label: QLabel) -> tuple[int, int]:
    if _rich(label):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(label.text())
        return int(doc.idealWidth() + 0.999), int(doc.size().height() + 0.999)
    metrics = QFontMetrics(label.font())
    lines = _label_text(label).split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    return width, metrics.height() * len(lines)


def _longest_word(label: QLabel) -> int:
    if _rich(label):
        return 0  # links and markup: heightForWidth above already accounts for them
    metrics = QFontMetrics(label.font())
    words = _label_text(label).split()
    return max((metrics.horizontalAdvance(word) for word in words), default=0)


def button_problem(button: QAbstractButton) -> str | None:
    """Why a push, check, radio or tool button's text (and icon) does not fit it, or None."""
    text = _text(button)
    if not text:
        return None
    metrics = QFontMetrics(button.font())
    lines = text.split("\n")
    text_width = max(metrics.horizontalAdvance(line) for line in lines)
    text_height = metrics.height() * len(lines)
    style = button.style()
    icon = 0
    if not button.icon().isNull():
        icon = button.iconSize().width() + 4
    if isinstance(button, QCheckBox | QRadioButton):
        indicator = QStyle.PixelMetric.PM_IndicatorWidth
        if isinstance(button, QRadioButton):
            indicator = QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, button)
        needed = text_width + icon + style.pixelMetric(indicator, None, button) + spacing
    elif isinstance(button, QPushButton):
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        needed = text_width + icon + 2 * (frame + margin)
        if button.isFlat() or button.styleSheet():
            needed = text_width + icon  # link-like buttons draw their text edge to edge
    elif isinstance(button, QToolButton):
        needed = text_width + icon + 6
    else:
        needed = text_width + icon
    if needed > button.width() + SLACK:
        return f"text needs {needed} px, the button is {button.width()} px wide"
    if text_height > button.height() + SLACK:
        return f"text needs {text_height} px of height, the button has {button.height()}"
    return None


def combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    needed = QFontMetrics(combo.font()).horizontalAdvance(text) + icon
    if needed > field.width() + SLACK:
        return f"current choice needs {needed} px, the field shows {field.width()}"
    return None


def header_problems(header: QHeaderView) -> list[str]:
    """Column titles wider than their sections (the last, stretching one included)."""
    model = header.model()
    if model is None or not header.isVisible():
        return []
    metrics = QFontMetrics(header.font())
    found = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = str(model.headerData(section, header.orientation()) or "")
        if not title:
            continue
        needed = metrics.horizontalAdvance(title) + 12  # Fusion's section padding
        size = header.sectionSize(section)
        if needed > size + SLACK:
            found.append(f"column {title!r} needs {needed} px, has {size}")
    return found


def min_height_problem(widget: QWidget) -> str | None:
    """A field squeezed below its own minimum height shows a sliver of text."""
    need = widget.minimumSizeHint().height()
    if widget.height() + SLACK < need:
        return f"{widget.height()} px tall, needs {need}"
    return None


def _window_rect(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


def clipped_problem(widget: QWidget, top: QWidget) -> str | None:
    """The part of ``widget`` its ancestors cut off (outside any scroll area)."""
    rect = _window_rect(widget, top)
    parent = widget.parentWidget()
    viewport = _viewport(widget, top)
    while parent is not None and parent is not viewport:
        bounds = _window_rect(parent, top) if parent is not top else top.rect()
        if not bounds.contains(rect):
            cut = rect.intersected(bounds)
            lost_w, lost_h = rect.width() - cut.width(), rect.height() - cut.height()
            if lost_w > SLACK or lost_h > SLACK:
                return f"cut off by {type(parent).__name__} ({lost_w} x {lost_h} px hidden)"
        if parent is top:
            break
        parent = parent.parentWidget()
    return None


def _leaves(top: QWidget) -> list[QWidget]:
    kinds = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, kinds) or not _shown(widget, top):
            continue
        if widget.window() is not top:
            continue
        if isinstance(widget.parentWidget(), QLineEdit | QAbstractSpinBox):
            continue  # a line edit's clear button, a spin box's own field
        found.append(widget)
    return found


def overlap_problems(leaves: list[QWidget], top: QWidget) -> list[Finding]:
    """Controls and labels drawn on top of one another."""
    rects = [(widget, _window_rect(widget, top)) for widget in leaves]
    found = []
    for index, (first, a) in enumerate(rects):
        for second, b in rects[index + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            if _viewport(first, top) is not _viewport(second, top):
                continue  # one scrolls under the other's area
            common = a.intersected(b)
            if common.width() > 2 and common.height() > 2:
                found.append(
                    Finding(
                        describe(first),
                        f"overlaps {describe(second)} ({common.width()} x {common.height()} px)",
                    )
                )
    return found


@runtime_checkable
class MeasuredDelegate(Protocol):
    """A delegate that says what it paints, and which of its parts may be shortened."""

    ELIDED_PARTS: frozenset[str]

    def painted_texts(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[PaintedText]: ...


def painted_problems(
    texts: Sequence[PaintedText], cell: QRect, elided: Set[str]
) -> list[tuple[str, str]]:
    """(part, problem) for each text a delegate paints in ``cell`` (a row of a list, a cell of
    a table) that does not fit: wider or taller than its rect, shortened though its part is not
    one of ``elided``, shortened to nothing, outside the cell, or on top of another text."""
    found: list[tuple[str, str]] = []
    for item in texts:
        part = str(item.part)
        metrics = QFontMetrics(item.font)
        width, height = metrics.horizontalAdvance(item.text), metrics.height()
        rect = item.rect
        if item.text and width > rect.width() + SLACK:
            found.append((part, f"{item.text!r} needs {width} px, is painted in {rect.width()}"))
        if item.text and height > rect.height() + SLACK:
            found.append((part, f"{item.text!r} needs {height} px of height, has {rect.height()}"))
        if item.text != item.full:
            if item.part not in elided:
                found.append((part, f"{item.full!r} is shown shortened to {item.text!r}"))
            elif item.full and not item.text.strip("…").strip():
                found.append((part, f"{item.full!r} is shortened to nothing"))
        if item.text and not cell.contains(rect):
            found.append((part, f"{item.text!r} is painted outside its cell"))
    shown = [item for item in texts if item.text]
    for index, first in enumerate(shown):
        for second in shown[index + 1 :]:
            common = first.rect.intersected(second.rect)
            if common.width() > SLACK and common.height() > SLACK:
                found.append((str(first.part), f"overlaps the {second.part}"))
    return found


def _indexes(view: QAbstractItemView, parent: QModelIndex) -> Iterator[QModelIndex]:
    """Every cell of every row, children (a tree's, from the first column) after their row."""
    model = view.model()
    for number in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            yield model.index(number, column, parent)
        yield from _indexes(view, model.index(number, 0, parent))


def _cell_name(view: QAbstractItemView, index: QModelIndex) -> str:
    """Row ``'its first cell's text'``, and the column's title past the first column."""
    model = view.model()
    first = model.index(index.row(), 0, index.parent())
    name = f"row {str(first.data(Qt.ItemDataRole.DisplayRole) or '')[:32]!r}"
    if index.column() == 0:
        return name
    title = model.headerData(index.column(), Qt.Orientation.Horizontal)
    return f"{name} column {str(title or index.column())!r}"


def delegate_problems(view: QAbstractItemView) -> list[Finding]:
    """Every cell the view shows (scrolled into sight or not), measured as its own delegate
    paints it at the view's present size."""
    if view.model() is None:
        return []
    found = []
    for index in _indexes(view, QModelIndex()):
        delegate = view.itemDelegateForIndex(index)
        if not isinstance(delegate, MeasuredDelegate):
            continue
        rect = view.visualRect(index)
        if rect.isEmpty():
            continue  # in a collapsed group, a hidden column, or filtered out
        option = QStyleOptionViewItem()
        option.rect = rect
        option.font = view.font()
        option.palette = view.palette()
        option.widget = view
        option.textElideMode = view.textElideMode()
        texts = delegate.painted_texts(option, index)
        where = f"{describe(view)} {_cell_name(view, index)}"
        for part, problem in painted_problems(texts, rect, delegate.ELIDED_PARTS):
            found.append(Finding(f"{where} {part}", problem))
    return found


def scan(top: QWidget) -> list[Finding]:
    """Everything in the laid-out window ``top`` that does not fit."""
    findings: list[Finding] = []
    leaves = _leaves(top)
    for widget in leaves:
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = label_problem(widget)
            full = widget.property("fullText")
            elided = isinstance(full, str) and full != widget.text()
            if problem is None and elided and not widget.property("elides"):
                problem = "shows its text elided"
        elif isinstance(widget, QAbstractButton):
            problem = button_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = combo_problem(widget) or min_height_problem(widget)
        elif isinstance(widget, QLineEdit | QAbstractSpinBox):
            problem = min_height_problem(widget)
        problem = problem or clipped_problem(widget, top)
        if problem:
            findings.append(Finding(describe(widget), problem))
    for header in top.findChildren(QHeaderView):
        if header.orientation() is Qt.Orientation.Horizontal and _shown(header, top):
            findings += [Finding("table header", p) for p in header_problems(header)]
    for view in top.findChildren(QAbstractItemView):
        if view.window() is top and _shown(view, top):
            findings += delegate_problems(view)
    findings += overlap_problems(leaves, top)
    findings += needless_scroll_problems(top)
    findings += cut_sideways_problems(top)
    return findings


def cut_sideways_problems(top: QWidget) -> list[Finding]:
    """A scroll area that never scrolls sideways must be at least as wide as its content:
    otherwise the content's right edge (descriptions, a button) is simply cut off."""
    findings: list[Finding] = []
    for area in top.findChildren(QScrollArea):
        content = area.widget()
        if (
            content is None
            or area.window() is not top
            or not _shown(area, top)
            or area.horizontalScrollBarPolicy() is not Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        ):
            continue
        cut = content.width() - area.viewport().width()
        if cut > SLACK:
            findings.append(
                Finding(describe(area), f"cuts {cut} px off the right of what it shows")
            )
    return findings


def needless_scroll_problems(top: QWidget) -> list[Finding]:
    """A window that sizes itself to its content (``ScreenCappedScroll``) scrolls only when
    the screen has no room left: scrolling while the window could still grow hides fields and
    buttons behind a scroll bar for nothing."""
    findings: list[Finding] = []
    free = room_for(top).height()  # the screen less the room its frame will take
    for area in top.findChildren(ScreenCappedScroll):
        hidden = area.verticalScrollBar().maximum()
        if area.window() is top and _shown(area, top) and hidden > 0:
            height = top.height()
            if height + hidden <= free:
                findings.append(
                    Finding(
                        "page scroll area",
                        f"scrolls {hidden} px though the screen has room "
                        f"(window {height} px of {free} px)",
                    )
                )
    return findings


def screen_problem(top: QWidget) -> str | None:
    """A window larger than the screen's available area (frame included where known)."""
    screen = top.screen()
    available = screen.availableGeometry()
    size = top.frameGeometry().size().expandedTo(top.size())
    if size.width() > available.width() or size.height() > available.height():
        return (
            f"window is {size.width()} x {size.height()}, the screen has "
            f"{available.width()} x {available.height()}"
        )
    return None
