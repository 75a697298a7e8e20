"""Alt+letter for every button and labelled field, in both languages, without a letter in every
source string.

Translations change words, so a mnemonic chosen in English may be missing or taken twice in
French. ``give_mnemonics`` runs on a window as it is shown, and again whenever a keyed control's
words change (``set_keyed_text``):

- Two controls clash only if they can be on screen together. Pages shown one at a time (a
  ``QStackedWidget``, a tab widget's pages, or a widget with the ``PAGES`` property whose child
  widgets are its pages) may reuse each other's letters; anything else hidden now (a banner's
  button, a closed section) may show later, so it counts.
- The menu bar's titles and the tabs keep their letters; controls make way for them.
- A control keeps its letter when it has not changed since the last pass, then the letters the
  strings chose are kept in the window's order (first come, first kept); any other control gets
  the first free letter of its own text, a letter of the alphabet before an accented one. When
  none is free, a neighbour holding one moves to another letter of its own words (a letter
  given here before one a string chose); only when that fails do two share (Qt then cycles
  between them instead of acting).

Qt ignores the mnemonic of a hidden widget, so only what is on screen together must differ.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QMainWindow,
    QMenuBar,
    QStackedWidget,
    QTabBar,
    QWidget,
)

PAGES = "mnemonicPages"
"""Dynamic property of a widget that shows one of its child widgets at a time."""
_KEYED = "mnemonicKeyedText"  # the text a control had after the last pass
_SOURCE = "mnemonicSourceText"  # the text ``set_keyed_text`` was last given
_GIVEN = "mnemonicGiven"  # its letter was given here, not chosen by its string

Keyed = QAbstractButton | QLabel


def marked_letter(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), if any."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].casefold()
            i += 1
        i += 1
    return None


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with ``&`` before its first letter not in ``taken`` (which it then joins); a
    letter of the alphabet before an accented one or a digit, which keyboards make harder."""
    if not text or marked_letter(text) is not None:
        return text
    letters = [i for i, char in enumerate(text) if char.isalnum()]
    if not letters:
        return text
    free = [i for i in letters if text[i].casefold() not in taken]
    plain = [i for i in free if text[i].isascii() and text[i].isalpha()]
    # Every letter taken: share one (Qt then cycles between the controls on that key).
    i = (plain or free or letters)[0]
    taken.add(text[i].casefold())
    return text[:i] + "&" + text[i:]


def without_mnemonic(text: str) -> str:
    """``text`` without its mnemonic marker (``&&``, a literal ampersand, stays)."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("&&", i):
            out.append("&&")
            i += 2
        elif text[i] == "&" and i + 1 < len(text):
            i += 1  # the marker goes, its letter follows
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _plain(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt is Qt.TextFormat.AutoText:
        return not GuiQt.mightBeRichText(label.text())
    return fmt is Qt.TextFormat.PlainText


def keyed_controls(root: QWidget) -> list[Keyed]:
    """What answers to Alt+letter in ``root``'s window (not in its dialogs): its buttons and the
    labels that name a field. A button showing only a symbol (a message bar's "✕") has no
    letter to mark; it is named for screen readers and answers to Escape instead."""
    window = root.window()
    buttons: list[Keyed] = [
        button
        for button in root.findChildren(QAbstractButton)
        if any(char.isalnum() for char in button.text()) and button.window() is window
    ]
    labels = [
        label
        for label in root.findChildren(QLabel)
        if label.text() and _plain(label) and _names_a_field(label) and label.window() is window
    ]
    return buttons + labels


def _names_a_field(label: QLabel) -> bool:
    """A label whose buddy is a field: something to type in or choose from, with no words of
    its own. A description under a check box (the box has its letter), a value shown in a
    label (About's version) or a buddy that never takes the focus is not one."""
    buddy = label.buddy()
    if buddy is None or isinstance(buddy, QLabel):
        return False
    if buddy.focusPolicy() is Qt.FocusPolicy.NoFocus:
        return False
    return not (isinstance(buddy, QAbstractButton) and buddy.text())


def fixed_keys(root: QWidget) -> list[tuple[QWidget, str]]:
    """(widget, text) for what answers to Alt+letter but is not re-lettered here: the menu
    bar's titles and the tabs."""
    found: list[tuple[QWidget, str]] = []
    bar = root.menuWidget() if isinstance(root, QMainWindow) else None
    if isinstance(bar, QMenuBar):
        found += [(bar, action.text()) for action in bar.actions() if action.isVisible()]
    for tabs in root.findChildren(QTabBar):
        if tabs.window() is root.window():
            found += [(tabs, tabs.tabText(i)) for i in range(tabs.count())]
    return found


def shown_keys(root: QWidget) -> list[tuple[QWidget, str]]:
    """(widget, text) for everything in ``root`` (not its dialogs) that is on screen and
    answers to Alt+letter: what must each have a letter of its own."""
    keys = fixed_keys(root) + [(c, c.text()) for c in keyed_controls(root)]
    return [(w, t) for w, t in keys if t and w.isVisibleTo(root)]


def _pages_of(widget: QWidget, root: QWidget) -> dict[int, int]:
    """For each one-page-at-a-time container above ``widget``: which of its pages holds it."""
    pages: dict[int, int] = {}
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not root:
        if isinstance(parent, QStackedWidget) or parent.property(PAGES):
            pages[id(parent)] = id(child)
        child, parent = parent, parent.parentWidget()
    return pages


def _together(a: dict[int, int], b: dict[int, int]) -> bool:
    """Whether two widgets can be on screen together: not on two pages of one container."""
    return all(a[container] == b[container] for container in a.keys() & b.keys())


Place = dict[int, int]


def _candidates(text: str, *, plain_only: bool = False) -> list[str]:
    """The letters ``text`` can be marked on, easiest to type first: letters of the alphabet,
    then (unless ``plain_only``) accented letters and digits, which not every keyboard has."""
    chars = [c.casefold() for c in without_mnemonic(text).replace("&&", "") if c.isalnum()]
    plain = [c for c in chars if c.isascii() and c.isalpha()]
    others = [] if plain_only else [c for c in chars if c not in plain]
    return list(dict.fromkeys(plain + others))


def _mark(text: str, letter: str) -> str:
    """``text`` with its mnemonic on ``letter`` (where the string put it, if it did)."""
    if marked_letter(text) == letter:
        return text
    plain = without_mnemonic(text)
    i = 0
    while i < len(plain):
        if plain.startswith("&&", i):
            i += 2
            continue
        if plain[i].casefold() == letter:
            return plain[:i] + "&" + plain[i:]
        i += 1
    return text


class _Held:
    """A letter given, where its owner sits, the owner's words (None: it cannot move) and
    whether its string chose that letter (moved only when nothing else helps)."""

    def __init__(self, letter: str, place: Place, text: str | None, chosen: bool) -> None:
        self.letter, self.place, self.text, self.chosen = letter, place, text, chosen


class _Board:
    """The letters given so far in one window."""

    def __init__(self) -> None:
        self.held: list[_Held] = []

    def add(self, letter: str, place: Place, text: str | None, chosen: bool = True) -> _Held:
        self.held.append(_Held(letter, place, text, chosen))
        return self.held[-1]

    def taken_near(self, place: Place) -> set[str]:
        return {h.letter for h in self.held if _together(place, h.place)}

    def find(self, text: str, place: Place) -> str | None:
        """A free letter of ``text``, else one whose holder can take another letter of its
        own: letters of the alphabet before accented ones, a given letter moved before one a
        string chose."""
        for plain_only, chosen_too in ((True, False), (True, True), (False, True)):
            letter = self._find(text, place, 3, frozenset(), plain_only, chosen_too)
            if letter is not None:
                return letter
        return None

    def _find(
        self,
        text: str,
        place: Place,
        depth: int,
        avoid: frozenset[str],
        plain_only: bool,
        chosen_too: bool,
    ) -> str | None:
        taken = self.taken_near(place) | avoid
        candidates = [c for c in _candidates(text, plain_only=plain_only) if c not in avoid]
        free = [letter for letter in candidates if letter not in taken]
        if free or depth == 0:
            return free[0] if free else None
        for letter in candidates:
            holders = [h for h in self.held if h.letter == letter and _together(place, h.place)]
            if len(holders) != 1:
                continue
            holder, words = holders[0], holders[0].text
            if words is None or (holder.chosen and not chosen_too):
                continue  # a menu title or a tab, or a string's own letter on this pass
            elsewhere = self._find(
                words, holder.place, depth - 1, avoid | {letter}, plain_only, chosen_too
            )
            if elsewhere:
                holder.letter, holder.chosen = elsewhere, False
                return letter
        return None


def give_mnemonics(root: QWidget) -> None:
    """Give each of ``root``'s keyed controls a letter of its own (see the module docstring)."""
    board = _Board()
    for widget, text in fixed_keys(root):
        letter = marked_letter(text)
        if letter is not None:
            board.add(letter, _pages_of(widget, root), None)
    controls = [(c, _pages_of(c, root)) for c in keyed_controls(root)]
    unchanged = [(c, p) for c, p in controls if c.property(_KEYED) == c.text()]
    changed = [(c, p) for c, p in controls if c.property(_KEYED) != c.text()]
    given: list[tuple[Keyed, _Held]] = []
    waiting = []
    for control, place in unchanged + changed:
        letter = marked_letter(control.text())
        if letter is not None and letter not in board.taken_near(place):
            chosen = control.property(_KEYED) != control.text() or not control.property(_GIVEN)
            given.append((control, board.add(letter, place, control.text(), chosen)))
        else:
            waiting.append((control, place))
    for control, place in waiting:
        # None when every letter is taken: share its first (Qt cycles between the two).
        letter = board.find(control.text(), place) or next(iter(_candidates(control.text())), "")
        given.append((control, board.add(letter, place, control.text(), False)))
    for control, held in given:
        marked = _mark(control.text(), held.letter) if held.letter else control.text()
        if marked != control.text():
            control.setText(marked)
        control.setProperty(_KEYED, control.text())
        control.setProperty(_GIVEN, not held.chosen)


def set_keyed_text(control: Keyed, text: str) -> None:
    """Set a button's or a field label's words after its window was lettered, and give it a
    letter of its own again (a new text may bring a letter another control has, or none)."""
    if control.property(_SOURCE) == text:
        return  # unchanged: keep the letter it was given
    control.setProperty(_SOURCE, text)
    control.setText(text)
    window = control.window()
    if window.isVisible():
        give_mnemonics(window)
