"""Qt item models that adapt the domain state for views."""
