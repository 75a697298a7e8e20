"""The only package that imports PySide6 and qasync.

Importing it first makes PySide6's per-import module check cheap (see ``import_scan``), unless
``DERIV_DESKTOP_STOCK_IMPORT_CHECK=1`` keeps PySide6's own.
"""

from deriv_desktop.gui import import_scan as _import_scan

_import_scan.install_unless_stock_wanted()
