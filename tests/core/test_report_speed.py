"""What makes a long report quick keeps its figures: how entries were logged is counted by
SQLite (exact across clock changes), each trackable's days are read once per report, and
charts drawn in a child process are the ones drawn here."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, update

from harmtrack.core.common.days import day_bounds, local_day
from harmtrack.core.report import chart_images
from harmtrack.core.report.chart_images import ChildCharts, can_fork, draw_pixels
from harmtrack.core.report.charts import ChartSpec, specs_of
from harmtrack.core.report.data import ReportOptions, gather
from harmtrack.core.report.measures import collection
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import entries_table
from harmtrack.core.storage.settings import get_settings, update_settings
from harmtrack.core.tracking.entries import list_entries, log
from harmtrack.core.tracking.trackables import add_custom, resolve
from tests.helpers import aware


def test_collection_matches_each_entry_s_own_day_across_clock_changes(db: Database) -> None:
    # Berlin moves its clocks on 29 March and 25 October 2026; the day starts at 04:00.
    update_settings(db, timezone="Europe/Berlin", day_start_hour=4)
    settings = get_settings(db)
    for day in (28, 29, 30):
        for hour in (0, 3, 5, 23):
            log(db, "alcohol", 1, at=aware(2026, 3, day, hour, tz="Europe/Berlin"))
    for day in (24, 25, 26):
        for hour in (1, 4, 22):
            log(db, "alcohol", 1, at=aware(2026, 10, day, hour, tz="Europe/Berlin"))
    entries = list_entries(db, dt.date(2026, 3, 1), dt.date(2026, 10, 31))
    # Typed in half an hour before or after the start of the next day or the one after: an
    # hour's error in the clock change would move it to another count.
    made = {}
    for i, r in enumerate(entries):
        boundary = day_bounds(r.day + dt.timedelta(days=i % 2), settings.tz, 4)[1]
        at = boundary + dt.timedelta(minutes=30 if i % 4 < 2 else -30)
        made[r.id] = at.astimezone(dt.UTC).replace(tzinfo=None)
    e = entries_table.c
    with transaction(db) as conn:
        for entry_id, at in made.items():
            conn.execute(update(entries_table).where(e.id == entry_id).values(created_at=at))
    expected = [0, 0, 0]
    for r in entries:
        gap = (local_day(made[r.id].replace(tzinfo=dt.UTC), settings.tz, 4) - r.day).days
        expected[min(max(gap, 0), 2)] += 1
    got = collection(db, [resolve(db, "alcohol").id], dt.date(2026, 3, 1), dt.date(2026, 10, 31),
                     set(), None)
    assert all(expected)  # the data reaches every count
    assert (got.same_day, got.next_day, got.later) == tuple(expected)
    assert got.entries == len(entries)


@pytest.mark.parametrize("days", [14, 365])  # day-by-day charts; weekly charts
def test_each_trackable_s_days_are_read_once_per_report(utc_settings: Database, days: int) -> None:
    db = utc_settings
    end = dt.date(2026, 11, 30)
    start = end - dt.timedelta(days=days - 1)
    add_custom(db, "Scrolling", "minutes")
    for back in range(0, 2 * days, 3):  # the range and the period before it
        day = end - dt.timedelta(days=back)
        log(db, "alcohol", 2, at=aware(day.year, day.month, day.day, 20), craving=3)
        log(db, "Scrolling", 30, at=aware(day.year, day.month, day.day, 21))
        log(db, "Scrolling", 0, at=aware(day.year, day.month, day.day, 22), urge_only=True)
    reads: Counter[str] = Counter()

    def count(conn, cursor, statement: str, *args) -> None:  # type: ignore[no-untyped-def]
        if "sum(entries.amount)" in statement and "GROUP BY" in statement:
            reads[statement] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        data = gather(db, ReportOptions(start, end))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(data.summaries) == 2 and data.summaries[0].previous_total
    # The daily totals once per trackable (summary, measures, period before, calendar) and
    # each chart's series once (the weekly measures reuse the weekly chart's).
    totals = [n for q, n in reads.items() if q.startswith("SELECT entries.day, sum")]
    series = [n for q, n in reads.items() if q.startswith("SELECT entries.day AS day, sum")]
    assert totals == [2]
    assert series == [len(data.extra["charts"])]


def gathered_charts(db: Database) -> list[tuple[int, Any]]:
    end = dt.date(2026, 11, 30)
    for back in range(0, 30, 2):
        day = end - dt.timedelta(days=back)
        log(db, "alcohol", 1 + back % 3, at=aware(day.year, day.month, day.day, 20), craving=4)
    gathered = gather(db, ReportOptions(end - dt.timedelta(days=27), end)).extra["charts"]
    assert len(gathered) == 2  # day by day, and the urges
    return list(gathered)


@pytest.mark.skipif(not can_fork(), reason="the charts are drawn apart only where there is fork")
def test_charts_drawn_in_a_child_are_the_ones_drawn_here(utc_settings: Database) -> None:
    child = ChildCharts()  # forked before the data is gathered, as the report does
    gathered = gathered_charts(utc_settings)
    child.send(gathered, 515.0)
    for i, spec in enumerate(specs_of(gathered)):
        got = child.get(i)
        assert got is not None and got == draw_pixels(spec, 515.0)
    child.close()


@pytest.mark.skipif(not can_fork(), reason="the charts are drawn apart only where there is fork")
def test_a_child_that_dies_loses_no_chart(utc_settings: Database,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    gathered = gathered_charts(utc_settings)
    here, real = os.getpid(), chart_images.draw_pixels

    def dies_in_the_child(spec: ChartSpec, width: float) -> chart_images.Pixels:
        if os.getpid() != here:
            os._exit(3)
        return real(spec, width)

    monkeypatch.setattr(chart_images, "draw_pixels", dies_in_the_child)
    child = ChildCharts()
    child.send(gathered, 515.0)
    assert [child.get(i) for i in range(2)] == [real(s, 515.0) for s in specs_of(gathered)]


@pytest.mark.skipif(not can_fork(), reason="the charts are drawn apart only where there is fork")
def test_a_child_given_nothing_goes(utc_settings: Database) -> None:
    child = ChildCharts()
    child.close()  # as when gathering fails: the child must not be left waiting
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # already reaped


@pytest.mark.skipif(not can_fork(), reason="the charts are drawn apart only where there is fork")
def test_charts_sent_in_batches_and_asked_for_out_of_order_are_the_ones_drawn_here(
        utc_settings: Database) -> None:
    child = ChildCharts()
    gathered = gathered_charts(utc_settings)
    child.send(gathered[:1], 515.0)  # as gathering does: the trackables' charts first…
    first = child.get(0)
    child.send(gathered, 515.0)  # …then the rest of the report's (only what is new goes)
    later = child.get(1)
    child.close()
    assert len(child.specs) == 2 and len(child.got) == 2  # both came from the child
    assert [first, later] == [draw_pixels(s, 515.0) for s in specs_of(gathered)]


@pytest.mark.skipif(not can_fork(), reason="the charts are drawn apart only where there is fork")
@pytest.mark.parametrize("behind", ["the child", "the pages"])
def test_the_report_is_the_same_whoever_is_behind(utc_settings: Database, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   behind: str) -> None:
    """The file is byte for byte the one drawn in one process, whether the pages wait for
    the child's charts or the child's charts wait in the pipe for the pages."""
    import time

    from reportlab import rl_config

    from harmtrack.core.care.questionnaires import answers
    from harmtrack.core.report import pdf

    db = utc_settings
    gathered_charts(db)  # four weeks with cravings: the day-by-day and the urges charts
    answers.take(db, "phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 0], dt.date(2026, 11, 20))  # and scores
    options = ReportOptions(dt.date(2026, 11, 3), dt.date(2026, 11, 30))
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    alone = pdf.write_report(db, options, tmp_path / "alone.pdf", progress=lambda *a: None)

    children: list[ChildCharts] = []
    here, draw, get = os.getpid(), chart_images.draw_pixels, ChildCharts.get

    class Recorded(ChildCharts):
        def __init__(self) -> None:
            super().__init__()
            children.append(self)

        def get(self, i: int) -> chart_images.Pixels:
            if behind == "the pages":
                time.sleep(0.2)  # the child sends every chart before the page asks for it
            return get(self, i)

    def slow_in_the_child(spec: ChartSpec, width: float) -> chart_images.Pixels:
        if behind == "the child" and os.getpid() != here:
            time.sleep(0.2)  # each page waits for its chart
        return draw(spec, width)

    monkeypatch.setattr(chart_images, "draw_pixels", slow_in_the_child)
    monkeypatch.setattr(pdf, "ChildCharts", Recorded)
    apart = pdf.write_report(db, options, tmp_path / "apart.pdf")
    (child,) = children
    assert len(child.specs) == 3 and len(child.got) == 3  # each chart came from the child
    assert apart.path.read_bytes() == alone.path.read_bytes()


@pytest.mark.skipif(not can_fork(), reason="the charts are drawn apart only where there is fork")
def test_the_report_command_starts_its_chart_child_before_opening_the_data(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child imports matplotlib while the command opens the folder and gathers; it is
    forked before the database (and its key) is opened, and never outlives the command."""
    from harmtrack.cli import run, therapy

    d = ["--data-dir", str(data_dir)]
    assert run([*d, "log", "alcohol", "2", "--at", "2026-11-03T20:00"]) == 0
    events: list[str] = []
    children: list[ChildCharts] = []
    opening = therapy.open_db

    class Recorded(ChildCharts):
        def __init__(self) -> None:
            events.append("child")
            super().__init__()
            children.append(self)

    def opened(*args: Any, **kwargs: Any) -> Any:
        events.append("open")
        return opening(*args, **kwargs)

    monkeypatch.setattr(chart_images, "ChildCharts", Recorded)
    monkeypatch.setattr(therapy, "open_db", opened)
    week = ["--from", "2026-11-02", "--to", "2026-11-29"]
    assert run([*d, "report", *week, "--out", str(tmp_path / "r.pdf")]) == 0
    assert events == ["child", "open"]
    (child,) = children
    assert child.specs and len(child.got) == len(child.specs)  # its charts are in the file
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # gone with the command
    # Refused after the fork (no such trackable): the child goes too, exit 2.
    assert run([*d, "report", *week, "--trackable", "no such thing", "--out",
                str(tmp_path / "r2.pdf")]) == 2
    with pytest.raises(ChildProcessError):
        os.waitpid(children[-1].pid, os.WNOHANG)


def test_a_chart_is_put_in_the_pdf_as_reportlab_puts_its_pixels(utc_settings: Database,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The child hands over its pixels deflated and named; placed on a page (twice: the
    second time the image is reused) the file is byte for byte reportlab's drawImage's."""
    import io
    import zlib

    from PIL import Image
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(rl_config, "invariant", 1)
    monkeypatch.setattr(rl_config, "useA85", 0)  # as the report sets it
    pixels = draw_pixels(specs_of(gathered_charts(utc_settings))[0], 515.0)
    assert pixels is not None
    size, deflated, _ = pixels

    def pdf(place) -> bytes:  # type: ignore[no-untyped-def]
        out = io.BytesIO()
        canv = Canvas(out)
        for _ in range(2):
            place(canv)
            canv.showPage()
        canv.save()
        return out.getvalue()

    ours = pdf(lambda canv: chart_images.place_image(canv, pixels, 515, 247))
    theirs = pdf(lambda canv: canv.drawImage(
        ImageReader(Image.frombytes("RGB", size, zlib.decompress(deflated))), 0, 0, 515, 247))
    assert ours == theirs
    assert ours.count(b"/Subtype /Image") == 1


@pytest.mark.parametrize(("days", "first"), [(365, "charts"), (28, "counts")])
def test_a_long_ranges_charts_reach_the_child_before_the_rest_is_read(
        utc_settings: Database, monkeypatch: pytest.MonkeyPatch, days: int, first: str) -> None:
    """The chart child waits for the charts' data: a year's (weekly charts) is handed over
    before the entry counts and logged days are read; a short range's urges chart needs
    the counts first. The numbers are the same either way."""
    from harmtrack.core.report import data as report_data

    end = dt.date(2026, 11, 30)
    log(utc_settings, "alcohol", 2, at=aware(2026, 11, 20, 20), craving=3)
    seen: list[str] = []
    real = report_data.entry_counts

    def counted(*args: Any) -> Any:
        seen.append("counts")
        return real(*args)

    monkeypatch.setattr(report_data, "entry_counts", counted)
    options = ReportOptions(end - dt.timedelta(days=days - 1), end)
    data = gather(utc_settings, options, charts_ready=lambda charts: seen.append("charts"))
    assert seen[0] == first and sorted(seen) == ["charts", "counts"]
    (summary,) = data.summaries
    assert (summary.total, summary.use_entries) == (2, 1)


def test_the_report_command_forks_its_chart_child_before_building_the_parser(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser is a third of the command's fixed cost: the child's matplotlib import
    runs beside it. A child no command takes (--help, a refused argument) does not linger."""
    import harmtrack.cli as cli
    from harmtrack.cli import run, therapy

    d = ["--data-dir", str(data_dir)]
    assert run([*d, "log", "alcohol", "2", "--at", "2026-11-03T20:00"]) == 0
    events: list[str] = []
    children: list[ChildCharts] = []
    building = cli.build_parser

    class Recorded(ChildCharts):
        def __init__(self) -> None:
            events.append("child")
            super().__init__()
            children.append(self)

    def built() -> Any:
        events.append("parser")
        return building()

    monkeypatch.setattr(chart_images, "ChildCharts", Recorded)
    monkeypatch.setattr(cli, "build_parser", built)
    week = ["--from", "2026-11-02", "--to", "2026-11-29"]
    assert run([*d, "report", *week, "--out", str(tmp_path / "r.pdf")]) == 0
    assert events == ["child", "parser"]
    assert run([*d, "report", "--from", "not a day", "--out", str(tmp_path / "x.pdf")]) == 2
    assert run([*d, "report", "--help"]) == 0
    assert run([*d, "report", "--no-such-option"]) == 2
    assert len(children) == 4 and not therapy.STARTED_CHILDREN
    for child in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(child.pid, os.WNOHANG)  # each gone with its command
    assert run([*d, "trackables", "--json"]) == 0
    assert len(children) == 4  # only the report forks one
