"""The layout guard: every window and dialog, in each state, at 800 x 500, its default size and
1600 x 1000, at scale 1 and 2, in English and French, fits its screen and shows every label and
button whole (``layout_scan`` says what is measured, ``layout_scenes`` which states); at its
default size, Tab follows its visual order (``tab_order``).

Each scale and language runs in a child process (``layout_child``): Qt reads
``QT_SCALE_FACTOR`` only when it starts. The screen is an offscreen one of 1600 x 1000 physical
pixels, which at scale 2 leaves 800 x 500 logical pixels for the windows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.health import Health, HealthPhase
from deriv_desktop.gui.models.accounts import AccountRow, Role
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.widgets.account_delegate import (
    ELIDED_PARTS,
    AccountDelegate,
    Part,
    RowFonts,
)
from deriv_desktop.gui.widgets.connection_status import ConnectionStatus, link_text
from tests.gui.fixtures import signed_in_stack, wait_until
from tests.gui.layout_child import offscreen_platform
from tests.gui.layout_scan import painted_problems, scan

ROOT = Path(__file__).resolve().parents[2]
COMBINATIONS = [(language, scale) for language in ("en", "fr") for scale in (1, 2)]


def _start(language: str, scale: int, out: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_SCALE_FACTOR=str(scale), QT_QPA_PLATFORM=offscreen_platform())
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(
        [sys.executable, "-m", "tests.gui.layout_child", language, str(out)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _report(found: list[dict[str, str]]) -> list[str]:
    """One line per problem, with the sizes it shows at."""
    sizes: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for item in found:
        key = (item["where"], item["scene"], item["widget"], item["problem"])
        sizes[key].append(item["size"])
    return [
        f"{where} {scene} [{', '.join(at)}] {widget}: {problem}"
        for (where, scene, widget, problem), at in sizes.items()
    ]


@pytest.mark.timeout(300)
def test_every_window_fits_its_screen_and_shows_its_words_whole(tmp_path: Path) -> None:
    found: list[dict[str, str]] = []
    for pair in (COMBINATIONS[:2], COMBINATIONS[2:]):  # two at a time: the machine has 2 cores
        running = []
        for language, scale in pair:
            out = tmp_path / f"{language}-{scale}.json"
            running.append((language, scale, out, _start(language, scale, out)))
        for language, scale, out, child in running:
            _, errors = child.communicate(timeout=240)
            assert child.returncode == 0, f"{language} x{scale}: {errors.decode()[-3000:]}"
            for item in json.loads(out.read_text(encoding="utf-8")):
                found.append({"where": f"{language} x{scale}", **item})
    scenes = {item["scene"] for item in found}
    lines = _report(found)
    assert not lines, f"{len(lines)} layout problems in {len(scenes)} scenes:\n" + "\n".join(lines)


# ------------------------------------------------------------------ the scanner itself
def test_the_scanner_sees_clipped_text_overlap_and_an_oversized_window(qtbot: object) -> None:
    """Without this, a scanner that finds nothing would pass the guard above."""
    window = QWidget()
    window.resize(300, 200)
    label = QLabel("A sentence far too long for the forty pixels it is given", window)
    label.setGeometry(0, 0, 40, 20)
    button = QPushButton("Delete every token now", window)
    button.setGeometry(0, 40, 50, 30)
    box = QCheckBox("Use only from my current IP address", window)
    box.setGeometry(30, 45, 60, 20)  # on top of the button
    wrapped = QLabel("Words that wrap need height: " * 6, window)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 100, 120, 20)
    fits = QLabel("OK", window)
    fits.setGeometry(200, 150, 60, 20)
    window.show()
    problems = [str(f) for f in scan(window)]
    window.close()
    assert any(p.startswith("QLabel 'A sentence") and "text needs" in p for p in problems)
    assert any(p.startswith("QPushButton") and "text needs" in p for p in problems)
    assert any(p.startswith("QCheckBox") and "text needs" in p for p in problems)
    assert any("overlaps QCheckBox" in p for p in problems)
    assert any(p.startswith("QLabel 'Words") and "wrapped text needs" in p for p in problems)
    assert not [p for p in problems if "'OK'" in p]


class NarrowBalances(AccountDelegate):
    """Gives the balance block 20 px, whatever the figure needs: clipped figures."""

    def _balance_width(self, row: AccountRow, fonts: RowFonts, second_line: str) -> int:
        return 20


async def test_the_scanner_measures_what_the_account_delegate_paints(tmp_path: Path) -> None:
    """The account rows are painted, not widgets: the guard asks the delegate where each text
    goes. With the app's delegate every row fits at a usual size; a delegate that squeezes the
    balances is reported, row by row."""
    async with signed_in_stack(tmp_path) as stack:
        window = MainWindow(stack.ctx)
        stack.windows.append(window)
        window.resize(900, 700)
        window.show()
        usd = window.model.index_of(stack.loginid("USD"))
        await wait_until(lambda: usd.data(Role.ROW).balance_text != "—")
        fine = [str(f) for f in scan(window) if " row " in f.widget]
        window.view.setItemDelegate(NarrowBalances(window.view))
        squeezed = [str(f) for f in scan(window) if " row " in f.widget]
        window.view.setItemDelegate(window.delegate)
    assert fine == []
    clipped = [f for f in squeezed if f" {Part.BALANCE.value}: " in f and " needs " in f]
    assert len(clipped) >= 3, squeezed  # every funded account's figure
    assert any("USD" in f for f in clipped), clipped


def test_the_painted_text_check_tells_a_clipped_text_from_a_deliberate_ellipsis(
    qapp: object,
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont

    from deriv_desktop.gui.widgets.account_delegate import PaintedText

    font = QFont()
    row = QRect(0, 0, 400, 64)
    long = "Deriv (SVG) LLC · CR90000012 · a long company name"

    def one(part: Part, text: str, full: str, rect: QRect) -> list[tuple[str, str]]:
        return painted_problems([PaintedText(part, text, full, font, rect, 0)], row, ELIDED_PARTS)

    assert one(Part.SUBTITLE, "Deriv (SVG) LLC · CR9…", long, QRect(10, 40, 200, 18)) == []
    assert one(Part.BALANCE, "10,000.00 USD", "10,000.00 USD", QRect(300, 10, 90, 22)) == []
    assert (
        "needs" in one(Part.BALANCE, "10,000.00 USD", "10,000.00 USD", QRect(300, 10, 20, 22))[0][1]
    )
    assert "needs" in one(Part.SUBTITLE, long, long, QRect(10, 40, 60, 18))[0][1]
    assert "shortened" in one(Part.BALANCE, "10,00…", "10,000.00 USD", QRect(300, 10, 90, 22))[0][1]
    assert "nothing" in one(Part.TITLE, "…", "US Dollar", QRect(10, 10, 40, 22))[0][1]
    assert "outside" in one(Part.BALANCE, "1.00 USD", "1.00 USD", QRect(380, 10, 90, 22))[0][1]
    title = PaintedText(Part.TITLE, "US Dollar", "US Dollar", font, QRect(10, 10, 120, 22), 0)
    balance = PaintedText(Part.BALANCE, "1.00", "1.00", font, QRect(100, 10, 90, 22), 0)
    assert painted_problems([title, balance], row, ELIDED_PARTS) == [
        ("title", "overlaps the balance")
    ]


def test_retry_now_stays_put_while_the_countdown_ticks(qtbot: object) -> None:
    """A control never moves as its neighbour's number changes (30 s, then 9 s, then 1 s)."""
    now = [1000.0]
    status = ConnectionStatus(clock=lambda: now[0])
    status.set_retry_available(True)
    link = LinkState(LinkPhase.RECONNECTING, attempt=3, next_try_at=1030.0)
    status.set_health(Health(HealthPhase.RECONNECTING, next_try_at=1030.0), link)
    status.show()
    places = []
    for at in (1000.0, 1021.0, 1029.2):
        now[0] = at
        status._refresh()
        layout = status.layout()
        assert layout is not None
        layout.activate()
        places.append(status.retry_button.x())
    status.close()
    assert "30" in link_text(link, 1000.0) and "1 s" in link_text(link, 1029.2)
    assert len(set(places)) == 1, places


async def test_the_header_keeps_its_height_and_the_column_its_width(tmp_path: Path) -> None:
    """Switching to the demo account does not push the list down, and on a 1600 px window the
    balance stays near the account's name."""
    async with signed_in_stack(tmp_path) as stack:
        window = MainWindow(stack.ctx)
        stack.windows.append(window)
        window.resize(1600, 900)
        window.show()
        await stack.session.switch(stack.loginid("USD"))
        await wait_until(lambda: not window.header.topup_button.isVisible())
        real_height, list_top = window.header.height(), window.view.y()
        await stack.session.switch(stack.loginid("USD", virtual=True))
        await wait_until(lambda: window.header.topup_button.isVisible())
        layout = window.centralWidget().layout()
        assert layout is not None
        layout.activate()
        assert (window.header.height(), window.view.y()) == (real_height, list_top)
        header = window.header
        gap = header.balance.mapTo(window, header.balance.rect().topRight()).x() - (
            header.title.mapTo(window, header.title.rect().topLeft()).x()
        )
        assert gap <= 960, gap
