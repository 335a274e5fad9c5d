"""Migration 0008 adds sync identities to an existing folder without losing anything."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sync_helpers import DEVICE_A, DictMerged, Ticker, populate, sync_pass

from harmtrack.core.exchange.export import entry_json, iter_entries
from harmtrack.core.storage import engine as storage_engine
from harmtrack.core.storage import revisions
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.sync import tables


def downgrade(path: Path, target: str) -> None:
    from alembic import command

    engine = storage_engine.make_engine(storage_engine.plain_connector(path))
    try:
        cfg = revisions.alembic_config()
        with storage_engine.write_engine(engine).begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, target)
    finally:
        engine.dispose()


def contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but sync's own bookkeeping (``sync_*``), every row; the other triggers."""
    con = sqlite3.connect(path)
    try:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {n: con.execute(f"SELECT * FROM {n} ORDER BY 1, 2").fetchall()  # noqa: S608
               for n in names if not n.startswith("sync_") and n != "alembic_version"}
        out["triggers"] = con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                      "AND name NOT LIKE 'tg_sync_%' ORDER BY name").fetchall()
        return out
    finally:
        con.close()


def entries_json(folder: Path) -> list[dict[str, Any]]:
    db = open_data_folder(folder, daily_backup=False)
    try:
        with db.engine.connect() as conn:
            return [entry_json(e) for e in iter_entries(conn)]
    finally:
        db.close()


def test_0008_adds_identities_to_a_folder_with_data_in_every_table(data_dir: Path) -> None:
    db = open_data_folder(data_dir, daily_backup=False)
    populate(db)
    db.close()
    path = data_dir / "harmtrack.sqlite3"
    downgrade(path, "0006")  # a folder as the version before sync wrote it, with data
    before = contents(path)
    assert all(before[t.name] for t in tables.SYNCED if t.name != "settings") and before["settings"]
    assert before["entry_tags"] and before["trackable_classes"]
    shown = entries_json(data_dir)  # opening migrates, after a backup
    assert len(shown) == 3

    con = sqlite3.connect(path)
    marks = con.execute("SELECT table_name, local_key, uuid, unsent, deleted FROM sync_rows").fetchall()
    con.close()
    assert contents(path) == before
    # Every synced table's primary key is its first column.
    expected = {(t.name, str(row[0])) for t in tables.SYNCED for row in before[t.name]}
    assert {(t, k) for t, k, *_ in marks} == expected  # one mark per synced row
    assert {(u, d, x) for _t, _k, u, d, x in marks} == {(None, 1, 0)}

    # The first pass sends all of it, and the folder still shows the same entries.
    db = open_data_folder(data_dir, daily_backup=False)
    try:
        sent, _ = sync_pass(db, DictMerged(), Ticker(DEVICE_A))
    finally:
        db.close()
    assert {a.table for a in sent} == {t.name for t in tables.SYNCED}
    assert entries_json(data_dir) == shown

    downgrade(path, "0006")
    assert contents(path) == before
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE '%sync_%'").fetchone() == (0,)
    con.close()
