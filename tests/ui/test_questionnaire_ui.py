"""Taking a questionnaire with clicks, the reminder when one is due, Support now on PHQ-9 item 9."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from harmtrack.core.care.questionnaires import answers, schedules
from harmtrack.core.tracking import entries


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def answer(qtbot, dialog, choices: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Click the n-th radio button of each item."""
    for group, n in zip(dialog.groups[:len(choices)], choices, strict=True):
        button = group.buttons()[n]
        dialog.scroll.ensureWidgetVisible(button)
        click(qtbot, button)


@pytest.fixture
def opened(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    """Dialogs opened with exec() are shown (not run modally) and collected here."""
    from harmtrack.ui import questionnaire_dialog

    shown: list[questionnaire_dialog.QuestionnaireDialog] = []

    def show(self) -> int:  # type: ignore[no-untyped-def]
        shown.append(self)
        self.show()
        return 0

    monkeypatch.setattr(questionnaire_dialog.QuestionnaireDialog, "exec", show)
    return shown


def test_take_phq9_from_the_file_menu(window, qtbot, ctx, opened) -> None:  # type: ignore[no-untyped-def]
    window.questionnaire_action.trigger()
    (dialog,) = opened
    index = dialog.choice.findData("phq-9")
    dialog.choice.setCurrentIndex(index)
    assert "Spitzer" in dialog.attribution.text() and "No permission required" in dialog.attribution.text()
    assert not dialog.save_button.isEnabled()  # nothing answered yet
    answer(qtbot, dialog, [1, 2, 1, 1, 0, 1, 0, 0])
    assert not dialog.save_button.isEnabled()  # item 9 still open
    click(qtbot, dialog.groups[8].buttons()[0])
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()  # saved and closed: no safety flag
    kept = answers.history(ctx.db, "phq-9")
    assert [(t.total, t.band, t.answers) for t in kept] == [(6, "mild", (1, 2, 1, 1, 0, 1, 0, 0, 0))]
    assert "PHQ-9: 6 of 27 — mild" in window.statusBar().currentMessage()


def test_phq9_item_9_opens_support_now_at_once_kindly(window, qtbot, ctx, opened) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.support_dialog import SupportDialog

    window.questionnaire_action.trigger()
    (dialog,) = opened
    dialog.choice.setCurrentIndex(dialog.choice.findData("phq-9"))
    answer(qtbot, dialog, [0] * 8 + [1])  # item 9: "Several days"
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in dialog.findChildren(SupportDialog)))
    assert dialog.isVisible()  # stays, with a kind word under the questions
    text = dialog.result.text()
    assert "Thank you for answering honestly" in text and "Nothing you answered was sent anywhere" in text
    assert answers.history(ctx.db, "phq-9")[0].total == 1  # the answers are kept


def test_dast10_yes_no_items_and_the_reversed_item_3(window, qtbot, ctx, opened) -> None:  # type: ignore[no-untyped-def]
    window.questionnaire_action.trigger()
    (dialog,) = opened
    dialog.choice.setCurrentIndex(dialog.choice.findData("dast-10"))
    assert [b.text() for b in dialog.groups[0].buttons()] == ["Yes", "No"]
    assert "Skinner" in dialog.attribution.text()
    answer(qtbot, dialog, [1] * 10)  # "No" to everything
    click(qtbot, dialog.save_button)
    (kept,) = answers.history(ctx.db, "dast-10")
    assert (kept.total, kept.band) == (1, "a low level of problems")  # item 3 "no" scores 1


def test_same_day_answers_come_back_and_saving_replaces_them(window, qtbot, ctx, opened) -> None:  # type: ignore[no-untyped-def]
    answers.take(ctx.db, "gad-7", [3] * 7)
    window.questionnaire_action.trigger()
    (dialog,) = opened
    dialog.choice.setCurrentIndex(dialog.choice.findData("gad-7"))
    assert [g.checkedButton().text() for g in dialog.groups] == ["Nearly every day"] * 7
    assert dialog.save_button.text() == "&Save changes"
    click(qtbot, dialog.groups[0].buttons()[0])
    click(qtbot, dialog.save_button)
    assert [(t.total, t.band) for t in answers.history(ctx.db, "gad-7")] == [(18, "severe")]


def test_the_reminder_shows_when_due_and_takes_you_there(window, qtbot, ctx, opened) -> None:  # type: ignore[no-untyped-def]
    log = window.view("log")
    note = log.questionnaire_due
    assert not note.isVisible()  # nothing scheduled
    window.questionnaire_action.trigger()
    dialog = opened.pop()
    dialog.choice.setCurrentIndex(dialog.choice.findData("gad-7"))
    dialog.remind.setCurrentIndex(dialog.remind.findData(4))
    dialog.remind.activated.emit(dialog.remind.currentIndex())  # as a chosen item does
    assert schedules.schedules(ctx.db)["gad-7"].every_weeks == 4
    dialog.close()
    qtbot.waitUntil(note.isVisible)
    assert "GAD-7: due for your check-in" in note.text.text()
    click(qtbot, note.take)
    (taking,) = opened
    assert taking.choice.currentData() == "gad-7"
    answer(qtbot, taking, [0] * 7)
    click(qtbot, taking.save_button)
    qtbot.waitUntil(lambda: not note.isVisible())
    today = entries.today(ctx.db)
    assert schedules.due(ctx.db, "gad-7") == today + dt.timedelta(weeks=4)


def test_scores_are_a_kind_on_the_charts_screen(window, qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    answers.take(ctx.db, "phq-9", [1] * 9)
    window.open_screen("charts")
    view = window.view("charts")
    index = view.kind.findData("scores")
    assert view.kind.itemText(index) == "Questionnaire scores"
    view.kind.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.data is not None and view.data.info.kind == "scores", timeout=5000)
    assert [s.instrument.key for s in view.data.series] == ["phq-9"]
    assert not view.trackable.isEnabled()  # the scores do not depend on it
    view.kind.setCurrentIndex(view.kind.findData("daily"))
    assert view.trackable.isEnabled()


@pytest.mark.parametrize("key", ["phq-9", "dast-10", "importance"])
def test_every_control_of_the_dialog_is_named_and_reachable_by_tab(window, qtbot, ctx, key) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import audit

    from harmtrack.ui.questionnaire_dialog import QuestionnaireDialog

    dialog = QuestionnaireDialog(ctx, key, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert audit(dialog, dialog) == []


def test_a_broken_instrument_file_is_one_message_not_a_crash(window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from PySide6.QtWidgets import QMessageBox

    from harmtrack.core.care.questionnaires import instruments

    folder = tmp_path / "instruments"
    shutil.copytree(instruments.FOLDER, folder)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    monkeypatch.setattr(instruments, "FOLDER", folder)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window.questionnaire_action.trigger()
    assert len(said) == 1 and said[0].startswith("broken.json: is not valid JSON (line 1")


def test_a_questionnaire_due_at_start_shows_on_today(ctx, qtbot, request) -> None:  # type: ignore[no-untyped-def]
    schedules.set_schedule(ctx.db, "phq-9", before_sessions=True)
    window = request.getfixturevalue("window")
    note = window.view("log").questionnaire_due
    qtbot.waitUntil(note.isVisible)
    assert note.text.text().startswith("PHQ-9: due for your check-in")
    click(qtbot, note.later)
    assert not note.isVisible()
