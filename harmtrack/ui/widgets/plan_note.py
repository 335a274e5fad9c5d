"""A gentle, dismissible note on the logging screen showing the user's own plan for a trigger."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from ..context import AppContext
from .dismissible_note import DismissibleNote

if TYPE_CHECKING:
    from harmtrack.core.care.plans import PlanRecord


class PlanNote(DismissibleNote):
    """Hidden until an entry is logged with a trigger that has a plan; never blocks anything."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        open_plans = QPushButton()
        super().__init__("PlanNote", (open_plans,), parent)
        self.ctx = ctx
        self.text.setAccessibleName(self.tr("Your plan"))
        self.dismiss.setAccessibleName(self.tr("Dismiss the plan note"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_plans = open_plans
        open_plans.setText(self.tr("See plans"))
        open_plans.setAccessibleName(self.tr("Open the plans screen"))
        open_plans.clicked.connect(lambda: ctx.navigate("plans"))
        self.shown_plans: list[PlanRecord] = []

    def show_for(self, triggers: Iterable[str]) -> bool:
        """Show the plans for these triggers (if any); True when something is shown."""
        # Start-up speed: imported on first use, after the logging screen is up.
        from html import escape

        from harmtrack.core.care import plans

        found = plans.plans_for_triggers(self.ctx.db, list(triggers))
        self.shown_plans = found
        if not found:
            self.hide()
            return False
        lines = "".join(
            "<p style='margin:2px 0'>" + self.tr("If <b>{trigger}</b>, then {plan}").format(
                trigger=escape(p.trigger), plan=escape(p.plan)) + "</p>" for p in found)
        head = self.tr("You made a plan for this:") if len(found) == 1 else self.tr(
            "You made plans for this:")
        helps = [a.text for a in plans.list_alternatives(self.ctx.db)[:3]]
        extra = ""
        if helps:
            extra = self.tr("Things that have helped you: {list}").format(list=", ".join(helps))
            lines += f"<p style='margin:4px 0 0 0'>{escape(extra)}</p>"
        self.text.setText(f"<p style='margin:0 0 4px 0'>{head}</p>{lines}")
        plain = " ".join(self.tr("If {trigger}, then {plan}.").format(trigger=p.trigger, plan=p.plan)
                         for p in found) + (f" {extra}" if extra else "")
        self.text.setAccessibleDescription(f"{head} {plain}")
        self.show()
        self._announce(f"{head} {plain}")
        return True

    def _announce(self, message: str) -> None:
        """Let a screen reader say the plan without moving the keyboard focus (Qt 6.8+)."""
        try:
            from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
        except ImportError:
            return
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, message))
