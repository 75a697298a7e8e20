"""The translation guard: in French no visible string equals its English source unless it is a
code, a name or a number, the browser pages the loopback handler serves included.

The window's words come from the Qt catalogue (``resources/i18n/deriv_desktop_fr.ts``); the
browser pages' from ``auth/messages.py`` through ``auth/messages_fr.py``. The layout guard's
French run (``tests/gui/test_layout_guard.py``) looks at what the windows really show.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from deriv_desktop.auth import messages, pages
from deriv_desktop.auth.pages import Tone
from deriv_desktop.gui.mnemonics import marked_letter

CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "deriv_desktop_fr.ts"

#: Names that French writes the same way: the product, Deriv's own names, crypto-currencies.
NAMES = {
    "Deriv Desktop",
    "Deriv",
    "Qt",
    "Admin",  # Deriv's name for the scope, shown as Deriv shows it
    "Bitcoin",
    "Bitcoin Cash",
    "Ethereum",
    "Ethereum Classic",
    "Litecoin",
    "Tether",
    "Tether Omni",
    "Tether ERC20",
    "Tether TRC20",
    "USD Coin",
    "Binance USD",
    "Dai",
    "STASIS Euro",
    "Paxos Standard",
    "TrueUSD",
    "Binary Coin",
}
#: Words spelt the same in French (checked by hand).
SAME_WORDS = {"Version", "Euro", "min", "Proxy", "Port"}


def _visible(text: str) -> str:
    """The text as shown: no mnemonic "&", no placeholders."""
    return re.sub(r"%\d|%n", "", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))


def is_code_name_or_number(text: str) -> bool:
    shown = _visible(text).strip()
    if shown in NAMES or shown in SAME_WORDS:
        return True
    shown = re.sub(r"\([^)]*://[^)]*\)|\([a-z0-9.-]+\.[a-z]{2,}\)", "", shown)  # (an address)
    words = re.findall(r"[^\W\d_]+", shown)
    return all(w.isupper() or w in SAME_WORDS or w in " ".join(NAMES).split() for w in words)


def catalogue_entries() -> list[tuple[str, str, str]]:
    """(context, source, French) for every entry (each plural form once)."""
    root = ET.parse(CATALOGUE).getroot()
    entries = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") != "unfinished", f"[{name}] {source!r} untranslated"
            forms = [f.text or "" for f in translation.iter("numerusform")]
            for french in forms or [translation.text or ""]:
                entries.append((name, source, french))
    return entries


def test_every_window_string_differs_in_french_unless_a_code_name_or_number() -> None:
    same = [
        f"[{context}] {source!r}"
        for context, source, french in catalogue_entries()
        if french == source and not is_code_name_or_number(source)
    ]
    assert not same, "left in English:\n" + "\n".join(same)


def test_the_guard_knows_a_sentence_from_a_name() -> None:
    assert not is_code_name_or_number("Hide zero balances")
    assert not is_code_name_or_number("Connected &apps…")
    assert is_code_name_or_number("&Deriv (wss://ws.derivws.com)")
    assert is_code_name_or_number("MT5")
    assert is_code_name_or_number("%1 · %2")


def _page_sentences() -> list[str]:
    found: list[str] = []
    for name in dir(messages):
        value = getattr(messages, name)
        if isinstance(value, messages.PageText):
            found += [getattr(value, f) for f in ("title", "heading", "body", "hint", "warning")]
        elif isinstance(value, str) and name.isupper() and name not in ("HTML_LANG",):
            found.append(value)
    found += list(messages._BROWSER_TEXT.values())
    return sorted({text for text in found if text and text != messages.PRODUCT_NAME})


def test_every_browser_page_sentence_has_its_french() -> None:
    sentences = _page_sentences()
    assert len(sentences) > 60  # every page and every reason, not a handful
    missing = [s for s in sentences if messages.localized(s, "fr") == s]
    assert not missing, "browser pages left in English:\n" + "\n".join(missing)


def test_pages_are_served_in_the_profiles_language() -> None:
    for name in dir(messages):
        page = getattr(messages, name)
        if not isinstance(page, messages.PageText):
            continue
        html = pages.render(page, Tone.INFO, language="fr").body.decode("utf-8")
        assert '<html lang="fr">' in html
        for english in (page.heading, page.body, page.hint, page.warning):
            if english:
                assert english.replace("'", "&#x27;") not in html, (name, english)
        english_page = pages.render(page, Tone.INFO, language="en").body.decode("utf-8")
        assert '<html lang="en">' in english_page
    refused = messages.browser_text(messages.Problem(messages.ProblemKind.REFUSED_ACCESS))
    html = pages.render(messages.PAGE_REFUSED, Tone.FAIL, body=refused, language="fr-FR")
    assert "Deriv n’a pas autorisé cette connexion" in html.body.decode("utf-8")
    unknown = pages.render(messages.PAGE_SUCCESS, Tone.OK, language="xx").body.decode("utf-8")
    assert '<html lang="en">' in unknown and "You're signed in".replace("'", "&#x27;") in unknown


def test_a_mnemonic_in_english_keeps_one_in_french() -> None:
    """A source's "&" says its control has an Alt+letter; the French must keep one (on a letter
    of its own words), or the control loses it in French."""
    lost = [
        f"[{context}] {source!r} -> {french!r}"
        for context, source, french in catalogue_entries()
        if marked_letter(source) is not None and marked_letter(french) is None
    ]
    assert not lost, "mnemonic lost in French:\n" + "\n".join(lost)
