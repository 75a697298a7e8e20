"""The new Deriv API in the sandbox: REST (``api.derivws.com``), OTP account sockets and the
OAuth2 + PKCE pages (``auth.deriv.com``). See ``server.NewApi`` and the package README in
``deriv_desktop/sandbox/__init__.py``."""

from .server import NewApi

__all__ = ["NewApi"]
