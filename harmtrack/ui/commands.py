"""Undoable changes (QUndoCommand) over the core entry services.

Each change is written when the command is made, before it is pushed: a write the core
refuses raises there and the stack never records a change that did not happen. ``redo``
does nothing the first time (the push) and writes again only after an undo. An undo or
redo that the database refuses later says why in the status bar and leaves the stack
(``setObsolete``), so Ctrl+Z never names a change that is not there to undo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.tracking import checkins, entries
from harmtrack.core.tracking.entries import EntryInput, EntryRecord

from .context import AppContext


class WrittenCommand(QUndoCommand):
    """A change already written; ``apply``/``revert`` write it again and take it back."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._first = True

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def what_changed(self) -> Changes:
        """What writing or taking back this change touches (the days and trackables)."""
        raise NotImplementedError

    def _write(self, step: Callable[[], None], done: str, failed: str) -> None:
        # The status bar always ends on what is true now: a message about the change
        # ("Deleted 3 entries") must not stay up once it has been undone.
        try:
            step()
        except HarmTrackError as exc:
            self.setObsolete(True)
            message = failed.format(what=self.text(), why=exc)
        else:
            message = done.format(what=self.text())
        self.ctx.data_changed.emit(self.what_changed())
        self.ctx.status.emit(message)

    def redo(self) -> None:
        if self._first:  # pushed: the change was written when the command was made
            self._first = False
            self.ctx.data_changed.emit(self.what_changed())
            return
        self._write(self.apply, self.ctx.tr("Redone: {what}."), self.ctx.tr("Could not redo {what}: {why}"))

    def undo(self) -> None:
        self._write(self.revert, self.ctx.tr("Undone: {what}."), self.ctx.tr("Could not undo {what}: {why}"))


class AddEntry(WrittenCommand):
    """Log an entry; undo deletes it, redo puts the same entry back."""

    def __init__(self, ctx: AppContext, data: EntryInput) -> None:
        super().__init__(ctx)
        self.record: EntryRecord = entries.add_entry(ctx.db, data)
        self.setText(ctx.tr("log {name}").format(name=self.record.trackable))

    def apply(self) -> None:
        self.record = entries.restore_entry(self.ctx.db, self.record)

    def revert(self) -> None:
        entries.delete_entry(self.ctx.db, self.record.id)

    def what_changed(self) -> Changes:
        return Changes.of_entries([self.record])


class DeleteEntry(WrittenCommand):
    """Delete an entry; undo restores it exactly."""

    def __init__(self, ctx: AppContext, entry_id: int) -> None:
        super().__init__(ctx)
        self.entry_id = entry_id
        self.record: EntryRecord = entries.delete_entry(ctx.db, entry_id)
        self.setText(ctx.tr("delete entry"))

    def apply(self) -> None:
        self.record = entries.delete_entry(self.ctx.db, self.entry_id)

    def revert(self) -> None:
        entries.restore_entry(self.ctx.db, self.record)

    def what_changed(self) -> Changes:
        return Changes.of_entries([self.record])


class DeleteEntries(WrittenCommand):
    """Delete several entries as one step (History's multiple selection); undo restores them.

    Each entry goes in its own transaction. If the database refuses one part way through,
    the ones already deleted stay one undoable step and ``error`` says why the rest stayed.
    """

    def __init__(self, ctx: AppContext, entry_ids: list[int]) -> None:
        super().__init__(ctx)
        self.records: list[EntryRecord] = []
        self.error: str | None = None
        for entry_id in entry_ids:
            try:
                self.records.append(entries.delete_entry(ctx.db, entry_id))
            except HarmTrackError as exc:
                if not self.records:
                    raise
                self.error = str(exc)
                break
        self.setText(ctx.tr("delete entries"))

    def apply(self) -> None:
        for r in self.records:
            entries.delete_entry(self.ctx.db, r.id)

    def revert(self) -> None:
        for r in reversed(self.records):
            entries.restore_entry(self.ctx.db, r)

    def what_changed(self) -> Changes:
        return Changes.of_entries(self.records)


class EditEntry(WrittenCommand):
    """Change fields of an entry; undo puts the previous version back."""

    def __init__(self, ctx: AppContext, entry_id: int, changes: dict[str, Any]) -> None:
        super().__init__(ctx)
        self.before = entries.get_entry(ctx.db, entry_id)
        self.changes = changes
        self.after = entries.update_entry(ctx.db, entry_id, **changes)
        self.setText(ctx.tr("edit entry"))

    def apply(self) -> None:
        self.after = entries.update_entry(self.ctx.db, self.before.id, **self.changes)

    def revert(self) -> None:
        entries.restore_entry(self.ctx.db, self.before)

    def what_changed(self) -> Changes:
        # Both versions: an edit may move the entry to another day or trackable.
        return Changes.of_entries([self.before, self.after])


class CheckIn(WrittenCommand):
    """Record "nothing to log today" for a day."""

    def __init__(self, ctx: AppContext, day: dt.date) -> None:
        super().__init__(ctx)
        self.day = day
        # Already recorded (say, from the command line): nothing happened, nothing to undo.
        self.setObsolete(not checkins.check_in(ctx.db, day))
        self.setText(ctx.tr("nothing to log"))

    def apply(self) -> None:
        checkins.check_in(self.ctx.db, self.day)

    def revert(self) -> None:
        checkins.undo_check_in(self.ctx.db, self.day)

    def what_changed(self) -> Changes:
        return Changes.of_check_in(self.day)


def push(ctx: AppContext, command: WrittenCommand) -> None:
    """Push a change already written and say what happened in the status bar."""
    if command.isObsolete():  # nothing changed: the stack would drop it anyway
        # (it may have been written from outside: the screens show it is there)
        ctx.data_changed.emit(command.what_changed())
        return
    ctx.undo_stack.push(command)
    ctx.status.emit(ctx.tr("Done: {what}. Ctrl+Z undoes it.").format(what=command.text()))
