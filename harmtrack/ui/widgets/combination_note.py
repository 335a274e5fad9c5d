"""A calm, dismissible note on the logging screen when a saved entry and another entry
are two depressants within a few hours of each other: the risk, what lowers it, the source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from harmtrack.core.common.changes import Changes

from ..context import AppContext
from .dismissible_note import DismissibleNote

if TYPE_CHECKING:
    from harmtrack.core.care.combinations import CombinationPair


class CombinationNote(DismissibleNote):
    """Hidden until an entry forms a pair; never blocks logging and never scolds."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("CombinationNote", parent=parent)
        self.ctx = ctx
        self.text.setAccessibleName(self.tr("A note on combining"))
        self.dismiss.setAccessibleName(self.tr("Dismiss the note on combining"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setOpenExternalLinks(False)
        self.text.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.shown_pairs: list[CombinationPair] = []
        self.entry_id: int | None = None
        # An entry undone or changed so that the pair is gone: the note goes with it.
        ctx.data_changed.connect(self._on_changes)

    @Slot()
    def show_for_entry(self, entry_id: int) -> bool:
        """Show the note for the pairs this entry forms (if any); True when shown."""
        # Start-up speed: imported on first use, after the logging screen is up.
        from harmtrack.core.care import combinations

        self.entry_id = entry_id
        pairs = combinations.pairs_with_entry(self.ctx.db, entry_id)
        self.shown_pairs = pairs
        if not pairs:
            self.hide()
            return False
        self.text.setText(self._html(pairs))
        self.text.setAccessibleDescription(self.text.text())
        self.show()
        return True

    def _on_changes(self, changes: Changes) -> None:
        if self.isVisible() and self.entry_id is not None and changes.entries:
            self.show_for_entry(self.entry_id)

    def _html(self, pairs: list[CombinationPair]) -> str:
        from html import escape

        # One paragraph per kind of combination (the same two classes say the same thing).
        seen: dict[tuple[str, str], CombinationPair] = {}
        for p in pairs:
            seen.setdefault(p.note.classes, p)
        parts = [f"<p style='margin:0 0 4px 0'><b>{escape(self.tr('A note on combining'))}</b></p>"]
        for p in seen.values():
            hours = max(1, round(p.hours_apart))
            when = (self.tr("within about an hour") if hours <= 1
                    else self.tr("about {n} hours apart").format(n=hours))
            parts.append("<p style='margin:2px 0'>" + escape(self.tr(
                "{first} and {second} were logged {when}.").format(
                first=p.first_trackable, second=p.second_trackable, when=when)) + " "
                + escape(p.note.risk) + "</p>")
            parts.append(f"<p style='margin:2px 0'><small>{escape(self.tr('Source'))}: "
                         f"<a href='{escape(p.note.source.url)}'>{escape(p.note.source.name)}</a>"
                         "</small></p>")
        first = next(iter(seen.values()))
        items = "".join(f"<li>{escape(x)}</li>" for x in first.note.lowering)
        parts.append(f"<p style='margin:4px 0 0 0'>{escape(self.tr('What lowers the risk:'))}</p>"
                     f"<ul style='margin:0'>{items}</ul>")
        parts.append(f"<p style='margin:2px 0'><small>{escape(self.tr('Source'))}: "
                     f"<a href='{escape(first.note.lowering_source.url)}'>"
                     f"{escape(first.note.lowering_source.name)}</a></small></p>")
        return "".join(parts)
