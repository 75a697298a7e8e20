"""The vocabulary of everything that can go wrong for the user, without a single sentence.

Layers below the GUI say *what* went wrong as a :class:`Problem`: a kind plus the data its
sentence needs (a count, an account id, a port, Deriv's code). Only the GUI turns a problem into
words (``gui/problem_text.describe``), in the user's language. Exception text stays English and
is for logs; a problem never holds a token or any other secret.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ProblemKind(enum.Enum):
    # --- Deriv refused a request (its error code) -------------------------------------------
    INVALID_TOKEN = "invalid_token"  # noqa: S105 - a kind, not a secret
    AUTHORIZATION_REQUIRED = "authorization_required"
    PERMISSION_DENIED = "permission_denied"
    RATE_LIMIT = "rate_limit"
    INPUT_VALIDATION_FAILED = "input_validation_failed"  # data: field (may be empty)
    API_TOKEN_ERROR = "api_token_error"  # noqa: S105
    TOKEN_DELETED = "token_deleted"  # noqa: S105
    WRONG_RESPONSE = "wrong_response"
    ALREADY_SUBSCRIBED = "already_subscribed"
    UNRECOGNISED_REQUEST = "unrecognised_request"
    INVALID_APP_ID = "invalid_app_id"
    INVALID_LOGINID = "invalid_loginid"
    TOPUP_REFUSED = "topup_refused"
    SERVER_OTHER = "server_other"  # data: code (Deriv's)

    # --- the link to Deriv -------------------------------------------------------------------
    CONNECTION_LOST = "connection_lost"
    REQUEST_TIMEOUT = "request_timeout"
    CONNECTION_FAILED = "connection_failed"
    PROXY_FAILED = "proxy_failed"
    TLS_FAILED = "tls_failed"
    CLIENT_CLOSED = "client_closed"
    MALFORMED_RESPONSE = "malformed_response"

    # --- the proxy on the way to Deriv (data: host, port; field: "settings" or "system") ---
    PROXY_REFUSED = "proxy_refused"  # nothing answers on the proxy's port
    PROXY_UNREACHABLE = "proxy_unreachable"  # its name is not found or its network is down
    PROXY_AUTH_FAILED = "proxy_auth_failed"  # it wants a (different) user name and password
    PROXY_NOT_A_PROXY = "proxy_not_a_proxy"  # something answers there, but not that proxy kind
    PROXY_DENIED = "proxy_denied"  # it works but would not connect to Deriv (data: code)
    PROXY_NO_ANSWER = "proxy_no_answer"  # no answer in time (often: not that kind of proxy)
    PROXY_UNSUPPORTED = "proxy_unsupported"  # the system names a kind of proxy we cannot use

    # --- the system keyring ------------------------------------------------------------------
    KEYRING_NO_BACKEND = "keyring_no_backend"
    KEYRING_LOCKED = "keyring_locked"
    KEYRING_INSECURE = "keyring_insecure"
    KEYRING_FAILED = "keyring_failed"

    # --- the credentials of a sign-in were not accepted, by route ---------------------------
    API_TOKEN_NOT_ACCEPTED = "api_token_not_accepted"  # noqa: S105
    PAT_NOT_ACCEPTED = "pat_not_accepted"
    SIGN_IN_NOT_ACCEPTED = "sign_in_not_accepted"
    SIGN_IN_UNREACHABLE = "sign_in_unreachable"

    # --- a sign-in refused to keep accounts apart --------------------------------------------
    MIXED_USERS = "mixed_users"
    ACCOUNTS_NOT_LISTED = "accounts_not_listed"  # data: accounts
    ONE_PAT_ONLY = "one_pat_only"
    ONE_TOKEN_SESSION = "one_token_session"  # noqa: S105
    NO_OPTIONS_ACCOUNTS = "no_options_accounts"

    # --- what the user pasted or typed -------------------------------------------------------
    NO_TOKENS = "no_tokens"
    TOO_MANY_TOKENS = "too_many_tokens"  # data: count (the most allowed)
    TOKEN_SHAPE = "token_shape"  # noqa: S105 - data: number (0 when only one was pasted)
    NO_PAT = "no_pat"
    PAT_SHAPE = "pat_shape"
    NO_SCOPE = "no_scope"

    # --- sign-in settings --------------------------------------------------------------------
    REDIRECT_UNUSABLE = "redirect_unusable"
    SIGN_IN_SETUP_MISSING = "sign_in_setup_missing"
    NEW_API_SETUP_MISSING = "new_api_setup_missing"
    RELAY_UNUSABLE = "relay_unusable"
    RELAY_PORT_FAILED = "relay_port_failed"

    # --- the loopback port the browser hands the answer to (data: host, port) ---------------
    PORT_IN_USE = "port_in_use"
    #: Another program listens on the registered redirect's port: it would receive the sign-in,
    #: so the browser is not opened (data: host, port).
    SIGN_IN_PORT_TAKEN = "sign_in_port_taken"
    PORT_NOT_PERMITTED = "port_not_permitted"
    PORT_RESERVED = "port_reserved"
    PORT_ADDRESS_UNAVAILABLE = "port_address_unavailable"
    PORT_FAILED = "port_failed"

    # --- Deriv's page stopped the sign-in ----------------------------------------------------
    REFUSED_SCOPE = "refused_scope"
    REFUSED_REACTIVATION = "refused_reactivation"
    REFUSED_ACCESS = "refused_access"
    REFUSED_OTHER = "refused_other"

    # --- an answer that was not used ---------------------------------------------------------
    ANSWER_MISSING_STATE = "answer_missing_state"
    ANSWER_WRONG_STATE = "answer_wrong_state"
    ANSWER_UNREADABLE = "answer_unreadable"
    ANSWER_ALREADY_USED = "answer_already_used"
    ANSWER_EXPIRED = "answer_expired"
    ANSWER_CANCELLED = "answer_cancelled"
    ANSWER_NOT_A_CALLBACK = "answer_not_a_callback"
    NOT_WAITING = "not_waiting"

    # --- an answer with this attempt's state but unusable contents ---------------------------
    MALFORMED_DUPLICATE = "malformed_duplicate"
    MALFORMED_BAD_VALUE = "malformed_bad_value"
    MALFORMED_NO_ACCOUNTS = "malformed_no_accounts"
    MALFORMED_TOO_MANY_ACCOUNTS = "malformed_too_many_accounts"
    MALFORMED_GAP = "malformed_gap"
    MALFORMED_LOGINID = "malformed_loginid"
    MALFORMED_TOKEN = "malformed_token"  # noqa: S105
    MALFORMED_CURRENCY = "malformed_currency"
    MALFORMED_INCOMPLETE = "malformed_incomplete"
    MALFORMED_REPEATED_ACCOUNT = "malformed_repeated_account"
    MALFORMED_NO_CODE = "malformed_no_code"
    MALFORMED_CODE = "malformed_code"
    MALFORMED_ISSUER = "malformed_issuer"

    # --- the OAuth2 token endpoint (new API) -------------------------------------------------
    EXCHANGE_INVALID_GRANT = "exchange_invalid_grant"
    EXCHANGE_INVALID_CLIENT = "exchange_invalid_client"
    EXCHANGE_REFUSED = "exchange_refused"  # data: code
    EXCHANGE_UNREADABLE = "exchange_unreadable"
    EXCHANGE_SERVER_ERROR = "exchange_server_error"  # data: code
    SESSION_EXPIRED = "session_expired"
    SESSION_ENDED = "session_ended"  # the running session's credential was refused

    # --- the sign-in attempt -----------------------------------------------------------------
    SIGN_IN_TIMED_OUT = "sign_in_timed_out"  # data: minutes, count (answers from older tabs)
    SIGN_IN_CANCELLED = "sign_in_cancelled"
    TLS_TO_LOOPBACK = "tls_to_loopback"
    BROWSER_NOT_OPENED = "browser_not_opened"
    CLOSING = "closing"

    # --- a saved session (told by the composition root) --------------------------------------
    SAVED_SIGN_IN_UNREADABLE = "saved_sign_in_unreadable"  # data: cause (a keyring problem)
    SAVED_SIGN_IN_REVOKED = "saved_sign_in_revoked"
    SAVED_SIGN_IN_FAILED = "saved_sign_in_failed"  # data: cause
    RESTORE_CANCELLED = "restore_cancelled"  # the user stopped restoring the saved sign-in
    ACCOUNTS_DROPPED = "accounts_dropped"  # data: accounts
    NOT_REMEMBERED = "not_remembered"  # data: cause (a keyring or settings-write problem)

    # --- the running session's health --------------------------------------------------------
    SIGNED_OUT_BY_DERIV = "signed_out_by_deriv"  # data: cause (what Deriv refused, if known)
    ACCOUNTS_REFUSED = "accounts_refused"  # data: accounts (their tokens were refused)
    # --- sign-in that cannot be hijacked or stuck (hand-over, pasted tokens, loopback) -------
    #: One of several pasted API tokens was refused (data: number, count, name = its first
    #: characters, a third of it at most; code).
    ONE_TOKEN_NOT_ACCEPTED = "one_token_not_accepted"  # noqa: S105
    #: The system handed over a sign-in address the app refuses (too long, hidden characters).
    HANDOVER_REFUSED = "handover_refused"
    #: No free local port for the new API's loopback redirect.
    LOOPBACK_PORT_FAILED = "loopback_port_failed"

    # --- storage faults: the settings file and a keyring that does not answer ---------------
    #: The settings file was damaged: data: field (the names reset, comma-separated; "*" for
    #: the whole file), name (where the damaged file was kept; empty when it could not be moved).
    SETTINGS_RESET = "settings_reset"
    SETTINGS_READ_ONLY = "settings_read_only"  # the settings could not be written: read-only
    SETTINGS_DISK_FULL = "settings_disk_full"  # ... the disk is full
    SETTINGS_NOT_SAVED = "settings_not_saved"  # ... for another reason
    #: Nobody answered the keyring (an unlock prompt left open) and the user stopped waiting.
    KEYRING_NOT_ANSWERED = "keyring_not_answered"

    # --- everything else ---------------------------------------------------------------------
    TOKENS_UNSUPPORTED = "tokens_unsupported"
    INTERNAL = "internal"  # data: name (the exception type, for the log's sake)


#: The keyring kinds, whose sentences also finish "…because <reason>".
KEYRING_KINDS = frozenset(
    {
        ProblemKind.KEYRING_NO_BACKEND,
        ProblemKind.KEYRING_LOCKED,
        ProblemKind.KEYRING_INSECURE,
        ProblemKind.KEYRING_FAILED,
        ProblemKind.KEYRING_NOT_ANSWERED,
    }
)

#: Why a session's metadata could not be written (``NOT_REMEMBERED`` may have one as cause).
SETTINGS_WRITE_KINDS = frozenset(
    {
        ProblemKind.SETTINGS_READ_ONLY,
        ProblemKind.SETTINGS_DISK_FULL,
        ProblemKind.SETTINGS_NOT_SAVED,
    }
)


#: The kinds that say what is wrong with the proxy (``PROXY_FAILED``: the generic one).
PROXY_KINDS = frozenset(
    {
        ProblemKind.PROXY_FAILED,
        ProblemKind.PROXY_REFUSED,
        ProblemKind.PROXY_UNREACHABLE,
        ProblemKind.PROXY_AUTH_FAILED,
        ProblemKind.PROXY_NOT_A_PROXY,
        ProblemKind.PROXY_DENIED,
        ProblemKind.PROXY_NO_ANSWER,
        ProblemKind.PROXY_UNSUPPORTED,
    }
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that went wrong: its kind and the data its sentence needs (all optional)."""

    kind: ProblemKind
    code: str = ""  # Deriv's error code, shown only in parentheses
    count: int = 0
    number: int = 0
    minutes: int = 0
    accounts: tuple[str, ...] = ()
    field: str = ""
    host: str = ""
    port: int = 0
    name: str = ""
    cause: Problem | None = None


def problem_of(error: BaseException) -> Problem:
    """The problem an exception stands for: its own ``problem`` when it has one (every
    ``DerivError`` does), else an internal one named after its type."""
    problem = getattr(error, "problem", None)
    if isinstance(problem, Problem):
        return problem
    return Problem(ProblemKind.INTERNAL, name=type(error).__name__)
