"""Fixtures many GUI test modules share (a module may define its own to override them)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from deriv_desktop.gui import i18n
from tests.gui.fixtures import Stack, signed_in_stack

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def english_numbers() -> Iterator[None]:
    """Amounts formatted the English (US) way whatever the machine's locale."""
    previous = QLocale()
    QLocale.setDefault(EN)
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[QApplication]:
    """Whatever language a test installs is taken out again afterwards."""
    previous = QLocale()
    yield qapp
    i18n.uninstall_language(qapp)
    QLocale.setDefault(previous)


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """The app's stack on an in-process sandbox, signed in as its first user."""
    async with signed_in_stack(tmp_path) as st:
        yield st
