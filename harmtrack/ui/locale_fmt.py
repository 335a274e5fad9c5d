"""Numbers, dates and times shown in the user's locale (QLocale), in one place."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTime


def number(value: float, decimals: int = 6) -> str:
    """A number without trailing zeros, with the locale's decimal separator (2.5 → 2,5 in de)."""
    text = QLocale().toString(float(value), "f", decimals)
    point = QLocale().decimalPoint()
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text


def long_date(day: dt.date) -> str:
    """E.g. "Thursday, 26 November 2026" in the user's locale."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def short_date(day: dt.date) -> str:
    """The locale's short date, always with a four-digit year."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def short_date_format() -> str:
    """Display format for date edits: the locale's short date with a four-digit year."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def time_of(value: dt.datetime | dt.time) -> str:
    """Hours and minutes the locale's way (21:15 or 9:15 PM)."""
    return QLocale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)
