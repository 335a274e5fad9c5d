"""Questionnaire scores and safer-use combination notes in review mode's side panel, and the
report dialog's "Leave out questionnaire scores" box, driven through Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from harmtrack.core.care import sessions
from harmtrack.core.care.questionnaires import answers
from harmtrack.core.care.questionnaires.latest import latest_scores
from harmtrack.core.common.days import long_date
from harmtrack.core.tracking import entries, trackables


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def open_review(window, qtbot):  # type: ignore[no-untyped-def]
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    assert review is not None and review.isVisible()
    # Let the background loads land before the test goes on (and before it leaves).
    qtbot.waitUntil(lambda: bool(review.overview.canvases) and bool(review.cache), timeout=10000)
    return review


def scored(ctx) -> tuple[dt.date, dt.date]:  # type: ignore[no-untyped-def]
    """A session 14 days ago with PHQ-9 at 6 before it, 12 after it (not on track)."""
    today = entries.today(ctx.db)
    session = today - dt.timedelta(days=14)
    answers.take(ctx.db, "phq-9", [1, 1, 1, 1, 1, 1, 0, 0, 0], session - dt.timedelta(days=2))
    sessions.add_session(ctx.db, session, note="walks")
    later = today - dt.timedelta(days=3)
    answers.take(ctx.db, "phq-9", [2, 2, 2, 2, 1, 1, 1, 1, 0], later)
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=4)))
    return session, later


def test_review_mode_shows_the_latest_scores_with_band_and_change(window, qtbot, ctx, tmp_path) -> None:
    session, later = scored(ctx)
    review = open_review(window, qtbot)
    assert review.scores_section.isVisible()
    text = review.scores.text()
    assert text.startswith(f"PHQ-9: 12 of 27 (moderate), +6 since {long_date(session)} (was 6)")
    assert f"not on track on {long_date(later)}" in text
    # The same figure the report reads (one source).
    (s,) = latest_scores(ctx.db, review.start_day, review.end_day)
    assert (s.total, s.change) == (12, 6)
    assert not review.combinations_section.isVisible()  # no depressants logged close together
    for theme in ("light", "dark"):
        from harmtrack.ui.theme import apply_theme

        apply_theme(qtbot_app(), theme)
        review.scores_section.grab().save(str(tmp_path / f"review-scores-{theme}.png"))
    apply_theme(qtbot_app(), "light")
    review.canvas.setFocus()
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)


def qtbot_app():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def test_review_mode_notes_depressants_logged_close_together(window, qtbot, ctx, tmp_path) -> None:
    today = entries.today(ctx.db)
    trackables.add_builtin(ctx.db, "opioids")
    trackables.add_builtin(ctx.db, "benzodiazepines")
    day = today - dt.timedelta(days=2)
    entries.log(ctx.db, "opioids", 10, at=at(day, 19))
    entries.log(ctx.db, "benzodiazepines", 5, at=at(day, 21))
    review = open_review(window, qtbot)
    assert review.combinations_section.isVisible()
    text = review.combinations.text()
    assert "Opioids and Benzodiazepines, 2.0 h apart" in text
    assert "naloxone" in text and "Food and Drug Administration" in text
    assert not review.scores_section.isVisible()
    from harmtrack.ui.theme import apply_theme

    for theme in ("light", "dark"):
        apply_theme(qtbot_app(), theme)
        review.combinations_section.grab().save(str(tmp_path / f"review-combinations-{theme}.png"))
    apply_theme(qtbot_app(), "light")
    review.canvas.setFocus()
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)


def test_the_report_dialog_leaves_questionnaires_out_when_ticked(window, qtbot, ctx, tmp_path: Path,
                                                                monkeypatch) -> None:
    from harmtrack.ui.report_dialog import ReportDialog

    scored(ctx)
    target = tmp_path / "r.pdf"
    dialog = ReportDialog(ctx, window)
    monkeypatch.setattr(dialog, "choose_path", lambda name: target)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.omit_questionnaires
    assert not box.isChecked() and not dialog.options().omit_questionnaires
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "PHQ-9" not in text and "questionnaire scores" in text  # named among the left-out things


def test_review_mode_shows_the_clients_balance_and_ideal_use(window, qtbot, ctx) -> None:
    from harmtrack.core.care import balance

    today = entries.today(ctx.db)
    entries.log(ctx.db, "alcohol", 2, at=at(today - dt.timedelta(days=2)))
    review = open_review(window, qtbot)
    assert not review.balances_section.isVisible()  # nothing written: nothing shown
    review.close()
    qtbot.waitUntil(lambda: window.view("charts").review is None, timeout=3000)

    alcohol = next(t.id for t in trackables.list_trackables(ctx.db) if t.name == "Alcohol")
    balance.add_balance(ctx.db, alcohol, today - dt.timedelta(days=1), "winding down",
                        "poor sleep, money", today=today)
    balance.set_ideal_use(ctx.db, alcohol, "two drinks on Fridays only")
    review = open_review(window, qtbot)
    assert review.balances_section.isVisible()
    assert review.balances.text() == ("Alcohol\nGives: winding down\nCosts: poor sleep, money\n"
                                      "Ideal use: two drinks on Fridays only")
