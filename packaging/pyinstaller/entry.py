"""The frozen app's entry point: the same ``main`` as the ``deriv-desktop`` console script."""

import sys

from deriv_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
