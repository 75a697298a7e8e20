"""AccountCredential keeps its token out of every textual form."""

from __future__ import annotations

import pytest

from deriv_desktop.domain.credentials import AccountCredential

TOKEN = "a1-SecretSecretSecretSecret12345"


def test_repr_and_str_hide_the_token() -> None:
    credential = AccountCredential("CR799393", TOKEN, "USD")

    for text in (repr(credential), str(credential), f"{credential}", f"{[credential]!r}"):
        assert TOKEN not in text
        assert "CR799393" in text
        assert "<hidden>" in text


def test_token_is_still_available_to_code_that_needs_it() -> None:
    credential = AccountCredential("VRTC1", TOKEN)

    assert credential.token == TOKEN
    assert credential.currency is None
    assert credential == AccountCredential("VRTC1", TOKEN, None)


@pytest.mark.parametrize(("loginid", "token"), [("", TOKEN), ("CR1", "")])
def test_empty_parts_are_refused(loginid: str, token: str) -> None:
    with pytest.raises(ValueError) as error:
        AccountCredential(loginid, token)
    assert TOKEN not in str(error.value)
