"""Countries the sandbox knows (residence_list) and where their clients land (landing_company)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    phone_idd: str
    eu: bool = False


COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        Country("br", "Brazil", "55"),
        Country("de", "Germany", "49", eu=True),
        Country("fr", "France", "33", eu=True),
        Country("id", "Indonesia", "62"),
        Country("it", "Italy", "39", eu=True),
        Country("ng", "Nigeria", "234"),
        Country("za", "South Africa", "27"),
    )
}
