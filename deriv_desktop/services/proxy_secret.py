"""The proxy's password, kept in the OS keyring next to the sessions and nowhere else.

It is stored as one more keyring entry (``ProxySettings.secret_key``: the proxy's kind, user,
host and port, no secret) through the app's ``TokenStore``, so a missing or locked keyring is
handled as it is for sessions: the password then lasts for this run only.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from deriv_desktop.domain.proxy import ProxySettings
from deriv_desktop.storage.secrets import SecretStoreError, TokenStore

log = logging.getLogger(__name__)

_FIELD = "password"


def _keeps_password(proxy: ProxySettings) -> bool:
    return proxy.named and bool(proxy.username)


async def with_saved_password(store: TokenStore, proxy: ProxySettings) -> ProxySettings:
    """``proxy`` with the password the keyring holds for it (unchanged when there is none)."""
    if not _keeps_password(proxy) or proxy.password:
        return proxy
    try:
        saved = await store.load(proxy.secret_key)
    except SecretStoreError as exc:
        log.warning("proxy password not read: %s", exc.problem.kind.value)
        return proxy
    password = (saved or {}).get(_FIELD, "")
    return replace(proxy, password=password) if password else proxy


async def remember_password(store: TokenStore, old: ProxySettings, new: ProxySettings) -> None:
    """Keep ``new``'s password in the keyring and drop ``old``'s entry when it is another one."""
    try:
        if _keeps_password(old) and (old.secret_key != new.secret_key or not new.password):
            await store.delete(old.secret_key)
        if _keeps_password(new) and new.password and new != old:
            await store.save(new.secret_key, {_FIELD: new.password})
    except SecretStoreError as exc:
        log.warning("proxy password not kept: %s", exc.problem.kind.value)
