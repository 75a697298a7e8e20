"""The proxy's password, kept in the OS keyring next to the sessions and nowhere else.

It is stored as one more keyring entry (``ProxySettings.secret_key``: the proxy's kind, user,
host and port, no secret) through the app's ``TokenStore``, so a missing or locked keyring is
handled as it is for sessions: the password then lasts for this run only.

:class:`ProxyKeeper` is the same pair (address in the settings file, password in the keyring)
for Tools ▸ Preferences, which changes the proxy while a connection is open.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from deriv_desktop.domain.events import Event
from deriv_desktop.domain.proxy import ProxySettings
from deriv_desktop.services.profile import proxy_from, proxy_into
from deriv_desktop.storage.secrets import SecretStoreError, TokenStore
from deriv_desktop.storage.settings import Settings, SettingsFile

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


class ProxyKeeper:
    """The proxy as the settings file and the keyring hold it, read and changed while signed in.

    The open connection keeps the proxy it was made with (every client of the stack was built
    for it); ``saved`` tells the controller, whose next connection stack uses the new one.
    """

    def __init__(self, store: TokenStore, settings: Settings, settings_file: SettingsFile) -> None:
        self._store = store
        self._settings = settings
        self._settings_file = settings_file
        self.saved: Event[ProxySettings] = Event("proxy saved")

    async def load(self) -> ProxySettings:
        """The saved proxy with its password from the keyring."""
        return await with_saved_password(self._store, proxy_from(self._settings))

    async def save(self, proxy: ProxySettings) -> None:
        """Write the address to the settings file and the password to the keyring."""
        old = proxy_from(self._settings)  # its keyring entry is named by address and user
        proxy_into(self._settings, proxy)
        await self._settings_file.save(self._settings)
        await remember_password(self._store, old, proxy)
        self.saved.emit(proxy)
