"""How the data was collected: entries brought in by an import are counted as imported, not
as filled in later (their created_at is the import's time, not the logging's)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from harmtrack.core.report import pdf as report
from harmtrack.core.report.measures import measures
from harmtrack.core.storage.db import Database
from harmtrack.core.tracking import trackables
from harmtrack.core.tracking.entries import log
from tests.helpers import aware

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 29)


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def test_imported_entries_are_counted_as_imported_not_filled_in_later(utc_settings: Database,
                                                                      tmp_path: Path) -> None:
    db = utc_settings
    alcohol = trackables.add_builtin(db, "alcohol")
    log(db, "alcohol", 2, at=aware(2026, 11, 3, 20))  # typed today: weeks after the day
    log(db, "alcohol", 1, at=aware(2026, 11, 4, 20), source="csv", source_key="csv:1")
    log(db, "alcohol", 1, at=aware(2026, 11, 5, 20), source="pwj", source_key="pwj:1")
    c = measures(db, [alcohol], START, END).collection
    assert (c.entries, c.imported, c.later, c.same_day, c.next_day) == (3, 2, 1, 0, 0)
    assert c.share(c.later) == 100.0  # of the entries typed in the app
    text = pdf_text(report.write_report(db, report.ReportOptions(START, END), tmp_path / "r.pdf").path,
                    1, 1)
    assert "0% of 1 entry typed in HarmTrack were logged on the day they happened" in text
    assert "2 other entries were brought in by an import from a file" in text


def test_the_report_counts_how_it_was_logged_as_measures_does(utc_settings: Database) -> None:
    """The report reads the collection with its per-trackable counts in one pass; the sums
    over several trackables (an urge, a left-out trackable) are the ones measures reads alone."""
    from harmtrack.core.report.data import ReportOptions, gather
    from harmtrack.core.report.measures import entry_counts

    db = utc_settings
    alcohol = trackables.add_builtin(db, "alcohol")
    gaming = trackables.add_custom(db, "Evening gaming", "hours")
    left_out = trackables.add_custom(db, "Scrolling", "minutes")
    log(db, "alcohol", 2, at=aware(2026, 11, 3, 20))
    log(db, "alcohol", 1, at=aware(2026, 11, 4, 20), source="csv", source_key="csv:1")
    log(db, "Evening gaming", 3, at=aware(2026, 11, 6, 20), source="pwj", source_key="pwj:1")
    log(db, "Evening gaming", 0, at=aware(2026, 11, 7, 20), urge_only=True, craving=4)
    log(db, "Scrolling", 30, at=aware(2026, 11, 8, 20))
    log(db, "alcohol", 1, at=aware(2026, 11, 1, 20))  # before the range
    data = gather(db, ReportOptions(START, END, omit_trackables=(left_out.id,)))
    alone = measures(db, [alcohol, gaming], START, END).collection
    assert data.extra["measures"].collection == alone
    assert (alone.entries, alone.imported, alone.later) == (4, 2, 2)
    counts, _ = entry_counts(db, [alcohol.id, gaming.id], START, END)
    assert counts[alcohol.id][:2] == (2, 0) and counts[gaming.id][:3] == (1, 1, 4.0)
    assert entry_counts(db, [], START, END) == ({}, (0, 0, 0, 0))
