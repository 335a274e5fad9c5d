"""Streaming exchange: export written as it is read, import without a file-size cap."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from harmtrack.core.exchange import demo, export


@pytest.fixture
def demo_db(utc_settings, monkeypatch):  # type: ignore[no-untyped-def]
    # Small batches, so entries and their tags cross many batch boundaries.
    monkeypatch.setattr(export, "BATCH", 7)
    demo.fill(utc_settings, days=60, end=dt.date(2025, 6, 30))
    return utc_settings


def test_json_export_streamed_is_the_document_as_before(demo_db, tmp_path: Path) -> None:
    # The export used to be json.dumps of the whole document: the same bytes, written as read.
    before = json.dumps(export.build_document(demo_db), indent=2, ensure_ascii=False,
                        allow_nan=False) + "\n"
    out = export.write_export(demo_db, "json", tmp_path / "e.json")
    assert out.read_text(encoding="utf-8") == before
    assert len(json.loads(before)["entries"]) > 7 * 3
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob("*.part"))


def test_json_export_of_an_empty_folder_is_as_before(utc_settings, tmp_path: Path) -> None:
    before = json.dumps(export.build_document(utc_settings), indent=2, ensure_ascii=False) + "\n"
    assert export.write_export(utc_settings, "json", tmp_path / "e.json").read_text() == before


def test_csv_export_streamed_is_as_before(demo_db, tmp_path: Path) -> None:
    with demo_db.engine.connect() as conn:
        rows = list(export.iter_csv_rows(conn))
    buf = io.StringIO()
    buf.write(",".join(export.CSV_COLUMNS) + "\n")
    csv.DictWriter(buf, fieldnames=export.CSV_COLUMNS, lineterminator="\n",
                   quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    out = export.write_export(demo_db, "csv", tmp_path / "e.csv")
    assert out.read_bytes() == buf.getvalue().encode("utf-8")
    assert any(r["triggers"] for r in rows) and len(rows) > 7 * 3


def test_a_failure_midway_leaves_no_file(demo_db, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(entry):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk gone")

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(export, "entry_json", broken)
    with pytest.raises(RuntimeError):
        export.write_export(demo_db, "json", tmp_path / "out" / "e.json")
    assert list((tmp_path / "out").iterdir()) == []


def test_entries_json_streamed_prints_what_it_printed_before(data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.cli import print_json, run
    from harmtrack.core.quantities.formatting import currency_code
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.storage.settings import get_settings
    from harmtrack.core.tracking import entries

    db = open_data_folder(data_dir)
    try:
        demo.fill(db, days=40, end=dt.date(2025, 6, 30))
        code = currency_code(get_settings(db).currency)
        rows = entries.list_entries(db, dt.date(2025, 6, 1), None)
        # Several batches of the cursor, tags across their boundaries.
        assert len(list(entries.iter_entries(db, dt.date(2025, 6, 1), None, batch=5))) == len(rows)
    finally:
        db.close()
    capsys.readouterr()
    print_json([r.to_json() | ({"currency": code} if r.cost is not None else {}) for r in rows])
    before = capsys.readouterr().out
    assert run(["--data-dir", str(data_dir), "entries", "--json", "--from", "2025-06-01"]) == 0
    assert capsys.readouterr().out == before
    assert any(e["triggers"] for e in json.loads(before))
    assert run(["--data-dir", str(data_dir), "entries", "--json", "--from", "2001-01-01",
                "--to", "2001-01-02"]) == 0
    assert capsys.readouterr().out == "[]\n"


def _doc_with_entry(extra_fields: dict) -> dict:  # type: ignore[type-arg]
    entry = {"trackable": "Alcohol", "occurred_at": "2025-01-01T20:00:00+00:00", "amount": 1}
    return {"format": "harmtrack-export", "version": 1,
            "trackables": [{"name": "Alcohol", "kind": "substance", "unit": "standard drinks"}],
            "entries": [entry, entry | extra_fields]}


@pytest.mark.parametrize("extra_fields, says", [
    ({"extra": json.loads("[" * 100 + "]" * 100)}, "entries[1] in f.json is nested more than 64 levels"),
    ({"note": "x" * (17 * 1024 * 1024)}, "entries[1] in f.json is larger than 16 MB"),
], ids=["too-deep", "too-long"])
def test_a_too_deep_or_too_long_item_refuses_the_file_in_one_line(
        data_dir: Path, tmp_path: Path, capsys, extra_fields, says) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.cli import run

    f = tmp_path / "f.json"
    f.write_text(json.dumps(_doc_with_entry(extra_fields)), encoding="utf-8")
    folder = str(data_dir)
    capsys.readouterr()
    assert run(["--data-dir", folder, "import", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err and "nothing was imported" in err
    assert run(["--data-dir", folder, "entries"]) == 0 and capsys.readouterr().out == ""


def test_a_number_cut_by_a_chunk_reads_whole(data_dir: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.exchange.importers import json_stream

    f = tmp_path / "n.json"
    f.write_text('{"a": [123456, 7890123], "b": 4567}', encoding="utf-8")
    for chunk in range(1, 12):
        monkeypatch.setattr(json_stream, "CHUNK", chunk)
        assert json_stream.load(f, "a") == {"a": [123456, 7890123], "b": 4567}


def test_items_cut_anywhere_by_the_chunks_read_as_the_document(demo_db, tmp_path: Path,
                                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.exchange.importers import json_stream

    text = export.json_text(demo_db)
    f = tmp_path / "e.json"
    f.write_text(text, encoding="utf-8")
    monkeypatch.setattr(json_stream, "CHUNK", 97)  # a prime: cuts land everywhere in items
    assert json_stream.load(f, "entries") == json.loads(text)
