"""The cyclic collector is paused while ``deriv-desktop`` starts and given back afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import deriv_desktop.__main__ as entry
import deriv_desktop.app


@pytest.fixture
def collector_state() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def _record_state(seen: list[bool]) -> object:
    def fake_main(argv: list[str] | None = None) -> int:
        seen.append(gc.isenabled())
        return 7

    return fake_main


@pytest.mark.usefixtures("collector_state")
def test_paused_during_start_and_enabled_after(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.enable()
    seen: list[bool] = []
    monkeypatch.setattr(deriv_desktop.app, "main", _record_state(seen))
    assert entry.main([]) == 7
    assert seen == [False]  # off while the app started
    assert gc.isenabled()  # and back on for whoever called main


@pytest.mark.usefixtures("collector_state")
def test_given_back_even_when_start_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.enable()

    def broken(argv: list[str] | None = None) -> int:
        raise RuntimeError("start failed")

    monkeypatch.setattr(deriv_desktop.app, "main", broken)
    with pytest.raises(RuntimeError):
        entry.main([])
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_caller_that_had_it_off_keeps_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.disable()
    monkeypatch.setattr(deriv_desktop.app, "main", _record_state([]))
    entry.main([])
    assert not gc.isenabled()
