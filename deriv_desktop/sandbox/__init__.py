"""A Deriv-compatible local server (WebSocket API v3 and OAuth pages) for trying the app offline and for tests."""
