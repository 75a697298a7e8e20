"""Look for secrets where they must never end up: log records and files under the test HOME.

Tokens, passwords and OAuth redirect query strings may be held in memory and in the keyring, but
never logged, never written to settings/cache files and never put into exception text.  Flow
tests pass the secrets they used to :class:`SecretSniffer` and assert there are no findings.

Findings never contain the secret itself, only where it was seen and a short masked hint, so a
failing assertion does not spread the secret further.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from tests.support.isolation import IsolatedEnv

#: Loggers whose records the sniffer captures at DEBUG.
APP_LOGGER = "deriv_desktop"

#: Files bigger than this are read only up to this size (settings files are tiny).
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class SecretFinding:
    """A secret (identified by ``hint``) seen in ``where`` (a log record or a file path)."""

    where: str
    hint: str

    def __str__(self) -> str:
        return f"secret {self.hint} found in {self.where}"


def mask(secret: str) -> str:
    """A hint that identifies a secret to a human without revealing it."""
    return f"<{secret[:2]}…{len(secret)} chars>" if len(secret) > 4 else f"<{len(secret)} chars>"


def _variants(secret: str) -> set[bytes]:
    """Encodings in which the secret could leak: raw, and percent-encoded as in a URL."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret, safe="")}
    return {form.encode("utf-8") for form in forms}


def _record_texts(record: logging.LogRecord) -> Iterator[str]:
    """Everything a handler could print for ``record``: message, args, exception, stack."""
    try:
        yield record.getMessage()
    except Exception:  # a broken format string must not hide the raw parts below
        yield str(record.msg)
    yield repr(record.args)
    formatter = logging.Formatter()
    if record.exc_info:
        yield formatter.formatException(record.exc_info)
    if record.exc_text:
        yield record.exc_text
    if record.stack_info:
        yield record.stack_info


def scan_for_secrets(
    secrets: Iterable[str],
    *,
    records: Iterable[logging.LogRecord] = (),
    paths: Iterable[Path] = (),
    texts: Iterable[tuple[str, str]] = (),
) -> list[SecretFinding]:
    """Return every place where one of ``secrets`` occurs.

    ``records`` are log records, ``paths`` files or directories (searched recursively, binary
    files included) and ``texts`` pairs of ``(label, text)`` such as captured stdout.
    Empty secrets are rejected: they would match everywhere.
    """
    wanted = list(secrets)
    if any(not s for s in wanted):
        raise ValueError("empty secret given to the sniffer")
    patterns = [(mask(s), _variants(s)) for s in wanted]
    findings: list[SecretFinding] = []

    def check(where: str, blob: bytes) -> None:
        for hint, variants in patterns:
            if any(v in blob for v in variants):
                findings.append(SecretFinding(where, hint))

    for record in records:
        where = f"log record {record.name}:{record.levelname} ({record.pathname}:{record.lineno})"
        check(where, "\n".join(_record_texts(record)).encode("utf-8", "replace"))
    for label, text in texts:
        check(label, text.encode("utf-8", "replace"))
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for candidate in candidates:
            if candidate.is_file() and not candidate.is_symlink():
                with candidate.open("rb") as handle:
                    check(str(candidate), handle.read(MAX_FILE_BYTES))
    return findings


class SecretSniffer:
    """Bound to one test's log capture and HOME; see the ``secret_sniffer`` fixture."""

    def __init__(self, caplog: pytest.LogCaptureFixture, home: Path) -> None:
        self._caplog = caplog
        self.home = home

    def findings(
        self,
        secrets: Iterable[str],
        *,
        extra_paths: Iterable[Path] = (),
        extra_texts: Iterable[tuple[str, str]] = (),
    ) -> list[SecretFinding]:
        """Scan the captured log records, every file under HOME, and the extras."""
        return scan_for_secrets(
            secrets,
            records=self._caplog.records,
            paths=[self.home, *extra_paths],
            texts=extra_texts,
        )

    def assert_clean(
        self,
        secrets: Iterable[str],
        *,
        extra_paths: Iterable[Path] = (),
        extra_texts: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Fail the test, listing locations only, if any secret was found."""
        found = self.findings(secrets, extra_paths=extra_paths, extra_texts=extra_texts)
        assert not found, "secrets leaked:\n" + "\n".join(str(f) for f in found)


@pytest.fixture
def secret_sniffer(caplog: pytest.LogCaptureFixture, isolated_env: IsolatedEnv) -> SecretSniffer:
    """Captures ``deriv_desktop`` logs at DEBUG for this test; scan with ``findings(secrets)``."""
    caplog.set_level(logging.DEBUG, logger=APP_LOGGER)
    return SecretSniffer(caplog, isolated_env.home)
