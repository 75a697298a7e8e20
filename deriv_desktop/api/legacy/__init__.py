"""Deriv's legacy WebSocket API v3: one socket, ``req_id`` multiplexing, multi-token sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deriv_desktop.api.lazy import lazy_exports

if TYPE_CHECKING:
    from deriv_desktop.api.legacy.client import DerivClient as DerivClient
    from deriv_desktop.api.legacy.subscription import Subscription as Subscription

# Imported on first use, so that importing ``calls`` or ``parse`` does not load websockets.
_WHERE = {"DerivClient": "client", "Subscription": "subscription"}

__all__ = sorted(_WHERE)

__getattr__ = lazy_exports(__name__, _WHERE)
