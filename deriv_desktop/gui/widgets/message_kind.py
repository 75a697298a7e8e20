"""The kinds of inline message (``message_bar``), apart from the bar so the sign-in window can
name them before its first frame without loading the bar's painting code."""

from __future__ import annotations

import enum


class MessageKind(enum.Enum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"
