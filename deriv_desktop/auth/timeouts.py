"""How long a browser sign-in waits for its answer; apart so the sign-in window's first frame
can show it without importing the attempt machinery (``datetime``, ``secrets``)."""

DEFAULT_TIMEOUT_SECONDS = 300.0
