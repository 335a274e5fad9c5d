"""Dates and times shown in the user's locale (QLocale), in one place.

Numbers and money have one formatter, the core's (harmtrack.core.quantities.formatting):
screens pass it ``locale=locale_name()``, Qt's locale, so a screen, the chart texts and the
PDF write them the same way.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QTime


def locale_name() -> str:
    """Qt's current locale as the core's formatter names it ("de_DE"; "C" → en_US)."""
    return QLocale().name()


def long_date(day: dt.date) -> str:
    """E.g. "Thursday, 26 November 2026" in the user's locale."""
    return QLocale().toString(day, QLocale.FormatType.LongFormat)


def short_date(day: dt.date) -> str:
    """The locale's short date, always with a four-digit year."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return QLocale().toString(day, fmt)


def short_date_format() -> str:
    """Display format for date edits: the locale's short date with a four-digit year."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def time_of(value: dt.datetime | dt.time) -> str:
    """Hours and minutes the locale's way (21:15 or 9:15 PM)."""
    return QLocale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)
