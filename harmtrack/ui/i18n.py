"""Load translations for the user's locale: Qt's own strings and HarmTrack's."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from harmtrack.paths import resource

log = logging.getLogger(__name__)


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install qtbase_<lang>.qm and harmtrack_<lang>.qm when present; returns those loaded.

    English is the source language, so nothing is needed (or loaded) for it.
    """
    locale = locale or QLocale()
    loaded: list[QTranslator] = []
    sources = (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               ("harmtrack", str(resource("i18n"))))
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            loaded.append(translator)
    log.info("translations loaded: %d", len(loaded))
    return loaded
