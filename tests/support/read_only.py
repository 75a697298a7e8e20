"""A folder nothing may write to, for the storage-fault tests.

As an ordinary user, taking the write permission away is enough. As root (CI containers) the
permission bits are ignored, so a read-only tmpfs is mounted instead; a root that may not
mount fails the test (it would otherwise pass without ever meeting a read-only folder).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def read_only_folder(path: Path, files: dict[str, bytes] | None = None) -> Iterator[Path]:
    """``path`` (created, holding ``files``) made read-only for the duration."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        for name, data in (files or {}).items():
            (path / name).write_bytes(data)
        path.chmod(0o500)
        try:
            yield path
        finally:
            path.chmod(0o700)
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(path)], check=True)
    try:
        for name, data in (files or {}).items():
            (path / name).write_bytes(data)
        subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)
