"""The user-interface language: our Qt catalogue, Qt's own strings and the number format.

Call :func:`install_language` once, after the ``QApplication`` exists and *before* any window is
built: widgets translate their text and models capture the locale when they are constructed, so a
window built earlier stays in the old language.

The catalogue is ``resources/i18n/deriv_desktop_<lang>.qm`` (found like the currency icons:
beside the package, or inside a PyInstaller bundle). Qt's ``qtbase_<lang>.qm`` from the PySide6
installation translates the standard buttons and dialogs ("Close", "Cancel", the file dialog).
English is the source language and needs no catalogue.

Numbers follow the chosen language: the system's own regional variant when it speaks that
language (``fr_CA``, ``fr_CH`` keep their separators), otherwise the language's usual region.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from deriv_desktop.gui.resources import resources_dir

log = logging.getLogger(__name__)

#: Languages the interface is offered in; the first one is the source language.
LANGUAGES = ("en", "fr")
SOURCE_LANGUAGE = LANGUAGES[0]
CATALOGUE = "deriv_desktop"
_TRANSLATOR_NAME = "deriv_desktop.i18n"

_DEFAULT_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    "fr": QLocale(QLocale.Language.French, QLocale.Country.France),
}


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def catalogue_path(language: str, directory: Path | None = None) -> Path:
    return (directory or translations_dir()) / f"{CATALOGUE}_{language}.qm"


def normalise_language(code: str | None) -> str:
    """``"fr_FR"``, ``"FR"`` or ``"fr-CA"`` -> ``"fr"``; anything we do not offer -> English."""
    short = (code or "").strip().replace("-", "_").split("_", 1)[0].lower()
    return short if short in LANGUAGES else SOURCE_LANGUAGE


def oauth_language(language: str) -> str:
    """The ``l`` parameter Deriv's WebSocket URL and sign-in page expect (``"FR"``)."""
    return normalise_language(language).upper()


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale that formats numbers and dates for ``language`` (see the module docstring)."""
    lang = normalise_language(language)
    wanted = _DEFAULT_LOCALES[lang]
    here = system if system is not None else QLocale.system()
    if here.language() == wanted.language():
        return QLocale(here)
    return QLocale(wanted)


class InstalledLanguage(NamedTuple):
    """What :func:`install_language` did; ``missing`` names catalogues it could not load.

    A named tuple rather than a dataclass: it is defined on the way to the first frame, where
    a dataclass costs about ten times as long to create."""

    language: str
    locale: QLocale
    translators: list[QTranslator]
    missing: list[str]


def _remove_ours(app: QCoreApplication) -> None:
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        QCoreApplication.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()


def _load(app: QCoreApplication, path: Path) -> QTranslator | None:
    # Parented to the application so Qt keeps it alive as long as it is installed.
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    loaded = path.is_file() and translator.load(str(path))
    if loaded and QCoreApplication.installTranslator(translator):
        return translator
    translator.setParent(None)
    translator.deleteLater()
    return None


def install_language(
    app: QCoreApplication,
    language: str | None,
    *,
    directory: Path | None = None,
    system: QLocale | None = None,
    set_default_locale: bool = True,
) -> InstalledLanguage:
    """Translate the interface into ``language`` and format numbers for it.

    Replaces whatever an earlier call installed. A missing catalogue is logged and leaves that
    part in English rather than failing the start.
    """
    lang = normalise_language(language)
    _remove_ours(app)
    locale = locale_for(lang, system)
    if set_default_locale:
        QLocale.setDefault(locale)
    installed = InstalledLanguage(lang, locale, [], [])
    if lang == SOURCE_LANGUAGE:
        return installed
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for path in (qt_dir / f"qtbase_{lang}.qm", catalogue_path(lang, directory)):
        translator = _load(app, path)
        if translator is None:
            log.warning("no %s translations in %s; that text stays in English", lang, path.name)
            installed.missing.append(path.name)
        else:
            installed.translators.append(translator)
    return installed


def uninstall_language(app: QCoreApplication) -> None:
    """Back to the source language (the default locale is left as it is)."""
    _remove_ours(app)


__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "InstalledLanguage",
    "catalogue_path",
    "install_language",
    "locale_for",
    "normalise_language",
    "oauth_language",
    "translations_dir",
    "uninstall_language",
]
