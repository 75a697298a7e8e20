"""PKCE S256 (RFC 7636): the Appendix B vector and the shape of fresh verifiers."""

from __future__ import annotations

import re
import secrets

import pytest

from deriv_desktop.auth import pkce
from deriv_desktop.auth.pkce import Pkce, challenge_s256, new_verifier

# RFC 7636 Appendix B: the 32 random octets, the verifier they encode, and its S256 challenge.
APPENDIX_B_OCTETS = bytes(
    [
        116,
        24,
        223,
        180,
        151,
        153,
        224,
        37,
        79,
        250,
        96,
        125,
        216,
        173,
        187,
        186,
        22,
        212,
        37,
        77,
        105,
        214,
        191,
        240,
        91,
        88,
        5,
        88,
        83,
        132,
        141,
        121,
    ]
)
APPENDIX_B_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
APPENDIX_B_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_rfc7636_appendix_b_challenge() -> None:
    assert challenge_s256(APPENDIX_B_VERIFIER) == APPENDIX_B_CHALLENGE


def test_rfc7636_appendix_b_verifier_from_its_octets(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def token_bytes(n: int) -> bytes:
        asked.append(n)
        return APPENDIX_B_OCTETS

    monkeypatch.setattr(pkce.secrets, "token_bytes", token_bytes)
    pair = Pkce.new()
    assert asked == [32]  # 32 bytes from the OS CSPRNG
    assert pair.verifier == APPENDIX_B_VERIFIER
    assert pair.challenge == APPENDIX_B_CHALLENGE and pair.method == "S256"


def test_fresh_verifiers_are_43_url_safe_characters_without_padding() -> None:
    seen = {new_verifier() for _ in range(50)}
    assert len(seen) == 50
    for verifier in seen:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", verifier)
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", challenge_s256(verifier))
    assert pkce.secrets is secrets


def test_the_verifier_stays_out_of_repr() -> None:
    pair = Pkce.new()
    assert pair.verifier not in repr(pair) and pair.challenge in repr(pair)


@pytest.mark.parametrize("bad", ["short", "x" * 129, "a" * 42 + "!", "a" * 43 + " "])
def test_malformed_verifiers_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        challenge_s256(bad)
