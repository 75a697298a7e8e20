"""`python -m deriv_desktop.sandbox`: run the Deriv-compatible local server."""

from .cli import main

raise SystemExit(main())
