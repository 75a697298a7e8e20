"""Counters of the new-API surface, awaitable like the legacy ones (``wait_for``)."""

from __future__ import annotations

from collections import Counter

from ..stats import Stats


class NewApiStats(Stats):
    """Socket counters from ``Stats`` plus REST, OTP, per-user socket and OAuth2 counters."""

    def __init__(self) -> None:
        super().__init__()
        self.rest_requests: Counter[str] = Counter()  # "GET accounts", "POST otp", ...
        self.rest_statuses: Counter[int] = Counter()
        self.otps_issued: Counter[str] = Counter()  # account id -> OTPs issued
        self.otps_refused: Counter[str] = Counter()  # reason -> refused upgrades
        self.sockets_by_user: Counter[int] = Counter()  # live sockets per user id
        self.peak_sockets_by_user: Counter[int] = Counter()
        self.sockets_refused_over_limit = 0
        self.oauth2_tokens_issued = 0
        self.oauth2_token_refusals: Counter[str] = Counter()  # OAuth2 error code -> count

    def rest(self, label: str, status: int) -> None:
        self.rest_requests[label] += 1
        self.rest_statuses[status] += 1
        self.changed()

    def otp_issued(self, account_id: str) -> None:
        self.otps_issued[account_id] += 1
        self.changed()

    def otp_refused(self, reason: str) -> None:
        self.otps_refused[reason] += 1
        self.changed()

    def user_socket_opened(self, user_id: int) -> None:
        self.sockets_by_user[user_id] += 1
        self.peak_sockets_by_user[user_id] = max(
            self.peak_sockets_by_user[user_id], self.sockets_by_user[user_id]
        )
        self.changed()

    def user_socket_closed(self, user_id: int) -> None:
        self.sockets_by_user[user_id] -= 1
        self.changed()

    def token_issued(self) -> None:
        self.oauth2_tokens_issued += 1
        self.changed()

    def token_refused(self, code: str) -> None:
        self.oauth2_token_refusals[code] += 1
        self.changed()

    def snapshot(self) -> dict[str, object]:
        base = super().snapshot()
        base.update(
            rest_requests=dict(self.rest_requests),
            rest_statuses=dict(self.rest_statuses),
            otps_issued=sum(self.otps_issued.values()),
            otps_refused=dict(self.otps_refused),
            oauth2_tokens_issued=self.oauth2_tokens_issued,
        )
        return base
