"""History is a window onto the database: rows are read a page at a time as they scroll into
view, a header click sorts in SQL, and a reload after a change keeps what was selected."""

from __future__ import annotations

import datetime as dt
import random

from PySide6.QtCore import QPoint, Qt
from sqlalchemy import insert, text

from harmtrack.core.common.changes import Changes
from harmtrack.core.storage.db import transaction
from harmtrack.core.storage.schema import entries_table
from harmtrack.core.tracking import entries, trackables
from harmtrack.ui.history_view import COLUMNS, PAGE_SIZE, RECORD_ROLE

COLUMN = {field: i for i, (_, field, _) in enumerate(COLUMNS)}
MANY = 1000


def fill(ctx, n: int = MANY) -> None:  # type: ignore[no-untyped-def]
    """``n`` entries over the 28 days History opens on, amounts with many ties."""
    today = entries.today(ctx.db)
    alcohol = trackables.resolve(ctx.db, "alcohol").id
    rnd = random.Random(13)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = []
    for i in range(n):
        day = today - dt.timedelta(days=i % 28)
        at = dt.datetime.combine(day, dt.time(rnd.randrange(24), rnd.randrange(60)))
        rows.append(dict(trackable_id=alcohol, occurred_at=at, utc_offset_min=0, day=day,
                         amount=float(rnd.randrange(1, 8)), urge_only=False, discuss=False,
                         created_at=now, updated_at=now))
    with transaction(ctx.db) as conn:
        conn.execute(insert(entries_table), rows)
    ctx.data_changed.emit(Changes.everything())  # written from outside


def open_history(window, ctx, qtbot):  # type: ignore[no-untyped-def]
    window.open_screen("history")
    history = window.view("history")
    qtbot.waitUntil(lambda: history.model.rowCount() > 0, timeout=3000)
    return history


def shown(history, row: int):  # type: ignore[no-untyped-def]
    """The entry the table shows in ``row`` (through whatever model the table has)."""
    return history.table.model().index(row, 0).data(RECORD_ROLE)


def sql_order(ctx, column: str, descending: bool, limit: int) -> list[int]:  # type: ignore[no-untyped-def]
    way = "DESC" if descending else "ASC"
    with ctx.db.engine.connect() as conn:
        return list(conn.scalars(text(f"SELECT id FROM entries ORDER BY {column} {way}, id {way} "
                                      "LIMIT :n"), {"n": limit}))


def test_only_the_first_page_is_read_until_the_table_scrolls(window, qtbot, ctx) -> None:
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    assert history.model.rowCount() == PAGE_SIZE < MANY
    # Counted (off the UI thread), not read.
    qtbot.waitUntil(lambda: f"{MANY:,}".replace(",", "") in history.summary.text().replace(",", ""),
                    timeout=3000)
    history.table.scrollToBottom()
    qtbot.waitUntil(lambda: history.model.rowCount() > PAGE_SIZE, timeout=3000)
    assert history.model.rowCount() < MANY  # one page more, not everything
    ids = [r.id for r in history.model.rows]
    assert len(ids) == len(set(ids))  # pages neither overlap nor skip


def test_newest_first_and_a_header_click_sorts_in_sql(window, qtbot, ctx) -> None:
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    header = history.table.horizontalHeader()
    assert header.sortIndicatorSection() == COLUMN["day"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown(history, 0).occurred_at == max(r.occurred_at for r in entries.list_entries(ctx.db))

    section = COLUMN["amount"]
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    for _ in range(2):  # both directions
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))
        assert header.sortIndicatorSection() == section
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        expected = sql_order(ctx, "amount", descending, PAGE_SIZE)
        # Sorted in the background (SQLite sorts the whole range for this column).
        qtbot.waitUntil(lambda: [shown(history, r).id for r in range(PAGE_SIZE)] == expected,  # noqa: B023
                        timeout=3000)
        assert history.model.rowCount() == PAGE_SIZE  # read again from the first page


def test_an_edit_on_a_later_page_is_saved_undoable_and_stays_current(window, qtbot, ctx) -> None:
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    history.table.scrollToBottom()
    qtbot.waitUntil(lambda: history.model.rowCount() > PAGE_SIZE, timeout=3000)
    row = PAGE_SIZE + 5
    rec = shown(history, row)
    index = history.table.model().index(row, COLUMN["amount"])
    history.table.scrollTo(index)
    history.table.setCurrentIndex(index)
    history.table.edit(index)
    editor = history.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "42")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entries.get_entry(ctx.db, rec.id).amount == 42.0, timeout=3000)
    # The reload after the change keeps the rows read and the cell the user was on.
    qtbot.waitUntil(lambda: shown(history, row).amount == 42.0, timeout=3000)
    current = history.table.currentIndex()
    assert current.isValid() and shown(history, current.row()).id == rec.id
    window.undo_action.trigger()
    assert entries.get_entry(ctx.db, rec.id).amount == rec.amount
    qtbot.waitUntil(lambda: shown(history, row).amount == rec.amount, timeout=3000)


def test_a_change_from_outside_keeps_the_selected_entries_selected(window, qtbot, ctx) -> None:
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    table = history.table
    table.selectRow(3)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=table.visualRect(table.model().index(6, 0)).center())
    chosen = {shown(history, 3).id, shown(history, 6).id}
    now = dt.datetime.now(dt.UTC)
    entries.log(ctx.db, "cannabis", 1, at=now)  # lands among the rows read (newest first)
    ctx.data_changed.emit(Changes.everything())
    qtbot.waitUntil(lambda: history.summary.text().replace(",", "").startswith(f"{MANY + 1} "),
                    timeout=3000)
    selected = {shown(history, i.row()).id for i in table.selectionModel().selectedRows()}
    assert selected == chosen


def test_a_reload_after_a_change_reads_a_bounded_number_of_rows(window, qtbot, ctx, monkeypatch) -> None:
    from harmtrack.ui import history_view

    monkeypatch.setattr(history_view, "RELOAD_ROWS", 2 * PAGE_SIZE)
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    for _ in range(3):
        history.table.scrollToBottom()
        qtbot.wait(10)
    qtbot.waitUntil(lambda: history.model.rowCount() > 2 * PAGE_SIZE, timeout=3000)
    history.table.scrollToTop()  # at the bottom, the view would rightly fetch on after the reload
    entries.log(ctx.db, "cannabis", 1, at=dt.datetime.now(dt.UTC))
    ctx.data_changed.emit(Changes.everything())
    qtbot.waitUntil(lambda: history.summary.text().replace(",", "").startswith(f"{MANY + 1} "),
                    timeout=3000)
    assert history.model.rowCount() == 2 * PAGE_SIZE  # not every row scrolled through


def test_a_column_width_the_user_set_stays_when_the_range_changes(window, qtbot, ctx) -> None:
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    header = history.table.horizontalHeader()
    section = COLUMN["amount"]
    header.resizeSection(section, header.sectionSize(section) + 77)  # as a drag of its edge does
    wide = header.sectionSize(section)
    history.start.setDate(history.start.date().addDays(-30))
    qtbot.waitUntil(lambda: history.model.rowCount() > 0, timeout=3000)
    assert header.sectionSize(section) == wide  # columns are not fitted again on each reload


def test_a_slow_sort_is_read_off_the_ui_thread_and_scrolls_on(window, qtbot, ctx, monkeypatch) -> None:
    import threading

    from harmtrack.core.tracking import pages

    fill(ctx)
    history = open_history(window, ctx, qtbot)
    on_ui_thread: list[bool] = []
    real = pages.read_page

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "read_page", spy)
    header = history.table.horizontalHeader()
    section = COLUMN["note"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2))
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    expected = sql_order(ctx, "lower(coalesce(note, ''))", descending, 2 * PAGE_SIZE)
    qtbot.waitUntil(lambda: [shown(history, r).id for r in range(PAGE_SIZE)] == expected[:PAGE_SIZE],
                    timeout=3000)
    history.table.scrollToBottom()
    qtbot.waitUntil(lambda: history.model.rowCount() == 2 * PAGE_SIZE, timeout=3000)
    assert [shown(history, r).id for r in range(2 * PAGE_SIZE)] == expected
    assert on_ui_thread and not any(on_ui_thread)  # every page of this order was read in the background


def test_a_sort_chosen_while_another_is_read_still_scrolls_on(window, qtbot, ctx) -> None:
    fill(ctx)
    history = open_history(window, ctx, qtbot)
    header = history.table.horizontalHeader()
    for field in ("note", "day"):  # a slow sort, then at once the day's again
        section = COLUMN[field]
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2))
    qtbot.waitUntil(lambda: history.model.rowCount() == PAGE_SIZE, timeout=3000)
    qtbot.wait(200)  # the note-sorted page comes back, and is dropped
    history.table.scrollToBottom()
    qtbot.waitUntil(lambda: history.model.rowCount() > PAGE_SIZE, timeout=3000)
    assert header.sortIndicatorSection() == COLUMN["day"]
