"""The sentences of the browser pages the loopback handler serves, in one place.

Only the browser sees these, in the profile's language (:func:`localized`; the French ones
are in ``messages_fr.py``): whatever reaches the app window is a
:class:`~deriv_desktop.domain.problems.Problem` the GUI words itself. Nothing here is ever built
from request data: browsers only ever see these fixed strings (plus, for a refusal, an escaped
and shortened provider description).
"""

from __future__ import annotations

from dataclasses import dataclass

from deriv_desktop.domain.problems import Problem, ProblemKind

HTML_LANG = "en"
PRODUCT_NAME = "Deriv Desktop"


@dataclass(frozen=True, slots=True)
class PageText:
    """The words of one browser page: tab title, heading, main sentence and a closing hint."""

    title: str
    heading: str
    body: str
    hint: str = ""
    #: Said on every page an address of this sign-in may be shown on: "ConsentFix" (2025) talks
    #: people into pasting it into an attacker's page.
    warning: str = ""


NEVER_PASTE = (
    "Never paste this page's address anywhere but Deriv Desktop, whoever asks: it can sign "
    "someone else in to your account."
)

# --- Why an answer was refused or not used, as the browser page says it ------------------------
# The app window words the same problems itself (gui/problem_text.py), in the user's language.

REFUSED_SCOPE_DENIED = (
    "You chose not to give Deriv Desktop access on Deriv's page, so you are not signed in."
)
REFUSED_REACTIVATION_CANCELLED = "Your Deriv account was not reactivated, so you are not signed in."
REFUSED_ACCESS_DENIED = "Deriv did not allow this sign-in, so you are not signed in."
REFUSED_OTHER = (
    "Deriv stopped the sign-in without saying why. Try again, or sign in with an API token."
)

APP_FAILURE_DEFAULT = "Deriv Desktop could not finish signing you in. Go back to the app to retry."

MALFORMED_BAD_VALUE = "Deriv's answer contained an unreadable value, so it was not used."

_BROWSER_TEXT: dict[ProblemKind, str] = {
    ProblemKind.REFUSED_SCOPE: REFUSED_SCOPE_DENIED,
    ProblemKind.REFUSED_REACTIVATION: REFUSED_REACTIVATION_CANCELLED,
    ProblemKind.REFUSED_ACCESS: REFUSED_ACCESS_DENIED,
    ProblemKind.REFUSED_OTHER: REFUSED_OTHER,
    ProblemKind.ANSWER_MISSING_STATE: "This address does not belong to the current sign-in. Use "
    "the newest sign-in tab, or start again.",
    ProblemKind.ANSWER_WRONG_STATE: "This address belongs to an older or different sign-in. Use "
    "the newest sign-in tab, or start again.",
    ProblemKind.ANSWER_UNREADABLE: "This address could not be read. Copy the whole address from "
    "the browser's address bar and try again.",
    ProblemKind.ANSWER_ALREADY_USED: "This sign-in is already complete.",
    ProblemKind.ANSWER_EXPIRED: "This sign-in timed out. Start again from Deriv Desktop.",
    ProblemKind.ANSWER_CANCELLED: "This sign-in was cancelled. Start again from Deriv Desktop.",
    ProblemKind.ANSWER_NOT_A_CALLBACK: "This is not a Deriv Desktop sign-in address.",
    ProblemKind.MALFORMED_DUPLICATE: "Deriv's answer repeated a field, so it was not used.",
    ProblemKind.MALFORMED_BAD_VALUE: MALFORMED_BAD_VALUE,
    ProblemKind.MALFORMED_NO_ACCOUNTS: "Deriv's answer did not include any account, so nobody "
    "was signed in.",
    ProblemKind.MALFORMED_TOO_MANY_ACCOUNTS: "Deriv's answer listed more accounts than Deriv "
    "Desktop accepts.",
    ProblemKind.MALFORMED_GAP: "Deriv's answer skipped an account number, so it was not used.",
    ProblemKind.MALFORMED_LOGINID: "Deriv's answer contained an account id in an unexpected form.",
    ProblemKind.MALFORMED_TOKEN: "Deriv's answer contained a token in an unexpected form.",
    ProblemKind.MALFORMED_CURRENCY: "Deriv's answer contained a currency in an unexpected form.",
    ProblemKind.MALFORMED_INCOMPLETE: "Deriv's answer had an account without its token, so it "
    "was not used.",
    ProblemKind.MALFORMED_REPEATED_ACCOUNT: "Deriv's answer listed the same account twice, so "
    "it was not used.",
    ProblemKind.MALFORMED_NO_CODE: "Deriv's answer did not include a sign-in code, so nobody was "
    "signed in.",
    ProblemKind.MALFORMED_CODE: "Deriv's answer contained a sign-in code in an unexpected form.",
    ProblemKind.MALFORMED_ISSUER: "The answer names another sign-in server than Deriv's, so it "
    "was not used.",
}


def _catalogues() -> dict[str, dict[str, str]]:
    from deriv_desktop.auth.messages_fr import FRENCH

    return {"fr": FRENCH}


def page_language(language: str) -> str:
    """The language the pages are served in: ``language`` when there is a catalogue for it."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    return code if code in _catalogues() else HTML_LANG


def localized(text: str, language: str) -> str:
    """``text`` (one of this module's sentences) in ``language``; as is when not found."""
    return _catalogues().get(page_language(language), {}).get(text, text)


def localized_page(page: PageText, language: str) -> PageText:
    """Every sentence of ``page`` in ``language``."""
    return PageText(
        title=localized(page.title, language),
        heading=localized(page.heading, language),
        body=localized(page.body, language),
        hint=localized(page.hint, language),
        warning=localized(page.warning, language),
    )


def browser_text(problem: Problem) -> str:
    """The browser page's sentence for a refused or unused answer (English, like the pages)."""
    return _BROWSER_TEXT.get(problem.kind, APP_FAILURE_DEFAULT)


# --- Browser pages ------------------------------------------------------------------------------

PAGE_WAITING = PageText(
    title="Signing in",
    heading="Finishing sign-in…",
    body="Deriv Desktop is waiting for Deriv's answer.",
    hint="If this page does not change, go back to Deriv Desktop: you can start again or paste "
    "this page's address there.",
    warning=NEVER_PASTE,
)
PAGE_SUCCESS = PageText(
    title="Signed in",
    heading="You're signed in",
    body="Deriv Desktop has your accounts.",
    hint="You can close this tab and go back to the app.",
    warning=NEVER_PASTE,
)
PAGE_FAILURE = PageText(
    title="Sign-in did not finish",
    heading="Sign-in didn't finish",
    body=APP_FAILURE_DEFAULT,
    hint="You can close this tab. Deriv Desktop shows what to do next.",
    warning=NEVER_PASTE,
)
PAGE_PENDING = PageText(
    title="Almost there",
    heading="Almost there",
    body="Deriv Desktop is still checking your sign-in. The app window will show the result.",
    hint="You can close this tab.",
    warning=NEVER_PASTE,
)
PAGE_REFUSED = PageText(
    title="Not signed in",
    heading="You're not signed in",
    body=REFUSED_OTHER,
    hint="You can close this tab. Deriv Desktop lets you try again.",
    warning=NEVER_PASTE,
)
PAGE_CANCELLED = PageText(
    title="Sign-in cancelled",
    heading="Sign-in was cancelled",
    body="The sign-in was cancelled in Deriv Desktop before it finished.",
    hint="You can close this tab.",
)
PAGE_ALREADY_COMPLETED = PageText(
    title="Already signed in",
    heading="This sign-in is already complete",
    body="This address was already used once, so it was not used again.",
    hint="You can close this tab.",
    warning=NEVER_PASTE,
)
PAGE_ENDED = PageText(
    title="Sign-in ended",
    heading="This sign-in has ended",
    body="It was cancelled or timed out.",
    hint="Start again from Deriv Desktop if you still want to sign in.",
    warning=NEVER_PASTE,
)
PAGE_STALE = PageText(
    title="Sign-in link not used",
    heading="This sign-in address can't be used",
    body="It does not match the sign-in Deriv Desktop is waiting for. It may come from an older "
    "tab.",
    hint="Use the newest sign-in tab, or start again from Deriv Desktop.",
    warning=NEVER_PASTE,
)
PAGE_MALFORMED = PageText(
    title="Sign-in answer not usable",
    heading="Deriv's answer could not be used",
    body=MALFORMED_BAD_VALUE,
    hint="Go back to Deriv Desktop to start again, or sign in with an API token.",
    warning=NEVER_PASTE,
)
PAGE_BAD_REQUEST = PageText(
    title="Bad request",
    heading="Bad request",
    body="Deriv Desktop could not read this request.",
)
PAGE_NOT_FOUND = PageText(
    title="Not found",
    heading="Nothing here",
    body="This address is only used while signing in to Deriv Desktop.",
)
PAGE_METHOD_NOT_ALLOWED = PageText(
    title="Not allowed",
    heading="Not allowed",
    body="This address only answers page loads from the browser.",
)
PAGE_TOO_LARGE = PageText(
    title="Request too large",
    heading="Request too large",
    body="Deriv Desktop only accepts small requests here.",
)
PAGE_TIMEOUT = PageText(
    title="Request timed out",
    heading="Request timed out",
    body="The request took too long to arrive.",
)
