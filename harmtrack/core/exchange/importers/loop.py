"""Loop Habit Tracker: the ``Checkmarks.csv`` of its "Export as CSV" archive.

Layout (source: Loop's exporter, github.com/iSoron/uhabits,
``uhabits-core/…/core/io/HabitsCSVExporter.kt``, ``writeMultipleHabits``): a header row
``Date,<habit 1>,<habit 2>,…,`` then one row per day, newest first, each cell ending
with a comma. Values are Loop's entry values: for yes/no habits ``2`` means done
(entered by the user), ``1`` done implicitly (counted by Loop from the habit's
frequency), ``0`` not done, ``3`` skipped, ``-1`` unknown; numerical habits hold the
number entered times 1000. Each habit becomes
a trackable counted in "times"; each day the user marked done becomes one entry at
noon of that day, with the amount (1 for yes/no, the number for numerical habits).
Implicit checkmarks (``1`` in a yes/no habit) were never entered and are not imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from harmtrack.core.common.days import parse_day
from harmtrack.core.exchange.importers.bundle import Bundle, EntrySpec, ImportRefused, Refusal
from harmtrack.core.storage.settings import Settings


def parse(text: str, settings: Settings) -> Bundle:
    """Checkmarks.csv text → Bundle."""
    entries: list[EntrySpec] = []  # a small file, read whole
    b = Bundle(format="loop", entries=entries)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused("the Loop file is empty") from None
    except csv.Error as exc:
        raise ImportRefused(f"the Loop file cannot be read: {exc}") from exc
    if not header or header[0].strip().casefold() != "date" or len(header) < 2:
        raise ImportRefused("this is not Loop Habit Tracker's Checkmarks.csv (first column must be Date)")
    habits = [h.strip() for h in header[1:]]
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ImportRefused(f"the Loop file cannot be read at line {reader.line_num}: {exc}") from exc
    # A habit is numerical when any value is neither a checkmark state nor empty.
    states = {"", "-1", "0", "1", "2", "3"}
    numerical = [any(len(r) > i + 1 and r[i + 1].strip() not in states for r in rows)
                 for i in range(len(habits))]
    implicit = 0
    for n, row in enumerate(rows, start=2):
        if not row or not any(c.strip() for c in row):
            continue
        try:
            day = parse_day(row[0].strip())
        except ValueError as exc:
            b.refused.append(Refusal(f"line {n}", f"date: {exc}"))
            continue
        at = dt.datetime.combine(day, dt.time(12, 0), tzinfo=settings.tz)
        for i, habit in enumerate(habits):
            value = row[i + 1].strip() if len(row) > i + 1 else ""
            if not habit:
                continue
            if numerical[i]:
                try:
                    amount = float(value) / 1000 if value else 0.0
                except ValueError:
                    b.refused.append(Refusal(f"line {n}, {habit}", f"{value!r} is not a number"))
                    continue
                if amount <= 0:
                    continue
            elif value == "2":
                amount = 1.0
            else:
                implicit += value == "1"
                continue
            entries.append(EntrySpec(
                where=f"line {n}, {habit}", trackable=habit, amount=amount, at=at, unit="times",
                day=None, source="loop", source_key=f"loop:{habit.casefold()[:120]}:{day.isoformat()}",
                kind="behaviour", split_unit=True))
    if implicit:
        b.not_imported.append(f"{implicit} implicit checkmarks (days Loop counted from the habit's "
                              "frequency, not ones you entered)")
    return b
