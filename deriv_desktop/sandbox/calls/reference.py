"""Reference calls without authorization: residence_list and landing_company."""

from __future__ import annotations

from ..context import CallContext
from ..countries import COUNTRIES, Country
from ..currencies import CURRENCIES, LANDING_COMPANIES
from ..errors import ApiError

_CATEGORIES = ["callput", "touchnotouch", "endsinout", "staysinout", "asian", "digits"]


def residence_list(ctx: CallContext) -> object:
    return [
        {"phone_idd": c.phone_idd, "text": c.name, "value": c.code}
        for c in sorted(COUNTRIES.values(), key=lambda c: c.name)
    ]


def _company(shortcode: str) -> dict[str, object]:
    currencies = ["EUR", "USD"] if shortcode == "maltainvest" else sorted(CURRENCIES)
    return {
        "address": None,
        "changeable_fields": {},
        "country": "Malta" if shortcode == "maltainvest" else "Saint Vincent and the Grenadines",
        "currency_config": {},
        "has_reality_check": 1 if shortcode == "maltainvest" else 0,
        "legal_allowed_contract_categories": _CATEGORIES,
        "legal_allowed_currencies": currencies,
        "legal_allowed_markets": ["forex", "indices", "synthetic_index"],
        "legal_default_currency": currencies[0] if shortcode == "maltainvest" else "USD",
        "name": LANDING_COMPANIES[shortcode][1],
        "requirements": {"signup": ["first_name", "last_name", "residence", "date_of_birth"]},
        "shortcode": shortcode,
        "support_professional_client": 1 if shortcode == "maltainvest" else 0,
        "tin_not_mandatory": 0,
    }


def landing_companies(country: Country) -> dict[str, object]:
    body: dict[str, object] = {
        "id": country.code,
        "minimum_age": 18,
        "name": country.name,
        "virtual_company": "virtual",
    }
    if country.eu:
        body["financial_company"] = _company("maltainvest")
        body["gaming_company"] = None
    else:
        body["financial_company"] = _company("svg")
        body["gaming_company"] = _company("svg")
        body["all_company"] = "svg"
    return body


def landing_company(ctx: CallContext) -> object:
    code = str(ctx.request["landing_company"]).lower()
    country = COUNTRIES.get(code)
    if country is None:
        raise ApiError("UnknownLandingCompany", "Unknown landing company.")
    return landing_companies(country)
