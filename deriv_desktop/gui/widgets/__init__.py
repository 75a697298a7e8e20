"""Reusable widgets and delegates of the main window."""
