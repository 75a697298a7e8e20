"""The relay page is self-contained and strict: its CSP hashes match its only inline script and
style, and it names no other address than the loopback callback it forwards to."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

RELAY = Path(__file__).resolve().parents[3] / "resources/relay/deriv-desktop-relay.html"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_hashes_match_the_inline_code() -> None:
    page = RELAY.read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "base-uri 'none'" in policy
    assert f"script-src {_hash(scripts[0])}" in policy
    assert f"style-src {_hash(styles[0])}" in policy
    assert '<meta name="referrer" content="no-referrer">' in page


def test_no_external_resources_and_only_the_loopback_target() -> None:
    page = RELAY.read_text(encoding="utf-8")
    assert not re.search(r"\b(src|href)\s*=", page)
    urls = set(re.findall(r"https?://[^\s\"'<]+", page))
    assert urls == {"http://127.0.0.1:"} | {u for u in urls if u.startswith("http://127.0.0.1:<")}
    assert 'window.location.replace("http://127.0.0.1:" + port + "/callback?"' in page
