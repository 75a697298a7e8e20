"""Self-contained HTML for the OAuth pages (sign-in, consent, errors). Every value is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .models import App

SCOPE_WORDS: dict[str, tuple[str, str]] = {
    "read": ("View your account", "See balances, settings, limits and your trade history."),
    "trade": ("Trade for you", "Buy and sell contracts and top up your demo account."),
    "trading_information": ("View trading details", "Read statements and profit tables."),
    "payments": ("Move money", "Use the cashier and transfer funds between your accounts."),
    "admin": ("Manage your account", "Change settings, manage API tokens and connected apps."),
    # Scopes of the new API (/oauth2/auth)
    "account_manage": ("Manage your Options accounts", "Create accounts and read your nickname."),
    "payment": ("Move money", "Use wallets and payment agents."),
    "application_read": ("Read your apps' statistics", "See markup figures of your apps."),
    "offline_access": ("Stay signed in", "Renew access without asking you again."),
}

_STYLE = """
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
padding:24px 16px;background:#f2f3f4;color:#333;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.card{width:100%;max-width:400px;background:#fff;border-radius:12px;padding:32px;
box-shadow:0 8px 24px rgba(0,0,0,.08)}
.brand{display:flex;align-items:center;gap:10px;margin-bottom:20px;font-weight:700;font-size:20px}
.logo{width:32px;height:32px;border-radius:8px;background:#ff444f;color:#fff;display:flex;
align-items:center;justify-content:center;font-size:18px}
.tag{margin-left:auto;font-size:11px;font-weight:600;color:#85acb0;border:1px solid #85acb0;
border-radius:4px;padding:1px 6px;text-transform:uppercase}
h1{font-size:20px;margin:0 0 6px}
p.sub{margin:0 0 20px;color:#666}
label{display:block;font-size:13px;font-weight:600;margin:14px 0 4px}
input[type=email],input[type=password]{width:100%;padding:10px 12px;border:1px solid #d6dadb;
border-radius:6px;font-size:15px}
input:focus{outline:none;border-color:#ff444f}
button{width:100%;margin-top:20px;padding:11px;border:0;border-radius:6px;font-size:15px;
font-weight:700;cursor:pointer;background:#ff444f;color:#fff}
button.secondary{background:#fff;color:#333;border:1px solid #d6dadb;margin-top:10px}
.error{background:#ffecee;color:#c4212b;border-radius:6px;padding:10px 12px;margin-bottom:8px}
ul.scopes{list-style:none;padding:0;margin:16px 0}
ul.scopes li{padding:10px 0;border-bottom:1px solid #eee}
ul.scopes strong{display:block}
ul.scopes span{color:#666;font-size:13px}
.foot{margin-top:18px;font-size:12px;color:#999;text-align:center}
"""


def _page(title: str, body: str, language: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{escape(language.lower().replace("_", "-"))}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        '<main class="card"><div class="brand"><div class="logo">d</div>deriv'
        '<span class="tag">sandbox</span></div>'
        f"{body}"
        '<p class="foot">Local Deriv sandbox &mdash; test data only.</p></main></body></html>'
    )


def login_page(app: App, flow_id: str, language: str, error: str = "", email: str = "") -> str:
    return sign_in_form(app.name, flow_id, language, "/oauth2/authorize", error, email)


def sign_in_form(
    app_name: str, flow_id: str, language: str, action: str, error: str = "", email: str = ""
) -> str:
    """The sign-in form of both OAuth flows (legacy ``/oauth2/authorize``, new ``/oauth2/auth``)."""
    notice = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    body = (
        "<h1>Log in</h1>"
        f'<p class="sub">to continue to <strong>{escape(app_name)}</strong></p>'
        f"{notice}"
        f'<form method="post" action="{escape(action)}" autocomplete="on">'
        f'<input type="hidden" name="csrf_token" value="{escape(flow_id)}">'
        '<label for="email">Email</label>'
        f'<input id="email" type="email" name="email" value="{escape(email)}" required autofocus>'
        '<label for="password">Password</label>'
        '<input id="password" type="password" name="password" required>'
        '<button type="submit">Log in</button></form>'
    )
    return _page("Log in | Deriv", body, language)


def consent_page(app: App, flow_id: str, language: str, email: str) -> str:
    return consent_form(
        app.name, str(app.app_id), app.scopes, flow_id, language, email, "/oauth2/consent"
    )


def consent_form(
    app_name: str,
    app_id: str,
    scopes: Sequence[str],
    flow_id: str,
    language: str,
    email: str,
    action: str,
) -> str:
    """The consent page of both OAuth flows."""
    items = "".join(
        f"<li><strong>{escape(title)}</strong><span>{escape(text)}</span></li>"
        for title, text in (SCOPE_WORDS[s] for s in scopes if s in SCOPE_WORDS)
    )
    body = (
        f"<h1>{escape(app_name)} wants access</h1>"
        f'<p class="sub">Signed in as {escape(email)}. {escape(app_name)} '
        f"(app id {escape(app_id)}) asks to:</p>"
        f'<ul class="scopes">{items}</ul>'
        f'<form method="post" action="{escape(action)}">'
        f'<input type="hidden" name="csrf_token" value="{escape(flow_id)}">'
        '<button type="submit" name="decision" value="allow">Allow</button>'
        '<button type="submit" name="decision" value="deny" class="secondary">Deny</button>'
        "</form>"
    )
    return _page(f"Authorise {app_name} | Deriv", body, language)


def error_page(title: str, detail: str) -> str:
    body = f'<h1>{escape(title)}</h1><p class="sub">{escape(detail)}</p>'
    return _page(title, body)
