"""The app's own rotating log file (logging_setup.RotatingLogFile)."""

from __future__ import annotations

import logging
from pathlib import Path

from deriv_desktop.logging_setup import RotatingLogFile


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"test-rotation-{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def test_the_file_moves_aside_past_its_size_and_keeps_the_newest_backups(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    handler = RotatingLogFile(path, max_bytes=200, backups=2)
    logger = _logger(handler)
    try:
        for number in range(40):
            logger.info("line %02d %s", number, "x" * 20)
    finally:
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["app.log", "app.log.1", "app.log.2"]
    sizes = [p.stat().st_size for p in tmp_path.iterdir()]
    assert max(sizes) < 200 + 40  # one line past the limit at most
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("line 39")
    older = (tmp_path / "app.log.1").read_text(encoding="utf-8").splitlines()
    assert int(older[-1].split()[1]) == int(newest[0].split()[1]) - 1  # no line lost between


def test_without_backups_the_full_file_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    handler = RotatingLogFile(path, max_bytes=100, backups=0)
    logger = _logger(handler)
    try:
        for number in range(20):
            logger.info("line %02d %s", number, "y" * 20)
    finally:
        handler.close()
    assert [p.name for p in tmp_path.iterdir()] == ["app.log"]
    assert path.read_text(encoding="utf-8").splitlines()[-1].startswith("line 19")
