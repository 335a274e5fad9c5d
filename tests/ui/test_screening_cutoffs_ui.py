"""Whose screening cut-offs to use, chosen in Settings by keyboard and mouse: optional,
explained, both shown by default, and used by the next questionnaire and heavy-use day."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from harmtrack.core.care.questionnaires import answers
from harmtrack.core.goals.heavy_days import rule_for
from harmtrack.core.storage.settings import get_settings
from harmtrack.core.tracking import trackables
from tests.ui.helpers_dialogs import click


def test_choosing_the_cut_offs_for_women_in_settings(ctx, window, qtbot) -> None:
    from harmtrack.ui.settings_dialog import SettingsDialog

    ctx.update_settings(guideline="niaaa-men")
    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    assert form.sex.currentData() is None and "Show both" in form.sex.currentText()
    assert "Some screening cut-offs differ" in form.sex_hint.text()
    assert "keep the result they were given" in form.sex_hint.text()
    from PySide6.QtWidgets import QLabel

    label = next(w for w in form.findChildren(QLabel) if w.buddy() is form.sex)
    assert label.text() == "Scr&eening cut-offs"  # Alt+E reaches the choice
    form.sex.setFocus()
    qtbot.keyClick(form.sex, Qt.Key.Key_Down)
    qtbot.keyClick(form.sex, Qt.Key.Key_Down)
    assert form.sex.currentData() == "female" and form.changes() == {"sex": "female"}
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible() and get_settings(ctx.db).sex == "female"
    taken = answers.take(ctx.db, "audit-c", [1, 1, 1])
    assert taken.score.positive_screen is True and "for women" in (taken.taken.band or "")
    rule = rule_for(trackables.resolve(ctx.db, "alcohol"), ctx.settings())
    assert rule is not None and "women" in rule.words  # over the men's overlay chosen
    again = SettingsDialog(ctx, window)
    qtbot.addWidget(again)
    assert again.form.sex.currentData() == "female"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_settings_dialog_with_the_cut_offs_renders(ctx, window, qtbot, qapp, tmp_path: Path,
                                                      theme: str) -> None:
    from harmtrack.ui.settings_dialog import SettingsDialog
    from harmtrack.ui.theme import apply_theme
    from tests.ui.test_accessibility import audit

    apply_theme(qapp, theme)
    try:
        dialog = SettingsDialog(ctx, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(50)  # the wrapped hint's height settles after the first layout
        assert audit(dialog, dialog) == []
        assert dialog.form.sex_hint.isVisible() and dialog.form.sex_hint.height() > 2 * \
            dialog.form.sex_hint.fontMetrics().height()  # wrapped, not cut to one line
        target = Path(os.environ.get("HARMTRACK_SHOTS") or tmp_path)
        target.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(target / f"settings-cut-offs-{theme}.png"))
    finally:
        apply_theme(qapp, "light")
