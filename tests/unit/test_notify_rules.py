"""The notification decisions (services/notify_rules.py): thresholds, low marks, the link-down
delay, revoked access and the rate cap, on a clock the tests move."""

from __future__ import annotations

from decimal import Decimal

from deriv_desktop.services.notify_rules import (
    AccessWatch,
    BalanceWatch,
    LinkDownWatch,
    Notice,
    NoticeKind,
    NotifyPrefs,
    RateCap,
)

D = Decimal


def test_real_accounts_notify_every_move_demo_only_with_a_threshold() -> None:
    watch, prefs = BalanceWatch(), NotifyPrefs()
    assert watch.observe(prefs, "CR1", "USD", False, D("100")) == []  # a start, not a move
    [notice] = watch.observe(prefs, "CR1", "USD", False, D("90.5"))
    assert notice == Notice(NoticeKind.BALANCE_CHANGE, "CR1", "USD", D("90.5"), D("-9.5"))
    watch.observe(prefs, "VR1", "USD", True, D("10000"))
    assert watch.observe(prefs, "VR1", "USD", True, D("9000")) == []  # off by default for demo
    prefs = NotifyPrefs(thresholds={"VR1": "500", "CR1": "20"})
    assert [n.kind for n in watch.observe(prefs, "VR1", "USD", True, D("8000"))] == [
        NoticeKind.BALANCE_CHANGE
    ]
    assert watch.observe(prefs, "VR1", "USD", True, D("7900")) == []  # under the threshold
    assert watch.observe(prefs, "CR1", "USD", False, D("80")) == []


def test_low_mark_notifies_once_per_fall() -> None:
    watch = BalanceWatch()
    prefs = NotifyPrefs(kinds=frozenset({NoticeKind.LOW_BALANCE}), low_marks={"CR1": "50"})
    watch.observe(prefs, "CR1", "USD", False, D("60"))
    kinds = [n.kind for n in watch.observe(prefs, "CR1", "USD", False, D("40"))]
    assert NoticeKind.LOW_BALANCE in kinds
    assert all(
        n.kind is not NoticeKind.LOW_BALANCE
        for n in watch.observe(prefs, "CR1", "USD", False, D("30"))
    )
    watch.observe(prefs, "CR1", "USD", False, D("55"))  # climbed back
    assert NoticeKind.LOW_BALANCE in [
        n.kind for n in watch.observe(prefs, "CR1", "USD", False, D("45"))
    ]


def test_link_down_notifies_after_the_delay_once_per_outage() -> None:
    watch, prefs = LinkDownWatch(), NotifyPrefs(link_down_minutes=2)
    watch.link(False, 1000.0)
    assert watch.due_at(prefs) == 1120.0
    assert watch.check(prefs, 1119.0) is None
    notice = watch.check(prefs, 1121.0)
    assert notice == Notice(NoticeKind.LINK_DOWN, minutes=2)
    assert watch.check(prefs, 1500.0) is None and watch.due_at(prefs) is None
    watch.link(True, 1600.0)
    watch.link(False, 1700.0)
    assert watch.check(prefs, 1821.0) is not None


def test_revoked_access_is_told_once() -> None:
    watch = AccessWatch()
    assert watch.refused(["CR2"]) == [Notice(NoticeKind.ACCESS_REVOKED, "CR2")]
    assert watch.refused(["CR2"]) == []
    assert watch.signed_out(True) == [Notice(NoticeKind.ACCESS_REVOKED)]
    assert watch.signed_out(True) == []


def test_rate_cap_spaces_notices_and_summarises_bursts() -> None:
    cap = RateCap()
    first = Notice(NoticeKind.LINK_DOWN)
    assert cap.offer(first, 0.0) is first
    burst = [Notice(NoticeKind.BALANCE_CHANGE, "CR1"), Notice(NoticeKind.LOW_BALANCE, "CR1")]
    assert [cap.offer(n, 0.1) for n in burst] == [None, None]
    assert cap.wake_at(0.1) == 0.5
    assert cap.release(0.4) is None
    summary = cap.release(0.5)
    assert summary == Notice(
        NoticeKind.SUMMARY,
        "CR1",
        count=2,
        kinds=(NoticeKind.BALANCE_CHANGE, NoticeKind.LOW_BALANCE),
    )
    assert cap.wake_at(0.6) is None


def test_rate_cap_allows_ten_a_minute() -> None:
    cap = RateCap()
    shown = [cap.offer(Notice(NoticeKind.LINK_DOWN), float(t)) for t in range(10)]
    assert all(shown)
    late = Notice(NoticeKind.LINK_DOWN)
    assert cap.offer(late, 10.0) is None
    assert cap.wake_at(10.0) == 60.0
    assert cap.release(59.0) is None
    assert cap.release(60.0) is late


def test_prefs_switch_kinds_off() -> None:
    prefs = NotifyPrefs(kinds=frozenset({NoticeKind.LINK_DOWN}))
    assert prefs.wants(NoticeKind.LINK_DOWN) and prefs.wants(NoticeKind.SUMMARY)
    assert not prefs.wants(NoticeKind.BALANCE_CHANGE)
    assert NotifyPrefs(thresholds={"CR1": "junk"}).threshold("CR1", False) is None
