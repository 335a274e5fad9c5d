"""The tag counts kept per day (``day_tag_counts``) always equal a count over the tags.

The database keeps them with triggers, so whatever writes entries — logging, editing,
deleting, undoing, moving the day boundary, an import — the counts follow. Checked
against a count from scratch after random sequences of what a person does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from harmtrack.core import stats
from harmtrack.core.storage.schema import DAY_TAG_COUNTS_FROM_TAGS
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries

BASE = dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)
TAGS = st.lists(st.sampled_from(["stress", "Stress", "friends", "work"]), max_size=3, unique=True)

log_op = st.tuples(st.just("log"), st.sampled_from(["alcohol", "nicotine"]),
                   st.integers(0, 10 * 24), st.booleans(), TAGS, TAGS)
edit_op = st.tuples(st.just("edit"), st.integers(0, 30), st.sampled_from(["at", "urge", "tags", "trackable"]),
                    st.integers(0, 10 * 24), TAGS)
other_op = st.tuples(st.sampled_from(["delete", "undo", "day_start"]), st.integers(0, 30))


def _kept(db: Any) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, day, trackable_id, name, uses, urges FROM day_tag_counts"))
        return sorted(tuple(r) for r in rows)


def _counted(db: Any) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(text(DAY_TAG_COUNTS_FROM_TAGS)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(st.one_of(log_op, edit_op, other_op), min_size=1, max_size=25))
def test_kept_counts_equal_a_count_from_scratch(utc_settings, ops) -> None:  # type: ignore[no-untyped-def]
    db = utc_settings
    with db.engine.begin() as conn:  # each example starts from an empty history
        conn.execute(text("DELETE FROM entries"))
    deleted: list[Any] = []
    for op in ops:
        ids = [e.id for e in entries.list_entries(db)]
        if op[0] == "log":
            _, what, hours, urge, triggers, practices = op
            entries.log(db, what, 0 if urge else 1, at=BASE + dt.timedelta(hours=hours),
                        urge_only=urge, triggers=triggers, practices=practices)
        elif op[0] == "edit" and ids:
            _, pick, field, hours, tags = op
            entry_id = ids[pick % len(ids)]
            change = {"at": {"at": BASE + dt.timedelta(hours=hours)},
                      "urge": {"urge_only": hours % 2 == 0},
                      "tags": {"triggers": tags},
                      "trackable": {"trackable": "nicotine" if hours % 2 else "alcohol"}}[field]
            entries.update_entry(db, entry_id, **change)
        elif op[0] == "delete" and ids:
            deleted.append(entries.delete_entry(db, ids[op[1] % len(ids)]))
        elif op[0] == "undo" and deleted:
            entries.restore_entry(db, deleted.pop())
        elif op[0] == "day_start":
            update_settings(db, day_start_hour=op[1] % 24)
        assert _kept(db) == _counted(db), op


def test_trigger_counts_fold_case_and_split_urges(utc_settings) -> None:  # type: ignore[no-untyped-def]
    db = utc_settings
    entries.log(db, "alcohol", 1, at=BASE, triggers=["Stress"])
    entries.log(db, "alcohol", 0, at=BASE, urge_only=True, triggers=["stress"])
    moved = entries.log(db, "alcohol", 2, at=BASE, triggers=["stress", "work"])
    entries.update_entry(db, moved.id, at=BASE - dt.timedelta(days=3))
    counts = stats.trigger_counts(db, None, BASE.date(), BASE.date())
    assert [(c.name, c.with_use, c.urge_only) for c in counts] == [("Stress", 1, 1)]
    earlier = stats.trigger_counts(db, None, BASE.date() - dt.timedelta(days=3), BASE.date())
    assert [(c.name, c.with_use, c.urge_only) for c in earlier] == [
        ("Stress", 2, 1), ("work", 1, 0)]


def test_an_import_counts_its_tags_in_one_pass(utc_settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The import sets the per-tag trigger aside, counts once, and puts the trigger back."""
    from harmtrack.core.exchange import export
    from harmtrack.core.exchange.importers import preview, run_import
    from harmtrack.core.storage.data_folder import open_data_folder

    db = utc_settings
    for i in range(30):
        entries.log(db, "alcohol", 1, at=BASE + dt.timedelta(hours=7 * i), urge_only=i % 5 == 0,
                    triggers=["stress"] if i % 2 else ["work", "friends"], practices=["water"])
    out = tmp_path / "all.json"
    with out.open("w", encoding="utf-8") as fh:
        export.write_json(db, fh)
    target = open_data_folder(tmp_path / "other", daily_backup=False)
    entries.log(target, "alcohol", 1, at=BASE, triggers=["stress"])
    preview(target, out)  # a preview (rolled back) leaves the trigger and counts as they were
    assert _kept(target) == _counted(target)
    run_import(target, out)
    assert _kept(target) == _counted(target) and len(_kept(target)) > 10
    entries.log(target, "nicotine", 1, at=BASE, triggers=["stress"])  # the trigger is back
    assert _kept(target) == _counted(target)
    target.close()
