"""The next session's agenda: written beforehand, kept with the session, in the report,
the CLI and the export; and review mode's "since last session" range."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.care import sessions
from harmtrack.core.charts import ranges
from harmtrack.core.common import clock
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange import export, importers
from harmtrack.core.report import data as report_data
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import Database

TODAY = dt.date(2026, 11, 19)  # a Thursday


@pytest.fixture
def on_today(utc_settings: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(clock, "now", lambda tz: dt.datetime(2026, 11, 19, 12, 0, tzinfo=tz))
    return utc_settings


def test_an_agenda_written_beforehand_becomes_the_sessions_own(on_today: Database) -> None:
    db = on_today
    sessions.add_session(db, dt.date(2026, 11, 5), therapist="Dr. K", note="earlier")
    sessions.set_agenda(db, "the work party\nsleep")
    sessions.set_agenda(db, "the work party\nsleep\nmoney")  # rewriting keeps one row
    assert sessions.next_session(db).agenda == "the work party\nsleep\nmoney"
    # A planned session is not "last session" and not in the list of sessions had.
    assert sessions.last_session(db).note == "earlier"
    assert [s.note for s in sessions.list_sessions(db)] == ["earlier"]

    held = sessions.add_session(db, TODAY, therapist="Dr. K", note="we made a plan")
    assert held.agenda == "the work party\nsleep\nmoney"
    assert sessions.next_session(db) is None
    last = sessions.last_session(db)
    assert (last.id, last.agenda, last.note, last.planned) == (
        held.id, "the work party\nsleep\nmoney", "we made a plan", False)
    assert len(sessions.list_sessions(db)) == 2


def test_a_session_from_before_the_agenda_does_not_take_it(on_today: Database) -> None:
    sessions.set_agenda(on_today, "for next time")
    old = sessions.add_session(on_today, dt.date(2026, 10, 1), note="typed in late")
    assert old.agenda is None and sessions.next_session(on_today).agenda == "for next time"


def test_clearing_the_agenda_removes_it_and_bad_text_changes_nothing(on_today: Database) -> None:
    sessions.set_agenda(on_today, "keep this")
    with pytest.raises(InvalidEntry, match="agenda"):
        sessions.set_agenda(on_today, "x" * 20_000)
    assert sessions.next_session(on_today).agenda == "keep this"
    assert sessions.set_agenda(on_today, "   ") is None
    assert sessions.next_session(on_today) is None


def test_since_last_session_holds_at_least_the_last_full_week(on_today: Database) -> None:
    db = on_today
    # No session: the last 4 weeks, saying why.
    rng = ranges.since_last_session(db, TODAY)
    assert (rng.start, rng.end, rng.note) == (TODAY - dt.timedelta(days=27), TODAY,
                                              ranges.NO_SESSION_NOTE)
    # A session two days ago: widened back to the Monday of last week (weeks start Monday).
    sessions.add_session(db, dt.date(2026, 11, 17))
    rng = ranges.since_last_session(db, TODAY)
    assert rng.start == dt.date(2026, 11, 9) and rng.widened_from == dt.date(2026, 11, 17)
    assert rng.days >= 7 and "Widened" in rng.note
    # Weeks starting Sunday move the minimum with them.
    assert ranges.since_last_session(db, TODAY, 6).start == dt.date(2026, 11, 8)
    # A session long enough ago is taken as it is; the report uses the very same range.
    sessions.add_session(db, dt.date(2026, 10, 20))
    db2_range = ranges.since_last_session(db, dt.date(2026, 11, 19))
    assert db2_range.start == dt.date(2026, 11, 9)  # the latest session still counts
    assert report_data.resolve_range(db, "since-last-session") == rng


def test_the_report_shows_the_sessions_agenda_and_notes(on_today: Database, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from harmtrack.core.report import pdf as report
    from harmtrack.core.tracking.entries import log
    from tests.helpers import aware

    db = on_today
    log(db, "alcohol", 2, at=aware(2026, 11, 12, 20))
    sessions.set_agenda(db, "Talk about the Zanzibar weekend")
    sessions.add_session(db, TODAY, therapist="Dr. K", note="Try two alcohol-free days")
    opts = report.ReportOptions(dt.date(2026, 11, 9), TODAY)
    text = "\n".join(p.extract_text() for p in PdfReader(report.write_report(
        db, opts, tmp_path / "r.pdf").path).pages)
    assert "Sessions" in text and "Talk about the Zanzibar weekend" in text
    assert "Try two alcohol-free days" in text
    # Leaving notes out leaves the session's notes and agenda out too.
    hidden = report.ReportOptions(dt.date(2026, 11, 9), TODAY, omit_notes=True)
    text = "\n".join(p.extract_text() for p in PdfReader(report.write_report(
        db, hidden, tmp_path / "h.pdf").path).pages)
    assert "Zanzibar" not in text and "alcohol-free days" not in text


def test_cli_writes_shows_and_lists_the_agenda(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    def cli(*args: str) -> int:
        return run(["--data-dir", str(data_dir), *args])

    assert cli("session", "agenda", "--text", "my sleep\nthe party") == 0
    capsys.readouterr()
    assert cli("session", "agenda", "--json") == 0
    assert json.loads(capsys.readouterr().out)["agenda"] == "my sleep\nthe party"
    assert cli("session", "add", "--note", "went well") == 0
    capsys.readouterr()
    assert cli("session", "list", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["agenda"], row["note"]) == ("my sleep\nthe party", "went well")
    assert cli("session", "agenda", "--json") == 0
    assert json.loads(capsys.readouterr().out)["agenda"] is None
    assert cli("session", "agenda", "--text", "  ") == 2
    assert "--text" in capsys.readouterr().err


def test_export_import_keeps_agendas(on_today: Database, tmp_path: Path) -> None:
    db = on_today
    sessions.set_agenda(db, "first agenda")
    sessions.add_session(db, dt.date(2026, 11, 19), note="notes")
    sessions.set_agenda(db, "for the next one")
    out = export.write_export(db, "json", tmp_path / "a.json")
    other = open_data_folder(tmp_path / "other")
    try:
        importers.run_import(other, out)
        assert sessions.last_session(other).agenda == "first agenda"
        assert sessions.next_session(other).agenda == "for the next one"
        # Importing again adds nothing, the next session keeps one agenda.
        importers.run_import(other, out)
        assert sessions.next_session(other).agenda == "for the next one"
        assert len(sessions.list_sessions(other)) == 1
    finally:
        other.close()


def test_sessions_from_before_agendas_are_held_sessions_after_the_migration(data_dir: Path) -> None:
    import sqlite3

    from harmtrack.core.storage import engine as storage_engine
    from harmtrack.core.storage import revisions

    path = data_dir / "harmtrack.sqlite3"
    engine = storage_engine.make_engine(storage_engine.plain_connector(path))
    revisions.upgrade(engine, "0002")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO sessions (date, therapist, note, created_at) "
                "VALUES ('2026-01-05', 'Sam', 'from before', '2026-01-05 18:00:00')")
    con.commit()
    con.close()
    db = open_data_folder(data_dir)
    try:
        last = sessions.last_session(db)
        assert (last.note, last.agenda, last.planned) == ("from before", None, False)
        assert sessions.next_session(db) is None
    finally:
        db.close()
