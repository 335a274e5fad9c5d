"""What a person reads: "1 standard drink", "1 day", money in the chosen currency."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from harmtrack.core.care import plans
from harmtrack.core.common.changes import Changes
from harmtrack.core.tracking import entries
from harmtrack.paths import RESOURCES_DIR, resource

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


def lrelease() -> str:
    local = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(local) if local.exists() else shutil.which("pyside6-lrelease")
    if not found:
        pytest.skip("pyside6-lrelease is not installed")
    return found


def log_by_typing(window, qtbot, amount: str, cost: str = "") -> None:  # type: ignore[no-untyped-def]
    form = window.view("log").form
    form.trackable.setCurrentIndex(form.trackable.findText("Alcohol"))
    form.amount.clear()
    qtbot.keyClicks(form.amount, amount)
    if cost:
        qtbot.keyClicks(form.cost, cost)
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)


def test_english_plural_forms_render_for_one_and_many(qapp) -> None:
    translate = QCoreApplication.translate
    assert translate("PlansView", "%n days", "", 1) == "1 day"
    assert translate("PlansView", "%n days", "", 2) == "2 days"
    assert translate("PlansView", "%n days", "", 0) == "0 days"
    assert translate("HistoryView", "Deleted %n entries. Ctrl+Z undoes.", "", 1) == \
        "Deleted 1 entry. Ctrl+Z undoes."


def test_english_plurals_hold_under_a_language_without_a_translation(qapp) -> None:
    from harmtrack.ui.i18n import install_translators

    app = QApplication.instance()
    before = QLocale()
    QLocale.setDefault(GERMAN)
    loaded = install_translators(app, GERMAN)
    try:
        assert any(t.filePath().endswith("harmtrack_en.qm") for t in loaded)
        assert QCoreApplication.translate("PlansView", "%n times", "", 1) == "1 time"
    finally:
        for t in loaded:
            app.removeTranslator(t)
        QLocale.setDefault(before)


def test_every_counted_string_has_english_singular_and_plural() -> None:
    ts = resource("i18n", "harmtrack_en.ts").read_text(encoding="utf-8")
    counted = set()
    for path in (RESOURCES_DIR.parent / "harmtrack" / "ui").rglob("*.py"):
        for literals in re.findall(r'\btr\(\s*((?:"[^"]*"\s*)+)', path.read_text()):
            text = "".join(re.findall(r'"([^"]*)"', literals))  # "a" "b" is one string
            if "%n" in text:
                counted.add(text)
        # pyside6-lupdate marks only tr(text, disambiguation, n) as counted, not translate().
        assert not re.search(r'translate\([^)]*%n', path.read_text()), path
    assert counted  # the UI counts things
    for source in counted:
        block = re.search(r'<message numerus="yes">\s*<source>' + re.escape(source.replace("&", "&amp;"))
                          + r"</source>.*?</message>", ts, re.S)
        assert block, f"run resources/i18n/update_translations.py: {source!r} is not in the .ts"
        forms = re.findall(r"<numerusform>(.+?)</numerusform>", block.group(0))
        assert len(forms) == 2 and forms[0] != forms[1] and forms[1] == source.replace("&", "&amp;"), \
            (source, forms)


def test_the_english_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    out = tmp_path / "harmtrack_en.qm"
    subprocess.run([lrelease(), str(resource("i18n", "harmtrack_en.ts")), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == resource("i18n", "harmtrack_en.qm").read_bytes(), \
        "run resources/i18n/update_translations.py"


def test_logging_one_drink_reads_one_standard_drink_with_its_cost(window, qtbot, ctx) -> None:
    log_by_typing(window, qtbot, "1", "31.8")
    view = window.view("log")
    assert view.table.item(0, 2).text() == "1 standard drink"
    assert "cost $31.80" in view.table.item(0, 3).text()
    log_by_typing(window, qtbot, "2")
    assert sorted(view.table.item(i, 2).text() for i in range(2)) == ["1 standard drink",
                                                                       "2 standard drinks"]


def test_a_currency_chosen_in_settings_shows_everywhere(window, qtbot, ctx) -> None:
    from harmtrack.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.form.currency
    assert combo.currentData() is None and "USD" in combo.currentText()  # follows the locale
    combo.setFocus()
    for _ in range(combo.findData("EUR")):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "EUR"
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert ctx.settings().currency == "EUR"

    log_by_typing(window, qtbot, "1", "31.8")
    view = window.view("log")
    assert "cost €31.80" in view.table.item(0, 3).text()
    window.open_screen("history")
    history = window.view("history")
    cells = [history.model.index(0, c).data() for c in range(history.model.columnCount())]
    assert "€31.80" in cells


def test_review_mode_says_one_day_and_one_drink(window, qtbot, ctx) -> None:
    today = entries.today(ctx.db)
    at = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    entries.log(ctx.db, "alcohol", 1, at=at, discuss=True, triggers=["stress"])
    plans.add_plan(ctx.db, "stress", "go for a walk")
    ctx.data_changed.emit(Changes.everything())  # written from outside
    window.open_screen("charts")
    charts = window.view("charts")
    charts.trackable.setCurrentIndex(charts.trackable.findText("Alcohol"))
    qtbot.mouseClick(charts.review_button, Qt.MouseButton.LeftButton)
    review = charts.review
    texts = [review.discuss.item(i).text() for i in range(review.discuss.count())]
    assert any(t.endswith("Alcohol: 1 standard drink") for t in texts), texts
    plan_texts = [review.plans.item(i).text() for i in range(review.plans.count())]
    assert any(t.endswith("came up 1× on 1 day") for t in plan_texts), plan_texts
    qtbot.waitUntil(lambda: "standard drink" in review.summary.text(), timeout=5000)
    assert "1 standard drink in all" in review.summary.text()
    review.reject()


def test_the_drink_calculator_says_one_standard_drink(qtbot) -> None:
    from harmtrack.ui.drink_calculator import DrinkCalculator

    dialog = DrinkCalculator("US")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset.setFocus()
    for _ in range(dialog.preset.findText("Beer, can (355 ml, 5 %)")):
        qtbot.keyClick(dialog.preset, Qt.Key.Key_Down)
    assert dialog.result.text() == "14 g of alcohol = <b>1 standard drink</b>"
    dialog.count.setFocus()
    qtbot.keyClick(dialog.count, Qt.Key.Key_Up)
    assert dialog.result.text() == "28 g of alcohol = <b>2 standard drinks</b>"


def test_a_money_goal_typed_on_the_goals_screen_reads_as_money(window, qtbot, ctx) -> None:
    from harmtrack.core.goals import store as goals

    ctx.update_settings(currency="JPY")  # as the Settings dialog does; JPY has no decimals
    window.open_screen("goals")
    view = window.view("goals")
    editor = view.editor
    editor.trackable.setCurrentIndex(editor.trackable.findText("Alcohol"))
    editor.type.setCurrentIndex(editor.type.findData("money-weekly"))
    assert editor.target_unit.text() == "JPY a week" and editor.target.decimals() == 0
    editor.target.clear()
    qtbot.keyClicks(editor.target, "4000")
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert editor.error.text() == ""
    (g,) = goals.list_goals(ctx.db)
    assert g.current_target == 4000.0
    assert "spend at most ¥4,000 a week" in view.goal_list.item(0).text()
    panel = window.view("log").progress_panel
    window.open_screen("log")  # a hidden screen catches up when it is shown
    qtbot.waitUntil(lambda: panel.text() == "Alcohol — This week: ¥0 of ¥4,000 spent", timeout=2000)
