"""Streaming import: rows are written as the file is read, in constant memory, still all or
nothing, with the preview's numbers the import's."""

from __future__ import annotations

import datetime as dt
import io
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from harmtrack.core.exchange import demo, export, importers
from harmtrack.core.exchange.importers import json_stream, writer
from harmtrack.core.exchange.importers.bundle import ImportRefused
from harmtrack.core.storage import backups
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import entries


class Generated(io.RawIOBase):
    """A file's bytes made as they are read (nothing on disk), counting what was read."""

    def __init__(self, parts: Iterator[bytes]) -> None:
        self.parts, self.left, self.read_so_far = parts, b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        while not self.left:
            self.left = next(self.parts, b"")
            if not self.left:
                return 0
        n = min(len(buf), len(self.left))
        buf[:n], self.left = self.left[:n], self.left[n:]
        self.read_so_far += n
        return n


Serve = Callable[[Path, Callable[[], Iterator[bytes]]], list[Generated]]


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Serve:
    """``serve(path, parts)``: opening ``path`` reads ``parts()``; returns each opening."""
    real_open = Path.open

    def serving(path: Path, parts: Callable[[], Iterator[bytes]]) -> list[Generated]:
        openings: list[Generated] = []
        path.write_bytes(b"")  # it exists; its bytes come from ``parts``

        def opened(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if self != path:
                return real_open(self, mode, *args, **kwargs)
            openings.append(Generated(parts()))
            binary = io.BufferedReader(openings[-1])
            if "b" in mode:
                return binary
            return io.TextIOWrapper(binary, encoding=kwargs.get("encoding") or "utf-8",
                                    newline=kwargs.get("newline"))

        monkeypatch.setattr(Path, "open", opened)
        return openings

    return serving


def pieces(text: str, size: int = 64 * 1024) -> Callable[[], Iterator[bytes]]:
    data = text.encode("utf-8")
    return lambda: (data[i:i + size] for i in range(0, len(data), size))


def csv_text(rows: int) -> str:
    lines = ["occurred_at,trackable,amount,note,triggers"]
    start = dt.datetime(2020, 1, 1, 8, 0, tzinfo=dt.UTC)
    for i in range(rows):
        at = start + dt.timedelta(minutes=37 * i)
        lines.append(f"{at.isoformat()},{('Alcohol', 'Walk', 'Coffee')[i % 3]},{1 + i % 4},"
                     f"note {i},{'stress' if i % 5 == 0 else ''}")
    return "\n".join(lines) + "\n"


def export_of(tmp_path: Path, rows: int) -> str:
    """The app's JSON export of a folder holding ``rows`` entries."""
    source = open_data_folder(tmp_path / f"source-{rows}")
    try:
        f = tmp_path / f"rows-{rows}.csv"
        f.write_text(csv_text(rows), encoding="utf-8")
        importers.run_import(source, f, backup=False)
        return export.json_text(source)
    finally:
        source.close()


class Inserts:
    """Counts the statements inserting entries on ``db``, and calls ``then`` at the first."""

    def __init__(self, db: Any, then: Callable[[], None] = lambda: None) -> None:
        self.engine, self.then, self.count = db.engine, then, 0

    def seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("INSERT INTO entries"):
            if not self.count:
                self.then()
            self.count += 1

    def __enter__(self) -> Inserts:
        event.listen(self.engine, "before_cursor_execute", self.seen)
        return self

    def __exit__(self, *exc: Any) -> None:
        event.remove(self.engine, "before_cursor_execute", self.seen)


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_rows_go_in_before_the_file_is_read_whole(utc_settings, tmp_path: Path, serve, monkeypatch,
                                                  kind) -> None:  # type: ignore[no-untyped-def]
    content = export_of(tmp_path, 3000) if kind == "json" else csv_text(3000)
    monkeypatch.setattr(writer, "BATCH", 50)
    monkeypatch.setattr(json_stream, "CHUNK", 4096)
    openings = serve(tmp_path / f"big.{kind}", pieces(content, 4096))
    read_then: list[int] = []
    with Inserts(utc_settings, lambda: read_then.append(openings[-1].read_so_far)) as inserts:
        result = importers.run_import(utc_settings, tmp_path / f"big.{kind}")
    size = len(content.encode("utf-8"))
    assert result.entries == 3000 == entries.entry_count(utc_settings) and not result.refused
    assert inserts.count >= 3000 // 50
    # The first batch went in when a small part of the file had been read; then the rest.
    assert read_then[0] < size / 10, (read_then, size)
    assert openings[-1].read_so_far == size


def test_memory_does_not_grow_with_the_rows(tmp_path: Path, serve, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(writer, "BATCH", 100)
    peaks = {}
    for rows in (50, 500, 5000):  # the first warms up what is made once per process
        db = open_data_folder(tmp_path / f"folder-{rows}")
        try:
            serve(tmp_path / f"r{rows}.csv", pieces(csv_text(rows)))
            tracemalloc.start()
            result = importers.run_import(db, tmp_path / f"r{rows}.csv", backup=False)
            peaks[rows] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert result.entries == rows
        finally:
            db.close()
    # Ten times the rows, about the same peak (holding the rows would make it ~10×).
    assert peaks[5000] < 1.5 * peaks[500], peaks


def test_a_file_broken_late_is_refused_with_its_line_and_nothing_is_written(
        db, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = export_of(tmp_path, 600)
    monkeypatch.setattr(writer, "BATCH", 50)
    cut = text.rindex('"amount"')  # in the last entry
    broken = text[:cut] + '"amount": 1,,' + text[cut:]
    f = tmp_path / "broken.json"
    f.write_text(broken, encoding="utf-8")
    line = broken[:cut].count("\n") + 1
    with Inserts(db) as inserts, pytest.raises(ImportRefused) as refused:
        importers.run_import(db, f)
    assert inserts.count >= 600 // 50 - 1  # batches went in before the break was read…
    assert f"is not valid JSON (line {line}:" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    # … and went out again with the transaction: nothing written, no backup.
    assert entries.entry_count(db) == 0
    assert not [b for b in backups.list_backups(db.path.parent) if b.kind == "before-import"]
    bad = tmp_path / "late.csv"
    bad.write_bytes(csv_text(600).encode("utf-8") + b"2025-01-01T10:00:00+00:00,Walk,1,caf\xe9,\n")
    with Inserts(db) as inserts, pytest.raises(ImportRefused, match="not UTF-8 text; nothing was imported"):
        importers.run_import(db, bad)
    assert inserts.count and entries.entry_count(db) == 0


def test_the_preview_counts_are_the_import_counts(utc_settings, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(export_of(tmp_path, 900))
    for e in doc["entries"]:  # found again by what they are (trackable, time…), not by key
        e["source"] = e["source_key"] = None
    monkeypatch.setattr(writer, "BATCH", 64)
    # Already there: every third entry (from an earlier import of part of the file).
    part = tmp_path / "part.json"
    part.write_text(json.dumps(doc | {"entries": doc["entries"][::3]}), encoding="utf-8")
    importers.run_import(utc_settings, part, backup=False)
    before = entries.entry_count(utc_settings)
    # In the file twice, batches apart; and a bad entry late in the file.
    rows = doc["entries"] + doc["entries"][100:300]
    rows.insert(1000, dict(rows[5], amount=-1))
    f = tmp_path / "all.json"
    f.write_text(json.dumps(doc | {"entries": rows}), encoding="utf-8")
    preview = importers.preview(utc_settings, f)
    assert entries.entry_count(utc_settings) == before
    result = importers.run_import(utc_settings, f)
    assert (preview.added, preview.already_present, preview.first_day, preview.last_day) == (
        result.added, result.already_present, result.first_day, result.last_day)
    assert [str(r) for r in preview.refused] == [str(r) for r in result.refused]
    assert [r.where for r in result.refused] == ["entries[1000]"]
    assert result.entries == 600 and result.already_present == 300 + 200
    assert entries.entry_count(utc_settings) == before + 600 == 900
    assert result.backup is not None
    again = importers.preview(utc_settings, f)
    assert again.entries == 0 and again.already_present == 1100


def test_export_then_import_into_an_empty_folder_is_the_original(tmp_path: Path, capsys,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.cli import run

    monkeypatch.setattr(writer, "BATCH", 7)  # entries and their tags across many batches
    original, copy = tmp_path / "original", tmp_path / "copy"
    db = open_data_folder(original)
    try:
        demo.fill(db, days=40, end=dt.date(2025, 6, 30))
    finally:
        db.close()
    out = tmp_path / "e.json"
    assert run(["--data-dir", str(original), "export", "--format", "json", "--out", str(out)]) == 0
    assert run(["--data-dir", str(copy), "import", str(out)]) == 0
    capsys.readouterr()
    shown = []
    for folder in (original, copy):
        assert run(["--data-dir", str(folder), "entries", "--json", "--from", "2000-01-01"]) == 0
        # Ids are the folder's own (given in the order the export lists the entries).
        shown.append([{k: v for k, v in e.items() if k != "id"} for e in json.loads(capsys.readouterr().out)])
    assert shown[0] == shown[1] and len(shown[0]) > 7 * 5
    assert any(e["triggers"] for e in shown[0]) and any(e["note"] for e in shown[0])
    assert run(["--data-dir", str(copy), "import", str(out)]) == 0
    assert "Adds: nothing new" in capsys.readouterr().out


def test_a_file_larger_than_the_old_cap_imports(demo_db, tmp_path: Path, serve) -> None:  # type: ignore[no-untyped-def]
    # The old reader refused any file over 200 MiB. Valid JSON may hold any amount of
    # whitespace between values: 201 MiB of it, made as it is read (nothing on disk).
    text = export.json_text(demo_db)
    head, tail = text.split('"entries": [', 1)
    pad = (b" " * 1023 + b"\n") * 1024

    def parts() -> Iterator[bytes]:
        yield (head + '"entries": [').encode("utf-8")
        for _ in range(201):
            yield pad
        yield tail.encode("utf-8")

    big = tmp_path / "big.json"
    openings = serve(big, parts)
    fresh = open_data_folder(tmp_path / "fresh")
    try:
        result = importers.run_import(fresh, big, backup=False)
        assert openings[-1].read_so_far > 200 * 1024 * 1024
        assert result.entries == entries.entry_count(demo_db) > 0 and not result.refused
        assert export.json_text(fresh) == text
    finally:
        fresh.close()


@pytest.fixture
def demo_db(utc_settings):  # type: ignore[no-untyped-def]
    demo.fill(utc_settings, days=60, end=dt.date(2025, 6, 30))
    return utc_settings


def test_the_backup_holds_the_folder_as_it_was_before_the_import(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    # The backup is taken once the file is known to add something, before the commit.
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("date,trackable,amount\n2025-01-02,Alcohol,2\n", encoding="utf-8")
    second.write_text("date,trackable,amount\n2025-01-03,Alcohol,3\n2025-01-04,Alcohol,1\n", encoding="utf-8")
    importers.run_import(db, first, backup=False)
    result = importers.run_import(db, second)
    assert result.backup is not None and entries.entry_count(db) == 3
    with sqlite3.connect(result.backup) as kept:
        assert kept.execute("SELECT count(*) FROM entries").fetchone() == (1,)


def test_a_batch_looks_up_what_is_there_on_indexes_not_by_scanning(db) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.exchange.importers import seen

    with db.writer.connect() as conn:
        trans = conn.begin()
        try:
            seen.Seen(conn)
            plans = {q: " / ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + q))
                     for q in (seen.KEYS_THERE, seen.PRINTS_THERE)}
        finally:
            trans.rollback()
    # The batch is the one table scanned; the history is searched on its indexes.
    for plan in plans.values():
        assert [step for step in plan.split(" / ") if step.startswith("SCAN")] == ["SCAN b"], plan
    assert "SEARCH p USING PRIMARY KEY (trackable_id=? AND at=?)" in plans[seen.PRINTS_THERE]
    assert "USING COVERING INDEX sqlite_autoindex_entries_1 (source_key=?)" in plans[seen.KEYS_THERE]
