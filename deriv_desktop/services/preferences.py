"""Preferences as the GUI sees them: the settings types, owned by the storage layer.

The GUI may not import ``storage`` directly (layer rule); it reaches settings through here.
"""

from deriv_desktop.storage.secrets import SecretProblem, SecretStoreError
from deriv_desktop.storage.settings import SessionMeta, Settings, SettingsFile

__all__ = ["SecretProblem", "SecretStoreError", "SessionMeta", "Settings", "SettingsFile"]
