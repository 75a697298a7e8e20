"""Alt+letter for every button and labelled field, in both languages, without a letter in every
source string.

Translations change words, so a mnemonic chosen in English may be missing or taken twice in
French. ``give_mnemonics`` runs on a window as it is shown: the letters the strings chose are
kept in the window's order (the first control to choose a letter keeps it); a button, check
box or a label naming a field (its buddy) whose text has no ``&``, or whose letter an earlier
control has, gets the first letter of its text no other control of that window uses (or, when
every letter is taken, its first letter: Qt then cycles between the controls sharing it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


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
    """``text`` with ``&`` before its first letter not in ``taken`` (which it then joins)."""
    if not text or marked_letter(text) is not None:
        return text
    letters = [i for i, char in enumerate(text) if char.isalnum()]
    free = [i for i in letters if text[i].casefold() not in taken]
    if not letters:
        return text
    # Every letter taken: share one (Qt then cycles between the controls on that key).
    i = free[0] if free else letters[0]
    taken.add(text[i].casefold())
    return text[:i] + "&" + text[i:]


def _plain(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt is Qt.TextFormat.AutoText:
        return not GuiQt.mightBeRichText(label.text())
    return fmt is Qt.TextFormat.PlainText


def keyed_controls(root: QWidget) -> list[QAbstractButton | QLabel]:
    """What answers to Alt+letter in ``root``: its buttons and the labels that name a field. A
    button showing only a symbol (a message bar's "✕") has no letter to mark; it is named for
    screen readers and answers to Escape instead."""
    buttons: list[QAbstractButton | QLabel] = [
        button
        for button in root.findChildren(QAbstractButton)
        if any(char.isalnum() for char in button.text())
    ]
    labels = [
        label
        for label in root.findChildren(QLabel)
        if label.text() and _plain(label) and _names_a_field(label)
    ]
    return buttons + labels


def _names_a_field(label: QLabel) -> bool:
    """A label whose buddy takes the focus and has no words of its own: a field's name. A
    description under a check box (the box has its letter) or a value in an About box
    (nothing to focus) is not one."""
    buddy = label.buddy()
    if buddy is None or buddy.focusPolicy() is Qt.FocusPolicy.NoFocus:
        return False
    return not (isinstance(buddy, QAbstractButton) and buddy.text())


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


def give_mnemonics(root: QWidget) -> None:
    """Give each of ``root``'s keyed controls a letter of its own (see the module docstring)."""
    controls = keyed_controls(root)
    taken: set[str] = set()
    moving = []
    for control in controls:  # the letters the strings chose, first come first kept
        letter = marked_letter(control.text())
        if letter is not None and letter not in taken:
            taken.add(letter)
        else:
            moving.append(control)
    for control in moving:
        text = control.text()
        marked = with_mnemonic(without_mnemonic(text), taken)
        if marked != text:
            control.setText(marked)
