"""Review mode's session form: the header and My therapist follow what was saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from harmtrack.core.care import sessions, therapists
from harmtrack.core.tracking import entries


def open_review(window, qtbot):  # type: ignore[no-untyped-def]
    window.open_screen("charts")
    view = window.view("charts")
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    review = view.review
    assert review is not None and review.isVisible()
    return review


def close(review, qtbot) -> None:  # type: ignore[no-untyped-def]
    review.canvas.setFocus()
    qtbot.keyClick(review.canvas, Qt.Key.Key_Escape)


def test_saving_the_first_session_updates_the_header_and_my_therapist(window, qtbot, ctx) -> None:
    review = open_review(window, qtbot)
    assert review.range_label.text().startswith("No session recorded yet")
    assert review.therapist.text() == ""
    qtbot.keyClicks(review.therapist, "Dr. Rivera")
    assert review.as_my_therapist.isVisible() and review.as_my_therapist.isChecked()
    qtbot.keyClicks(review.notes, "evenings")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)

    today = entries.today(ctx.db)
    header = review.range_label.text()
    assert "No session recorded yet" not in header
    assert f"Last session: {today:%a} {today.day} {today:%b %Y}" in header
    mine = therapists.get_my_therapist(ctx.db)
    assert mine is not None and mine.name == "Dr. Rivera"
    assert not review.as_my_therapist.isVisible()  # nothing more to save
    close(review, qtbot)

    window.open_screen("therapists")
    screen = window.view("therapists")
    assert screen.my_name.text() == "Dr. Rivera"
    assert "with Dr. Rivera" in screen.last_session_label.text()


def test_someone_else_replaces_my_therapist_only_when_asked(window, qtbot, ctx) -> None:
    therapists.set_my_therapist(ctx.db, "Sam Lee", phone="555 0100")
    review = open_review(window, qtbot)
    assert review.therapist.text() == "Sam Lee" and not review.as_my_therapist.isVisible()
    review.therapist.selectAll()
    qtbot.keyClicks(review.therapist, "Alex Kim")  # a colleague covering this week
    box = review.as_my_therapist
    assert box.isVisible() and not box.isChecked() and "Replaces Sam Lee" in box.toolTip()
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    assert therapists.get_my_therapist(ctx.db) == therapists.TherapistInfo("Sam Lee", phone="555 0100")
    assert sessions.last_session(ctx.db).therapist == "Alex Kim"

    # Asked: Alex becomes My therapist (Sam's phone number was Sam's, so it goes).
    today = entries.today(ctx.db)
    review.session_date.setFocus()
    qtbot.keyClick(review.session_date, Qt.Key.Key_Home)  # the year (yyyy-MM-dd)
    qtbot.keyClick(review.session_date, Qt.Key.Key_Down)  # a session a year ago, entered late
    assert review.session_date.date().toPython() == today.replace(year=today.year - 1)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    assert therapists.get_my_therapist(ctx.db) == therapists.TherapistInfo("Alex Kim")
    # The session just saved is older than today's: the header keeps naming today's.
    assert review.message.text().startswith("Saved the session of")
    assert f"Last session: {today:%a} {today.day} {today:%b %Y}" in review.range_label.text()
    close(review, qtbot)
