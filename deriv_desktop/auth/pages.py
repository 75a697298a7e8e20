"""The small, self-contained pages the loopback handler serves, and their security headers.

Every page is one HTML document with one inline ``<style>`` (allowed by its CSP hash) and no
links, images, fonts or other URLs, so nothing leaks through ``Referer`` or third-party requests.
Only the waiting page carries a script: the fragment forwarder, also allowed by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from enum import Enum

from deriv_desktop.auth import messages
from deriv_desktop.auth.messages import PageText

_CSS = (
    ":root{color-scheme:light dark;--bg:#f3f4f6;--card:#fff;--ink:#1d2430;--muted:#5d6673;"
    "--ok:#2e8b57;--fail:#d2404b;--wait:#3b6fd6;--info:#6b7480}"
    "@media (prefers-color-scheme:dark){:root{--bg:#14171b;--card:#1e2228;--ink:#e9ebee;"
    "--muted:#a4acb6}}"
    "*{box-sizing:border-box}"
    "body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;"
    "padding:24px;background:var(--bg);color:var(--ink);"
    "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}"
    "main{width:100%;max-width:440px;padding:36px 32px;border-radius:16px;text-align:center;"
    "background:var(--card);box-shadow:0 10px 30px rgba(0,0,0,.08)}"
    ".mark{width:56px;height:56px;margin:0 auto 18px;border-radius:50%;display:flex;"
    "align-items:center;justify-content:center;font-size:26px;font-weight:700;color:#fff;"
    "background:var(--info)}"
    ".ok .mark{background:var(--ok)}.fail .mark{background:var(--fail)}"
    ".wait .mark{background:var(--wait)}"
    "h1{margin:0 0 10px;font-size:1.35rem;line-height:1.3}"
    "p{margin:0 0 12px}"
    ".detail{padding:8px 12px;border-radius:8px;font-size:.9rem;color:var(--muted);"
    "background:var(--bg);overflow-wrap:anywhere}"
    ".hint{margin:0;font-size:.92rem;color:var(--muted)}"
    ".warn{margin-top:12px;font-weight:600}"
    ".brand{margin-top:26px;font-size:.8rem;letter-spacing:.02em;color:var(--muted)}"
)

# A legacy refusal arrives as ``#error=…&state=…``: only the page sees a fragment. Re-send it as
# the query of this same path, where the server validates it like any answer. The page is only
# served for the bare path (no query), and the new address has a query and no fragment, so this
# runs at most once.
_FORWARD_SCRIPT = (
    "(function(){var h=location.hash;"
    "if(h.length>1&&h.length<=8192&&!location.search){"
    "location.replace(location.pathname+'?'+h.slice(1));}})();"
)


def _csp_source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


STYLE_HASH = _csp_source_hash(_CSS)
SCRIPT_HASH = _csp_source_hash(_FORWARD_SCRIPT)

_CSP_BASE = (
    f"default-src 'none'; style-src {STYLE_HASH}; img-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)
CSP_STATIC = f"{_CSP_BASE}; script-src 'none'"
CSP_WITH_FORWARDER = f"{_CSP_BASE}; script-src {SCRIPT_HASH}"


class Tone(Enum):
    """The page's colour and symbol."""

    OK = ("ok", "\u2713")
    FAIL = ("fail", "\u2715")
    WAIT = ("wait", "\u2026")
    INFO = ("info", "i")

    @property
    def css_class(self) -> str:
        return self.value[0]

    @property
    def symbol(self) -> str:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """A rendered page and the CSP that allows exactly its inline style (and script)."""

    body: bytes
    csp: str


def render(
    text: PageText,
    tone: Tone,
    *,
    body: str | None = None,
    detail: str | None = None,
    forward_fragment: bool = False,
    language: str = messages.HTML_LANG,
) -> HtmlPage:
    """Render a page. ``body`` replaces the default sentence; ``detail`` is escaped and shown
    in a muted box. Both are escaped, so callers may pass text that came from elsewhere."""
    lang = messages.page_language(language)
    text = messages.localized_page(text, lang)
    if body is not None:
        body = messages.localized(body, lang)
    parts = [
        "<!doctype html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_esc(text.title)} \u00b7 {_esc(messages.PRODUCT_NAME)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f'<main class="{tone.css_class}"><div class="mark" aria-hidden="true">{tone.symbol}</div>',
        f"<h1>{_esc(text.heading)}</h1>",
        f"<p>{_esc(body if body is not None else text.body)}</p>",
    ]
    if detail:
        parts.append(f'<p class="detail">{_esc(detail)}</p>')
    if text.hint:
        parts.append(f'<p class="hint">{_esc(text.hint)}</p>')
    if text.warning:
        parts.append(f'<p class="hint warn">{_esc(text.warning)}</p>')
    parts.append(f'<div class="brand">{_esc(messages.PRODUCT_NAME)}</div></main>')
    if forward_fragment:
        parts.append(f"<script>{_FORWARD_SCRIPT}</script>")
    parts.append("</body></html>")
    csp = CSP_WITH_FORWARDER if forward_fragment else CSP_STATIC
    return HtmlPage("".join(parts).encode("utf-8"), csp)


def security_headers(csp: str) -> list[tuple[str, str]]:
    """Headers every loopback response carries (RFC 9700 §4.2 spirit: nothing leaves the page)."""
    return [
        ("Content-Security-Policy", csp),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store, max-age=0"),
        ("Pragma", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Connection", "close"),
    ]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
