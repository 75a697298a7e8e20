"""Signing in to the new Deriv API: a pasted Personal Access Token, or OAuth2 through a loopback
redirect or the relay page.

What the sign-in window needs, without Qt:

* :func:`sign_in_with_pat` — check a pasted PAT's shape and sign the session in with it (the
  session's backend must be a ``NewApiBackend``).
* :class:`OAuth2SignIn` — one OAuth2 attempt at a time: ``start(port)`` gives the URL to open in
  the system browser (the relay page forwards the answer to ``http://127.0.0.1:<port>/callback``;
  with a registered port-less loopback redirect, Deriv sends it to that address with ``port``),
  ``complete(url_or_query)`` takes that callback (or an address the user pasted), exchanges the
  code with PKCE and signs the session in. ``renew`` refreshes the access token when Deriv handed
  out a refresh token; give it to ``RestClient(renew=…)`` so an expired hour does not sign the
  user out needlessly.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from deriv_desktop.auth.oauth2 import (
    DEFAULT_SCOPES,
    DERIV_AUTH_BASE_URL,
    CodeAccepted,
    FormPoster,
    OAuth2Attempt,
    OAuth2Token,
    exchange_code,
    is_loopback_redirect,
    loopback_redirect_uri,
    refresh_token,
    validate_callback,
)
from deriv_desktop.auth.redirect import RedirectRefused, RedirectRejected
from deriv_desktop.domain.errors import BadInput, InvalidToken
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.services.login_status import VIA_OAUTH2 as VIA_OAUTH2
from deriv_desktop.services.login_status import VIA_PAT as VIA_PAT
from deriv_desktop.services.session import SessionService, SignInOutcome

log = logging.getLogger(__name__)

_PAT = re.compile(r"^[A-Za-z0-9._~+/=-]{8,512}$")


class BadPat(BadInput):
    """What was pasted cannot be a personal access token (said without quoting it)."""


def clean_pat(text: str) -> str:
    """The pasted token without surrounding blanks (or a ``Bearer`` prefix); ``BadPat`` if its
    shape is wrong."""
    value = text.strip()
    if value.lower().startswith("bearer "):
        value = value[7:].strip()
    if not value:
        raise BadPat(Problem(ProblemKind.NO_PAT))
    if not _PAT.fullmatch(value):
        raise BadPat(Problem(ProblemKind.PAT_SHAPE))
    return value


async def sign_in_with_pat(session: SessionService, text: str) -> SignInOutcome:
    """Sign in with a pasted PAT (the backend lists every account the token opens)."""
    return await session.sign_in_with_tokens([clean_pat(text)], via=VIA_PAT)


@dataclass(frozen=True)
class OAuth2Config:
    """The OAuth app registered on developers.deriv.com and its registered redirect: the relay
    page's exact address, or a port-less ``http://127.0.0.1/<path>`` (the loopback route)."""

    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    auth_base_url: str = DERIV_AUTH_BASE_URL
    legacy_app_id: str | None = None
    timeout: float = 300.0


class OAuth2SignIn:
    """Runs OAuth2 attempts for one session; keeps the token for renewals."""

    def __init__(
        self, session: SessionService, config: OAuth2Config, *, post_form: FormPoster
    ) -> None:
        self.session = session
        self.config = config
        self._post_form = post_form
        self.attempt: OAuth2Attempt | None = None
        self.token: OAuth2Token | None = None

    def __repr__(self) -> str:
        return f"OAuth2SignIn(client {self.config.client_id!r})"

    def start(
        self,
        relay_port: int | None = None,
        *,
        timeout: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> OAuth2Attempt:
        """A new attempt (the previous one is cancelled). Open ``attempt.authorization_url``
        only once the loopback listener on ``relay_port`` is up."""
        if self.attempt is not None:
            self.attempt.cancel()
        redirect_uri = self.config.redirect_uri
        if self.loopback:
            if relay_port is None:
                raise ValueError("the loopback route needs the port the app listens on")
            redirect_uri = loopback_redirect_uri(redirect_uri, relay_port)
            relay_port = None  # the redirect names the port; the state carries none
        self.attempt = OAuth2Attempt.new(
            client_id=self.config.client_id,
            redirect_uri=redirect_uri,
            relay_port=relay_port,
            scopes=self.config.scopes,
            legacy_app_id=self.config.legacy_app_id,
            base_url=self.config.auth_base_url,
            timeout=self.config.timeout if timeout is None else timeout,
            clock=clock,
        )
        return self.attempt

    @property
    def loopback(self) -> bool:
        """True when the registered redirect is a port-less loopback address (no relay page):
        each attempt then redirects to it with the port the app listens on."""
        return is_loopback_redirect(self.config.redirect_uri)

    def cancel(self) -> None:
        if self.attempt is not None:
            self.attempt.cancel()

    async def complete(
        self, url_or_query: str
    ) -> SignInOutcome | RedirectRefused | RedirectRejected:
        """Validate the callback, redeem the code and sign the session in.

        A ``RedirectRejected`` with ``attempt_continues`` means "keep waiting" (a stale tab, a
        stranger); token-endpoint and sign-in failures raise typed errors.
        """
        attempt = self.attempt
        if attempt is None:
            raise RuntimeError("start() an attempt first")
        result = validate_callback(attempt, url_or_query)
        if not isinstance(result, CodeAccepted):
            return result
        return await self.redeem(attempt, result)

    async def redeem(self, attempt: OAuth2Attempt, accepted: CodeAccepted) -> SignInOutcome:
        """Exchange an accepted code (with the attempt's PKCE verifier) and sign in with the
        access token; the token is kept for renewals."""
        token = await exchange_code(
            attempt, accepted, post_form=self._post_form, base_url=self.config.auth_base_url
        )
        self.token = token
        return await self.session.sign_in_with_tokens([token.access_token], via=VIA_OAUTH2)

    async def renew(self) -> str:
        """A new access token from the refresh token; ``InvalidToken`` when there is none."""
        token = self.token
        if token is None:
            raise InvalidToken(
                "not signed in with OAuth2", problem=Problem(ProblemKind.SESSION_EXPIRED)
            )
        fresh = await refresh_token(
            token,
            client_id=self.config.client_id,
            post_form=self._post_form,
            base_url=self.config.auth_base_url,
        )
        self.token = fresh
        log.info("access token renewed")
        return fresh.access_token
