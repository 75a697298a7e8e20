"""Every user-facing sentence of the sign-in plumbing, in one place so it can be translated later.

Nothing here is ever built from request data: browsers and the app only ever see these fixed
strings (plus, for a refusal, an escaped and shortened provider description).
"""

from __future__ import annotations

from dataclasses import dataclass

HTML_LANG = "en"
PRODUCT_NAME = "Deriv Desktop"


@dataclass(frozen=True, slots=True)
class PageText:
    """The words of one browser page: tab title, heading, main sentence and a closing hint."""

    title: str
    heading: str
    body: str
    hint: str = ""


# --- Validator outcomes (shown in the app and, where relevant, in the browser) ------------------

REFUSED_SCOPE_DENIED = (
    "You chose not to give Deriv Desktop access on Deriv's page, so you are not signed in."
)
REFUSED_REACTIVATION_CANCELLED = "Your Deriv account was not reactivated, so you are not signed in."
REFUSED_ACCESS_DENIED = "Deriv did not allow this sign-in, so you are not signed in."
REFUSED_OTHER = (
    "Deriv stopped the sign-in without saying why. Try again, or sign in with an API token."
)

REJECTED_MISSING_STATE = (
    "This address does not belong to the current sign-in. Use the newest sign-in tab, "
    "or start again."
)
REJECTED_WRONG_STATE = (
    "This address belongs to an older or different sign-in. Use the newest sign-in tab, "
    "or start again."
)
REJECTED_UNREADABLE = (
    "This address could not be read. Copy the whole address from the browser's address bar "
    "and try again."
)
REJECTED_ALREADY_COMPLETED = "This sign-in is already complete."
REJECTED_EXPIRED = "This sign-in timed out. Start again from Deriv Desktop."
REJECTED_CANCELLED = "This sign-in was cancelled. Start again from Deriv Desktop."
REJECTED_NOT_A_CALLBACK = "This is not a Deriv Desktop sign-in address."

MALFORMED_DUPLICATE = "Deriv's answer repeated a field, so it was not used."
MALFORMED_BAD_VALUE = "Deriv's answer contained an unreadable value, so it was not used."
MALFORMED_NO_ACCOUNTS = "Deriv's answer did not include any account, so nobody was signed in."
MALFORMED_TOO_MANY_ACCOUNTS = "Deriv's answer listed more accounts than Deriv Desktop accepts."
MALFORMED_GAP = "Deriv's answer skipped an account number, so it was not used."
MALFORMED_LOGINID = "Deriv's answer contained an account id in an unexpected form."
MALFORMED_TOKEN = "Deriv's answer contained a token in an unexpected form."  # noqa: S105
MALFORMED_CURRENCY = "Deriv's answer contained a currency in an unexpected form."
MALFORMED_INCOMPLETE = "Deriv's answer had an account without its token, so it was not used."
MALFORMED_REPEATED_ACCOUNT = "Deriv's answer listed the same account twice, so it was not used."

# --- OAuth2 (new Deriv API: authorization code + PKCE) -----------------------------------------

MALFORMED_NO_CODE = "Deriv's answer did not include a sign-in code, so nobody was signed in."
MALFORMED_CODE = "Deriv's answer contained a sign-in code in an unexpected form."
MALFORMED_ISSUER = "The answer names another sign-in server than Deriv's, so it was not used."
EXCHANGE_INVALID_GRANT = (
    "Deriv did not accept the sign-in code (it was already used, has expired, or the app's "
    "redirect address does not match). Sign in again."
)
EXCHANGE_INVALID_CLIENT = (
    "Deriv does not know this app's client id. Check the app id in Settings, then sign in again."
)
EXCHANGE_REFUSED = "Deriv refused to finish the sign-in. Sign in again."
EXCHANGE_UNREADABLE = "Deriv's sign-in server sent an answer Deriv Desktop cannot read."
EXCHANGE_SERVER_ERROR = "Deriv's sign-in server had a problem. Try again in a moment."
SESSION_EXPIRED = (
    "Your Deriv sign-in has expired (access lasts an hour and could not be renewed). Sign in again."
)


def timeout_message(wrong_state_count: int, timeout_seconds: float) -> str:
    """What to tell the user when an attempt times out; stale tabs get their own explanation."""
    minutes = max(1, round(timeout_seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    if wrong_state_count:
        return (
            f"Sign-in timed out after {minutes} {unit}. A page from an earlier sign-in reached "
            "Deriv Desktop, so you probably finished an older tab. Start again and use the "
            "newest tab, or paste the address your browser ended on."
        )
    return (
        f"Sign-in timed out after {minutes} {unit} without an answer from the browser. Start "
        "again, paste the address your browser ended on, or sign in with an API token."
    )


CANCELLED_MESSAGE = "Sign-in was cancelled."
SIGNED_IN_MESSAGE = "You're signed in."
ENDED_ELSEWHERE_MESSAGE = "This sign-in was finished another way (a pasted or handed-over address)."
APP_FAILURE_DEFAULT = "Deriv Desktop could not finish signing you in. Go back to the app to retry."

# --- Loopback port problems -------------------------------------------------------------------

BIND_IN_USE = (
    "Port {port} on {host} is already in use by another program, so the browser cannot hand the "
    "sign-in back to Deriv Desktop. Close that program, or paste the address your browser ends "
    "on, or sign in with an API token."
)
BIND_PERMISSION_DENIED = (
    "This system does not let Deriv Desktop listen on port {port} of {host} (ports below 1024 "
    "usually need special permission). Paste the address your browser ends on, or sign in with "
    "an API token."
)
BIND_WINDOWS_EXCLUDED = (
    "Windows does not let Deriv Desktop use port {port} on {host}: it is reserved (often for "
    "Hyper-V, WSL or Docker) or held by another program. Paste the address your browser ends "
    "on, or sign in with an API token."
)
BIND_UNAVAILABLE = (
    "Deriv Desktop cannot listen on port {port} of {host}: that loopback address is not "
    "available on this system. Paste the address your browser ends on, or sign in with an API "
    "token."
)
BIND_OTHER = (
    "Deriv Desktop could not listen on port {port} of {host}. Paste the address your browser "
    "ends on, or sign in with an API token."
)

# --- Browser pages ------------------------------------------------------------------------------

PAGE_WAITING = PageText(
    title="Signing in",
    heading="Finishing sign-in…",
    body="Deriv Desktop is waiting for Deriv's answer.",
    hint="If this page does not change, go back to Deriv Desktop: you can start again or paste "
    "this page's address there.",
)
PAGE_SUCCESS = PageText(
    title="Signed in",
    heading="You're signed in",
    body="Deriv Desktop has your accounts.",
    hint="You can close this tab and go back to the app.",
)
PAGE_FAILURE = PageText(
    title="Sign-in did not finish",
    heading="Sign-in didn't finish",
    body=APP_FAILURE_DEFAULT,
    hint="You can close this tab. Deriv Desktop shows what to do next.",
)
PAGE_PENDING = PageText(
    title="Almost there",
    heading="Almost there",
    body="Deriv Desktop is still checking your sign-in. The app window will show the result.",
    hint="You can close this tab.",
)
PAGE_REFUSED = PageText(
    title="Not signed in",
    heading="You're not signed in",
    body=REFUSED_OTHER,
    hint="You can close this tab. Deriv Desktop lets you try again.",
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
)
PAGE_ENDED = PageText(
    title="Sign-in ended",
    heading="This sign-in has ended",
    body="It was cancelled or timed out.",
    hint="Start again from Deriv Desktop if you still want to sign in.",
)
PAGE_STALE = PageText(
    title="Sign-in link not used",
    heading="This sign-in address can't be used",
    body="It does not match the sign-in Deriv Desktop is waiting for. It may come from an older "
    "tab.",
    hint="Use the newest sign-in tab, or start again from Deriv Desktop.",
)
PAGE_MALFORMED = PageText(
    title="Sign-in answer not usable",
    heading="Deriv's answer could not be used",
    body=MALFORMED_BAD_VALUE,
    hint="Go back to Deriv Desktop to start again, or sign in with an API token.",
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
