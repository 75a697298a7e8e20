"""Every error sentence the app window shows, in the user's language, from one function.

Layers below the GUI report a :class:`~deriv_desktop.domain.problems.Problem` (a kind plus the
data its sentence needs) or raise a ``DerivError`` that carries one; :func:`describe` words it.
Deriv's own messages and exception text are English and stay in the log: a window never shows
``str(exc)``. Server codes appear, if at all, in parentheses at the very end.
"""

from __future__ import annotations

from typing import assert_never

from deriv_desktop.domain.health import Health, HealthPhase, StreamRole
from deriv_desktop.domain.problems import (
    KEYRING_KINDS,
    PROXY_KINDS,
    SETTINGS_WRITE_KINDS,
    Problem,
    ProblemKind,
    problem_of,
)
from deriv_desktop.gui.strings import tr

K = ProblemKind


def describe(problem: Problem | BaseException) -> str:
    """The sentence for ``problem``, or for whatever problem an exception stands for (any
    ``DerivError`` the services raise; anything else reads as an internal error)."""
    if not isinstance(problem, Problem):
        problem = problem_of(problem)
    text = _sentence(problem)
    if problem.code and problem.kind in _SHOWS_CODE:
        text += f" ({problem.code})"
    return text


# Kinds whose sentence ends with Deriv's code: they say no more than "Deriv refused".
_SHOWS_CODE = frozenset({K.SERVER_OTHER, K.EXCHANGE_REFUSED, K.EXCHANGE_SERVER_ERROR})


def keyring_reason(problem: Problem | None) -> str:
    """Why the keyring cannot be used, finishing "…because <reason>"."""
    kind = problem.kind if problem is not None else None
    if kind is K.KEYRING_NO_BACKEND:
        return tr("Problem", "no system keyring is available on this computer.")
    if kind is K.KEYRING_LOCKED:
        return tr("Problem", "the system keyring is locked or refused access.")
    if kind is K.KEYRING_INSECURE:
        return tr(
            "Problem",
            "the only keyring available stores secrets as plain text, which Deriv Desktop "
            "does not use.",
        )
    if kind is K.KEYRING_FAILED:
        return tr("Problem", "the system keyring failed.")
    if kind is K.KEYRING_NOT_ANSWERED:
        return tr(
            "Problem", "the system keyring did not answer (it may be waiting to be unlocked)."
        )
    if kind is not None and kind in SETTINGS_WRITE_KINDS:
        return settings_write_reason(kind)
    return tr("Problem", "the system keyring could not be used.")


def settings_write_reason(kind: ProblemKind) -> str:
    """Why the settings file could not be written, finishing "…because <reason>"."""
    if kind is K.SETTINGS_READ_ONLY:
        return tr("Problem", "Deriv Desktop may not write to its settings folder.")
    if kind is K.SETTINGS_DISK_FULL:
        return tr("Problem", "the disk is full.")
    return tr("Problem", "the settings file could not be written.")


def _settings_reset(p: Problem) -> str:
    if p.field == "*":
        text = tr(
            "Problem",
            "Your settings file was damaged, so Deriv Desktop started with its default settings "
            "and any saved sign-in was forgotten.",
        )
    else:
        text = tr(
            "Problem",
            "Some of your settings were damaged and were put back to their defaults: %1. The "
            "others were kept.",
        ).replace("%1", p.field.replace("_", " ").replace(",", ", "))
    if p.name:
        return text + " " + tr("Problem", "The damaged file was kept as %1.").replace("%1", p.name)
    return text


def _keyring_cause(problem: Problem) -> Problem | None:
    cause = problem.cause
    known = KEYRING_KINDS | SETTINGS_WRITE_KINDS
    return cause if cause is not None and cause.kind in known else None


def _port(text: str, problem: Problem) -> str:
    return text.replace("%1", str(problem.port)).replace("%2", problem.host)


def _sentence(p: Problem) -> str:
    kind = p.kind
    # --- Deriv refused a request ---------------------------------------------------------------
    if kind is K.INVALID_TOKEN:
        return tr(
            "Problem",
            "Deriv no longer accepts this sign-in (it was revoked or has expired). Sign in again.",
        )
    if kind is K.AUTHORIZATION_REQUIRED:
        return tr("Problem", "Deriv asked for a sign-in first. Sign in again, then try again.")
    if kind is K.PERMISSION_DENIED:
        return tr(
            "Problem",
            "Your sign-in does not allow this. Sign in with a token that has the access it needs.",
        )
    if kind is K.RATE_LIMIT:
        return tr("Problem", "Deriv received too many requests. Wait a minute, then try again.")
    if kind is K.INPUT_VALIDATION_FAILED:
        if p.field:
            return tr(
                "Problem", "Deriv did not accept a value you entered (%1). Check it and try again."
            ).replace("%1", p.field)
        return tr("Problem", "Deriv did not accept a value you entered. Check it and try again.")
    if kind is K.API_TOKEN_ERROR:
        return tr("Problem", "Deriv could not change your API tokens. Try again in a moment.")
    if kind is K.TOKEN_DELETED:
        return tr("Problem", "This API token was already deleted.")
    if kind is K.WRONG_RESPONSE:
        return tr(
            "Problem", "Deriv sent an answer Deriv Desktop cannot read. Try again in a moment."
        )
    if kind is K.ALREADY_SUBSCRIBED:
        return tr("Problem", "This is already being updated live.")
    if kind is K.UNRECOGNISED_REQUEST:
        return tr(
            "Problem",
            "Deriv did not understand the request. This version of Deriv Desktop may be out of "
            "date.",
        )
    if kind is K.INVALID_APP_ID:
        return tr(
            "Problem",
            "Deriv does not recognise the app id in Settings. Check it, then sign in again.",
        )
    if kind is K.INVALID_LOGINID:
        return tr("Problem", "Deriv does not know this account, or it is not part of your sign-in.")
    if kind is K.TOPUP_REFUSED:
        return tr(
            "Problem",
            "Deriv did not top up this demo account: it only does so when the balance is low.",
        )
    if kind is K.SERVER_OTHER:
        return tr("Problem", "Deriv refused the request. Try again in a moment.")
    # --- the link to Deriv ---------------------------------------------------------------------
    if kind is K.CONNECTION_LOST:
        return tr(
            "Problem",
            "The connection to Deriv was lost before the request finished. Try again once it "
            "is back.",
        )
    if kind is K.REQUEST_TIMEOUT:
        return tr("Problem", "Deriv did not answer in time. Try again in a moment.")
    if kind is K.CONNECTION_FAILED:
        return tr(
            "Problem",
            "Deriv Desktop is not connected to Deriv right now. Try again once the connection "
            "is back.",
        )
    if kind is K.PROXY_FAILED:
        return tr(
            "Problem",
            "The proxy in your system settings could not be used to reach Deriv. Check those "
            "settings, then try again.",
        )
    if (
        kind is K.PROXY_REFUSED
        or kind is K.PROXY_UNREACHABLE
        or kind is K.PROXY_AUTH_FAILED
        or kind is K.PROXY_NOT_A_PROXY
        or kind is K.PROXY_DENIED
        or kind is K.PROXY_NO_ANSWER
        or kind is K.PROXY_UNSUPPORTED
    ):
        return _proxy_sentence(p)
    if kind is K.TLS_FAILED:
        return tr(
            "Problem",
            "The secure connection to Deriv could not be set up. Check the server in Settings "
            "and your computer's date and time.",
        )
    if kind is K.CLIENT_CLOSED:
        return tr("Problem", "Deriv Desktop is closing, so the request was stopped.")
    if kind is K.MALFORMED_RESPONSE:
        return tr(
            "Problem", "Deriv sent something Deriv Desktop cannot read. Try again in a moment."
        )
    # --- the system keyring --------------------------------------------------------------------
    if (
        kind is K.KEYRING_NO_BACKEND
        or kind is K.KEYRING_LOCKED
        or kind is K.KEYRING_INSECURE
        or kind is K.KEYRING_FAILED
        or kind is K.KEYRING_NOT_ANSWERED
    ):
        return tr("Problem", "Deriv Desktop could not use the system keyring because %1").replace(
            "%1", keyring_reason(p)
        )
    # --- credentials not accepted --------------------------------------------------------------
    if kind is K.API_TOKEN_NOT_ACCEPTED:
        return tr(
            "Problem",
            "Deriv did not accept the API token. Check that you copied all of it and that it "
            "was not deleted on Deriv's API token page.",
        )
    if kind is K.PAT_NOT_ACCEPTED:
        return tr(
            "Problem",
            "Deriv did not accept the personal access token. Check that you copied all of it, "
            "that it has the trade scope, that it was not revoked on Deriv's dashboard, and that "
            "the App ID in Settings is the one it was made for.",
        )
    if kind is K.SIGN_IN_NOT_ACCEPTED:
        return tr(
            "Problem",
            "Deriv did not accept the sign-in it just gave back. Start again; if it keeps "
            "happening, check that the app id in Settings is the one registered for this "
            "redirect URL.",
        )
    if kind is K.SIGN_IN_UNREACHABLE:
        text = tr(
            "Problem",
            "Deriv Desktop could not reach Deriv, so you are not signed in. Check your internet "
            "connection and the server in Settings, then try again.",
        )
        cause = p.cause
        if cause is not None and (cause.kind in PROXY_KINDS or cause.kind is K.TLS_FAILED):
            text += " " + describe(cause)  # the one cause the user can act on
        return text
    # --- sign-in refused to keep accounts apart ------------------------------------------------
    if kind is K.MIXED_USERS:
        return tr(
            "Problem",
            "These tokens belong to different Deriv users. Sign in with one user's tokens.",
        )
    if kind is K.ACCOUNTS_NOT_LISTED:
        return tr(
            "Problem",
            "Deriv did not list these accounts for the signed-in user: %1. The sign-in was "
            "stopped so that accounts are not mixed up.",
        ).replace("%1", ", ".join(p.accounts))
    if kind is K.ONE_PAT_ONLY:
        return tr(
            "Problem",
            "Paste one personal access token: it opens all the accounts of its user.",
        )
    if kind is K.ONE_TOKEN_SESSION:
        return tr(
            "Problem",
            "A session on Deriv's new API uses one token for all accounts. Sign in again.",
        )
    if kind is K.NO_OPTIONS_ACCOUNTS:
        return tr("Problem", "Deriv lists no Options accounts for this sign-in.")
    # --- what the user pasted ------------------------------------------------------------------
    if kind is K.NO_TOKENS:
        return tr("Problem", "Paste at least one API token.")
    if kind is K.TOO_MANY_TOKENS:
        return tr("Problem", "Paste at most %1 tokens at a time.").replace("%1", str(p.count))
    if kind is K.TOKEN_SHAPE:
        if p.number:
            return tr(
                "Problem",
                "Token %1 does not look like a Deriv API token: tokens contain only letters, "
                "digits, '-' and '_'. Copy it again from Deriv's API token page.",
            ).replace("%1", str(p.number))
        return tr(
            "Problem",
            "The token does not look like a Deriv API token: tokens contain only letters, "
            "digits, '-' and '_'. Copy it again from Deriv's API token page.",
        )
    if kind is K.NO_PAT:
        return tr("Problem", "Paste your personal access token.")
    if kind is K.PAT_SHAPE:
        return tr(
            "Problem",
            "That does not look like a personal access token: it should be one word of letters "
            "and digits, copied from Deriv's dashboard.",
        )
    if kind is K.NO_SCOPE:
        return tr("Problem", "Choose at least one scope.")
    # --- sign-in settings ----------------------------------------------------------------------
    if kind is K.REDIRECT_UNUSABLE:
        return tr(
            "Problem",
            "The redirect URL in Settings cannot be used. Enter the URL registered for your app "
            "id, for example http://127.0.0.1/deriv-desktop/callback.",
        )
    if kind is K.SIGN_IN_SETUP_MISSING:
        return tr(
            "Problem",
            "Signing in with Deriv needs your app id and Deriv's sign-in page address. Check "
            "both in Settings.",
        )
    if kind is K.NEW_API_SETUP_MISSING:
        return tr(
            "Problem",
            "Signing in with Deriv on the new API needs the App ID of your OAuth app and the "
            "address of your relay page (Settings). You can also paste a personal access token "
            "instead.",
        )
    if kind is K.RELAY_UNUSABLE:
        return tr(
            "Problem",
            "The relay page address in Settings cannot be used: it must be the https address "
            "registered as your OAuth app's redirect URL.",
        )
    if kind is K.RELAY_PORT_FAILED:
        return tr(
            "Problem",
            "Deriv Desktop could not open a local port to receive the relay page's answer. "
            "Paste a personal access token instead.",
        )
    # --- the loopback port ---------------------------------------------------------------------
    if kind is K.PORT_IN_USE:
        return _port(
            tr(
                "Problem",
                "Port %1 on %2 is already in use by another program, so the browser cannot hand "
                "the sign-in back to Deriv Desktop. Close that program, paste the address your "
                "browser ends on, or sign in with an API token.",
            ),
            p,
        )
    if kind is K.SIGN_IN_PORT_TAKEN:
        return _port(
            tr(
                "Problem",
                "Another program on this computer is using port %1 of %2, the address Deriv sends "
                "your sign-in to, so it would receive your sign-in. Deriv Desktop did not open "
                "the browser. Close that program and try again, or sign in with an API token.",
            ),
            p,
        )
    if kind is K.PORT_NOT_PERMITTED:
        return _port(
            tr(
                "Problem",
                "This computer does not let Deriv Desktop listen on port %1 of %2 (ports below "
                "1024 usually need special permission). Paste the address your browser ends on, "
                "or sign in with an API token.",
            ),
            p,
        )
    if kind is K.PORT_RESERVED:
        return _port(
            tr(
                "Problem",
                "Windows does not let Deriv Desktop use port %1 on %2: it is reserved (often for "
                "Hyper-V, WSL or Docker) or held by another program. Paste the address your "
                "browser ends on, or sign in with an API token.",
            ),
            p,
        )
    if kind is K.PORT_ADDRESS_UNAVAILABLE:
        return _port(
            tr(
                "Problem",
                "Deriv Desktop cannot listen on port %1 of %2: that local address is not "
                "available on this computer. Paste the address your browser ends on, or sign in "
                "with an API token.",
            ),
            p,
        )
    if kind is K.PORT_FAILED:
        return _port(
            tr(
                "Problem",
                "Deriv Desktop could not listen on port %1 of %2. Paste the address your browser "
                "ends on, or sign in with an API token.",
            ),
            p,
        )
    # --- Deriv's page stopped the sign-in ------------------------------------------------------
    if kind is K.REFUSED_SCOPE:
        return tr(
            "Problem",
            "You chose not to give Deriv Desktop access on Deriv's page, so you are not signed in.",
        )
    if kind is K.REFUSED_REACTIVATION:
        return tr("Problem", "Your Deriv account was not reactivated, so you are not signed in.")
    if kind is K.REFUSED_ACCESS:
        return tr("Problem", "Deriv did not allow this sign-in, so you are not signed in.")
    if kind is K.REFUSED_OTHER:
        return tr(
            "Problem",
            "Deriv stopped the sign-in without saying why. Try again, or sign in with an API "
            "token.",
        )
    # --- an answer that was not used -----------------------------------------------------------
    if kind is K.ANSWER_MISSING_STATE:
        return tr(
            "Problem",
            "This address does not belong to the current sign-in. Use the newest sign-in tab, "
            "or start again.",
        )
    if kind is K.ANSWER_WRONG_STATE:
        return tr(
            "Problem",
            "This address belongs to an older or different sign-in. Use the newest sign-in tab, "
            "or start again.",
        )
    if kind is K.ANSWER_UNREADABLE:
        return tr(
            "Problem",
            "This address could not be read. Copy the whole address from the browser's address "
            "bar and try again.",
        )
    if kind is K.ANSWER_ALREADY_USED:
        return tr("Problem", "This sign-in is already complete.")
    if kind is K.ANSWER_EXPIRED:
        return tr("Problem", "This sign-in timed out. Start again.")
    if kind is K.ANSWER_CANCELLED:
        return tr("Problem", "This sign-in was cancelled. Start again.")
    if kind is K.ANSWER_NOT_A_CALLBACK:
        return tr("Problem", "This is not a Deriv Desktop sign-in address.")
    if kind is K.NOT_WAITING:
        return tr(
            "Problem",
            "Deriv Desktop received a sign-in address but was not waiting for a sign-in, so it "
            "was not used. Start signing in again.",
        )
    # --- an answer with unusable contents ------------------------------------------------------
    if kind is K.MALFORMED_DUPLICATE:
        return tr("Problem", "Deriv's answer repeated a field, so it was not used.")
    if kind is K.MALFORMED_BAD_VALUE:
        return tr("Problem", "Deriv's answer contained an unreadable value, so it was not used.")
    if kind is K.MALFORMED_NO_ACCOUNTS:
        return tr("Problem", "Deriv's answer did not include any account, so nobody was signed in.")
    if kind is K.MALFORMED_TOO_MANY_ACCOUNTS:
        return tr("Problem", "Deriv's answer listed more accounts than Deriv Desktop accepts.")
    if kind is K.MALFORMED_GAP:
        return tr("Problem", "Deriv's answer skipped an account number, so it was not used.")
    if kind is K.MALFORMED_LOGINID:
        return tr("Problem", "Deriv's answer contained an account id in an unexpected form.")
    if kind is K.MALFORMED_TOKEN:
        return tr("Problem", "Deriv's answer contained a token in an unexpected form.")
    if kind is K.MALFORMED_CURRENCY:
        return tr("Problem", "Deriv's answer contained a currency in an unexpected form.")
    if kind is K.MALFORMED_INCOMPLETE:
        return tr("Problem", "Deriv's answer had an account without its token, so it was not used.")
    if kind is K.MALFORMED_REPEATED_ACCOUNT:
        return tr("Problem", "Deriv's answer listed the same account twice, so it was not used.")
    if kind is K.MALFORMED_NO_CODE:
        return tr(
            "Problem", "Deriv's answer did not include a sign-in code, so nobody was signed in."
        )
    if kind is K.MALFORMED_CODE:
        return tr("Problem", "Deriv's answer contained a sign-in code in an unexpected form.")
    if kind is K.MALFORMED_ISSUER:
        return tr(
            "Problem",
            "The answer names another sign-in server than Deriv's, so it was not used.",
        )
    # --- the OAuth2 token endpoint -------------------------------------------------------------
    if kind is K.EXCHANGE_INVALID_GRANT:
        return tr(
            "Problem",
            "Deriv did not accept the sign-in code (it was already used, has expired, or the "
            "app's redirect address does not match). Sign in again.",
        )
    if kind is K.EXCHANGE_INVALID_CLIENT:
        return tr(
            "Problem",
            "Deriv does not know this app's client id. Check the app id in Settings, then sign "
            "in again.",
        )
    if kind is K.EXCHANGE_REFUSED:
        return tr("Problem", "Deriv refused to finish the sign-in. Sign in again.")
    if kind is K.EXCHANGE_UNREADABLE:
        return tr("Problem", "Deriv's sign-in server sent an answer Deriv Desktop cannot read.")
    if kind is K.EXCHANGE_SERVER_ERROR:
        return tr("Problem", "Deriv's sign-in server had a problem. Try again in a moment.")
    if kind is K.SESSION_EXPIRED:
        return tr(
            "Problem",
            "Your Deriv sign-in has expired (access lasts an hour and could not be renewed). "
            "Sign in again.",
        )
    if kind is K.SESSION_ENDED:
        return tr(
            "Problem",
            "Deriv no longer accepts your sign-in (it was revoked or has expired), so you were "
            "signed out. Sign in again.",
        )
    # --- the sign-in attempt -------------------------------------------------------------------
    if kind is K.SIGN_IN_TIMED_OUT:
        if p.count:
            return tr(
                "Problem",
                "Sign-in timed out after %n min. A page from an earlier sign-in reached Deriv "
                "Desktop, so you probably finished an older tab. Start again and use the newest "
                "tab, or sign in with an API token.",
                None,
                p.minutes,
            )
        return tr(
            "Problem",
            "Sign-in timed out after %n min without an answer from the browser. Start again, "
            "or sign in with an API token.",
            None,
            p.minutes,
        )
    if kind is K.SIGN_IN_CANCELLED:
        return tr("Problem", "Sign-in was cancelled.")
    if kind is K.TLS_TO_LOOPBACK:
        return tr(
            "Problem",
            "Your browser tried HTTPS for Deriv Desktop's local address (HTTPS-only mode?). "
            "Paste the address it ended on, or use an API token.",
        )
    if kind is K.BROWSER_NOT_OPENED:
        return tr(
            "Problem",
            "Deriv Desktop could not open your browser. Copy the link and open it yourself.",
        )
    if kind is K.CLOSING:
        return tr("Problem", "Deriv Desktop is closing, so the sign-in stopped.")
    # --- a saved session -----------------------------------------------------------------------
    if kind is K.SAVED_SIGN_IN_UNREADABLE:
        return tr(
            "Problem",
            "Your saved sign-in could not be read because %1 Unlock the keyring and press "
            "Restore, or sign in again.",
        ).replace("%1", keyring_reason(_keyring_cause(p)))
    if kind is K.SAVED_SIGN_IN_REVOKED:
        return tr(
            "Problem",
            "Deriv no longer accepts your saved sign-in (it was revoked or has expired), so it "
            "was removed. Sign in again.",
        )
    if kind is K.RESTORE_CANCELLED:
        return tr(
            "Problem",
            "Stopped signing you back in. Your sign-in is still saved: press Restore to try again.",
        )
    if kind is K.SAVED_SIGN_IN_FAILED:
        why = (
            describe(p.cause)
            if p.cause is not None
            else tr("Problem", "Deriv could not be reached.")
        )
        return tr(
            "Problem",
            "Your saved sign-in could not be restored: %1 Press Restore to try again once "
            "Deriv is reachable.",
        ).replace("%1", why)
    if kind is K.ACCOUNTS_DROPPED:
        return tr(
            "Problem",
            "Deriv no longer accepts the saved sign-in for %1 (revoked or expired), so it was "
            "left out. Sign in again to see it here.",
        ).replace("%1", ", ".join(p.accounts))
    if kind is K.NOT_REMEMBERED:
        return tr("Problem", "Your sign-in won't be remembered because %1").replace(
            "%1", keyring_reason(_keyring_cause(p))
        )
    # --- the running session's health (sentences in the block at the end) ---------------------
    if kind is K.SIGNED_OUT_BY_DERIV or kind is K.ACCOUNTS_REFUSED:
        return _health_problem(p)
    # --- sign-in hardening ----------------------------------------------------------------------
    if kind is K.ONE_TOKEN_NOT_ACCEPTED:
        return (
            tr(
                "Problem",
                "Deriv did not accept token %1 of %2 (it starts with %3…). Check that you copied "
                "all of it and that it was not deleted on Deriv's API token page, or continue "
                "with the other tokens.",
            )
            .replace("%1", str(p.number))
            .replace("%2", str(p.count))
            .replace("%3", p.name)
        )
    if kind is K.HANDOVER_REFUSED:
        return tr(
            "Problem",
            "Your system handed Deriv Desktop a sign-in address it does not accept (too long, or "
            "with hidden characters), so it was not used. If you were signing in, start again.",
        )
    if kind is K.LOOPBACK_PORT_FAILED:
        return tr(
            "Problem",
            "Deriv Desktop could not open a local port to receive the sign-in. Paste the "
            "address your browser ends on, or paste a personal access token instead.",
        )
    # --- storage faults ------------------------------------------------------------------------
    if kind is K.SETTINGS_RESET:
        return _settings_reset(p)
    if kind is K.SETTINGS_READ_ONLY or kind is K.SETTINGS_DISK_FULL or kind is K.SETTINGS_NOT_SAVED:
        return tr("Problem", "Your settings could not be saved because %1").replace(
            "%1", settings_write_reason(kind)
        )
    # --- everything else -----------------------------------------------------------------------
    if kind is K.TOKENS_UNSUPPORTED:
        return tr(
            "Problem",
            "Deriv's new API has no calls for API tokens or connected apps; manage them on "
            "Deriv's dashboard.",
        )
    if kind is K.INTERNAL:
        return tr("Problem", "Something went wrong (%1). The details are in the log.").replace(
            "%1", p.name or "?"
        )
    assert_never(kind)


# --- the running session's health ------------------------------------------------------------
def _proxy_sentence(p: Problem) -> str:
    """What is wrong with the proxy, and where to set it right (Settings or the system's)."""
    K = ProblemKind
    kind = p.kind
    where = f"[{p.host}]" if ":" in p.host else p.host
    where = f"{where}:{p.port}" if p.port else where
    if kind is K.PROXY_REFUSED:
        text = tr(
            "Problem", "The proxy server %1 refused the connection: no proxy is running there."
        )
    elif kind is K.PROXY_UNREACHABLE:
        text = tr(
            "Problem", "The proxy server %1 could not be reached: check its name and your network."
        )
    elif kind is K.PROXY_AUTH_FAILED:
        text = tr(
            "Problem",
            "The proxy server %1 asks for a user name and password, and did not accept the ones "
            "given.",
        )
    elif kind is K.PROXY_NOT_A_PROXY:
        text = tr(
            "Problem",
            "Something answers at %1, but it is not a proxy of the kind chosen (HTTP or SOCKS5).",
        )
    elif kind is K.PROXY_DENIED:
        text = tr("Problem", "The proxy server %1 would not connect to Deriv.")
        if p.code:
            text += f" ({p.code})"
    elif kind is K.PROXY_NO_ANSWER:
        text = tr(
            "Problem",
            "The proxy server %1 did not answer in time. Check that it is running and that it "
            "is the kind of proxy chosen (HTTP or SOCKS5).",
        )
    elif kind is K.PROXY_UNSUPPORTED:
        text = tr(
            "Problem",
            "Your system's proxy setting cannot be used: Deriv Desktop works with HTTP and "
            "SOCKS5 proxies.",
        )
    else:
        text = tr("Problem", "The proxy could not be used to reach Deriv.")
    text = text.replace("%1", where or "?")
    if p.field == "settings":
        return text + " " + tr("Problem", "Check the proxy in Settings, then try again.")
    return (
        text
        + " "
        + tr(
            "Problem",
            "Check your system's proxy settings, or choose a proxy in Settings, then try again.",
        )
    )


def signed_out_reason(cause: Problem | None) -> str:
    """Why Deriv ended the session, finishing "Deriv signed you out: <reason>"."""
    kind = cause.kind if cause is not None else None
    if kind is K.TOKEN_DELETED:
        return tr("Problem", "your sign-in was deleted, on Deriv's website or in another app.")
    if kind in (K.INVALID_TOKEN, K.SESSION_ENDED, K.SESSION_EXPIRED, K.AUTHORIZATION_REQUIRED):
        return tr("Problem", "your sign-in was revoked or has expired.")
    return tr("Problem", "it no longer accepts your sign-in.")


def _health_problem(p: Problem) -> str:
    if p.kind is K.SIGNED_OUT_BY_DERIV:
        return tr("Problem", "Deriv signed you out: %1 Sign in again to carry on.").replace(
            "%1", signed_out_reason(p.cause)
        )
    return tr(
        "Problem",
        "Deriv no longer accepts the sign-in for %1 (deleted, revoked or expired), so its "
        "balance is no longer kept up to date. Sign in again to see it live.",
    ).replace("%1", ", ".join(p.accounts))


def health_sentence(health: Health) -> str | None:
    """What the banner above the balances says in this state; None while all is live."""
    phase = health.phase
    if phase is HealthPhase.SIGNED_OUT:
        return describe(health.problem or Problem(K.SIGNED_OUT_BY_DERIV))
    if phase in (HealthPhase.RECONNECTING, HealthPhase.OFFLINE):
        return tr(
            "Problem",
            "Balances may be out of date: the connection to Deriv is down. They will refresh "
            "as soon as it is back.",
        )
    if phase is HealthPhase.DEGRADED:
        if StreamRole.BALANCES in health.parts:
            return tr(
                "Problem",
                "Balances may be out of date: their live updates stopped. Deriv Desktop is "
                "opening them again; press Retry now to try at once.",
            )
        return tr(
            "Problem",
            "Converted totals may be out of date: live exchange rates stopped. Deriv Desktop "
            "is opening them again; press Retry now to try at once.",
        )
    return None
