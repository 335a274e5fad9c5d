"""Safer-use notes on combinations: entries of two central-nervous-system depressants
within a few hours of each other.

The classes, the window and the notes with their sources are data
(``resources/combinations.json``). Built-in trackables belong to a class through the
file; the user puts their own trackables in a class (``trackable_classes``). Times are
compared as instants (UTC), so a pair across midnight or a clock change is found the same.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, insert, select

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import entries_table, trackable_classes_table, trackables_table
from harmtrack.core.tracking.trackables import get_trackable
from harmtrack.paths import resource


@dataclass(frozen=True)
class Source:
    """Where a note's facts come from."""

    name: str
    url: str


@dataclass(frozen=True)
class DepressantClass:
    """A class of depressants, e.g. opioids, and the built-in trackables in it."""

    key: str
    name: str
    builtin: tuple[str, ...]


@dataclass(frozen=True)
class CombinationNote:
    """What to know about two classes taken together, and what lowers the risk."""

    classes: tuple[str, str]
    risk: str
    lowering: tuple[str, ...]
    source: Source
    lowering_source: Source


@dataclass(frozen=True)
class CombinationPair:
    """Two entries of different depressant classes logged within the window."""

    first_id: int
    second_id: int
    first_trackable: str
    second_trackable: str
    first_at: dt.datetime  # naive UTC
    second_at: dt.datetime
    day: dt.date  # the local day of the later entry
    note: CombinationNote

    @property
    def hours_apart(self) -> float:
        return (self.second_at - self.first_at).total_seconds() / 3600

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "first": {"id": self.first_id, "trackable": self.first_trackable,
                      "at": self.first_at.replace(tzinfo=dt.UTC).isoformat()},
            "second": {"id": self.second_id, "trackable": self.second_trackable,
                       "at": self.second_at.replace(tzinfo=dt.UTC).isoformat()},
            "hours_apart": round(self.hours_apart, 2),
            "classes": list(self.note.classes), "risk": self.note.risk,
            "lowering": list(self.note.lowering),
            "source": {"name": self.note.source.name, "url": self.note.source.url},
        }


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with resource("combinations.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def window() -> dt.timedelta:
    """How far apart two entries may be and still count as taken together."""
    return dt.timedelta(hours=float(_data()["window_hours"]["value"]))


def classes() -> list[DepressantClass]:
    """Every class of depressants the notes know, in the file's order."""
    return [DepressantClass(c["key"], c["name"], tuple(c.get("builtin", ()))) for c in _data()["classes"]]


def check_class(key: str) -> str:
    """A class key, or InvalidEntry naming the ones there are."""
    keys = [c.key for c in classes()]
    if key not in keys:
        raise InvalidEntry(f"no depressant class {key!r}; use one of: {', '.join(keys)}")
    return key


def _src(d: dict[str, Any]) -> Source:
    return Source(d["name"], d["url"])


def note_for(a: str, b: str) -> CombinationNote | None:
    """The note for classes ``a`` and ``b`` (an exact pair first, then one with ``*``)."""
    if a == b:
        return None
    lowering = _data()["lowering"]
    wildcard = None
    for item in _data()["combinations"]:
        x, y = item["classes"]
        if {x, y} == {a, b}:
            wildcard = item
            break
        if wildcard is None and ((x in (a, b) and y == "*") or (y in (a, b) and x == "*")):
            wildcard = item
    if wildcard is None:
        return None
    pair = (a, b) if a <= b else (b, a)
    return CombinationNote(pair, wildcard["risk"], tuple(lowering["items"]),
                           _src(wildcard["source"]), _src(lowering["source"]))


# --- which trackable is in which class ------------------------------------------------

def trackable_classes(db: Database) -> dict[int, frozenset[str]]:
    """Trackable id -> its depressant classes (from the catalog key and the user's choices)."""
    by_builtin: dict[str, set[str]] = {}
    for c in classes():
        for key in c.builtin:
            by_builtin.setdefault(key, set()).add(c.key)
    t, tc = trackables_table.c, trackable_classes_table.c
    out: dict[int, set[str]] = {}
    with db.engine.connect() as conn:
        for tid, builtin in conn.execute(select(t.id, t.builtin_key).where(t.builtin_key.is_not(None))):
            if builtin in by_builtin:
                out.setdefault(tid, set()).update(by_builtin[builtin])
        for tid, key in conn.execute(select(tc.trackable_id, tc.class_key)):
            out.setdefault(tid, set()).add(key)
    return {tid: frozenset(keys) for tid, keys in out.items()}


def own_classes(db: Database, trackable_id: int) -> list[str]:
    """The classes the user put this trackable in (not those its catalog entry brings)."""
    tc = trackable_classes_table.c
    with db.engine.connect() as conn:
        return sorted(conn.scalars(select(tc.class_key).where(tc.trackable_id == trackable_id)))


def set_own_classes(db: Database, trackable_id: int, keys: Iterable[str]) -> list[str]:
    """Put a trackable in exactly these classes (an empty list takes it out of all)."""
    wanted = sorted({check_class(k) for k in keys})
    get_trackable(db, trackable_id)  # NotFound for an id that is not there
    tc = trackable_classes_table.c
    with transaction(db) as conn:
        conn.execute(delete(trackable_classes_table).where(tc.trackable_id == trackable_id))
        if wanted:
            conn.execute(insert(trackable_classes_table),
                         [{"trackable_id": trackable_id, "class_key": k} for k in wanted])
    return wanted


# --- finding the pairs --------------------------------------------------------------------

def _first_note(a: frozenset[str], b: frozenset[str]) -> CombinationNote | None:
    for x in sorted(a):
        for y in sorted(b):
            note = note_for(x, y)
            if note is not None:
                return note
    return None


def _notes_between(tids: Iterable[int], known: dict[int, frozenset[str]]
                   ) -> dict[tuple[int, int], CombinationNote]:
    """The note for each ordered pair of these trackables that has one (judged once per
    pair of trackables, not once per pair of entries: a year holds tens of thousands)."""
    ids = sorted(set(tids))
    out = {}
    for a in ids:
        for b in ids:
            note = _first_note(known[a], known[b])
            if note is not None:
                out[(a, b)] = note
    return out


def _pairs(rows: Sequence[Any], known: dict[int, frozenset[str]]) -> list[CombinationPair]:
    """Pairs among ``rows`` (sorted by instant), each pair once, earlier entry first."""
    notes = _notes_between({r.trackable_id for r in rows}, known)
    if not notes:
        return []
    gap = window()
    out: list[CombinationPair] = []
    start = 0
    for i, later in enumerate(rows):
        while later.occurred_at - rows[start].occurred_at > gap:
            start += 1
        for j in range(start, i):
            earlier = rows[j]
            note = notes.get((earlier.trackable_id, later.trackable_id))
            if note is not None:
                out.append(CombinationPair(earlier.id, later.id, earlier.name, later.name,
                                           earlier.occurred_at, later.occurred_at, later.day, note))
    return out


def _depressant_rows(db: Database, ids: Sequence[int], start: dt.date | None,
                     end: dt.date | None) -> list[Any]:
    e, t = entries_table.c, trackables_table.c
    q = (select(e.id, e.trackable_id, e.occurred_at, e.day, t.name)
         .join(trackables_table, t.id == e.trackable_id)
         .where(e.trackable_id.in_(list(ids)), e.urge_only.is_(False), e.amount > 0))
    # Days more on each side: the window reaches across the range's first and last days.
    margin = dt.timedelta(days=window().days + 1)
    if start is not None:
        q = q.where(e.day >= start - margin)
    if end is not None:
        q = q.where(e.day <= end + margin)
    with db.engine.connect() as conn:
        return list(conn.execute(q.order_by(e.occurred_at, e.id)))


def pairs_in_range(db: Database, start: dt.date | None = None, end: dt.date | None = None, *,
                   trackable_ids: Sequence[int] | None = None) -> list[CombinationPair]:
    """Every pair whose later entry counts for a day from ``start`` to ``end`` (inclusive).

    For the report, review mode and the CLI. ``trackable_ids`` limits the pairs to entries
    of those trackables (a report that leaves a trackable out must not show it).
    """
    if start is not None and end is not None and start > end:
        raise InvalidEntry("the start date is after the end date")
    known = trackable_classes(db)
    ids = [tid for tid in known if trackable_ids is None or tid in set(trackable_ids)]
    if not _notes_between(ids, known):  # e.g. alcohol alone: nothing can pair, nothing to read
        return []
    pairs = _pairs(_depressant_rows(db, ids, start, end), known)
    return [p for p in pairs if (start is None or p.day >= start) and (end is None or p.day <= end)]


def pairs_with_entry(db: Database, entry_id: int) -> list[CombinationPair]:
    """The pairs one entry forms with others within the window (after saving it)."""
    known = trackable_classes(db)
    e = entries_table.c
    with db.engine.connect() as conn:
        row = conn.execute(select(e.trackable_id, e.day).where(e.id == entry_id)).first()
    if row is None or row.trackable_id not in known:
        return []
    pairs = _pairs(_depressant_rows(db, list(known), row.day, row.day), known)
    return [p for p in pairs if entry_id in (p.first_id, p.second_id)]
