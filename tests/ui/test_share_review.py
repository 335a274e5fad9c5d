"""File ▸ Open a shared file…: a client's share in review mode, read-only, in a temporary
folder that is gone once the window closes."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from harmtrack.core.care import sessions
from harmtrack.core.common.errors import DatabaseError
from harmtrack.core.exchange.share import write_share
from harmtrack.core.report.data import ReportOptions
from harmtrack.core.tracking import entries, trackables
from harmtrack.core.tracking.entries import EntryInput
from harmtrack.ui import share_review
from harmtrack.ui.review_mode import ReviewMode

PASS = "violet anchor pottery thunder"


@pytest.fixture(autouse=True)
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def shared_file(ctx, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A client's share: their alcohol entries with notes; cannabis left out."""
    day = entries.today(ctx.db)
    for back, amount in ((6, 3), (4, 2), (1, 4)):
        at = dt.datetime.combine(day - dt.timedelta(days=back), dt.time(20), dt.UTC)
        entries.add_entry(ctx.db, EntryInput("Alcohol", amount, at=at, note=f"evening {back}",
                                             discuss=back == 4))
    entries.add_entry(ctx.db, EntryInput("Cannabis", 1, at=dt.datetime.combine(
        day - dt.timedelta(days=2), dt.time(21), dt.UTC), note="left out"))
    hidden = trackables.resolve(ctx.db, "Cannabis").id
    out = tmp_path / "client.htshare"
    write_share(ctx.db, ReportOptions(start=day - dt.timedelta(days=13), end=day,
                                      omit_trackables=(hidden,)), PASS, out)
    return out


def shared_reviews() -> list[ReviewMode]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ReviewMode) and w.shared is not None and w.isVisible()]


def test_open_a_shared_file_shows_it_read_only_and_removes_it_when_closed(
        window, qtbot, monkeypatch, shared_file: Path, own_temp: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(share_review, "choose_share_file", lambda parent: str(shared_file))

    def passphrase(parent, name):  # type: ignore[no-untyped-def]
        asked.append(name)
        return PASS

    monkeypatch.setattr(share_review, "ask_share_passphrase", passphrase)
    assert window.open_shared_action in window.file_menu.actions()
    window.open_shared_action.trigger()
    assert asked == ["client.htshare"]
    qtbot.waitUntil(lambda: bool(shared_reviews()), timeout=10_000)
    reviews = shared_reviews()
    assert len(reviews) == 1
    review = reviews[0]
    qtbot.waitUntil(lambda: bool(review.overview.canvases), timeout=10_000)
    assert review.shared_banner.isVisible()
    assert review.shared_banner.text().startswith("Shared by your client — read-only.")
    assert "1 tracked thing (not named here)" in review.shared_banner.text()
    assert not review.form_box.isVisible()  # no session can be recorded
    assert review.overview.canvases and len(review.overview.canvases) == 1  # Alcohol only
    discuss = [review.discuss.item(i).text() for i in range(review.discuss.count())]
    assert len(discuss) == 1 and "evening 4" in discuss[0]
    review.grab().save(str(tmp_path / "shared-review.png"))
    folders = list(own_temp.iterdir())
    assert len(folders) == 1
    with pytest.raises(DatabaseError):  # its database refuses writes, whatever asks
        sessions.add_session(review.ctx.db, entries.today(review.ctx.db), note="x")
    # The client's own data is untouched and still open in the main window.
    assert len(entries.list_entries(window.ctx.db)) == 4

    review.canvas.setFocus()
    qtbot.keyClick(review.overview.canvases[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shared_reviews(), timeout=5000)
    assert list(own_temp.iterdir()) == []


def test_a_wrong_passphrase_says_so_and_leaves_nothing(
        window, qtbot, monkeypatch, shared_file: Path, own_temp: Path) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(share_review, "choose_share_file", lambda parent: str(shared_file))
    monkeypatch.setattr(share_review, "ask_share_passphrase", lambda parent, name: "not the passphrase")
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    window.open_shared_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert "different passphrase" in said[0]
    assert not shared_reviews()
    assert list(own_temp.iterdir()) == []


def test_cancelling_the_file_dialog_opens_nothing(window, monkeypatch, own_temp: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(share_review, "choose_share_file", lambda parent: "")
    monkeypatch.setattr(share_review, "ask_share_passphrase", lambda parent, name: asked.append(name))
    window.open_shared_action.trigger()
    assert asked == [] and not shared_reviews() and list(own_temp.iterdir()) == []


def test_report_dialog_shares_its_choices_as_an_encrypted_file(
        window, qtbot, monkeypatch, ctx, tmp_path: Path, own_temp: Path) -> None:  # type: ignore[no-untyped-def]
    """File ▸ Report for my therapist…, untick Cannabis and notes, Share as encrypted file…;
    then the same file through File ▸ Open a shared file…."""
    from helpers_dialogs import WhenShown, click

    from harmtrack.ui.report_dialog import ReportDialog

    day = entries.today(ctx.db)
    at = dt.datetime.combine(day - dt.timedelta(days=2), dt.time(20), dt.UTC)
    entries.add_entry(ctx.db, EntryInput("Alcohol", 2, at=at, note="a private evening"))
    entries.add_entry(ctx.db, EntryInput("Cannabis", 1, at=at, note="not for the file"))
    target = tmp_path / "for-my-therapist.htshare"
    suggested: list[str] = []

    def save_as(self, name):  # type: ignore[no-untyped-def]
        suggested.append(name)
        return target

    monkeypatch.setattr(ReportDialog, "choose_share_path", save_as)
    monkeypatch.setattr(ReportDialog, "ask_share_passphrase", lambda self: PASS)

    def share(dialog: ReportDialog) -> None:
        dialog.last4.click()
        for i in range(dialog.trackable_list.count()):
            item = dialog.trackable_list.item(i)
            if item.text() == "Cannabis":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.omit_notes.setFocus()
        qtbot.keyClick(dialog.omit_notes, Qt.Key.Key_Space)
        assert dialog.omit_notes.isChecked()
        click(dialog.share_button)
        qtbot.waitUntil(lambda: "Saved" in dialog.status.text() or bool(dialog.last_error),
                        timeout=30_000)
        assert "passphrase separately" in dialog.status.text()
        dialog.grab().save(str(tmp_path / "report-dialog-shared.png"))
        click(dialog.close_button)

    shown = WhenShown(ReportDialog, share)
    window.report_action.trigger()
    assert shown.done
    assert suggested and suggested[0].endswith(".htshare")
    sealed = target.read_bytes()
    assert b"private evening" not in sealed and b"not for the file" not in sealed

    monkeypatch.setattr(share_review, "choose_share_file", lambda parent: str(target))
    monkeypatch.setattr(share_review, "ask_share_passphrase", lambda parent, name: PASS)
    window.open_shared_action.trigger()
    qtbot.waitUntil(lambda: bool(shared_reviews()), timeout=10_000)
    review = shared_reviews()[0]
    rows = entries.list_entries(review.ctx.db)
    assert [(r.trackable, r.amount, r.note) for r in rows] == [("Alcohol", 2, None)]
    assert "notes" in review.shared_banner.text()
    review.reject()
    qtbot.waitUntil(lambda: not list(own_temp.iterdir()), timeout=5000)


def test_the_share_passphrase_dialog_holds_to_the_app_rule(qtbot) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.ui.share_dialog import SharePassphraseDialog

    dlg = SharePassphraseDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.new, "password1")
    qtbot.keyClicks(dlg.again, "password1")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != dlg.DialogCode.Accepted and "guess" in dlg.error.text()
    dlg.new.clear()
    dlg.again.clear()
    qtbot.keyClicks(dlg.new, PASS)
    qtbot.keyClicks(dlg.again, PASS + "!")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.error.text() == "The two passphrases differ."
    dlg.again.clear()
    qtbot.keyClicks(dlg.again, PASS)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted
