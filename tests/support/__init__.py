"""Shared helpers and fixtures for the test suite.

The modules here are imported by ``tests/conftest.py`` (fixtures are registered through
``pytest_plugins``).  None of them imports PySide6 or qasync at module import time, so the
non-GUI tests never pay for Qt and never need a display.
"""
