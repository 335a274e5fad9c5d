"""The plans screen, and the plan shown gently when logging with its trigger."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt

from harmtrack.core.care import plans
from harmtrack.core.tracking import entries, suggestions, trackables
from harmtrack.ui.context import AppContext


@pytest.fixture
def ctx(utc_settings, qtbot) -> AppContext:
    return AppContext(utc_settings)


def test_write_a_plan_on_the_plans_screen(ctx, qtbot) -> None:
    from harmtrack.ui.plans_view import PlansView

    entries.log(ctx.db, "alcohol", 2, triggers=["Party"])
    view = PlansView(ctx)
    qtbot.addWidget(view)
    view.show()  # on the screen, as a person sees it: a hidden screen waits to be opened
    qtbot.waitExposed(view)
    assert view.plans_empty.isVisibleTo(view) and not view.table.isVisibleTo(view)
    # The user's own trigger is offered first (once read in the background).
    qtbot.waitUntil(lambda: view.trigger.findText("Party") == 0, timeout=5000)
    view.trigger.setEditText("party")
    qtbot.keyClicks(view.plan_text, "alternate every drink with water")
    qtbot.keyClick(view.plan_text, Qt.Key.Key_Return)
    stored = plans.list_plans(ctx.db)
    assert [(p.trigger, p.plan) for p in stored] == [("party", "alternate every drink with water")]
    assert view.table.rowCount() == 1
    assert view.table.item(0, 2).text() == "once"
    assert view.plan_text.text() == ""

    view.trigger.setEditText("party")
    qtbot.keyClicks(view.plan_text, "Alternate every drink with water")
    view.save_button.click()
    assert "already" in view.error.text() and len(plans.list_plans(ctx.db)) == 1

    view.clear_form()
    view.table.selectRow(0)
    view.edit_selected()
    view.plan_text.setText("leave by midnight")
    view.save_button.click()
    assert plans.list_plans(ctx.db)[0].plan == "leave by midnight"
    view.table.selectRow(0)
    view.archive_button.click()
    assert plans.list_plans(ctx.db) == [] and view.table.rowCount() == 0
    view.show_archived.setChecked(True)
    assert view.table.rowCount() == 1

    qtbot.keyClicks(view.alt_text, "a cup of tea")
    qtbot.keyClick(view.alt_text, Qt.Key.Key_Return)
    assert [a.text for a in plans.list_alternatives(ctx.db)] == ["a cup of tea"]
    assert view.alt_list.count() == 1
    view.alt_list.setCurrentRow(0)
    view.alt_archive.click()
    assert plans.list_alternatives(ctx.db) == [] and view.alt_list.count() == 0


def test_logging_with_a_planned_trigger_shows_the_plan(ctx, qtbot) -> None:
    from harmtrack.ui.log_view import LogView

    trackables.add_builtin(ctx.db, "alcohol")
    plans.add_plan(ctx.db, "Party", "alternate every drink with water")
    view = LogView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert not view.plan_note.isVisible()

    qtbot.keyClicks(view.form.triggers, "tired")
    view.form.submit.click()
    assert len(entries.list_entries(ctx.db)) == 1
    assert not view.plan_note.isVisible()  # no plan for that trigger: nothing shown

    qtbot.keyClicks(view.form.triggers, "stress, PARTY")
    view.form.submit.click()
    assert len(entries.list_entries(ctx.db)) == 2
    assert view.plan_note.isVisible()
    assert "alternate every drink with water" in view.plan_note.text.text()
    assert "Party" in view.plan_note.text.text()
    # Non-modal: the form is ready for the next entry at once.
    assert view.form.triggers.text() == ""
    assert "helped you" not in view.plan_note.text.text()  # no alternatives listed yet
    plans.add_alternative(ctx.db, "a cup of tea")
    qtbot.keyClicks(view.form.triggers, "party")
    view.form.submit.click()
    assert "Things that have helped you: a cup of tea" in view.plan_note.text.text()
    view.plan_note.dismiss.click()
    assert not view.plan_note.isVisible()


def test_the_plans_screen_reads_the_trigger_words_off_the_ui_thread(ctx, qtbot, monkeypatch) -> None:
    """A year of tags is a long read at a million entries: the screen opens with the usual
    triggers and the user's own come from the background."""
    from harmtrack.ui.plans_view import PlansView

    entries.log(ctx.db, "alcohol", 2, triggers=["Party"])
    threads: list[int] = []
    real = suggestions.known_tags

    def spy(*args: Any, **kwargs: Any) -> list[str]:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions, "known_tags", spy)
    view = PlansView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.trigger.count() > 0 and view.trigger.findText("Party") < 0  # the usual ones first
    qtbot.waitUntil(lambda: view.trigger.findText("Party") == 0, timeout=5000)
    view.activated()  # opened again: read again, in the background again
    qtbot.waitUntil(lambda: len(threads) >= 2, timeout=5000)
    assert threads and threading.get_ident() not in threads
