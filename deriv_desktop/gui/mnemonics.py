"""Alt+letter for every button, in both languages, without a letter in every source string.

Translations change words, so a mnemonic chosen in English may be missing or taken twice in
French. ``give_mnemonics`` runs on a window as it is shown: a button or check box whose text has
no ``&`` gets one on the first letter no other control of that window uses (or, when every
letter is taken, on its first letter: Qt then cycles between the controls sharing it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def _marked(text: str) -> str | None:
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
    if not text or _marked(text) is not None:
        return text
    letters = [i for i, char in enumerate(text) if char.isalnum()]
    free = [i for i in letters if text[i].casefold() not in taken]
    if not letters:
        return text
    # Every letter taken: share one (Qt then cycles between the controls on that key).
    i = free[0] if free else letters[0]
    taken.add(text[i].casefold())
    return text[:i] + "&" + text[i:]


def give_mnemonics(root: QWidget) -> None:
    """Give each of ``root``'s buttons without a mnemonic one that is free in ``root``."""
    buttons = root.findChildren(QAbstractButton)
    labels = [label for label in root.findChildren(QLabel) if label.buddy() is not None]
    texts = [b.text() for b in buttons] + [label.text() for label in labels]
    taken = {letter for text in texts if (letter := _marked(text)) is not None}
    for button in buttons:
        text = button.text()
        marked = with_mnemonic(text, taken)
        if marked != text:
            button.setText(marked)
