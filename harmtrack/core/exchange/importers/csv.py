"""CSV of entries: HarmTrack's own CSV export, or any spreadsheet with the same columns.

Needed columns: ``trackable``, ``amount``, and either ``occurred_at`` (ISO 8601) or
``date`` (YYYY-MM-DD, the day the entry counts for) with an optional ``time`` (HH:MM,
local; before the day-start hour it is the night after ``date``). Every other column of
the export is optional; unknown columns are reported as not imported. A ``unit``
column converts the amount into the trackable's unit when they differ. In a file with
all of the export's columns, the ``'`` the export puts before a text cell that starts
like a formula is removed again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
from collections.abc import Iterable, Iterator

from harmtrack.core.common.days import parse_day
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.export import CSV_COLUMNS, CSV_TEXT_COLUMNS, restore_cell
from harmtrack.core.exchange.importers.bundle import Bundle, EntrySpec, ImportRefused, Refusal
from harmtrack.core.storage.settings import Settings

TRUE = {"true", "yes", "1", "y", "x"}
FALSE = {"false", "no", "0", "n", ""}


def _flag(text: str | None, what: str) -> bool:
    value = (text or "").strip().casefold()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise InvalidEntry(f"{what} must be true or false, not {text!r}")


def _list(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(";") if p.strip()]


def _when(row: dict[str, str], settings: Settings) -> dt.datetime:
    text = (row.get("occurred_at") or "").strip()
    if text:
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise InvalidEntry(f"occurred_at {text!r} is not an ISO 8601 time") from None
        return value if value.tzinfo else value.replace(tzinfo=settings.tz)
    day_text = (row.get("date") or "").strip()
    if not day_text:
        raise InvalidEntry("no date")
    try:
        day = parse_day(day_text)
    except ValueError as exc:
        raise InvalidEntry(f"date: {exc}") from None
    time_text = (row.get("time") or "").strip() or "12:00"
    try:
        clock = dt.time.fromisoformat(time_text)
    except ValueError:
        raise InvalidEntry(f"time {time_text!r} is not HH:MM") from None
    if clock.hour < settings.day_start_hour:
        # ``date`` is the day the entry counts for: 01:30 with a 04:00 day start is the
        # night after that day, on the next calendar date (as the export writes it).
        try:
            day += dt.timedelta(days=1)
        except OverflowError:
            raise InvalidEntry("date is out of range") from None
    return dt.datetime.combine(day, clock, tzinfo=settings.tz)


#: The delimiters a CSV may use, preferred in this order when the header holds several: a
#: comma, or a tab or ";" (spreadsheets saved where the decimal separator is a comma).
DELIMITERS = ",\t;"


def delimiter_of(header: str) -> str:
    """The delimiter of a CSV whose first line is ``header`` (a comma when it has none).

    Only the header is looked at: a data row's decimal commas would mislead the guess.
    """
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:  # no delimiter at all: one column, refused below for what it lacks
        return ","


def row_key(row: dict[str, str]) -> str:
    """A stable key for a CSV row (same row, same key, whichever file it is in)."""
    basis = "\x1f".join((row.get(c) or "").strip() for c in
                        ("trackable", "occurred_at", "date", "time", "amount", "unit", "urge_only", "note"))
    return "csv:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:40]


def parse(text: str | Iterable[str], settings: Settings) -> Bundle:
    """CSV text, or its lines as read from a file → Bundle (one entry per data row), whose
    entries are read from the lines as they are consumed (the header is read at once)."""
    b = Bundle(format="csv")
    lines = iter(io.StringIO(text) if isinstance(text, str) else text)
    first = next(lines, "")
    # Only the delimiter is taken from the guess: the rest stays Excel's (a sniffed dialect
    # of a header without quotes would not read a doubled "" inside a quoted cell).
    reader = csv.DictReader(itertools.chain([first], lines), dialect=csv.excel,
                            delimiter=delimiter_of(first.split("\n", 1)[0]))
    header = [h.strip().casefold() for h in (reader.fieldnames or [])]
    if "trackable" not in header or "amount" not in header:
        raise ImportRefused("the CSV needs at least the columns trackable and amount "
                            "(and occurred_at or date)")
    if "occurred_at" not in header and "date" not in header:
        raise ImportRefused("the CSV needs an occurred_at or a date column")
    reader.fieldnames = header
    # HarmTrack's own export: its text cells were neutralised against formula injection,
    # and an empty source means the entry was logged, not imported (kept so).
    own = set(CSV_COLUMNS) <= set(header)
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        b.not_imported.append(f"columns {', '.join(unknown)}: not HarmTrack columns, ignored")
    b.entries = _entries(reader, b, own, settings)
    return b


def _entries(reader: csv.DictReader[str], b: Bundle, own: bool, settings: Settings) -> Iterator[EntrySpec]:
    """The data rows as entries, read as they are asked for (refused ones go to ``b``)."""
    try:
        for row in reader:
            line = reader.line_num
            where = f"line {line}"
            if None in row:
                b.refused.append(Refusal(where, "more cells than columns"))
                continue
            if not any((v or "").strip() for v in row.values()):
                continue
            try:
                if own:
                    row = {k: restore_cell(v) if k in CSV_TEXT_COLUMNS and v else v
                           for k, v in row.items()}
                source = (row.get("source") or "").strip() or None
                key = (row.get("source_key") or "").strip() or None
                if key is None and not own:
                    source, key = source or "csv", row_key(row)
                spec = EntrySpec(
                    where=where, trackable=(row.get("trackable") or "").strip(),
                    amount=(row.get("amount") or "").strip(), at=_when(row, settings),
                    unit=(row.get("unit") or "").strip() or None,
                    urge_only=_flag(row.get("urge_only"), "urge_only"),
                    craving=(row.get("craving") or "").strip() or None,
                    mood=(row.get("mood") or "").strip() or None,
                    triggers=_list(row.get("triggers")), practices=_list(row.get("practices")),
                    setting=row.get("setting") or None, cost=(row.get("cost") or "").strip() or None,
                    note=row.get("note") or None, discuss=_flag(row.get("discuss"), "discuss"),
                    source=source, source_key=key, kind="substance")
            except InvalidEntry as exc:
                b.refused.append(Refusal(where, str(exc)))
                continue
            yield spec
    except csv.Error as exc:
        raise ImportRefused(f"the CSV cannot be read at line {reader.line_num}: {exc}") from exc
