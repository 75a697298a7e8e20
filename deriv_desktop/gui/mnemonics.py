"""Alt+letter for every button and labelled field, in both languages, without a letter in every
source string.

Translations change words, so a mnemonic chosen in English may be missing or taken twice in
French. ``give_mnemonics`` runs on a window as it is shown: a button, check box or a label
naming a field (its buddy) whose text has no ``&`` gets one on the first letter no other
control of that window uses (or, when every letter is taken, on its first letter: Qt then
cycles between the controls sharing it).
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
    """What answers to Alt+letter in ``root``: its buttons and the labels that name a field."""
    buttons: list[QAbstractButton | QLabel] = [
        button for button in root.findChildren(QAbstractButton) if button.text()
    ]
    labels = [
        label
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and label.text() and _plain(label)
    ]
    return buttons + labels


def give_mnemonics(root: QWidget) -> None:
    """Give each of ``root``'s keyed controls without a mnemonic one that is free in ``root``."""
    controls = keyed_controls(root)
    taken = {letter for c in controls if (letter := marked_letter(c.text())) is not None}
    for control in controls:
        text = control.text()
        marked = with_mnemonic(text, taken)
        if marked != text:
            control.setText(marked)
