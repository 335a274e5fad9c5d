"""PDF reports: the numbers match the database, omissions leave no trace, long tables flow."""

from __future__ import annotations

import contextlib
import datetime as dt
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from harmtrack.cli import run
from harmtrack.core import stats
from harmtrack.core.care.sessions import add_session
from harmtrack.core.care.therapists import set_my_therapist
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.report import pdf as report
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking.checkins import check_in, logged_days
from harmtrack.core.tracking.entries import log
from harmtrack.core.tracking.trackables import resolve
from tests.helpers import aware

START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 14)
SECRET_NOTE = "Talked to Quentin about the hidden stash"
SECRET_TRIGGER = "zanzibar-evening"
HIDDEN = "Kitesurfing Bets"


@pytest.fixture
def history(utc_settings: Database) -> Database:
    db = utc_settings
    log(db, "alcohol", 2, at=aware(2026, 11, 1, 20), cost=9.5, triggers=["party"])
    log(db, "alcohol", 1, at=aware(2026, 11, 1, 21), practices=["alternated with water"])
    log(db, "alcohol", 2, at=aware(2026, 11, 3, 19), cost=7.25)
    log(db, "alcohol", 0, at=aware(2026, 11, 5, 19), urge_only=True, craving=7, triggers=["stress"])
    log(db, "alcohol", 4.5, at=aware(2026, 11, 8, 22), discuss=True, note="Big night, want to talk")
    log(db, "alcohol", 4, at=aware(2026, 10, 20, 20))  # the previous period
    log(db, "cannabis", 1, at=aware(2026, 11, 2, 21))
    log(db, "cannabis", 2, at=aware(2026, 11, 3, 22), note=SECRET_NOTE, discuss=True,
        triggers=[SECRET_TRIGGER], cost=12.34)
    from harmtrack.core.tracking.trackables import add_custom

    add_custom(db, HIDDEN, "minutes")
    log(db, HIDDEN, 45, at=aware(2026, 11, 6, 23), note="only about the hidden one")
    for day in (4, 6, 7):
        check_in(db, dt.date(2026, 11, day))
    return db


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def raw_text(path: Path) -> bytes:
    """Every byte of the file with each compressed stream inflated."""
    data = path.read_bytes()
    out = [data]
    reader = PdfReader(path)
    for i in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(i)
        except Exception:
            continue
        if obj is not None and hasattr(obj, "get_data"):
            with contextlib.suppress(Exception):
                out.append(obj.get_data())
    for chunk in data.split(b"stream")[1:]:
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompressobj().decompress(chunk.lstrip(b"\r\n")))
    return b"\n".join(out)


def ids(db: Database, *names: str) -> tuple[int, ...]:
    return tuple(resolve(db, n).id for n in names)


def test_numbers_match_the_database(history: Database, tmp_path: Path) -> None:
    db = history
    opts = report.ReportOptions(START, END, trackables=ids(db, "alcohol", "cannabis"))
    out = report.write_report(db, opts, tmp_path / "r.pdf")
    text = pdf_text(out.path)
    alcohol = resolve(db, "alcohol").id
    total = sum(stats.daily_totals(db, alcohol, START, END).values())
    logged = logged_days(db, START, END)
    use = stats.use_days(db, alcohol, START, END)
    assert total == 9.5 and len(logged) == 8 and len(use) == 3
    assert f"Total\n{total:g} standard drinks" in text
    assert f"Use-free days\n{len(logged - use)} of 14" in text  # logged days without alcohol: 6
    assert "Use-free days\n5 of 14" in text  # 1-8 Nov logged (entries, an urge, check-ins)
    assert "Not logged\n6" in text  # 9-14 Nov
    # "per day" divides by the logged days, and says so (not 9.5 / 14 = 0.68)
    assert "Per logged day\n1.19 (8 of 14 days logged)" in text  # 9.5 / 8
    assert "up 138% (previous 14 days: 4)" in text
    assert "Urges noted\n1" in text and "Urges acted on\n0" in text and "Urges without use\n1" in text
    assert "Money spent\n$16.75" in text
    # cannabis
    assert "Total\n3 sessions" in text and "Use-free days\n6 of 14" in text
    assert "up from none" in text  # the previous 14 days were logged (20 Oct), no cannabis
    # discuss in session, triggers and practices
    flat = " ".join(text.split())  # table cells wrap
    assert "Big night, want to talk" in flat and SECRET_NOTE in flat
    assert SECRET_TRIGGER in flat and "alternated with water" in flat
    assert "Nothing was left out" in text
    # not asked for: the third trackable is simply not there (and not called "left out")
    assert HIDDEN not in text


def test_footer_on_every_page_and_metadata(history: Database, tmp_path: Path) -> None:
    update_settings(history, display_name="J.")
    set_my_therapist(history, "Dr Ana Ruiz", practice="Harbor Counseling")
    out = report.write_report(history, report.ReportOptions(START, END, all_entries=True), tmp_path / "r.pdf")
    reader = PdfReader(out.path)
    n = len(reader.pages)
    assert n == out.pages
    for i, page in enumerate(reader.pages, 1):
        t = page.extract_text()
        assert f"Page {i} of {n}" in t
        assert "1 Nov 2026 – 14 Nov 2026" in t
    first = reader.pages[0].extract_text()
    assert "Client\nJ." in first and "Dr Ana Ruiz · Harbor Counseling" in first
    meta = reader.metadata
    assert meta is not None and meta.title == "HarmTrack report 2026-11-01 to 2026-11-14"
    assert meta.author == "J." and "1 Nov 2026" in (meta.subject or "")


def test_omissions_leave_no_trace(history: Database, tmp_path: Path) -> None:
    db = history
    opts = report.ReportOptions(START, END, omit_trackables=ids(db, HIDDEN), omit_notes=True,
                                omit_triggers=True, omit_cost=True, all_entries=True)
    for compress in (True, False):
        path = report.write_report(db, opts, tmp_path / f"r{compress}.pdf", compress=compress).path
        text = " ".join(pdf_text(path).split())
        raw = raw_text(path)
        assert "Left out at the client's request: notes, triggers, money spent, 1 tracked thing" in text
        for secret in (SECRET_NOTE, "Big night", "only about the hidden one", SECRET_TRIGGER, "party",
                       HIDDEN, "Kitesurfing", "12.34", "16.75", "Money spent", "Cost"):
            assert secret not in text, secret
            assert secret.encode() not in raw, secret
            assert secret.encode("utf-16-be") not in raw, secret
        # the positive controls: what was shared is there, in the text and in the bookmarks
        assert "Alcohol (standard drinks)" in text and "Cannabis (sessions)" in text
        assert b"Alcohol \\(standard drinks\\)" in raw  # a bookmark title, in PDF string syntax
        assert "alternated with water" in text  # practices were not left out


def test_long_entries_table_flows_with_repeated_header(utc_settings: Database, tmp_path: Path) -> None:
    db = utc_settings
    for i in range(200):
        log(db, "nicotine", 1, at=aware(2026, 11, 1 + i // 20, 7, i % 20 * 2), note=f"entry number {i}")
    out = report.write_report(db, report.ReportOptions(START, END, all_entries=True), tmp_path / "r.pdf")
    pages = [p.extract_text() for p in PdfReader(out.path).pages]
    table_pages = [t for t in pages if "entry number" in t]
    assert len(table_pages) >= 3
    for t in table_pages:
        assert "When\nTracked\nAmount\nCraving\nMood\nTriggers\nPractices\nCost\nNote" in t
    text = "\n".join(pages)
    assert all(f"entry number {i}\n" in text + "\n" for i in range(200))


def test_range_defaults_to_since_last_session(utc_settings: Database) -> None:
    today = dt.date(2026, 11, 26)
    rng = report.resolve_range(utc_settings, now=today)
    assert (rng.start, rng.end, rng.label) == (dt.date(2026, 10, 30), today, "the last 4 weeks")
    add_session(utc_settings, dt.date(2026, 11, 12))
    rng = report.resolve_range(utc_settings, now=today)
    assert (rng.start, rng.end) == (dt.date(2026, 11, 12), today)
    assert rng.label == "since the last session on 12 Nov 2026"
    assert report.resolve_range(utc_settings, "last-4-weeks", now=today).days == 28
    with pytest.raises(InvalidEntry):
        report.resolve_range(utc_settings, "custom", dt.date(2026, 11, 5), dt.date(2026, 11, 1))


def test_cancel_leaves_no_file_and_progress_is_reported(history: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "r.pdf"
    calls: list[float] = []

    def progress(fraction: float, message: str) -> None:
        calls.append(fraction)

    with pytest.raises(report.ReportCancelled):
        report.write_report(history, report.ReportOptions(START, END, all_entries=True), target,
                            progress=progress, cancel=lambda: len(calls) >= 3)
    assert list(folder.iterdir()) == []
    calls.clear()
    report.write_report(history, report.ReportOptions(START, END), target, progress=progress)
    assert calls[0] == 0.0 and calls[-1] == 1.0 and calls == sorted(calls)
    assert [p.name for p in folder.iterdir()] == ["r.pdf"]


def test_suggested_filename() -> None:
    assert report.suggested_filename(dt.date(2026, 10, 29), dt.date(2026, 11, 26)) == \
        "HarmTrack report 2026-10-29 to 2026-11-26.pdf"


def test_cli_report(history: Database, data_dir: Path, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    history.close()
    out = tmp_path / "cli.pdf"
    d = ["--data-dir", str(data_dir)]
    assert run([*d, "report", "--from", "2026-11-01", "--to", "2026-11-14", "--trackable", "alcohol",
                "--omit", "notes,cost", "--all-entries", "--out", str(out)]) == 0
    text = pdf_text(out)
    assert "Alcohol (standard drinks)" in text and "Cannabis" not in text
    assert "Big night" not in text and "Left out at the client's request: notes, money spent" in text
    assert run([*d, "report", "--omit", "feelings", "--out", str(tmp_path / "x.pdf")]) == 2
    assert run([*d, "report", "--from", "2026-11-14", "--to", "2026-11-01", "--out",
                str(tmp_path / "x.pdf")]) == 2
    assert run([*d, "report", "--since-last-session", "--out", str(tmp_path / "x.pdf")]) == 2
    assert run([*d, "report", "--trackable", "nosuchthing", "--out", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()
    assert "no session is recorded" in capsys.readouterr().err


def test_goal_weeks_met_match_the_goals_feature(utc_settings: Database, tmp_path: Path) -> None:
    goals = pytest.importorskip("harmtrack.core.goals.store")
    progress = pytest.importorskip("harmtrack.core.goals.progress")
    db = utc_settings
    # Weeks starting Monday 2, 9, 16 Nov 2026: 12, 9 and 6 drinks; 30 Nov week not logged.
    for day, amount in ((3, 6), (5, 6), (10, 9), (17, 3), (18, 3)):
        log(db, "alcohol", amount, at=aware(2026, 11, day, 20))
    check_in(db, dt.date(2026, 11, 23))
    goal = goals.create_goal(db, "alcohol", "weekly-max", 10, start=dt.date(2026, 11, 2))
    goals.edit_goal(db, goal.id, 8, dt.date(2026, 11, 16))
    start, end = dt.date(2026, 11, 2), dt.date(2026, 11, 22)
    out = report.write_report(db, report.ReportOptions(start, end), tmp_path / "g.pdf")
    text = " ".join(pdf_text(out.path).split())
    summary = progress.summarize(progress.evaluate(db, goals.get_goal(db, goal.id), start, end), last=0)
    assert (summary.met, summary.counted) == (2, 3)  # 12 > 10 not met; 9 ≤ 10 met; 6 ≤ 8 met
    assert "Goal: at most 8 standard drinks a week" in text
    assert f"Weeks goal met: {summary.met} of {summary.counted} judged" in text
    assert "current run 2, best run 2" in text
    assert "2 Nov 2026 10 12 not met" in text and "9 Nov 2026 10 9 goal met" in text
    assert "16 Nov 2026 8 6 goal met" in text  # judged by the target in force that week
    assert "2 of 3" in text  # the at-a-glance column


def test_charts_are_the_charts_features_own_at_200_dpi(history: Database, tmp_path: Path) -> None:
    pytest.importorskip("harmtrack.core.charts.drawing")
    pytest.importorskip("harmtrack.core.charts.data")
    db = history
    opts = report.ReportOptions(START, END, trackables=ids(db, "alcohol", "cannabis"))
    data = report.gather(db, opts)
    kinds = [(tid, chart.info.kind, chart.info.trackable) for tid, chart in data.extra["charts"]]
    alcohol, cannabis = ids(db, "alcohol", "cannabis")
    # 14 days: the day-by-day chart for each; urges only where there were urges
    assert kinds == [(alcohol, "daily", "Alcohol"), (alcohol, "urges", "Alcohol"),
                     (cannabis, "daily", "Cannabis")]
    out = report.write_report(db, opts, tmp_path / "c.pdf")
    images = []
    for page in PdfReader(out.path).pages:
        text_width_in = (float(page.mediabox.width) - 80) / 72  # charts span the text width
        images += [(img, text_width_in) for img in page.images]
    assert len(images) == 3
    for img, width_in in images:
        assert img.image is not None and img.image.width / width_in >= 199.5
    # a long range is shown week by week
    long = report.gather(db, report.ReportOptions(END - dt.timedelta(days=119), END,
                                                  trackables=(alcohol, cannabis)))
    assert [(tid, c.info.kind) for tid, c in long.extra["charts"]] == [(alcohol, "weekly"),
                                                                      (cannabis, "weekly")]
    # a left-out trackable gets no chart at all
    hidden = report.gather(db, report.ReportOptions(START, END, omit_trackables=(cannabis,)))
    assert all(tid != cannabis for tid, _ in hidden.extra["charts"])


def test_archived_goal_keeps_its_history_in_the_report(utc_settings: Database, tmp_path: Path) -> None:
    goals = pytest.importorskip("harmtrack.core.goals.store")
    from harmtrack.core.tracking.entries import today

    db = utc_settings
    log(db, "alcohol", 3, at=aware(2026, 11, 3, 20))
    goal = goals.create_goal(db, "alcohol", "weekly-max", 10, start=dt.date(2026, 11, 2))
    goals.archive_goal(db, goal.id)
    out = report.write_report(db, report.ReportOptions(dt.date(2026, 11, 2), dt.date(2026, 11, 15)),
                              tmp_path / "a.pdf")
    text = " ".join(pdf_text(out.path).split())
    day = today(db)
    assert f"Goal: at most 10 standard drinks a week (put aside on {day.day} {day:%b %Y})" in text
    assert "2 Nov 2026 10 3 goal met" in text


def test_plans_and_how_often_their_trigger_came_up(history: Database, tmp_path: Path) -> None:
    from harmtrack.core.care.plans import add_plan

    db = history
    add_plan(db, "party", "alternate every drink with a glass of water")
    add_plan(db, SECRET_TRIGGER, "call my sister first")
    log(db, HIDDEN, 10, at=aware(2026, 11, 9, 22), triggers=["party"])  # a left-out trackable
    opts = report.ReportOptions(START, END, omit_trackables=ids(db, HIDDEN))
    text = " ".join(pdf_text(report.write_report(db, opts, tmp_path / "plans.pdf").path).split())
    assert "If-then plans" in text
    assert "alternate every drink with a glass of water" in text
    # party came up once in the shared trackables; the left-out one's entry is not counted.
    assert "1 time on 1 day" in text
    # Leaving out triggers leaves out the plans that name them.
    opts = report.ReportOptions(START, END, omit_trackables=ids(db, HIDDEN), omit_triggers=True)
    path = report.write_report(db, opts, tmp_path / "noplans.pdf", compress=False).path
    text = " ".join(pdf_text(path).split())
    assert "If-then plans" not in text and "call my sister" not in text
    assert b"call my sister" not in raw_text(path)


def test_one_is_singular_and_money_is_in_the_chosen_currency(utc_settings: Database,
                                                             tmp_path: Path) -> None:
    db = utc_settings
    update_settings(db, currency="EUR")
    log(db, "alcohol", 1, at=aware(2026, 11, 2, 20), cost=31.8, discuss=True)
    log(db, "alcohol", 1, at=aware(2026, 11, 1, 20))  # the day before
    from harmtrack.core.goals import store as goals

    goals.create_goal(db, "alcohol", "money-weekly", 40, start=dt.date(2026, 10, 26))
    day = dt.date(2026, 11, 2)
    opts = report.ReportOptions(day, day, trackables=[resolve(db, "alcohol").id])
    text = pdf_text(report.write_report(db, opts, tmp_path / "r.pdf").path)
    assert "(1 day)" in text and "Compared with the day before" in " ".join(text.split())
    assert "Total\n1 standard drink\n" in text
    assert "previous 1 day: 1)" in text
    assert "1 entry flagged by the client." in text
    assert "Money spent\n€31.80" in text and "spend at most €40.00 a week" in text
    assert "1 days" not in text and "1 standard drinks" not in text
    assert "31.8\n" not in text and "16.75" not in text


def test_a_years_weekly_chart_keeps_its_week_labels_and_axis_label_on_the_image(
        utc_settings: Database) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from harmtrack.core.report.charts import chart_specs

    end = dt.date(2026, 11, 30)
    for back in range(0, 364, 3):
        day = end - dt.timedelta(days=back)
        log(utc_settings, "alcohol", 2, at=aware(day.year, day.month, day.day, 20))
    # A year that starts mid-week: the first week's label has a second line ("part: …").
    data = report.gather(utc_settings, report.ReportOptions(dt.date(2025, 12, 3), end))
    specs = [s for s in chart_specs(data) if "Week by week" in s.title]
    assert specs
    for spec in specs:
        fig = Figure(figsize=spec.size, dpi=100)  # as the report makes it: no layout engine
        canvas = FigureCanvasAgg(fig)
        spec.draw(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        ax = fig.axes[0]
        assert ax.get_xlabel()
        assert ax.xaxis.label.get_window_extent(renderer).y0 >= 0, spec.title
        for tick in ax.get_xticklabels():
            assert tick.get_window_extent(renderer).y0 >= 0, tick.get_text()
