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
