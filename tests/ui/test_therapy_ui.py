"""Therapists screen, Support now, and exporting a report from the GUI."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices

from harmtrack.core.care import therapists
from harmtrack.core.tracking import entries
from harmtrack.core.tracking.trackables import resolve

LISTING = "https://www.therapyden.com/specialties/harm-reduction-therapy"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL handed to the desktop (nothing is fetched or opened for real)."""
    urls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return urls


def names_shown(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [view.list.item(i).text().split("\n")[0] for i in range(view.list.count())]


def test_filters_and_search(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_screen("therapists")
    view = window.view("therapists")
    assert len(names_shown(view)) == 8 and view.count_label.text() == "8 of 8 therapists"
    view.state_box.setCurrentIndex(view.state_box.findData("WA"))
    assert names_shown(view) == ["Cassie Konnoly", "Amber Holt"]
    view.focus_box.setCurrentIndex(view.focus_box.findData("self-harm"))
    assert names_shown(view) == ["Cassie Konnoly"]
    view.state_box.setCurrentIndex(0)
    assert names_shown(view) == ["Cassie Konnoly", "Joy Zelikovsky", "Kristin Sanders"]
    view.profession_box.setCurrentIndex(view.profession_box.findData("Psychologist"))
    assert names_shown(view) == ["Joy Zelikovsky"]
    assert "Milford, CT" in view.detail.text() and "eating disorders" in view.detail.text()
    view.profession_box.setCurrentIndex(0)
    view.focus_box.setCurrentIndex(0)
    qtbot.keyClicks(view.search, "brooklyn")
    assert names_shown(view) == ["Liz Silverman"]
    view.search.clear()
    qtbot.keyClicks(view.search, "no such person")
    assert names_shown(view) == [] and not view.open_listing.isEnabled()
    assert "No therapist matches" in view.detail.text()


def test_open_listing_and_find_more_hand_the_url_over(window, qtbot, opened) -> None:  # type: ignore[no-untyped-def]
    window.open_screen("therapists")
    view = window.view("therapists")
    view.list.setCurrentRow(7)
    assert "Kristin Sanders" in view.detail.text() and "TX" in view.detail.text()
    qtbot.mouseClick(view.open_listing, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.find_more, Qt.MouseButton.LeftButton)
    assert opened == [LISTING, LISTING]


def test_my_therapist_form(window, qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window.open_screen("therapists")
    view = window.view("therapists")
    view.list.setCurrentRow(1)
    qtbot.mouseClick(view.use_as_mine, Qt.MouseButton.LeftButton)
    assert view.my_name.text() == "Cassie Konnoly"
    qtbot.keyClicks(view.my_email, "not-an-email")
    qtbot.mouseClick(view.save_mine, Qt.MouseButton.LeftButton)
    assert "email" in view.mine_status.text() and therapists.get_my_therapist(ctx.db) is None
    view.my_email.clear()
    qtbot.keyClicks(view.my_email, "cassie@example.org")
    qtbot.keyClicks(view.my_phone, "+1 360 555 0101")
    view.has_next.setChecked(True)
    view.my_next.setDate(view.my_next.date().fromString("2026-12-03", "yyyy-MM-dd"))
    qtbot.mouseClick(view.save_mine, Qt.MouseButton.LeftButton)
    mine = therapists.get_my_therapist(ctx.db)
    assert mine is not None and (mine.name, mine.email, mine.phone, mine.next_session) == (
        "Cassie Konnoly", "cassie@example.org", "+1 360 555 0101", dt.date(2026, 12, 3))
    assert mine.url == LISTING
    from harmtrack.core.care.sessions import last_session

    day = entries.today(ctx.db) - dt.timedelta(days=3)
    view.session_date.setDate(view.session_date.date().addDays(-3))
    qtbot.mouseClick(view.record_session, Qt.MouseButton.LeftButton)
    session = last_session(ctx.db)
    assert session is not None and session.date == day and session.therapist == "Cassie Konnoly"
    assert view.last_session_label.text() == f"{day.day} {day:%b %Y}, with Cassie Konnoly"
    qtbot.mouseClick(view.clear_mine, Qt.MouseButton.LeftButton)
    assert therapists.get_my_therapist(ctx.db) is None and view.my_name.text() == ""


def test_support_now_from_anywhere(window, qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui import support_dialog

    shown: list[support_dialog.SupportDialog] = []
    monkeypatch.setattr(support_dialog.SupportDialog, "exec", lambda self: shown.append(self) or 0)
    window.open_screen("history")
    assert window.support_action in window.toolbar.actions()
    assert window.support_action.shortcut().toString() == "Ctrl+Shift+S"
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_S, mods)
    assert len(shown) == 1
    dialog = shown[0]
    text = " ".join(label.text() for label in dialog.line_labels)
    for number in ("988", "1-800-662-4357", "1-800-484-3731", "116 123"):
        assert number in text
    assert "https://988lifeline.org/" in text
    qtbot.keyClicks(dialog.name_edit, "Local crisis team")
    qtbot.keyClicks(dialog.phone_edit, "0800 123 456")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in therapists.list_support_contacts(ctx.db)] == ["Local crisis team"]
    assert dialog.own_list.count() == 1
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # empty: refused with a message
    assert dialog.error.text() and dialog.own_list.count() == 1
    dialog.own_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert therapists.list_support_contacts(ctx.db) == []


@pytest.fixture
def logged(ctx):  # type: ignore[no-untyped-def]
    today = entries.today(ctx.db)
    for i in range(28):
        day = today - dt.timedelta(days=i)
        at = dt.datetime.combine(day, dt.time(20), tzinfo=dt.UTC)
        entries.log(ctx.db, "alcohol", 2, at=at, note=f"private note {i}", triggers=["stress"], cost=6)
        entries.log(ctx.db, "cannabis", 1, at=at, note="cannabis note")
    return ctx


def make_dialog(window, monkeypatch, target: Path):  # type: ignore[no-untyped-def]
    from harmtrack.ui.report_dialog import ReportDialog

    dialog = ReportDialog(window.ctx, window)
    suggested: list[str] = []

    def choose(name: str) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(dialog, "choose_path", choose)
    dialog.suggested = suggested
    return dialog


def test_export_with_omissions(window, qtbot, logged, tmp_path, monkeypatch, opened) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    dialog = make_dialog(window, monkeypatch, target)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.last4.isChecked()  # no session recorded yet
    cannabis = resolve(logged.db, "cannabis").id
    for i in range(dialog.trackable_list.count()):
        item = dialog.trackable_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == cannabis:
            item.setCheckState(Qt.CheckState.Unchecked)
    for box in (dialog.omit_notes, dialog.omit_triggers, dialog.all_entries):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked()
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert dialog.suggested[0].startswith("HarmTrack report ") and dialog.suggested[0].endswith(".pdf")
    assert any(0 < v < 100 for v in seen) and dialog.progress.value() == 100
    assert target.exists() and "Saved report.pdf" in dialog.status.text()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Alcohol (standard drinks)" in text and "Total 56 standard drinks" in text
    assert "private note" not in text and "stress" not in text
    assert "Cannabis" not in text and "cannabis note" not in text
    assert "Left out at the client's request: notes, triggers, 1 tracked thing" in text
    assert "6.00" in text  # cost was kept
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(target)).toString(),
                      QUrl.fromLocalFile(str(target.parent)).toString()]


def test_cancel_leaves_no_partial_file_and_window_stays_responsive(window, qtbot, logged, tmp_path,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.report import pdf as report

    folder = tmp_path / "out"
    folder.mkdir()
    dialog = make_dialog(window, monkeypatch, folder / "report.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    real = report.render_pdf
    started: list[bool] = []

    def slow_render(*args, **kwargs):  # type: ignore[no-untyped-def]
        cancel = kwargs["cancel"]
        started.append(True)
        deadline = time.monotonic() + 10
        while not cancel() and time.monotonic() < deadline:  # a long layout, stopped by Cancel
            time.sleep(0.01)
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "render_pdf", slow_render)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    # the UI thread keeps handling events while the report is being made
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(10, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=1000)
    assert dialog.is_running() and dialog.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10000)
    assert "cancelled" in dialog.status.text().lower()
    assert list(folder.iterdir()) == []
    assert dialog.export_button.isEnabled()


def test_report_dialog_defaults_to_since_last_session(window, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.care.sessions import add_session
    from harmtrack.ui import report_dialog

    day = entries.today(ctx.db) - dt.timedelta(days=10)
    add_session(ctx.db, day)
    shown: list[report_dialog.ReportDialog] = []
    monkeypatch.setattr(report_dialog.ReportDialog, "exec", lambda self: shown.append(self) or 0)
    assert window.report_action.shortcut().toString() == "Ctrl+Shift+R"
    window.report_action.trigger()
    dialog = shown[0]
    assert dialog.since_session.isChecked() and dialog.since_session.isEnabled()
    opts = dialog.options()
    assert (opts.start, opts.end) == (day, entries.today(ctx.db))
    assert opts.trackables and not opts.omit_trackables


def test_support_and_report_dialogs_are_named_and_reachable(window, qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.report_dialog import ReportDialog
    from harmtrack.ui.support_dialog import SupportDialog
    from tests.ui.test_accessibility import audit

    therapists.add_support_contact(ctx.db, "Local crisis team", "0800 123 456")
    for dialog in (SupportDialog(ctx, window), ReportDialog(ctx, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert audit(dialog, dialog) == []
