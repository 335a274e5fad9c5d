"""Entries of a date range read a page at a time, in an order the screen chose.

The history screen is a window onto the database, not a copy of it: it counts the range
once and reads the rows it shows as they scroll into view, sorted by SQLite (``ORDER BY``
the chosen column with the id as tie-break, so pages never overlap or skip a row).

A next page starts *after* the last row read (keyset, or seek, pagination: ``after``), not
at an ``OFFSET``: SQLite reaches it from the index instead of stepping over every row
before it, so a page deep in a million entries costs what the first one does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, literal, select, tuple_

from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import entries_table, entry_tags_table, trackables_table
from harmtrack.core.tracking.entries import EntryRecord, record_from_row

#: The fields a page can be sorted by (the history screen's columns).
SORT_FIELDS = ("day", "time", "trackable", "amount", "unit", "note", "craving", "mood",
               "triggers", "practices", "setting", "cost", "urge_only", "discuss")
#: Tags are fetched with an IN list of the page's ids, at most this many at a time.
TAG_CHUNK = 500


def _first_tag(kind: str) -> Any:
    """An entry's first tag of ``kind`` (what its cell starts with), for sorting."""
    tag = entry_tags_table.c
    return (select(tag.name).where(tag.entry_id == entries_table.c.id, tag.kind == kind)
            .order_by(tag.position, tag.name).limit(1).scalar_subquery())


#: Stands in for an empty number when seeking (SQLite orders NULL before every number, so
#: the order is the same; a row value with a NULL in it would compare as unknown).
NO_NUMBER = -1e308


def _sort_keys(field: str) -> list[Any]:
    e, t = entries_table.c, trackables_table.c
    if field in ("day", "time"):  # the instant; the day first, so the day index is used
        return [e.day, e.occurred_at]
    if field == "trackable":
        return [func.lower(t.name)]
    if field == "unit":
        return [func.coalesce(t.unit, "")]
    if field == "note":
        return [func.lower(func.coalesce(e.note, ""))]
    if field == "setting":
        return [func.lower(func.coalesce(e.setting, ""))]
    if field == "triggers":
        return [func.lower(func.coalesce(_first_tag("trigger"), ""))]
    if field == "practices":
        return [func.lower(func.coalesce(_first_tag("practice"), ""))]
    if field in ("craving", "mood", "cost"):
        return [func.coalesce(e[field], literal(NO_NUMBER))]
    if field in ("amount", "urge_only", "discuss"):
        return [e[field]]
    raise ValueError(f"cannot sort entries by {field!r}")


def _in_range(q: Select[Any], start: dt.date, end: dt.date,
              trackable_ids: Sequence[int] | None) -> Select[Any]:
    e = entries_table.c
    q = q.where(e.day >= start, e.day <= end)
    if trackable_ids:
        q = q.where(e.trackable_id.in_(list(trackable_ids)))
    return q


def count_entries(db: Database, start: dt.date, end: dt.date,
                  trackable_ids: Sequence[int] | None = None) -> int:
    """How many entries have their local day in [start, end] (from the day index)."""
    q = _in_range(select(func.count()).select_from(entries_table), start, end, trackable_ids)
    with db.engine.connect() as conn:
        return int(conn.scalar(q) or 0)


def page_query(start: dt.date, end: dt.date, trackable_ids: Sequence[int] | None = None, *,
               sort: str = "day", descending: bool = True, offset: int = 0,
               limit: int = 200, after: Sequence[Any] | None = None) -> Select[Any]:
    """The statement ``read_page`` runs (tests read its query plan). Its last columns,
    ``sort_key_<i>``, are the row's place in the order (what ``after`` takes)."""
    e, t = entries_table.c, trackables_table.c
    keys = [*_sort_keys(sort), e.id]
    places = [k.label(f"sort_key_{i}") for i, k in enumerate(keys)]
    q = (select(entries_table, t.name, t.unit, t.colour, *places)
         .join(trackables_table, t.id == e.trackable_id)
         .order_by(*(k.desc() if descending else k.asc() for k in keys)))
    if after is not None:
        place, seek = tuple_(*keys), tuple_(*(literal(v, k.type) for k, v in zip(keys, after, strict=True)))
        q = q.where(place < seek if descending else place > seek)
    q = _in_range(q, start, end, trackable_ids).limit(max(limit, 0))
    return q if after is not None else q.offset(max(offset, 0))


@dataclass(frozen=True)
class Page:
    """Rows of a range in the order asked for, and where the last of them stands in it."""

    records: list[EntryRecord]
    #: The last row's place in the order: pass it as ``after`` for the next page.
    last: tuple[Any, ...] | None


def read_page(db: Database, start: dt.date, end: dt.date,
              trackable_ids: Sequence[int] | None = None, *, sort: str = "day",
              descending: bool = True, offset: int = 0, limit: int = 200,
              after: Sequence[Any] | None = None) -> Page:
    """Up to ``limit`` entries of [start, end] in the order asked for: those right after
    the place ``after`` (a previous ``Page.last``), or else from row ``offset``.

    ``sort`` is one of ``SORT_FIELDS``; equal values keep the order of their ids (in the
    same direction), so consecutive pages neither overlap nor skip a row.
    """
    tag = entry_tags_table.c
    q = page_query(start, end, trackable_ids, sort=sort, descending=descending,
                   offset=offset, limit=limit, after=after)
    n_keys = len(_sort_keys(sort)) + 1
    with db.engine.connect() as conn:
        rows = conn.execute(q).mappings().all()
        tags: dict[int, list[tuple[str, str]]] = {}
        ids = [row["id"] for row in rows]
        for i in range(0, len(ids), TAG_CHUNK):
            tag_q = (select(tag.entry_id, tag.kind, tag.name)
                     .where(tag.entry_id.in_(ids[i:i + TAG_CHUNK]))
                     .order_by(tag.entry_id, tag.position, tag.name))
            for entry_id, kind, name in conn.execute(tag_q):
                tags.setdefault(entry_id, []).append((kind, name))
    last = tuple(rows[-1][f"sort_key_{i}"] for i in range(n_keys)) if rows else None
    return Page([record_from_row(row, tags.get(row["id"], ())) for row in rows], last)


def page_entries(db: Database, start: dt.date, end: dt.date,
                 trackable_ids: Sequence[int] | None = None, *, sort: str = "day",
                 descending: bool = True, offset: int = 0, limit: int = 200) -> list[EntryRecord]:
    """Up to ``limit`` entries of [start, end] from row ``offset`` (see ``read_page``)."""
    return read_page(db, start, end, trackable_ids, sort=sort, descending=descending,
                     offset=offset, limit=limit).records
