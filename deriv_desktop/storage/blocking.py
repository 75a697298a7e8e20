"""Blocking storage calls (files, the keyring) run in the loop's default executor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def run_blocking(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in an executor thread, awaited on the loop.

    asyncio is imported here, not at the top: the storage modules are loaded before the first
    window paints, and asyncio is only needed once a loop runs these calls.
    """
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(None, fn, *args)
