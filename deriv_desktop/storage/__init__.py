"""Where things are kept: secrets in the OS keyring, non-secret settings in a JSON file."""
