"""Sign-in plumbing without Qt: authorize URLs, the redirect validator and the loopback handler.

- ``authorize_url``: the legacy Deriv authorize URL and the per-attempt ``state``.
- ``attempt``: :class:`LoginAttempt`, the single-use record every capture route shares.
- ``redirect``: :func:`validate_redirect`, the one validator (loopback, custom scheme, paste).
- ``scheme``: recognising ``derivdesktop://oauth/callback`` URLs handed over by the OS.
- ``loopback`` (+ ``binding``, ``http_wire``, ``pages``, ``loopback_types``): the hardened
  loopback HTTP receiver.
- ``messages``: every user-facing sentence, in one place for translation.
"""
