"""The safety plan (one click from Support now, locked with the data), the calm note on
combining depressants after logging, and the balance and ideal-use dialog — all clicked."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from harmtrack.core.care import balance, combinations, safety_plan
from harmtrack.core.common.changes import Changes
from harmtrack.core.privacy import crypto
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries, trackables
from tests.core.test_words import WORDS
from tests.ui.helpers_dialogs import WhenShown, click, type_into

PASS = "a long passphrase"
SECRET = "OtterWarningSign"


def shot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """Render a widget to PNG (also into $HARMTRACK_SHOTS when set, to look at)."""
    target = Path(os.environ.get("HARMTRACK_SHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def visible_text() -> str:
    """The text of every visible widget in every visible window."""
    parts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        parts.append(top.windowTitle())
        for child in top.findChildren(QWidget):
            if not child.isVisible():
                continue
            for attr in ("text", "toPlainText"):
                fn = getattr(child, attr, None)
                if callable(fn):
                    with contextlib.suppress(TypeError):  # a method needing arguments
                        parts.append(str(fn()))
    return "\n".join(parts)


# --- safety plan --------------------------------------------------------------------------

def test_support_now_opens_the_safety_plan_in_one_click(window, ctx, qtbot, tmp_path) -> None:
    from harmtrack.ui.support_dialog import SupportDialog

    seen: dict[str, object] = {}

    def in_support(dialog: SupportDialog) -> None:
        try:
            seen["button"] = dialog.plan_button.text()
            click(dialog.plan_button)  # the one click
            plan = dialog.safety_plan_dialog
            seen["open"] = plan.isVisible()
            seen["intro"] = plan.intro.text()
            seen["source"] = plan.source_label.text()
            type_into(plan.edits["people_to_ask"], "Sam 555 0100")
            type_into(plan.edits["professionals"], "Dr K")
            click(plan.save_button)
            seen["saved"] = {s.key: s.text for s in safety_plan.get_plan(ctx.db)}
            type_into(plan.edits["own_coping"], "a walk")
            click(plan.close_button)  # closing keeps what was typed
            seen["after"] = dialog.plan_button.text()
            click(dialog.plan_button)  # and it opens again, with what was written
            seen["again"] = dialog.safety_plan_dialog.edits["own_coping"].toPlainText()
            click(dialog.safety_plan_dialog.close_button)
        finally:
            dialog.reject()

    shown = WhenShown(SupportDialog, in_support)
    window.support_action.trigger()
    assert shown.done
    assert seen["button"] == "Write my safety plan" and seen["open"] is True
    assert "short list, in your own words" in str(seen["intro"])  # an empty plan invites gently
    assert "Stanley" in str(seen["source"])
    assert seen["saved"]["people_to_ask"] == "Sam 555 0100"  # type: ignore[index]
    plan = {s.key: s.text for s in safety_plan.get_plan(ctx.db)}
    assert (plan["people_to_ask"], plan["professionals"], plan["own_coping"]) == ("Sam 555 0100", "Dr K",
                                                                                  "a walk")
    assert seen["after"] == "Open my safety plan" and seen["again"] == "a walk"


def test_the_safety_plan_is_in_the_help_menu_and_the_plans_screen(window, ctx, qtbot) -> None:
    from harmtrack.ui.safety_plan_dialog import SafetyPlanDialog

    assert window.safety_plan_action in window.help_menu.actions()
    safety_plan.set_section(ctx.db, "warning_signs", "not sleeping")
    texts: list[str] = []
    shown = WhenShown(SafetyPlanDialog, lambda d: (texts.append(d.edits["warning_signs"].toPlainText()),
                                                   texts.append(d.intro.text()), d.reject()))
    window.safety_plan_action.trigger()
    assert shown.done and texts[0] == "not sleeping" and "short list" not in texts[1]
    window.open_screen("plans")
    view = window.view("plans")
    again = WhenShown(SafetyPlanDialog, lambda d: d.reject())
    click(view.safety_plan_button)
    assert again.done


@pytest.fixture
def shell(qapp, qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    from harmtrack.ui.shell import AppShell

    db = open_data_folder(data_dir)
    update_settings(db, timezone="UTC", first_run_done=True, lock_minutes=5)
    trackables.add_builtin(db, "alcohol")
    safety_plan.set_section(db, "warning_signs", SECRET)
    crypto.change_encryption(db, PASS).database.close()
    s = AppShell(data_dir)
    yield s
    for w in (s.window, s.lock_screen):
        if w is not None:
            w.close()
    s.shutdown()
    QApplication.instance().removeEventFilter(s)


def test_locking_closes_the_safety_plan_keeps_what_was_typed_and_shows_none_of_it(shell, qtbot) -> None:
    from harmtrack.ui.safety_plan_dialog import SafetyPlanDialog
    from harmtrack.ui.support_dialog import SupportDialog

    shell.open_main(open_data_folder(shell.folder, passphrase=PASS))
    qtbot.waitExposed(shell.window)
    seen: list[bool] = []

    def while_open(dialog: SafetyPlanDialog) -> None:
        seen.append(SECRET in visible_text())
        type_into(dialog.edits["own_coping"], "breathe slowly")
        shell.window.lock_action.trigger()  # Ctrl+L, with the plan on the screen

    shown = WhenShown(SafetyPlanDialog, while_open)
    shell.window.safety_plan_action.trigger()
    qtbot.waitUntil(lambda: shell.window is None, timeout=5000)
    assert shown.done and seen == [True]
    assert shell.lock_screen is not None and shell.lock_screen.isVisible()
    assert SECRET not in visible_text()
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, SafetyPlanDialog))
    # Support now on the lock screen names the plan but cannot open it.
    locked = SupportDialog(None, shell.lock_screen)
    qtbot.addWidget(locked)
    locked.show()
    assert not locked.plan_button.isEnabled() and "unlock" in locked.plan_button.text()
    click(locked.plan_button)
    assert SECRET not in visible_text()
    locked.close()
    db = open_data_folder(shell.folder, passphrase=PASS)
    try:
        assert {s.key: s.text for s in safety_plan.get_plan(db)}["own_coping"] == "breathe slowly"
    finally:
        db.close()


# --- the note on combining, after logging ------------------------------------------------

def _log_with_the_form(window, qtbot, name: str, amount: str, when: str) -> None:  # type: ignore[no-untyped-def]
    view = window.view("log")
    form = view.form
    form.trackable.setCurrentIndex(form.trackable.findText(name))
    form.amount.selectAll()
    qtbot.keyClicks(form.amount, amount)
    form.time.setTime(dt.datetime.strptime(when, "%H:%M").time())
    click(form.submit)


def test_logging_a_second_depressant_shows_a_calm_note_with_its_source(window, ctx, qtbot, tmp_path) -> None:
    trackables.add_builtin(ctx.db, "benzodiazepines")
    today = entries.today(ctx.db)
    entries.log(ctx.db, "alcohol", 2, at=dt.datetime.combine(today, dt.time(0, 30), dt.UTC))
    ctx.data_changed.emit(Changes.everything())
    window.open_screen("log")
    view = window.view("log")
    view.form.reset(view.day)
    _log_with_the_form(window, qtbot, "Benzodiazepines", "5", "06:30")  # exactly 6 hours later
    note = view.combination_note
    assert note.isVisible()
    text = note.text.text()
    assert "Alcohol and Benzodiazepines were logged about 6 hours apart." in text
    assert "NIAAA" in text and "niaaa.nih.gov" in text and "What lowers the risk" in text
    assert not WORDS.search(text) and "should" not in text  # calm: no judgement, no orders
    shot(window, "log-combination-note", tmp_path)
    click(note.dismiss)
    assert not note.isVisible()
    _log_with_the_form(window, qtbot, "Benzodiazepines", "5", "03:00")
    assert note.isVisible()
    window.undo_action.trigger()  # the entry undone: the note goes with it
    assert not note.isVisible()
    # One minute outside the window: no note.
    _log_with_the_form(window, qtbot, "Benzodiazepines", "5", "06:31")
    pairs = combinations.pairs_with_entry(ctx.db, max(e.id for e in entries.list_entries(ctx.db)))
    assert [round(p.hours_apart, 2) for p in pairs] == []
    assert not note.isVisible()


# --- balance and ideal use ----------------------------------------------------------------

def test_balance_and_ideal_use_by_clicks_and_typing(window, ctx, qtbot) -> None:
    from harmtrack.ui.balance_dialog import BalanceDialog

    own = trackables.add_custom(ctx.db, "Pregabalin", "mg", kind="substance")
    result: dict[str, object] = {}

    def act(d: BalanceDialog) -> None:
        try:
            d.trackable.setCurrentIndex(d.trackable.findText("Alcohol"))
            box = d.class_boxes["alcohol"]
            result["alcohol fixed"] = (box.isChecked(), box.isEnabled())
            type_into(d.ideal, "Weekends only, two at most")
            type_into(d.gives, "relaxing")
            type_into(d.costs, "poor sleep")
            click(d.add_button)
            result["history"] = d.history.item(0).text()
            click(d.add_button)  # nothing typed: refused, said kindly
            result["message"] = d.message.text()
            d.trackable.setCurrentIndex(d.trackable.findText("Pregabalin"))  # keeps Alcohol's plan
            click(d.class_boxes["gabapentinoids"])
            type_into(d.costs, "drowsy mornings")  # not added: closing keeps it
        finally:
            d.reject()

    shown = WhenShown(BalanceDialog, act)
    window.balance_action.trigger()
    assert shown.done
    alcohol = trackables.resolve(ctx.db, "alcohol").id
    assert result["alcohol fixed"] == (True, False)
    assert "relaxing" in str(result["history"]) and "poor sleep" in str(result["history"])
    assert "gives you" in str(result["message"])
    assert balance.ideal_use(ctx.db, alcohol).text == "Weekends only, two at most"  # type: ignore[union-attr]
    latest = balance.latest_balance(ctx.db, alcohol)
    assert latest is not None and (latest.gives, latest.costs) == ("relaxing", "poor sleep")
    assert combinations.own_classes(ctx.db, own.id) == ["gabapentinoids"]
    assert balance.latest_balance(ctx.db, own.id).costs == "drowsy mornings"  # type: ignore[union-attr]


def test_what_i_track_opens_balance_and_ideal_use(window, ctx, qtbot) -> None:
    from harmtrack.ui.balance_dialog import BalanceDialog
    from harmtrack.ui.trackables_dialog import TrackablesDialog

    opened: list[bool] = []
    inner = WhenShown(BalanceDialog, lambda d: (opened.append(True), d.reject()))
    outer = WhenShown(TrackablesDialog, lambda d: (click(d.balance_button), d.reject()))
    window.choose_trackables()
    assert outer.done and inner.done and opened == [True]


# --- looking at them -----------------------------------------------------------------------

@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_dialogs_render_with_long_text_in_light_and_dark(window, ctx, qtbot, tmp_path, theme,
                                                             qapp) -> None:
    from harmtrack.ui.balance_dialog import BalanceDialog
    from harmtrack.ui.safety_plan_dialog import SafetyPlanDialog
    from harmtrack.ui.support_dialog import SupportDialog
    from harmtrack.ui.theme import apply_theme
    from tests.ui.test_accessibility import audit

    long = ("When I notice I've stopped answering messages and I'm awake at 3 am scrolling, "
            "that's my sign. " * 6).strip()
    safety_plan.set_sections(ctx.db, {"warning_signs": long, "people_to_ask": "Sam 555 0100\nAlex 555 0199"})
    alcohol = trackables.resolve(ctx.db, "alcohol").id
    balance.add_balance(ctx.db, alcohol, entries.today(ctx.db), long, "Mornings; money; " * 20,
                        today=entries.today(ctx.db))
    balance.set_ideal_use(ctx.db, alcohol, long)
    apply_theme(qapp, theme)
    try:
        for dialog, name in ((SafetyPlanDialog(ctx, window), "safety-plan"),
                             (BalanceDialog(ctx, alcohol, window), "balance"),
                             (SupportDialog(ctx, window), "support-with-plan")):
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert audit(dialog, dialog) == []
            shot(dialog, f"{name}-{theme}", tmp_path)
            dialog.close()
    finally:
        apply_theme(qapp, "light")


def test_the_report_dialog_adds_the_balance_only_when_ticked(window, ctx, qtbot) -> None:
    from harmtrack.ui.report_dialog import ReportDialog

    dialog = ReportDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.balance.isChecked() and not dialog.options().balance_and_ideal_use
    click(dialog.balance)
    assert dialog.options().balance_and_ideal_use


def test_a_section_stops_at_its_limit_with_a_message(window, ctx, qtbot) -> None:
    from harmtrack.ui.safety_plan_dialog import SafetyPlanDialog

    dialog = SafetyPlanDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.edits["own_coping"]
    edit.setPlainText("x" * safety_plan.MAX_SECTION)  # as if pasted
    type_into(edit, "yz")
    assert len(edit.toPlainText()) == safety_plan.MAX_SECTION and "up to" in dialog.message.text()
    click(dialog.save_button)
    assert len({s.key: s.text for s in safety_plan.get_plan(ctx.db)}["own_coping"]) == safety_plan.MAX_SECTION


# --- a write the database refuses loses nothing --------------------------------------------

def _refuse(*_args: object, **_kwargs: object) -> None:
    from harmtrack.core.common.errors import DatabaseError

    raise DatabaseError("the disk is full; nothing was saved")


def test_a_refused_safety_plan_stays_open_then_comes_back_when_reopened(window, ctx, qtbot,
                                                                       monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from harmtrack.ui.safety_plan_dialog import SafetyPlanDialog

    monkeypatch.setattr(safety_plan, "set_sections", _refuse)
    dialog = SafetyPlanDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.edits["own_coping"], "call Sam")
    click(dialog.close_button)
    # The first Close keeps it open: one line saying why, and the text still there.
    assert dialog.isVisible() and dialog.edits["own_coping"].toPlainText() == "call Sam"
    assert "Not saved: the disk is full" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a second close closes; the text is kept in memory
    assert not dialog.isVisible()
    monkeypatch.undo()
    again = SafetyPlanDialog(ctx, window)
    qtbot.addWidget(again)
    again.show()
    assert again.edits["own_coping"].toPlainText() == "call Sam"
    assert "could not be saved yet" in again.message.text()
    click(again.save_button)
    assert {s.key: s.text for s in safety_plan.get_plan(ctx.db)}["own_coping"] == "call Sam"
    assert again.message.text() == ""
    third = SafetyPlanDialog(ctx, window)  # saved: no draft is shown any more
    qtbot.addWidget(third)
    assert third.message.text() == "" and third.edits["own_coping"].toPlainText() == "call Sam"


def test_a_refused_balance_and_ideal_use_stay_open_then_come_back(window, ctx, qtbot,
                                                                  monkeypatch) -> None:
    from harmtrack.ui.balance_dialog import BalanceDialog

    alcohol = trackables.resolve(ctx.db, "alcohol").id
    monkeypatch.setattr(balance, "set_ideal_use", _refuse)
    monkeypatch.setattr(balance, "add_balance", _refuse)
    dialog = BalanceDialog(ctx, alcohol, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.ideal, "weekends only")
    type_into(dialog.gives, "relaxing")
    click(dialog.add_button)
    assert "Not saved: the disk is full" in dialog.message.text()
    assert dialog.gives.toPlainText() == "relaxing"
    buttons = dialog.findChild(QDialogButtonBox)
    click(buttons.button(QDialogButtonBox.StandardButton.Close))  # told already: it closes
    assert not dialog.isVisible()
    monkeypatch.undo()
    again = BalanceDialog(ctx, alcohol, window)
    qtbot.addWidget(again)
    again.show()
    assert (again.ideal.toPlainText(), again.gives.toPlainText()) == ("weekends only", "relaxing")
    assert "could not be saved yet" in again.message.text()
    click(again.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))
    assert not again.isVisible()
    assert balance.ideal_use(ctx.db, alcohol).text == "weekends only"  # type: ignore[union-attr]
    assert balance.latest_balance(ctx.db, alcohol).gives == "relaxing"  # type: ignore[union-attr]
    third = BalanceDialog(ctx, alcohol, window)
    qtbot.addWidget(third)
    assert third.message.text() == "" and third.gives.toPlainText() == ""


def test_a_refused_balance_on_the_first_close_keeps_the_dialog_open(window, ctx, qtbot,
                                                                    monkeypatch) -> None:
    from harmtrack.ui.balance_dialog import BalanceDialog

    alcohol = trackables.resolve(ctx.db, "alcohol").id
    monkeypatch.setattr(balance, "set_ideal_use", _refuse)
    dialog = BalanceDialog(ctx, alcohol, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.ideal, "two at most")
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))
    assert dialog.isVisible() and dialog.ideal.toPlainText() == "two at most"
    assert "Not saved" in dialog.message.text()


def test_locking_with_a_refused_safety_plan_closes_it_and_keeps_the_text_in_memory(
        shell, qtbot, monkeypatch) -> None:
    from harmtrack.ui.safety_plan_dialog import SafetyPlanDialog

    shell.open_main(open_data_folder(shell.folder, passphrase=PASS))
    qtbot.waitExposed(shell.window)
    monkeypatch.setattr(safety_plan, "set_sections", _refuse)

    def while_open(dialog: SafetyPlanDialog) -> None:
        type_into(dialog.edits["own_coping"], "OtterDraft")
        shell.window.lock_action.trigger()

    shown = WhenShown(SafetyPlanDialog, while_open)
    shell.window.safety_plan_action.trigger()
    qtbot.waitUntil(lambda: shell.window is None, timeout=5000)
    assert shown.done and shell.lock_screen is not None and shell.lock_screen.isVisible()
    assert "OtterDraft" not in visible_text()
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, SafetyPlanDialog))
    assert not any("OtterDraft" in p.read_bytes().decode("latin-1")
                   for p in shell.folder.rglob("*") if p.is_file())  # no plaintext file of it
    monkeypatch.undo()
    shell.open_main(open_data_folder(shell.folder, passphrase=PASS))  # unlocked
    seen: list[str] = []
    back = WhenShown(SafetyPlanDialog, lambda d: (seen.append(d.edits["own_coping"].toPlainText()),
                                                  d.reject()))
    shell.window.safety_plan_action.trigger()
    assert back.done and seen == ["OtterDraft"]
    assert {s.key: s.text for s in safety_plan.get_plan(shell.ctx.db)}["own_coping"] == "OtterDraft"
