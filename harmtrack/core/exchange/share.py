"""The therapist's share: one sealed, read-only bundle of a range, and opening it again.

The bundle is the JSON export's own document (``export``), restricted by the PDF report's
rules: the report's range, its trackables (``report.data.chosen_trackables``: the ones
left out never appear, not even by name) and its ``ReportOptions`` flags (notes,
triggers, money spent, questionnaires). It is written as it is read, straight into
``privacy.sealed`` (AES-256-GCM, a key from the share passphrase): the plaintext never
touches the disk and memory stays flat whatever the range holds.

Opening decrypts it into a new temporary data folder (0700), imports it there with the
ordinary importer and makes that database read-only (SQLite's ``query_only``); closing
removes the folder. docs/share.md says what a bundle holds and what it never holds.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from sqlalchemy import Connection, select

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.export import document_text, entry_json, iter_entries, sections
from harmtrack.core.privacy.sealed import SealError, open_with_passphrase, seal_with_passphrase
from harmtrack.core.report.data import ReportOptions, chosen_trackables
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.passphrases import check_new_passphrase
from harmtrack.core.storage.schema import entries_table
from harmtrack.core.tracking.checkins import logged_days
from harmtrack.core.tracking.trackables import TrackableInfo

log = logging.getLogger(__name__)

#: The sealed file's purpose: a share never opens as a sync change file, nor the reverse.
PURPOSE = b"harmtrack-share"
SUFFIX = ".htshare"
#: The environment variable scripts give the share passphrase in.
PASSPHRASE_ENV = "HARMTRACK_SHARE_PASSPHRASE"

#: Settings that shape the figures (days, weeks, units, money, cut-offs) and the cover's
#: name; the machine's own (reminders, lock, backups, theme) stay with the client.
KEPT_SETTINGS = ("timezone", "day_start_hour", "week_start", "country", "display_name",
                 "guideline", "currency", "heavy_day_amounts", "sex")
#: Sections the report never shows: never in a share.
NEVER_SHARED = ("alternatives", "support_contacts", "safety_plan", "questionnaire_schedules")


@dataclass(frozen=True)
class ShareResult:
    """A written share: where, its range, how many entries, and what was left out."""

    path: Path
    start: dt.date
    end: dt.date
    entries: int
    left_out: tuple[str, ...]


def _in_range(day: str | None, options: ReportOptions) -> bool:
    return day is not None and options.start.isoformat() <= day[:10] <= options.end.isoformat()


def share_sections(conn: Connection, db: Database, options: ReportOptions,
                   chosen: list[TrackableInfo]) -> dict[str, Any]:
    """The export's sections (``entries`` left empty) holding only what the report would
    show for ``options`` and its ``chosen`` trackables (``report.data.chosen_trackables``);
    what the client left out is not in them, in any form."""
    names = {t.name for t in chosen}
    folded = {n.casefold() for n in names}
    doc = sections(conn)
    settings = {k: v for k, v in doc["settings"].items() if k in KEPT_SETTINGS}
    if "heavy_day_amounts" in settings:  # keyed by trackable name: only the shared ones
        settings["heavy_day_amounts"] = {k: v for k, v in settings["heavy_day_amounts"].items()
                                         if k.casefold() in folded}
    doc["settings"] = settings
    doc["trackables"] = [t for t in doc["trackables"] if t["name"] in names]
    doc["checkins"] = [c for c in doc["checkins"] if _in_range(c["day"], options)]
    doc["checkins"] += _days_logged_out_of_view(conn, db, options, chosen, doc["checkins"])
    doc["checkins"].sort(key=lambda c: c["day"])
    # A money goal would show the money the client left out (as in the report).
    doc["goals"] = [g for g in doc["goals"] if g["trackable"] in names
                    and not (options.omit_cost and g["type"] == "money-weekly")]
    # Sessions carry the client's agenda and notes: none when notes are left out.
    doc["sessions"] = [] if options.omit_notes else [
        s for s in doc["sessions"] if s["planned"] or _in_range(s["date"], options)]
    # A plan names its trigger: plans go when triggers are left out (as in the report).
    doc["action_plans"] = [] if options.omit_triggers else doc["action_plans"]
    doc["questionnaire_answers"] = [] if options.omit_questionnaires else [
        a for a in doc["questionnaire_answers"] if _in_range(a["date"], options)]
    doc["trackable_classes"] = [c for c in doc["trackable_classes"] if c["trackable"] in names]
    balances = options.balance_and_ideal_use
    doc["decisional_balances"] = [b for b in doc["decisional_balances"] if balances
                                  and b["trackable"] in names and b["date"] <= options.end.isoformat()]
    doc["ideal_use_plans"] = [p for p in doc["ideal_use_plans"] if balances and p["trackable"] in names]
    for key in NEVER_SHARED:
        doc[key] = []
    return {"format": doc.pop("format"), "version": doc.pop("version"), "schema": doc.pop("schema"),
            "share": {"from": options.start.isoformat(), "to": options.end.isoformat(),
                      "left_out": options.left_out()}, **doc}


def _days_logged_out_of_view(conn: Connection, db: Database, options: ReportOptions,
                             chosen: list[TrackableInfo],
                             checkins: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Days in the range the client logged only something left out, as check-ins.

    The report counts such a day as logged (``tracking.checkins.logged_days``), so a
    shared trackable's use-free days match the report's; the check-in says no more than
    the report does (that the day was logged), and nothing of what was logged.
    """
    e = entries_table.c
    shared_ids = [t.id for t in chosen]
    shown = set(conn.scalars(select(e.day).distinct().where(
        e.day >= options.start, e.day <= options.end, e.trackable_id.in_(shared_ids))))
    have = {c["day"] for c in checkins}
    days = logged_days(db, options.start, options.end) - shown
    return [{"day": d.isoformat(), "created_at": None} for d in sorted(days) if d.isoformat() not in have]


def shared_entry(entry: Any, options: ReportOptions) -> dict[str, Any]:
    """One entry as the export writes it, with the fields left out emptied. ``extra``
    (fields kept from another app's export, which may hold its notes) is never shared."""
    out = entry_json(entry)
    out["extra"] = None
    if options.omit_notes:
        out["note"] = None
    if options.omit_triggers:
        out["triggers"] = []
    if options.omit_cost:
        out["cost"] = None
    return out


class _TextReader(io.RawIOBase):
    """A binary stream over pieces of text, read as the sealer asks for them."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            piece = next(self.pieces, None)
            if piece is None:
                return 0
            self.pending = piece.encode("utf-8")
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def write_share(db: Database, options: ReportOptions, passphrase: str,
                out: str | os.PathLike[str]) -> ShareResult:
    """Write the share for ``options`` to ``out`` (0600, atomically), sealed with ``passphrase``.

    A weak passphrase is refused (the app's own rule) before anything is written."""
    if options.start > options.end:
        raise InvalidEntry("the first day of the share is after its last day")
    check_new_passphrase(passphrase)
    target = Path(out).expanduser()
    tmp = target.with_name(target.name + ".part")
    counted = [0]
    e = entries_table.c

    def pieces() -> Iterator[str]:
        chosen = chosen_trackables(db, options)
        with db.engine.connect() as conn:
            doc = share_sections(conn, db, options, chosen)
            rows = iter_entries(conn, e.day >= options.start, e.day <= options.end,
                                e.trackable_id.in_([t.id for t in chosen]))

            def entries() -> Iterator[dict[str, Any]]:
                for row in rows:
                    counted[0] += 1
                    yield shared_entry(row, options)

            yield from document_text(doc, entries())

    from harmtrack.core.storage.private_files import private_open

    try:
        with private_open(tmp, "wb") as fh:
            source = io.BufferedReader(_TextReader(pieces()), 1 << 16)
            seal_with_passphrase(passphrase, PURPOSE, source, cast(BinaryIO, fh))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidEntry(f"cannot write {target}: {exc.strerror}") from exc
    except BaseException:  # nothing half-written stays behind
        tmp.unlink(missing_ok=True)
        raise
    return ShareResult(target, options.start, options.end, counted[0], tuple(options.left_out()))


class ReadOnlyConnector:
    """Connections to the share's database that refuse writes (SQLite's ``query_only``),
    and no new connection once the share is closed: a chart still being read on a worker
    thread then cannot make the database file again while its folder is being removed."""

    def __init__(self, path: Path) -> None:
        from harmtrack.core.storage.engine import plain_connector

        self.connect = plain_connector(path)
        self.closed = False

    def __call__(self) -> Any:
        if self.closed:
            raise sqlite3.OperationalError("the shared file was closed")
        conn = self.connect()
        conn.execute("PRAGMA query_only = ON")
        return conn


@dataclass
class OpenShare:
    """A share opened in a temporary data folder, read-only; ``close`` removes the folder."""

    folder: Path
    db: Database
    start: dt.date
    end: dt.date
    left_out: tuple[str, ...] = ()
    closed: bool = field(default=False, repr=False)

    def close(self) -> None:
        """Close the database and remove the temporary folder with everything in it."""
        if self.closed:
            return
        self.closed = True
        try:
            self.db.close()
        finally:
            if isinstance(self.db.connector, ReadOnlyConnector):
                self.db.connector.closed = True
            remove_folder(self.folder)

    def __enter__(self) -> OpenShare:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def remove_folder(folder: Path, attempts: int = 20) -> None:
    """Remove ``folder`` and everything in it. A connection a worker thread still holds
    may add a journal file while it goes (never a new connection: ``ReadOnlyConnector``),
    so it is tried again, briefly, until the folder is gone."""
    import time

    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.05)
    log.warning("a shared file's temporary folder could not be removed")


def open_share(path: str | os.PathLike[str], passphrase: str) -> OpenShare:
    """Open the share at ``path`` into a new temporary data folder, read-only.

    A different passphrase, or a damaged, cut-short or swapped file, raises SealError and
    leaves nothing behind; so does anything going wrong after the folder was made."""
    source = Path(path).expanduser()
    if not source.is_file():
        raise InvalidEntry(f"no file at {source}")
    folder = Path(tempfile.mkdtemp(prefix="harmtrack-share-"))  # 0700
    db: Database | None = None
    try:
        plain = folder / "share.json"
        from harmtrack.core.storage.private_files import private_open

        with source.open("rb") as fh, private_open(plain, "wb") as target:
            open_with_passphrase(passphrase, PURPOSE, fh, cast(BinaryIO, target))
        info = read_share_info(plain)
        from harmtrack.core.exchange.importers import run_import
        from harmtrack.core.storage.data_folder import open_data_folder
        from harmtrack.core.storage.engine import make_engine

        db = open_data_folder(folder / "data", create=True, daily_backup=False)
        run_import(db, plain, "harmtrack-json", backup=False)
        plain.unlink()
        db.close()
        connector = ReadOnlyConnector(db.path)
        db = Database(db.path, make_engine(connector), connector)
        return OpenShare(folder, db, *info)
    except BaseException:
        if db is not None:
            db.close()
        remove_folder(folder)
        raise


def read_share_info(path: Path) -> tuple[dt.date, dt.date, tuple[str, ...]]:
    """The range and the left-out words a decrypted share names (its ``share`` section)."""
    from harmtrack.core.exchange.importers.json_stream import pairs

    for key, value in pairs(path, "entries"):
        if key == "share" and isinstance(value, dict):
            try:
                left = tuple(str(x) for x in value.get("left_out") or ())
                return dt.date.fromisoformat(value["from"]), dt.date.fromisoformat(value["to"]), left
            except (KeyError, TypeError, ValueError):
                break
        if key == "entries":
            break
    raise SealError("the file opened but is not a HarmTrack share")
