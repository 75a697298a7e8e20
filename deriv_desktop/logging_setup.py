"""Logging for the app: a rotating file in the user's log directory, and a filter that masks
anything token-shaped before a record is written anywhere.

The code never logs payloads; the filter is the second belt: it catches a token that reaches a
message through a third-party library or an exception text.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

_OAUTH_TOKEN = re.compile(r"\ba1-[A-Za-z0-9]{10,}")
_PREFIXED = [
    # Query parameters of redirect and OTP URLs.
    re.compile(r"(?i)([?&#](?:token\d*|state|code|otp|code_verifier)=)([^&\s#]+)"),
    # JSON fields that carry secrets.
    re.compile(
        r'(?i)("(?:authorize|token\d*|delete_token|otp|password|access_token)"\s*:\s*")'
        r'([^"]+)'
    ),
    re.compile(r"(?i)(bearer\s+)([A-Za-z0-9._~+/=-]+)"),
]


def redact(text: str) -> str:
    text = _OAUTH_TOKEN.sub("a1-<hidden>", text)
    for pattern in _PREFIXED:
        text = pattern.sub(r"\1<hidden>", text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message (and traceback text) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def log_dir() -> Path:
    override = os.environ.get("DERIV_DESKTOP_LOG_DIR")
    if override:
        return Path(override)
    from deriv_desktop.storage.user_dirs import user_log_dir

    return user_log_dir()


class RotatingLogFile(logging.FileHandler):
    """A log file that is moved aside to ``.1`` (``.1`` to ``.2``, ...) once it passes
    ``max_bytes``, keeping ``backups`` old files.

    Written here instead of using ``logging.handlers``: importing that module (sockets,
    pickling, queues) would cost several milliseconds before the first window is painted.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _rotate(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            stream.close()
        path = Path(self.baseFilename)
        for number in range(self.backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
        if self.backups > 0:
            os.replace(path, path.with_name(f"{path.name}.1"))
        else:
            path.unlink(missing_ok=True)
        self.stream = self._open()


def setup_logging(level: int = logging.INFO, to_file: bool = True) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    redactor = RedactingFilter()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if to_file:
        directory = log_dir()
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        handlers.append(
            RotatingLogFile(directory / "deriv-desktop.log", max_bytes=1_000_000, backups=3)
        )
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(redactor)
        root.addHandler(handler)
