"""Sign-in plumbing without Qt: authorize URLs, the redirect validator and the loopback handler."""
