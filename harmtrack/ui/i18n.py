"""Load translations for the user's locale: Qt's own strings and HarmTrack's."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from harmtrack.paths import resource

log = logging.getLogger(__name__)


#: Strings translated at run time from data (screen titles, table headers, moods); listed
#: here only so that pyside6-lupdate extracts them into the .ts file.
EXTRACT_ONLY = (
    QT_TRANSLATE_NOOP("MainWindow", "Today"), QT_TRANSLATE_NOOP("MainWindow", "History"),
    QT_TRANSLATE_NOOP("MainWindow", "Goals"), QT_TRANSLATE_NOOP("MainWindow", "Charts"),
    QT_TRANSLATE_NOOP("MainWindow", "Therapists"), QT_TRANSLATE_NOOP("MainWindow", "Data & privacy"),
    QT_TRANSLATE_NOOP("MainWindow", "Plans"),
    QT_TRANSLATE_NOOP("EntriesModel", "Day"), QT_TRANSLATE_NOOP("EntriesModel", "Time"),
    QT_TRANSLATE_NOOP("EntriesModel", "What"), QT_TRANSLATE_NOOP("EntriesModel", "Amount"),
    QT_TRANSLATE_NOOP("EntriesModel", "Unit"), QT_TRANSLATE_NOOP("EntriesModel", "Craving"),
    QT_TRANSLATE_NOOP("EntriesModel", "Mood"), QT_TRANSLATE_NOOP("EntriesModel", "Triggers"),
    QT_TRANSLATE_NOOP("EntriesModel", "Safer use"), QT_TRANSLATE_NOOP("EntriesModel", "Setting"),
    QT_TRANSLATE_NOOP("EntriesModel", "Cost"), QT_TRANSLATE_NOOP("EntriesModel", "Urge only"),
    QT_TRANSLATE_NOOP("EntriesModel", "Discuss"), QT_TRANSLATE_NOOP("EntriesModel", "Note"),
    QT_TRANSLATE_NOOP("EntryForm", "1 · very low"), QT_TRANSLATE_NOOP("EntryForm", "2 · low"),
    QT_TRANSLATE_NOOP("EntryForm", "3 · okay"), QT_TRANSLATE_NOOP("EntryForm", "4 · good"),
    QT_TRANSLATE_NOOP("EntryForm", "5 · very good"),
)


def install_translators(app: QApplication, locale: QLocale | None = None,
                        folder: str | None = None) -> list[QTranslator]:
    """Install harmtrack_en.qm, then qtbase_<lang>.qm and harmtrack_<lang>.qm when present;
    returns those loaded.

    English is the source language, but its plural forms ("1 day", "2 days" from
    ``tr("%n days", "", n)``) live in harmtrack_en.qm. It is installed first, so it serves
    every string a translation for the user's language (searched first) lacks.
    """
    locale = locale or QLocale()
    loaded: list[QTranslator] = []
    ours = folder or str(resource("i18n"))
    english = QTranslator(app)
    if english.load("harmtrack_en", ours):
        app.installTranslator(english)
        loaded.append(english)
    sources = (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               ("harmtrack", ours))
    for name, where in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where) and translator.filePath() != english.filePath():
            app.installTranslator(translator)
            loaded.append(translator)
    log.info("translations loaded: %d", len(loaded))
    return loaded
