"""Deriv's legacy WebSocket API v3: one socket, ``req_id`` multiplexing, multi-token sessions."""

from deriv_desktop.api.legacy.client import DerivClient
from deriv_desktop.api.legacy.subscription import Subscription

__all__ = ["DerivClient", "Subscription"]
