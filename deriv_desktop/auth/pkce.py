"""PKCE (RFC 7636) for the new Deriv API's authorization-code sign-in.

The verifier is 32 bytes from ``secrets`` in base64url without padding: 43 characters, the
shortest RFC 7636 allows, with 256 bits of entropy. Only its S256 challenge travels in the
authorization URL; the verifier itself goes only to the token endpoint, so it lives in memory
for one attempt and never appears in ``repr``.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass, field

VERIFIER_BYTES = 32
METHOD = "S256"
_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def new_verifier() -> str:
    """A fresh code verifier: 43 url-safe characters from the OS CSPRNG."""
    return _b64url(secrets.token_bytes(VERIFIER_BYTES))


def challenge_s256(verifier: str) -> str:
    """``BASE64URL(SHA-256(ASCII(verifier)))`` without padding (RFC 7636 §4.2)."""
    if not _VERIFIER.fullmatch(verifier):
        raise ValueError("a code verifier is 43 to 128 unreserved characters")
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


@dataclass(frozen=True, slots=True)
class Pkce:
    """One attempt's verifier and its challenge; the verifier is hidden from printing."""

    verifier: str = field(repr=False)
    challenge: str
    method: str = METHOD

    @classmethod
    def new(cls) -> Pkce:
        verifier = new_verifier()
        return cls(verifier, challenge_s256(verifier))
