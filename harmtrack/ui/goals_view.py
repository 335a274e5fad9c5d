"""The Goals screen: set, change (a new version from a date), archive goals and plan tapers.

The editor shows the user's baseline and a modest suggested step, guideline context, a
withdrawal-safety note for alcohol and benzodiazepines, and a live preview of how the
last 8 finished weeks would have scored under the goal being edited.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from harmtrack.core.common.changes import Changes
from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.goals import judged
from harmtrack.core.goals import store as goals
from harmtrack.core.goals.store import GoalInfo
from harmtrack.core.tracking import entries

from .context import AppContext
from .goal_editor import GoalEditor, describe_goal
from .taper_planner import TaperPlanner
from .widgets.when_shown import RefreshWhenShown


class GoalsView(QWidget):
    """The list of goals on the left, the editor and the taper planner on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._goals: list[GoalInfo] = []
        self._texts: dict[int, str] = {}  # goal id -> what the list says above its summary
        self._loaded = self._stale = False
        # Finished weeks judged once and kept until a change touches them (core/goals/judged.py).
        self._judged = judged.JudgedPeriods()
        self._judging = 0  # which refresh the summaries arriving belong to
        outer = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        title = QLabel(self.tr("Your goals"))
        title.setObjectName("DayTitle")
        left_layout.addWidget(title)
        self.goal_list = QListWidget()
        self.goal_list.setAccessibleName(self.tr("Your goals"))
        self.goal_list.setWordWrap(True)
        self.goal_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.goal_list.setSpacing(4)
        self.goal_list.setAlternatingRowColors(True)
        self.goal_list.currentItemChanged.connect(self._goal_chosen)
        left_layout.addWidget(self.goal_list, 1)
        self.empty = QLabel(self.tr("No goals yet. Choose something you track on the right and "
                                    "pick a first, modest step."))
        self.empty.setObjectName("EmptyState")
        self.empty.setWordWrap(True)
        left_layout.addWidget(self.empty)
        self.show_archived = QCheckBox(self.tr("Show &archived goals"))
        self.show_archived.setAccessibleName(self.tr("Show archived goals"))
        self.show_archived.toggled.connect(self.refresh)
        left_layout.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New goal"))
        self.new_button.setAccessibleName(self.tr("New goal"))
        self.new_button.clicked.connect(self.new_goal)
        self.archive_button = QPushButton(self.tr("A&rchive"))
        self.archive_button.setAccessibleName(self.tr("Archive the selected goal"))
        self.archive_button.setToolTip(self.tr("Archived goals keep their history; you can bring them back"))
        self.archive_button.clicked.connect(self.toggle_archive)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.archive_button)
        left_layout.addLayout(buttons)
        splitter.addWidget(left)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Goal editor and taper planner"))
        self.editor = GoalEditor(ctx)
        self.editor.judged = self._judged
        self.editor.saved.connect(self.select_goal)
        # The planner is built when its tab is first chosen (or asked for): opening Goals
        # builds the widgets it shows, not the ones behind the second tab.
        self._planner: TaperPlanner | None = None
        self._planner_scroll = QScrollArea()
        for widget, scroll, title in ((self.editor, QScrollArea(), self.tr("&Goal")),
                                      (None, self._planner_scroll, self.tr("Ta&per plan"))):
            scroll.setWidgetResizable(True)  # small windows scroll instead of squeezing the text
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            if widget is not None:
                scroll.setWidget(widget)
            scroll.setAccessibleName(title.replace("&", ""))  # it takes Tab focus: say which tab
            self.tabs.addTab(scroll, title)
        self.tabs.currentChanged.connect(lambda index: self.planner if index == 1 else None)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])
        outer.addWidget(splitter)
        self._when_shown = RefreshWhenShown(self, self.refresh)
        ctx.data_changed.connect(self._on_changes)
        self.refresh()

    @property
    def planner(self) -> TaperPlanner:
        """The taper planner of the second tab, built on first use."""
        if self._planner is None:
            self._planner = TaperPlanner(self.ctx)
            self._planner.saved.connect(self.select_goal)
            self._planner_scroll.setWidget(self._planner)
        return self._planner

    def _on_changes(self, changes: Changes) -> None:
        """Reload when goals, names or settings changed, or the entries a goal shown counts."""
        self._judged.forget(changes)
        if (changes.all or changes.goals or changes.catalog or changes.settings
                or any(changes.touches_trackable(g.trackable_id) for g in self._goals)):
            self._when_shown.request()

    def activated(self) -> None:
        if self._stale:
            self.refresh()
        self.editor.reload_trackables()
        if self._planner is not None:
            self._planner.reload()
        self.goal_list.setFocus()

    def refresh(self) -> None:
        if self._loaded and not self.isVisible():
            self._stale = True  # summaries read the whole history: wait until the screen is shown
            return
        self._loaded, self._stale = True, False
        keep = self.selected_id()
        self._goals = goals.list_goals(self.ctx.db, include_archived=self.show_archived.isChecked())
        self.goal_list.blockSignals(True)
        self.goal_list.clear()
        today = entries.today(self.ctx.db, self.ctx.settings())
        self._texts = {}
        for g in self._goals:
            archived = "  · " + self.tr("archived") if g.archived else ""
            self._texts[g.id] = describe_goal(g, today, self.ctx.settings().currency) + archived
            item = QListWidgetItem(self._texts[g.id] + "\n" + self.tr("Judging…"))
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setToolTip(item.text())
            self.goal_list.addItem(item)
            if g.id == keep:
                self.goal_list.setCurrentItem(item)
        self.goal_list.blockSignals(False)
        self.empty.setVisible(not self._goals)
        self._update_buttons()
        # Judging reads each goal's whole history: off the UI thread, the list says
        # "Judging…" until the summaries arrive.
        self._judging += 1
        if self._goals:
            judging = self._judging
            self.ctx.run_background(judged.summarize_goals,
                                    lambda texts: self._show_summaries(judging, texts),
                                    db=self.ctx.db, goals=list(self._goals), judged=self._judged,
                                    today=today)

    def _show_summaries(self, judging: int, summaries: dict[int, str]) -> None:
        if judging != self._judging:
            return  # a later refresh is judging newer data
        for i in range(self.goal_list.count()):
            item = self.goal_list.item(i)
            gid = int(item.data(Qt.ItemDataRole.UserRole))
            if gid in summaries and gid in self._texts:
                text = self._texts[gid] + "\n" + summaries[gid]
                item.setText(text)
                item.setToolTip(text)

    def selected_id(self) -> int | None:
        item = self.goal_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected_goal(self) -> GoalInfo | None:
        gid = self.selected_id()
        return next((g for g in self._goals if g.id == gid), None)

    def select_goal(self, goal_id: int) -> None:
        for i in range(self.goal_list.count()):
            if self.goal_list.item(i).data(Qt.ItemDataRole.UserRole) == goal_id:
                self.goal_list.setCurrentRow(i)
                return

    def _goal_chosen(self, *_args: object) -> None:
        g = self.selected_goal()
        if g is not None:
            self.editor.load_goal(g)
            self.tabs.setCurrentIndex(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        g = self.selected_goal()
        self.archive_button.setEnabled(g is not None)
        self.archive_button.setText(self.tr("&Restore") if g is not None and g.archived
                                    else self.tr("A&rchive"))

    def new_goal(self) -> None:
        self.goal_list.clearSelection()
        self.goal_list.setCurrentItem(None)
        self.editor.reload_trackables()
        self.editor.new_goal()
        self.tabs.setCurrentIndex(0)
        self.editor.trackable.setFocus()

    def toggle_archive(self) -> None:
        g = self.selected_goal()
        if g is None:
            return
        try:
            goals.archive_goal(self.ctx.db, g.id, archived=not g.archived)
        except HarmTrackError as exc:
            self.editor.error.setText(str(exc))
            return
        self.ctx.status.emit(self.tr("Goal archived") if not g.archived else self.tr("Goal restored"))
        self.ctx.data_changed.emit(Changes(goals=True))
        if not self.show_archived.isChecked():
            self.editor.new_goal()
