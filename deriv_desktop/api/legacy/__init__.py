"""Deriv's legacy WebSocket API v3: one socket, ``req_id`` multiplexing, multi-token sessions."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deriv_desktop.api.legacy.client import DerivClient as DerivClient
    from deriv_desktop.api.legacy.subscription import Subscription as Subscription

# Imported on first use, so that importing ``calls`` or ``parse`` does not load websockets.
_WHERE = {"DerivClient": "client", "Subscription": "subscription"}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
