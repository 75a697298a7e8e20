"""The interface in French: the shipped catalogue is complete, and the main window speaks it.

The catalogue checks read the GUI sources with Python's own parser (independently of
``tools/update_translations.py``), so a new ``tr()`` string cannot ship without a finished
French translation. The window tests install the real ``resources/i18n`` catalogue through
``deriv_desktop.gui.i18n`` and sign in to the in-process sandbox as its first user.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.gui import i18n
from deriv_desktop.gui.formatting import format_age
from deriv_desktop.gui.models.accounts import AccountGroup, Role
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.widgets.connection_status import link_text
from tests.gui.fixtures import Stack, signed_in_stack, wait_until

REPO = Path(__file__).resolve().parents[2]
GUI = REPO / "deriv_desktop" / "gui"
FRENCH_TS = REPO / "resources" / "i18n" / "deriv_desktop_fr.ts"
FRENCH_QM = REPO / "resources" / "i18n" / "deriv_desktop_fr.qm"
NNBSP = "\u202f"  # French groups digits with a narrow no-break space
EN_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

Key = tuple[str, str, str | None]


# ---------------------------------------------------------------------------------- catalogue
@dataclass(frozen=True)
class Call:
    key: Key
    plural: bool
    where: str


def translated_sources() -> list[Path]:
    """The GUI package and any module outside it that imports its ``tr`` (the app root)."""
    out = []
    for path in sorted((REPO / "deriv_desktop").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if GUI in path.parents or "from deriv_desktop.gui.strings import" in text:
            out.append(path)
    return out


def tr_calls() -> list[Call]:
    """Every ``tr(context, text[, disambiguation[, n]])`` in the translated sources."""
    calls: list[Call] = []
    for path in translated_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
            ):
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            literal = [isinstance(a, ast.Constant) for a in node.args[:3]]
            assert len(node.args) >= 2 and all(literal), f"{where}: tr() needs literal strings"
            values = [a.value for a in node.args[:3] if isinstance(a, ast.Constant)]
            disambiguation = values[2] if len(values) > 2 else None
            calls.append(Call((values[0], values[1], disambiguation), len(node.args) > 3, where))
    return calls


def catalogue(path: Path) -> dict[Key, ET.Element]:
    root = ET.parse(path).getroot()
    out: dict[Key, ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            comment = message.find("comment")
            disambiguation = comment.text if comment is not None else None
            out[(name, message.findtext("source") or "", disambiguation)] = message
    return out


def forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [f.text or "" for f in translation.findall("numerusform")]
    return [translation.text or ""]


def placeholders(text: str) -> list[str]:
    found: set[str] = set()
    for i, ch in enumerate(text[:-1]):
        if ch != "%":
            continue
        digits = ""
        for nxt in text[i + 1 :]:
            if not nxt.isdigit():
                break
            digits += nxt
        if digits:
            found.add("%" + digits)
        elif text[i + 1] == "n":
            found.add("%n")
    return sorted(found)


def test_gui_sources_contain_translatable_strings() -> None:
    calls = tr_calls()
    # A broken extractor (or a moved package) must not make the completeness check vacuous.
    assert len(calls) > 100
    assert any(c.key == ("MainWindow", "Hide zero balances", None) for c in calls)
    assert any(c.plural for c in calls)


def test_every_gui_string_has_a_finished_french_translation() -> None:
    messages = catalogue(FRENCH_TS)
    problems: list[str] = []
    for call in tr_calls():
        message = messages.get(call.key)
        label = f"{call.where} [{call.key[0]}] {call.key[1]!r}"
        if message is None:
            problems.append(f"missing: {label}")
            continue
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") is not None:
            problems.append(f"{translation.get('type')}: {label}")
        texts = forms(message)
        if not texts or not all(t.strip() for t in texts):
            problems.append(f"empty: {label}")
        if call.plural and (message.get("numerus") != "yes" or len(texts) != 2):
            problems.append(f"needs the two French plural forms: {label}")
        for text in texts:
            if placeholders(text) != placeholders(call.key[1]):
                problems.append(f"placeholders differ in {text!r}: {label}")
            if text.count("&") != call.key[1].count("&"):
                problems.append(f"accelerator differs in {text!r}: {label}")
    hint = "run `python tools/update_translations.py` and translate what it lists"
    assert not problems, hint + "\n" + "\n".join(problems)


def test_the_catalogue_holds_no_leftover_strings() -> None:
    wanted = {c.key for c in tr_calls()}
    leftovers = sorted(str(k) for k in set(catalogue(FRENCH_TS)) - wanted)
    assert not leftovers, "strings no longer in the code (run tools/update_translations.py)"


def test_the_shipped_qm_holds_every_translation_of_the_ts(qapp: QApplication) -> None:
    """The compiled catalogue is not stale: each .ts translation comes back from the .qm."""
    translator = QTranslator()
    assert translator.load(str(FRENCH_QM))
    stale: list[str] = []
    for (context, source, disambiguation), message in catalogue(FRENCH_TS).items():
        texts = forms(message)
        if message.get("numerus") == "yes":
            wanted = [(1, texts[0]), (5, texts[1])]
        else:
            wanted = [(-1, texts[0])]
        for n, text in wanted:
            got = translator.translate(context, source, disambiguation, n)
            if got != text:
                stale.append(f"[{context}] {source!r} (n={n}): {got!r}")
    assert not stale, "run tools/update_translations.py\n" + "\n".join(stale)


# ---------------------------------------------------------------------------------- i18n module
def test_language_codes_are_normalised() -> None:
    assert i18n.normalise_language("fr_FR") == "fr"
    assert i18n.normalise_language("FR") == "fr"
    assert i18n.normalise_language("fr-CA") == "fr"
    assert i18n.normalise_language("de") == "en"
    assert i18n.normalise_language(None) == "en"
    assert i18n.oauth_language("fr") == "FR"


def test_number_format_follows_the_language_and_keeps_the_users_region() -> None:
    swiss = QLocale(QLocale.Language.French, QLocale.Country.Switzerland)
    assert i18n.locale_for("fr", system=EN_US).territory() == QLocale.Country.France
    assert i18n.locale_for("fr", system=swiss).territory() == QLocale.Country.Switzerland
    c_locale = QLocale(QLocale.Language.C)
    assert i18n.locale_for("en", system=c_locale).territory() == QLocale.Country.UnitedStates
    british = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert i18n.locale_for("en", system=british).territory() == QLocale.Country.UnitedKingdom


def ours(app: QCoreApplication) -> list[QTranslator]:
    return [t for t in app.findChildren(QTranslator) if t.objectName() == "deriv_desktop.i18n"]


def test_installing_french_twice_replaces_the_first(restore_language: QApplication) -> None:
    app = restore_language
    first = i18n.install_language(app, "fr", system=EN_US)
    second = i18n.install_language(app, "fr", system=EN_US)
    assert first.missing == [] and second.missing == []
    assert len(second.translators) == 2  # Qt's own strings and ours
    assert len(ours(app)) == 2
    assert tr("MainWindow", "Hide zero balances") == "Masquer les soldes nuls"
    assert QLocale().territory() == QLocale.Country.France


def test_english_installs_no_catalogue(restore_language: QApplication) -> None:
    app = restore_language
    i18n.install_language(app, "fr", system=EN_US)
    english = i18n.install_language(app, "en", system=EN_US)
    assert english.translators == [] and ours(app) == []
    assert tr("MainWindow", "Hide zero balances") == "Hide zero balances"


def test_a_missing_catalogue_is_reported_not_fatal(
    restore_language: QApplication, tmp_path: Path
) -> None:
    installed = i18n.install_language(restore_language, "fr", directory=tmp_path, system=EN_US)
    assert installed.missing == ["deriv_desktop_fr.qm"]
    assert tr("MainWindow", "Hide zero balances") == "Hide zero balances"


def test_plural_strings_use_french_forms(restore_language: QApplication) -> None:
    i18n.install_language(restore_language, "fr", system=EN_US)
    assert format_age(1) == "mis à jour à l’instant"
    assert format_age(42) == "mis à jour il y a 42 s"
    assert format_age(86400) == "mis à jour il y a 1 jour"
    assert format_age(3 * 86400) == "mis à jour il y a 3 jours"
    waiting = LinkState(LinkPhase.RECONNECTING, next_try_at=107.0)
    assert link_text(waiting, now=100.0) == "Reconnexion dans 7 s"


# ---------------------------------------------------------------------------------- main window
@pytest.fixture
async def french_stack(restore_language: QApplication, tmp_path: Path) -> AsyncIterator[Stack]:
    installed = i18n.install_language(restore_language, "fr", system=EN_US)
    assert installed.missing == []
    async with signed_in_stack(tmp_path) as stack:
        yield stack


def open_window(stack: Stack) -> MainWindow:
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    window.resize(640, 900)
    window.show()
    return window


async def test_menus_are_french(french_stack: Stack) -> None:
    window = open_window(french_stack)
    menus = window.menuBar().actions()
    # Aid&e: Alt+A is Affichage's (two titles on one letter make Alt+A cycle between them)
    assert [a.text() for a in menus] == ["&Compte", "&Affichage", "&Outils", "Aid&e"]
    account = [a.text() for a in menus[0].menu().actions() if not a.isSeparator()]
    assert account == [
        "&Basculer vers",
        "&Recharger le compte démo",
        "Rec&hercher un compte",
        "&Paramètres…",
        "Se &déconnecter…",
        "&Quitter",
    ]
    tools = [a.text() for a in menus[2].menu().actions()]
    view = [a.text() for a in menus[1].menu().actions()]
    assert view == ["&Masquer les montants"]
    assert [t for t in tools if t] == [
        "&Jetons d’API…",
        "&Applications connectées…",
        "&Bilan de sécurité…",
        "&Préférences…",
    ]
    assert window.log_folder_action.text() == "Ouvrir le dossier des &journaux"
    assert window.about_action.text() == "À &propos de Deriv Desktop"
    assert window.windowTitle() == "Bac à sable"  # Qt adds " — Deriv Desktop" itself


async def test_group_headers_and_labels_are_french(french_stack: Stack) -> None:
    window = open_window(french_stack)
    model = window.model
    titles = {g: model.group_index(g).data() for g in model.groups}
    assert titles == {
        AccountGroup.REAL_NON_EU: "Comptes réels · Hors UE",
        AccountGroup.REAL_EU: "Comptes réels · UE",
        AccountGroup.DEMO: "Démo",
    }
    assert window.hide_zero.text().replace("&", "") == "Masquer les soldes nuls"  # + mnemonic
    assert window.search.placeholderText() == "Rechercher par identifiant, devise ou nom"
    assert window.totals.real.caption.text() == "Total réel"
    assert window.totals.demo.caption.text() == "Total démo"
    demo = model.index_of(french_stack.loginid("USD", virtual=True))
    assert demo.data(Role.TITLE) == "Démo"
    assert str(demo.data(Role.SUBTITLE)).endswith(" · Compte démo")
    ltc = model.index_of(french_stack.loginid("LTC"))
    assert [b.text for b in ltc.data(Role.BADGES)] == ["Désactivé"]


async def test_balances_use_french_separators(french_stack: Stack) -> None:
    window = open_window(french_stack)
    model = window.model
    usd, btc = french_stack.loginid("USD"), french_stack.loginid("BTC")
    assert model.index_of(usd).data(Role.BALANCE_TEXT) == f"10{NNBSP}250,37 USD"
    assert model.index_of(btc).data(Role.BALANCE_TEXT) == "0,12345678 BTC"
    assert window.totals.demo.value.text() == "870,00 USD"
    tooltip = str(model.index_of(usd).data(Qt.ItemDataRole.ToolTipRole))
    assert f"Solde\u00a0: 10{NNBSP}250,37 USD" in tooltip
    french_stack.sandbox.state.set_balance(usd, "1234567.8")
    await wait_until(
        lambda: model.index_of(usd).data(Role.BALANCE_TEXT) == f"1{NNBSP}234{NNBSP}567,80 USD"
    )


async def test_status_texts_are_french(french_stack: Stack) -> None:
    window = open_window(french_stack)
    assert window.connection.label.text() == "En ligne"
    await french_stack.take_offline()
    await wait_until(lambda: french_stack.state.stale)
    await wait_until(lambda: window.stale_banner.isVisible())
    assert window.stale_banner.text.startswith("Les soldes ne sont peut-être plus à jour")
    assert window.connection.label.text() in (
        "Connexion…",
        "Reconnexion…",
        "Hors ligne",
    ) or window.connection.label.text().startswith("Reconnexion dans ")
    usd = french_stack.loginid("USD")
    tooltip = str(window.model.index_of(usd).data(Qt.ItemDataRole.ToolTipRole))
    assert "Non confirmé\u00a0: ce montant n’a pas été confirmé" in tooltip
    assert "non confirmé" in window.header.detail.text().split(" · ")
    await french_stack.bring_back()
    await wait_until(lambda: window.connection.label.text() == "En ligne", timeout=10)
    await wait_until(lambda: not window.model.is_stale(usd), timeout=10)
    await wait_until(lambda: "non confirmé" not in window.header.detail.text(), timeout=10)


async def test_qt_standard_buttons_are_french(french_stack: Stack) -> None:
    window = open_window(french_stack)
    dialog = window.show_about()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.text().replace("&", "") == "Fermer"
    assert dialog.windowTitle() == "À propos de Deriv Desktop"
    dialog.close()
