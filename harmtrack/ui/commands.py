"""Undoable changes (QUndoCommand) over the core entry services.

Each redo/undo is one core call, i.e. one transaction. A failing core call raises
before anything is written, so the stack never records a change that did not happen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QUndoCommand

from harmtrack.core import entries
from harmtrack.core.entries import EntryInput, EntryRecord

from .context import AppContext


class AddEntry(QUndoCommand):
    """Log an entry; undo deletes it, redo puts the same entry back."""

    def __init__(self, ctx: AppContext, data: EntryInput) -> None:
        super().__init__()
        self.ctx = ctx
        # Stored first, so a bad value raises here and nothing reaches the stack.
        self.record: EntryRecord = entries.add_entry(ctx.db, data)
        self.setText(ctx.tr("log {name}").format(name=self.record.trackable))
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.record = entries.restore_entry(self.ctx.db, self.record)
        self.ctx.data_changed.emit()

    def undo(self) -> None:
        entries.delete_entry(self.ctx.db, self.record.id)
        self.ctx.data_changed.emit()


class DeleteEntry(QUndoCommand):
    """Delete an entry; undo restores it exactly."""

    def __init__(self, ctx: AppContext, entry_id: int) -> None:
        super().__init__()
        self.ctx = ctx
        self.entry_id = entry_id
        self.record: EntryRecord | None = None
        self.setText(ctx.tr("delete entry"))

    def redo(self) -> None:
        self.record = entries.delete_entry(self.ctx.db, self.entry_id)
        self.ctx.data_changed.emit()

    def undo(self) -> None:
        if self.record is not None:
            entries.restore_entry(self.ctx.db, self.record)
        self.ctx.data_changed.emit()


class EditEntry(QUndoCommand):
    """Change fields of an entry; undo puts the previous version back."""

    def __init__(self, ctx: AppContext, entry_id: int, changes: dict[str, Any]) -> None:
        super().__init__()
        self.ctx = ctx
        self.before = entries.get_entry(ctx.db, entry_id)
        self.changes = changes
        # Applied now so that invalid input raises before the command is pushed.
        self.after = entries.update_entry(ctx.db, entry_id, **changes)
        self.setText(ctx.tr("edit entry"))
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.after = entries.update_entry(self.ctx.db, self.before.id, **self.changes)
        self.ctx.data_changed.emit()

    def undo(self) -> None:
        entries.restore_entry(self.ctx.db, self.before)
        self.ctx.data_changed.emit()


class CheckIn(QUndoCommand):
    """Record "nothing to log today" for a day."""

    def __init__(self, ctx: AppContext, day: dt.date) -> None:
        super().__init__()
        self.ctx, self.day = ctx, day
        self.setText(ctx.tr("nothing to log"))

    def redo(self) -> None:
        entries.check_in(self.ctx.db, self.day)
        self.ctx.data_changed.emit()

    def undo(self) -> None:
        entries.undo_check_in(self.ctx.db, self.day)
        self.ctx.data_changed.emit()


def push(ctx: AppContext, command: QUndoCommand) -> None:
    """Push a command (its redo runs now) and say what happened in the status bar."""
    ctx.undo_stack.push(command)
    ctx.status.emit(ctx.tr("Done: {what}. Ctrl+Z undoes it.").format(what=command.text()))
