"""Sync between computers through a folder: what the command line and the GUI call.

A pass, in one database transaction: capture this device's edits since the last pass
(``capture``), merge them and every change file of the folder not merged yet
(``merge``), write the rows whose winners changed into the real tables (``materialize``).
A backup ("before-sync") is taken first when the pass changes anything. This device's own
change file is written after the commit (``outbox`` covers a kill in between). A change
file that cannot be read is skipped, reported and tried again on the next pass; nothing
of it is applied. ``dry_run`` runs the same pass and rolls it back: the same counts.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, update

from harmtrack.core.common.errors import HarmTrackError, InvalidEntry
from harmtrack.core.privacy.sealed import SealError
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import (
    sync_conflicts_table,
    sync_files_table,
    sync_merged_table,
    sync_rows_table,
    sync_superseded_table,
    sync_waiting_table,
)
from harmtrack.core.sync import files, merge, state
from harmtrack.core.sync import folder as sync_folder
from harmtrack.core.sync.capture import local_changes, pending
from harmtrack.core.sync.clock import Clock
from harmtrack.core.sync.describe import QUIET_FIELDS, describe_conflict, display_value
from harmtrack.core.sync.materialize import materialize
from harmtrack.core.sync.outbox import in_order, rebuild
from harmtrack.core.sync.records import Assignment, MergedRow

log = logging.getLogger(__name__)


class SkippedFile(NamedTuple):
    path: str
    reason: str


class SyncSummary(NamedTuple):
    """What a pass did (or, for a preview, would do) to this device's data."""

    added: int
    changed: int
    removed: int
    conflicts: int  # new "changed on both computers" found by this pass
    skipped_files: list[SkippedFile]
    backup: Path | None
    #: What the pass had to adjust, e.g. a trackable renamed "Name (2)" (no user data).
    notes: tuple[str, ...] = ()


class DeviceInfo(NamedTuple):
    id: str
    name: str
    last_change: dt.datetime | None
    this_device: bool


class SyncStatus(NamedTuple):
    folder: Path | None
    device: str
    devices: list[DeviceInfo]
    pending: int  # rows changed here since the last pass
    last_sync: dt.datetime | None
    conflicts: int


class ConflictInfo(NamedTuple):
    """A conflict as display text: what changed, the value kept and the other one."""

    id: int
    what: str
    field: str
    kept: str
    other: str
    other_device: str


class SyncNotSet(HarmTrackError):
    """No sync folder is set on this computer."""


class SyncFolderUnavailable(HarmTrackError):
    """The sync folder is missing or cannot be written; nothing was changed."""


class SyncCancelled(HarmTrackError):
    """The person stopped the pass before it committed; nothing was changed."""


Progress = Callable[[int, int], None]


def set_folder(db: Database, folder: Path, passphrase: str, device_name: str | None = None) -> None:
    """Sync this computer through ``folder`` (created, or joined with its passphrase).

    A folder other than the one set before starts afresh: what was merged from the old one
    is dropped and every row is sent again, so the new folder receives everything. The same
    folder at another path (its key is the same) carries on.
    """
    folder = Path(folder).expanduser().resolve()
    name = (device_name or "").strip()
    if len(name) > 80:
        raise InvalidEntry("a computer's name is at most 80 characters")
    if folder.exists() and not folder.is_dir():
        raise SyncFolderUnavailable(f"{folder} is a file, not a folder")
    if not folder.exists() and not folder.parent.is_dir():
        raise SyncFolderUnavailable(f"there is no folder {folder.parent}; create the sync "
                                    "folder first (or let your sync tool create it)")
    if folder.exists():
        check_writable(folder)
    key = sync_folder.create_or_join(folder, passphrase)  # refuses a wrong passphrase
    with transaction(db) as conn:
        before = state.load_state(conn)
        # The same folder at another path (a USB stick mounted elsewhere) has the same key.
        if before.folder is not None and before.folder != folder and before.key != key:
            start_afresh(conn)
        device = state.ensure_device(conn)
        name = name or before.device_name or default_device_name()
        state.save_state(conn, device_name=name, folder=folder, key=key)
    sync_folder.write_device_record(folder, key, device, name, before.last_change)
    log.info("sync folder set")


def default_device_name() -> str:
    """The computer's own name (no network involved: it is the local host name)."""
    return platform.node().split(".")[0] or "this computer"


def forget_folder(db: Database) -> None:
    """Stop syncing this computer; its data and the folder's files stay as they are."""
    with transaction(db) as conn:
        start_afresh(conn)
        state.save_state(conn, folder=None, key=None)


def start_afresh(conn: Connection) -> None:
    """Drop what this device merged from a folder, and mark every row to be sent again."""
    for table in (sync_conflicts_table, sync_superseded_table, sync_merged_table,
                  sync_files_table, sync_waiting_table):
        conn.execute(delete(table))
    r = sync_rows_table.c
    conn.execute(update(sync_rows_table).where(r.deleted == 0).values(unsent=1))
    state.save_state(conn, outbox=None)


def check_writable(folder: Path) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SyncFolderUnavailable(f"cannot write to the sync folder {folder}; nothing was changed")


class Setup(NamedTuple):
    folder: Path
    key: bytes
    state: state.SyncState


def configured(db: Database) -> Setup:
    """This device's folder, key and state; SyncNotSet when no folder is set."""
    with db.engine.connect() as conn:
        current = state.load_state(conn)
    if current.folder is None or current.key is None or not current.device:
        raise SyncNotSet("no sync folder is set on this computer; choose one first")
    return Setup(current.folder, current.key, current)


def run_pass(db: Database, *, dry_run: bool = False, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> SyncSummary:
    """One pass. dry_run: the same counts, nothing changed (the preview). Otherwise a backup
    ("before-sync" kind) is taken first when anything would change, then one transaction."""
    setup = configured(db)
    if not setup.folder.is_dir():
        raise SyncFolderUnavailable(f"the sync folder {setup.folder} is not there (a drive not "
                                    "connected, or the folder moved?); nothing was changed")
    if not dry_run:
        check_writable(setup.folder)
    sync_folder.open_folder(setup.folder, setup.key)  # the key still fits this folder
    if not dry_run and setup.state.outbox:
        write_outbox(db, setup, setup.state.outbox)
    work = Work(setup, files.list_change_files(setup.folder), progress, cancelled)
    if dry_run:
        with db.writer.connect() as conn:  # it writes (then rolls back): wait for other writers
            trans = conn.begin()
            try:
                work.apply(conn)
            finally:
                trans.rollback()
        return work.summary(None)
    with transaction(db) as conn:
        work.apply(conn)
        work.record(conn)
        backup = None
        if work.added + work.changed + work.removed:
            # As imports do: taken from a connection of its own before the commit, so it
            # holds the data as last committed; a backup that fails rolls the pass back.
            from harmtrack.core.storage.backups import make_backup

            backup = make_backup(db, "before-sync")
    if work.outgoing:
        write_outbox(db, setup, work.outbox, work.outgoing)
    log.info("sync pass: %d files merged, %d skipped, %d local changes sent",
             len(work.merged_files), len(work.skipped), len(work.outgoing))
    return work.summary(backup)


class Work:
    """One pass's work inside its transaction, and what it found."""

    def __init__(self, setup: Setup, listed: list[files.ChangeFile], progress: Progress | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.setup, self.listed = setup, listed
        self.progress, self.cancelled = progress, cancelled
        self.current = setup.state
        self.clock = Clock(setup.state.device, setup.state.clock)
        self.outgoing: list[Assignment] = []
        self.merged_files: list[files.ChangeFile] = []
        self.skipped: list[tuple[files.ChangeFile, SkippedFile]] = []
        self.rows: dict[tuple[str, str], MergedRow] = {}
        self.conflicts = 0
        self.added = self.changed = self.removed = 0
        self.notes: tuple[str, ...] = ()
        self.outbox: dict[str, Any] = {}

    def take(self, outcome: merge.MergeOutcome) -> None:
        for row in outcome.rows:
            self.rows[(row.table, row.uuid)] = row

    def apply(self, conn: Connection) -> None:
        """Capture, merge, materialize (the caller commits or rolls back)."""
        # The state as of this transaction: another pass (the app's timer beside the command
        # line) may have committed since the folder was listed, with clocks and a file number.
        self.current = state.load_state(conn)
        self.clock = Clock(self.current.device, self.current.clock)
        applied = state.applied_files(conn)
        todo = [f for f in self.listed if (f.device, f.name) not in applied]
        total = len(todo) + 1
        known = {c.id for c in visible_conflicts(conn)}
        self.outgoing = in_order(local_changes(conn, self.clock.tick, merge.merged_view(conn)))
        self.take(merge.merge(conn, self.outgoing))
        for done, change_file in enumerate(todo, start=1):
            if self.cancelled is not None and self.cancelled():
                raise SyncCancelled("sync stopped; nothing was changed")
            try:
                incoming = files.read_change_file(change_file.path, self.setup.key)
            except (SealError, InvalidEntry) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                self.skipped.append((change_file, SkippedFile(str(change_file.path), reason)))
                log.warning("sync: a change file was skipped (%s)", type(exc).__name__)
            else:
                for a in incoming:
                    self.clock.observe(a.clock)
                self.take(merge.merge(conn, incoming))
                self.merged_files.append(change_file)
            if self.progress is not None:
                self.progress(done, total)
        self.conflicts = len({c.id for c in visible_conflicts(conn)} - known)
        done_rows = materialize(conn, list(self.rows.values()))
        self.added, self.changed, self.removed = done_rows.added, done_rows.changed, done_rows.removed
        self.notes = tuple(done_rows.notes)
        if self.progress is not None:
            self.progress(total, total)

    def record(self, conn: Connection) -> None:
        """Note the files merged and skipped, the clock, and the change file to write."""
        for f in self.merged_files:
            state.mark_applied(conn, f.device, f.name)
        for f, skipped in self.skipped:
            state.mark_skipped(conn, f.device, f.name, skipped.reason)
        values: dict[str, Any] = {"clock": self.clock.last or None,
                                  "last_sync": dt.datetime.now(dt.UTC)}
        if self.outgoing:
            seq = self.current.next_seq
            self.outbox = {"seq": seq, "first": self.outgoing[0].clock,
                           "last": max(x.clock for x in self.outgoing)}
            values.update(next_seq=seq + 1, outbox=self.outbox,
                          last_change=clock_time(self.outbox["last"]).isoformat())
        state.save_state(conn, **values)

    def summary(self, backup: Path | None) -> SyncSummary:
        return SyncSummary(self.added, self.changed, self.removed, self.conflicts,
                           [s for _f, s in self.skipped], backup, self.notes)


def write_outbox(db: Database, setup: Setup, outbox: dict[str, Any],
                 assignments: list[Assignment] | None = None) -> None:
    """Write the change file a committed pass noted, then note it written. Without
    ``assignments`` (a pass killed before it wrote them) they are found again as merged."""
    device = setup.state.device
    with db.engine.connect() as conn:
        if assignments is None:
            assignments = rebuild(conn, device, outbox["first"], outbox["last"])
        last_change = state.load_state(conn).last_change
    path = files.write_change_file(setup.folder, device, int(outbox["seq"]), setup.key, assignments)
    with transaction(db) as conn:
        state.mark_applied(conn, device, path.name)
        state.save_state(conn, outbox=None)
    sync_folder.write_device_record(setup.folder, setup.key, device, setup.state.device_name,
                                    last_change)


def clock_time(clock: str) -> dt.datetime:
    """The instant a clock stands for (its milliseconds)."""
    return dt.datetime.fromtimestamp(int(clock.split(".", 1)[0]) / 1000, dt.UTC)


def parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def status(db: Database) -> SyncStatus:
    """The folder, this device, every device that syncs there, and what waits."""
    with db.engine.connect() as conn:
        current = state.load_state(conn)
        waiting = pending(conn)
        open_conflicts = len(visible_conflicts(conn))
    mine = DeviceInfo(current.device, current.device_name or default_device_name(),
                      parse_time(current.last_change), True)
    devices = [mine] if current.folder is not None else []
    if current.folder is not None and current.key is not None:
        try:
            records = sync_folder.devices(current.folder, current.key)
        except (HarmTrackError, OSError):  # an unreachable folder still has a status
            records = []
        devices += [DeviceInfo(d.id, d.name, parse_time(d.last_change), False)
                    for d in records if d.id != current.device]
    return SyncStatus(current.folder, current.device, devices, int(waiting), current.last_sync,
                      open_conflicts)


def conflicts(db: Database) -> list[ConflictInfo]:
    """The conflicts not dismissed on this computer, as display text."""
    with db.engine.connect() as conn:
        names = device_names(state.load_state(conn))
        return [ConflictInfo(c.id, describe_conflict(conn, c.table, c.uuid), c.field,
                             display_value(c.kept), display_value(c.other),
                             names.get(c.other_device, c.other_device[:8]))
                for c in visible_conflicts(conn)]


def visible_conflicts(conn: Connection) -> list[merge.ConflictRecord]:
    """The conflicts to show: not dismissed here, and in a field the person typed."""
    return [c for c in merge.conflicts(conn) if c.field not in QUIET_FIELDS]


def device_names(current: state.SyncState) -> dict[str, str]:
    """Device id → name, from the folder's device records (as far as they can be read)."""
    names = {current.device: current.device_name}
    if current.folder is not None and current.key is not None:
        try:
            for d in sync_folder.devices(current.folder, current.key):
                names.setdefault(d.id, d.name)
        except (HarmTrackError, OSError):
            pass
    return names


def dismiss_conflict(db: Database, conflict_id: int) -> None:
    """Mark a conflict as seen on this computer (the others keep theirs)."""
    with transaction(db) as conn:
        merge.dismiss_conflict(conn, conflict_id)
