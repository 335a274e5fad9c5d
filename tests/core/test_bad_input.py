"""Bad input and bad files: a clear message, nothing partly written, files untouched."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmtrack.core.common.errors import DatabaseError, HarmTrackError, NotHarmTrackDatabase
from harmtrack.core.exchange import importers
from harmtrack.core.exchange.importers.bundle import ImportRefused
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import checkins, entries

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(db) -> tuple:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                     for t in ("entries", "entry_tags", "trackables", "checkins"))


anything = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30))


@FAST
@given(amount=anything, craving=anything, mood=anything, cost=anything,
       note=st.one_of(st.none(), st.text(max_size=6000)),
       triggers=st.lists(st.text(max_size=100), max_size=4))
def test_any_entry_fields_store_fully_or_refuse_clearly(db, amount, craving, mood, cost, note,
                                                        triggers) -> None:
    before = _snapshot(db)
    try:
        rec = entries.log(db, "alcohol", amount, craving=craving, mood=mood, cost=cost, note=note,
                          triggers=triggers)
    except HarmTrackError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        assert _snapshot(db)[:2] == before[:2]  # no entry, no stray tags
        return
    stored = entries.get_entry(db, rec.id)
    assert stored.amount >= 0 and stored.triggers == rec.triggers


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@FAST
@given(rows=st.lists(st.tuples(st.sampled_from(["2025-01-02", "2025-13-01", "", "x", "2025-01-03"]),
                               st.sampled_from(["10:00", "", "25:00", "9"]),
                               st.sampled_from(["Alcohol", "", "Cannabis", "x" * 90]),
                               st.one_of(cell, st.sampled_from(["1", "2.5", "-3", "1e400", "nan"])),
                               st.sampled_from(["", "ml", "g", "sessions"]),
                               cell), max_size=8))
def test_any_csv_imports_all_good_rows_or_refuses_with_a_line(db, tmp_path_factory, rows) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["date", "time", "trackable", "amount", "unit", "note"])
    w.writerows(rows)
    f = tmp_path_factory.mktemp("csv") / "in.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    before = _snapshot(db)
    preview = importers.preview(db, f, "csv")
    assert _snapshot(db) == before
    for r in preview.refused:
        assert r.where.startswith("line ") and r.reason
    result = importers.run_import(db, f, "csv")
    assert result.entries == preview.entries
    assert _snapshot(db)[0] == before[0] + result.entries
    assert importers.run_import(db, f, "csv").entries == 0


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=12)
ingestion = st.fixed_dictionaries({
    "substanceName": st.one_of(st.sampled_from(["MDMA", "Cannabis", ""]), json_value),
    "time": st.one_of(st.integers(0, 2_000_000_000_000), json_value),
    "dose": st.one_of(st.none(), st.floats(-5, 500), json_value),
    "units": st.one_of(st.sampled_from(["mg", "µg", "g", "ml", "tabs"]), json_value),
    "notes": st.one_of(st.text(max_size=10), json_value),
})


@FAST
@given(doc=st.fixed_dictionaries({"experiences": st.lists(st.fixed_dictionaries(
    {"title": json_value, "ingestions": st.lists(ingestion, max_size=3)}), max_size=3)},
    optional={"substanceCompanions": json_value, "customSubstances": json_value}))
def test_any_journal_file_imports_or_refuses_item_by_item(db, tmp_path_factory, doc) -> None:
    f = tmp_path_factory.mktemp("pwj") / "journal.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    before = _snapshot(db)
    try:
        preview = importers.preview(db, f, "pwj")
    except ImportRefused as exc:
        assert str(exc)
        return
    assert _snapshot(db) == before
    for r in preview.refused:
        assert r.where and r.reason
    result = importers.run_import(db, f, "pwj")
    assert result.entries == preview.entries
    assert importers.run_import(db, f, "pwj").entries == 0


# --- bad files ---------------------------------------------------------------------------

def test_corrupt_file_clear_message_untouched(data_dir: Path) -> None:
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    db.close()
    path = data_dir / "harmtrack.sqlite3"
    raw = bytearray(path.read_bytes())
    raw[16:2000] = os.urandom(1984)
    path.write_bytes(bytes(raw))
    before = digest(path)
    with pytest.raises(NotHarmTrackDatabase, match="left untouched"):
        open_data_folder(data_dir)
    assert digest(path) == before


def test_locked_file_clear_message_untouched(data_dir: Path, monkeypatch) -> None:
    from harmtrack.core.storage import engine as storage_engine

    # The same refusal after a short wait: the app's 30 s busy wait is not what is tested.
    monkeypatch.setattr(storage_engine, "BUSY_TIMEOUT_S", 0.5)
    db = open_data_folder(data_dir)
    entries.log(db, "alcohol", 1)
    db.close()
    path = data_dir / "harmtrack.sqlite3"
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = digest(path)
        with pytest.raises(DatabaseError, match="locked by another program"):
            open_data_folder(data_dir)
        assert digest(path) == before
    finally:
        holder.rollback()
        holder.close()


def test_read_only_folder_clear_message(data_dir: Path, monkeypatch) -> None:
    """A folder the app cannot write to: opening says so; nothing is written."""
    if os.geteuid() == 0:
        # root ignores permission bits, so simulate what the OS would refuse.
        real_connect = sqlite3.connect

        def read_only_connect(database, *args, **kwargs):  # type: ignore[no-untyped-def]
            return real_connect(f"file:{database}?mode=ro", *args, uri=True,
                                **{k: v for k, v in kwargs.items() if k != "uri"})

        db = open_data_folder(data_dir)
        entries.log(db, "alcohol", 1)
        db.close()
        path = data_dir / "harmtrack.sqlite3"
        before = digest(path)
        monkeypatch.setattr(sqlite3, "connect", read_only_connect)
        with pytest.raises(DatabaseError, match="read-only|cannot write"):
            db = open_data_folder(data_dir)
            entries.log(db, "alcohol", 2)
        monkeypatch.undo()
        assert digest(path) == before
        return
    os.chmod(data_dir, 0o500)
    try:
        with pytest.raises(DatabaseError, match="cannot"):
            open_data_folder(data_dir)
    finally:
        os.chmod(data_dir, 0o700)


def test_future_dated_and_pre_1970_entries_refused(db) -> None:
    with pytest.raises(HarmTrackError, match="future"):
        entries.log(db, "alcohol", 1, at=dt.datetime.now(dt.UTC) + dt.timedelta(days=5))
    assert _snapshot(db)[0] == 0


def _base_export(tmp: Path) -> dict:  # type: ignore[type-arg]
    from harmtrack.core.exchange import export

    src = open_data_folder(tmp / "src")
    entries.log(src, "alcohol", 2, note="n", triggers=["t"], craving=3,
                at=dt.datetime(2025, 1, 2, 20, tzinfo=dt.UTC))
    entries.log(src, "cannabis", 1, at=dt.datetime(2025, 1, 3, 20, tzinfo=dt.UTC))
    checkins.check_in(src, dt.date(2025, 1, 4))
    doc = export.build_document(src)
    src.close()
    return doc


@FAST
@given(section=st.sampled_from(["entries", "trackables", "checkins"]), index=st.integers(0, 1),
       field=st.sampled_from(["trackable", "amount", "occurred_at", "day", "craving", "triggers",
                              "name", "unit", "kind", "extra", "note", "created_at"]),
       value=json_value)
def test_any_damaged_export_imports_item_by_item(db, tmp_path_factory, section, index, field,
                                                 value) -> None:
    tmp = tmp_path_factory.mktemp("hj")
    doc = _base_export(tmp)
    items = doc[section]
    if index < len(items) and isinstance(items[index], dict):
        items[index][field] = value
    f = tmp / "export.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    before = _snapshot(db)
    try:
        preview = importers.preview(db, f)
    except ImportRefused as exc:
        assert str(exc)
        return
    assert _snapshot(db) == before
    result = importers.run_import(db, f)
    assert result.added == preview.added
    assert [str(r) for r in result.refused] == [str(r) for r in preview.refused]
    assert sum(importers.run_import(db, f).added.values()) == 0
