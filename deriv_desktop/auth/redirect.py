"""The one validator for Deriv's legacy sign-in redirect, whichever way it reached the app.

The loopback handler, the custom-scheme hand-over and an address pasted by the user all call
:func:`validate_redirect`. The redirect *is* the credential (it carries the session tokens), so
the order is fixed: ``state`` first (constant time), then whether the attempt is still waiting,
then the shape of the answer, then a refusal (``error``), then the account triples. A missing or
wrong ``state`` never ends the attempt; neither does an unreadable answer.

The first half of that order (parse, ``state``, still waiting) is :func:`screen_answer`, shared
with the OAuth2 callback validator (``oauth2.validate_callback``), which then reads a ``code``
instead of account triples.
"""

from __future__ import annotations

import hmac
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qsl, urlsplit

from deriv_desktop.auth import messages
from deriv_desktop.auth.attempt import AttemptStatus, LoginAttempt
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.problems import Problem, ProblemKind

_log = logging.getLogger(__name__)

MAX_INPUT_CHARS = 16_384
MAX_FIELDS = 100
MAX_ACCOUNTS = 26
MAX_VALUE_CHARS = 512
MAX_DETAIL_CHARS = 200

_URL_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{0,31}://")
_SCHEME_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,31}):")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$", re.ASCII)
_TRIPLE_NAME = re.compile(r"^(acct|token|cur)([0-9]+)$", re.ASCII)
_LOGINID = re.compile(r"^[A-Z]{2,4}[0-9]{1,10}$", re.ASCII)
_TOKEN = re.compile(r"^[\w\-]{1,128}$", re.ASCII)
_CURRENCY = re.compile(r"^[A-Za-z0-9]{1,12}$", re.ASCII)

# Parameter names that may be logged. Anything else is only counted: a broken URL can put a
# secret where a name should be.
_LOGGABLE_NAMES = frozenset({"state", "error", "error_description", "nonce", "lang", "route"})


class RefusalReason(Enum):
    """Why Deriv stopped the sign-in (from its ``error`` code, mapped to a fixed set)."""

    SCOPE_DENIED = "scope_denied"
    REACTIVATION_CANCELLED = "reactivation_cancelled"
    ACCESS_DENIED = "access_denied"
    OTHER = "other"


class RejectReason(Enum):
    """Why an answer was not used."""

    MISSING_STATE = "missing_state"
    WRONG_STATE = "wrong_state"
    UNREADABLE = "unreadable"
    MALFORMED = "malformed"
    ALREADY_COMPLETED = "already_completed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    NOT_A_CALLBACK = "not_a_callback"


_ATTEMPT_CONTINUES = frozenset(
    {
        RejectReason.MISSING_STATE,
        RejectReason.WRONG_STATE,
        RejectReason.UNREADABLE,
        RejectReason.MALFORMED,
        RejectReason.NOT_A_CALLBACK,
    }
)


@dataclass(frozen=True, slots=True)
class RedirectAccepted:
    """Deriv signed the user in: one credential per account, in Deriv's order."""

    accounts: tuple[AccountCredential, ...]


_REFUSAL_KINDS = {
    RefusalReason.SCOPE_DENIED: ProblemKind.REFUSED_SCOPE,
    RefusalReason.REACTIVATION_CANCELLED: ProblemKind.REFUSED_REACTIVATION,
    RefusalReason.ACCESS_DENIED: ProblemKind.REFUSED_ACCESS,
    RefusalReason.OTHER: ProblemKind.REFUSED_OTHER,
}


@dataclass(frozen=True, slots=True)
class RedirectRefused:
    """The user (or Deriv) stopped the sign-in.

    ``detail`` is Deriv's ``error_description`` if it sent one: printable and shortened, but
    otherwise as received, so escape it before putting it into HTML. It is shown only on the
    browser page, never in the app.
    """

    reason_code: RefusalReason
    detail: str | None = None

    @property
    def problem(self) -> Problem:
        """What the app window tells the user."""
        return Problem(_REFUSAL_KINDS[self.reason_code])

    @property
    def message(self) -> str:
        """What the browser page says (English, fixed text)."""
        return messages.browser_text(self.problem)


@dataclass(frozen=True, slots=True)
class RedirectRejected:
    """The answer was not used (``problem`` says why, for the app window). See
    :attr:`attempt_continues` for whether to keep waiting."""

    reason: RejectReason
    problem: Problem

    @property
    def message(self) -> str:
        """What the browser page says (English, fixed text)."""
        return messages.browser_text(self.problem)

    @property
    def attempt_continues(self) -> bool:
        """True when this answer changed nothing and the attempt is still waiting for one."""
        return self.reason in _ATTEMPT_CONTINUES

    @property
    def state_verified(self) -> bool:
        """True when the answer carried this attempt's ``state`` (so it came from Deriv)."""
        return self.reason in (
            RejectReason.MALFORMED,
            RejectReason.ALREADY_COMPLETED,
            RejectReason.EXPIRED,
            RejectReason.CANCELLED,
        )


RedirectResult = RedirectAccepted | RedirectRefused | RedirectRejected


class _Malformed(Exception):
    """Internal: the answer carried the right state but its contents are unusable."""

    def __init__(self, kind: ProblemKind) -> None:
        super().__init__(kind.value)
        self.kind = kind


def validate_redirect(attempt: LoginAttempt, url_or_query: str) -> RedirectResult:
    """Check an address: full or custom-scheme URL, ``/path?query``, ``?query``, bare query or
    ``#fragment`` (whatever a user may paste, and what the loopback and the OS hand over).

    On acceptance or refusal the attempt is settled, so a second call with the same answer is
    rejected as ``ALREADY_COMPLETED``.
    """
    screened = screen_answer(attempt, url_or_query)
    if isinstance(screened, RedirectRejected):
        return screened
    pairs = screened
    names = [name for name, _ in pairs]

    try:
        result: RedirectAccepted | RedirectRefused = _read_answer(pairs)
    except _Malformed as problem:
        return _rejected(RejectReason.MALFORMED, problem.kind, names)

    status = (
        AttemptStatus.COMPLETED if isinstance(result, RedirectAccepted) else AttemptStatus.REFUSED
    )
    if not attempt.settle(status):  # the deadline passed between the checks above and now
        ended = _ended(attempt.status) or (
            RejectReason.ALREADY_COMPLETED,
            ProblemKind.ANSWER_ALREADY_USED,
        )
        return _rejected(ended[0], ended[1], names)
    if isinstance(result, RedirectAccepted):
        _log.info("sign-in answer accepted (%d accounts)", len(result.accounts))
    else:
        _log.info("sign-in refused by Deriv (%s)", result.reason_code.value)
    _log.debug("answer parameters: %s", describe_param_names(names))
    return result


def screen_answer(
    attempt: LoginAttempt, url_or_query: str
) -> list[tuple[str, str]] | RedirectRejected:
    """Parse an answer and check, in this order, that it is readable, carries exactly this
    attempt's ``state`` (constant-time compare) and that the attempt still waits.

    Returns the (name, value) pairs to read on, or the rejection. A missing or wrong ``state``
    is counted on the attempt and never ends it.
    """
    pairs = _parse(url_or_query)
    if pairs is None:
        return _rejected(RejectReason.UNREADABLE, ProblemKind.ANSWER_UNREADABLE, ())
    names = [name for name, _ in pairs]

    states = [value for name, value in pairs if name == "state"]
    if len(states) > 1:
        return _rejected(RejectReason.UNREADABLE, ProblemKind.ANSWER_UNREADABLE, names)
    if not states:
        attempt.note_wrong_state()
        return _rejected(RejectReason.MISSING_STATE, ProblemKind.ANSWER_MISSING_STATE, names)
    if not hmac.compare_digest(states[0].encode("utf-8"), attempt.state.encode("utf-8")):
        attempt.note_wrong_state()
        return _rejected(RejectReason.WRONG_STATE, ProblemKind.ANSWER_WRONG_STATE, names)

    ended = _ended(attempt.status)
    if ended is not None:
        return _rejected(ended[0], ended[1], names)
    return pairs


def screen_pasted(text: str, registered: Sequence[str]) -> RedirectRejected | None:
    """Refuse a pasted *address* that cannot be where Deriv sent the browser: any scheme but
    ``http(s)`` and a registered app link's (``derivdesktop:``), or a path other than a
    registered redirect's. A bare
    query, fragment or ``/path?query`` is left to the state check (a user may paste only that).

    Runs before the state is even looked at: a ``javascript:`` or look-alike address with the
    right state must not sign anyone in. http and https count as one (HTTPS-only browsers
    upgrade the loopback address); the host and port are not compared (127.0.0.1 or localhost,
    any port the attempt used).
    """
    stripped = text.strip()
    if stripped.startswith("/"):
        path = stripped.split("?", 1)[0].split("#", 1)[0]
        if any(_path_of(uri) == path.rstrip("/") for uri in registered):
            return None
        return _rejected(RejectReason.NOT_A_CALLBACK, ProblemKind.ANSWER_NOT_A_CALLBACK, ())
    if _SCHEME_PREFIX.match(stripped) is None:
        return None  # "?state=…", "acct1=…&state=…", "#…"
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return _rejected(RejectReason.UNREADABLE, ProblemKind.ANSWER_UNREADABLE, ())
    if any(  # http(s), or the registered app link's own scheme (derivdesktop:)
        _same_place(parts.scheme.lower(), parts.netloc, parts.path, uri) for uri in registered
    ):
        return None
    return _rejected(RejectReason.NOT_A_CALLBACK, ProblemKind.ANSWER_NOT_A_CALLBACK, ())


def _path_of(uri: str) -> str:
    try:
        return urlsplit(uri).path.rstrip("/")
    except ValueError:
        return "\0"  # matches no path


def _same_place(scheme: str, netloc: str, path: str, registered: str) -> bool:
    try:
        want = urlsplit(registered)
    except ValueError:
        return False
    want_scheme = want.scheme.lower()
    if scheme in ("http", "https"):
        return want_scheme in ("http", "https") and path.rstrip("/") == want.path.rstrip("/")
    # derivdesktop://oauth/callback: the "host" is part of the registered address.
    return (
        scheme == want_scheme
        and netloc.lower() == want.netloc.lower()
        and path.rstrip("/") == want.path.rstrip("/")
    )


def read_refusal(code: str, description: str | None) -> RedirectRefused:
    """A provider's ``error``/``error_description`` as a fixed, user-facing refusal."""
    return _refusal(code, description)


def reject(reason: RejectReason, kind: ProblemKind, names: Sequence[str]) -> RedirectRejected:
    """A rejection, logged with parameter names only (for validators built on this one)."""
    return _rejected(reason, kind, names)


def ended_rejection(attempt: LoginAttempt) -> RedirectRejected | None:
    """The rejection for an attempt that is no longer waiting (None while it waits)."""
    ended = _ended(attempt.status)
    return None if ended is None else _rejected(ended[0], ended[1], ())


def describe_param_names(names: Iterable[str]) -> str:
    """Parameter names that are safe to log, plus a count of any others. Never values."""
    shown: set[str] = set()
    others = 0
    for name in names:
        if name in _LOGGABLE_NAMES or _is_triple_name(name):
            shown.add(name)
        else:
            others += 1
    text = ", ".join(sorted(shown)) or "none"
    return f"{text} (+{others} other)" if others else text


def _is_triple_name(name: str) -> bool:
    match = _TRIPLE_NAME.fullmatch(name)
    return match is not None and len(match.group(2)) <= 3


def _rejected(reason: RejectReason, kind: ProblemKind, names: Sequence[str]) -> RedirectRejected:
    _log.info("sign-in answer not used (%s)", kind.value)
    _log.debug("answer parameters: %s", describe_param_names(names))
    return RedirectRejected(reason, Problem(kind))


def _ended(status: AttemptStatus) -> tuple[RejectReason, ProblemKind] | None:
    if status is AttemptStatus.WAITING:
        return None
    if status is AttemptStatus.CANCELLED:
        return RejectReason.CANCELLED, ProblemKind.ANSWER_CANCELLED
    if status is AttemptStatus.EXPIRED:
        return RejectReason.EXPIRED, ProblemKind.ANSWER_EXPIRED
    return RejectReason.ALREADY_COMPLETED, ProblemKind.ANSWER_ALREADY_USED


def _parse(text: str) -> list[tuple[str, str]] | None:
    """Query and fragment parameters as (name, value) pairs, or None if structurally unusable."""
    text = text.strip()
    if not text or len(text) > MAX_INPUT_CHARS:
        return None
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        return None
    if _URL_PREFIX.match(text) or text.startswith("/"):
        try:
            parts = urlsplit(text)
        except ValueError:
            return None
        query, fragment = parts.query, parts.fragment
    else:
        if text.startswith("?"):
            text = text[1:]
        query, _, fragment = text.partition("#")
    try:
        pairs = _parse_pairs(query) + _parse_pairs(fragment)
    except ValueError:  # bad percent-encoding, invalid UTF-8, too many fields
        return None
    if not pairs or len(pairs) > MAX_FIELDS:
        return None
    if not all(_NAME.fullmatch(name) for name, _ in pairs):
        return None
    return pairs


def _parse_pairs(text: str) -> list[tuple[str, str]]:
    if not text:
        return []
    return parse_qsl(
        text,
        keep_blank_values=True,
        strict_parsing=False,
        encoding="utf-8",
        errors="strict",
        max_num_fields=MAX_FIELDS,
    )


def _read_answer(pairs: Sequence[tuple[str, str]]) -> RedirectAccepted | RedirectRefused:
    counts = Counter(name for name, _ in pairs)
    if any(count > 1 for count in counts.values()):
        raise _Malformed(ProblemKind.MALFORMED_DUPLICATE)
    values = dict(pairs)
    for value in values.values():
        if len(value) > MAX_VALUE_CHARS or not value.isprintable():
            raise _Malformed(ProblemKind.MALFORMED_BAD_VALUE)
    if "error" in values:
        return _refusal(values["error"], values.get("error_description"))
    return RedirectAccepted(_accounts(values))


def _refusal(code: str, description: str | None) -> RedirectRefused:
    reason = next((r for r in RefusalReason if r.value == code), RefusalReason.OTHER)
    detail = None
    if description:
        detail = " ".join(description.split())[:MAX_DETAIL_CHARS] or None
    return RedirectRefused(reason, detail)


def _accounts(values: dict[str, str]) -> tuple[AccountCredential, ...]:
    triples: dict[int, dict[str, str]] = {}
    for name, value in values.items():
        match = _TRIPLE_NAME.fullmatch(name)
        if match is None:
            continue  # nonce, lang and the like: not ours to interpret
        kind, number = match.group(1), match.group(2)
        if number.startswith("0") or len(number) > 3:
            raise _Malformed(ProblemKind.MALFORMED_GAP)
        triples.setdefault(int(number), {})[kind] = value
    if not triples:
        raise _Malformed(ProblemKind.MALFORMED_NO_ACCOUNTS)
    if len(triples) > MAX_ACCOUNTS:
        raise _Malformed(ProblemKind.MALFORMED_TOO_MANY_ACCOUNTS)
    if sorted(triples) != list(range(1, len(triples) + 1)):
        raise _Malformed(ProblemKind.MALFORMED_GAP)

    accounts: list[AccountCredential] = []
    seen: set[str] = set()
    for number in range(1, len(triples) + 1):
        fields = triples[number]
        if "acct" not in fields or "token" not in fields:
            raise _Malformed(ProblemKind.MALFORMED_INCOMPLETE)
        loginid = fields["acct"].upper()
        if not _LOGINID.fullmatch(loginid):
            raise _Malformed(ProblemKind.MALFORMED_LOGINID)
        if loginid in seen:
            raise _Malformed(ProblemKind.MALFORMED_REPEATED_ACCOUNT)
        seen.add(loginid)
        token = fields["token"]
        if not _TOKEN.fullmatch(token):
            raise _Malformed(ProblemKind.MALFORMED_TOKEN)
        currency = fields.get("cur") or None
        if currency is not None and not _CURRENCY.fullmatch(currency):
            raise _Malformed(ProblemKind.MALFORMED_CURRENCY)
        accounts.append(AccountCredential(loginid, token, currency))
    return tuple(accounts)
