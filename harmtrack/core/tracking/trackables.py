"""The user's trackables: built-in ones they chose, and their own."""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Connection, func, insert, select, update

from harmtrack.core.common.errors import InvalidEntry, NotFound, UnknownTrackable
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import trackables_table

PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#332288",
           "#882255", "#44AA99", "#999933", "#AA4499")


class TrackableInfo(NamedTuple):
    """A trackable as the rest of the app sees it."""

    id: int
    name: str
    kind: str
    unit: str
    colour: str
    archived: bool
    builtin_key: str | None


#: The columns of a TrackableInfo, in its order.
_COLUMNS = tuple(trackables_table.c[name] for name in TrackableInfo._fields)


def _one(conn: Connection, *where: Any) -> TrackableInfo | None:
    """The trackable matching ``where``, if any."""
    row = conn.execute(select(*_COLUMNS).where(*where)).first()
    return None if row is None else TrackableInfo(*row)


def list_trackables(db: Database, *, include_archived: bool = False) -> list[TrackableInfo]:
    """The user's trackables in display order."""
    t = trackables_table.c  # Core: on the start-up path (see schema.py)
    q = select(*_COLUMNS).order_by(t.sort_order, t.id)
    if not include_archived:
        q = q.where(t.archived.is_(False))
    with db.engine.connect() as conn:
        return [TrackableInfo(*row) for row in conn.execute(q)]


def get_trackable(db: Database, trackable_id: int) -> TrackableInfo:
    """One trackable by id."""
    with db.engine.connect() as conn:
        return get_trackable_in(conn, trackable_id)


def get_trackable_in(conn: Connection, trackable_id: int) -> TrackableInfo:
    """One trackable by id, inside an open connection."""
    t = _one(conn, trackables_table.c.id == trackable_id)
    if t is None:
        raise NotFound(f"no trackable with id {trackable_id}")
    return t


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidEntry("a trackable needs a name")
    if len(name) > 80:
        raise InvalidEntry("a trackable's name can be at most 80 characters")
    return name


def next_order(conn: Connection) -> int:
    """The sort position after every trackable's."""
    t = trackables_table.c
    return int(conn.scalar(select(func.coalesce(func.max(t.sort_order), 0))) or 0) + 1


def next_colour(conn: Connection) -> str:
    """A palette colour no trackable has yet (or the next in turn once all are taken)."""
    t = trackables_table.c
    used = set(conn.scalars(select(t.colour)))
    for c in PALETTE:
        if c not in used:
            return c
    count = conn.scalar(select(func.count()).select_from(trackables_table)) or 0
    return PALETTE[count % len(PALETTE)]


def add_builtin_in(conn: Connection, key: str, unit: str | None = None) -> TrackableInfo:
    """Add (or un-archive) a built-in trackable inside a transaction."""
    t = trackables_table.c
    item = catalog.find(key)
    if item is None:
        raise InvalidEntry(f"{key!r} is not a built-in trackable")
    existing = _one(conn, t.builtin_key == item.key) or _one(conn, t.name == item.name)
    if existing is not None:
        if existing.archived:
            conn.execute(update(trackables_table).where(t.id == existing.id).values(archived=False))
        return existing._replace(archived=False)
    if unit is not None and unit not in item.units:
        raise InvalidEntry(f"{item.name} can be counted in: {', '.join(item.units)}")
    return _insert(conn, TrackableInfo(0, item.name, item.kind, unit or item.unit, item.colour,
                                       False, item.key))


def _insert(conn: Connection, t: TrackableInfo) -> TrackableInfo:
    """Store a new trackable (its id is the database's, its place after all others)."""
    values = t._asdict()
    del values["id"]
    new_id = conn.execute(insert(trackables_table).values(sort_order=next_order(conn), **values)).lastrowid
    return t._replace(id=new_id)


def add_builtin(db: Database, key: str, unit: str | None = None) -> TrackableInfo:
    """Start tracking a built-in trackable (by key or name)."""
    with transaction(db) as conn:
        return add_builtin_in(conn, key, unit)


def add_custom(db: Database, name: str, unit: str, kind: str = "behaviour",
               colour: str | None = None) -> TrackableInfo:
    """Add the user's own trackable with its own unit."""
    name = _clean_name(name)
    unit = " ".join(unit.split())
    if not unit or len(unit) > 40:
        raise InvalidEntry("a unit needs a name of 1 to 40 characters")
    if kind not in ("substance", "behaviour"):
        raise InvalidEntry("kind must be 'substance' or 'behaviour'")
    with transaction(db) as conn:
        if _one(conn, trackables_table.c.name == name) is not None:
            raise InvalidEntry(f"you already track something called {name!r}")
        return _insert(conn, TrackableInfo(0, name, kind, unit, colour or next_colour(conn), False, None))


def update_trackable(db: Database, trackable_id: int, *, name: str | None = None,
                     colour: str | None = None, archived: bool | None = None) -> TrackableInfo:
    """Rename, recolour or archive a trackable (its history stays)."""
    t = trackables_table.c
    with transaction(db) as conn:
        get_trackable_in(conn, trackable_id)
        changes: dict[str, Any] = {}
        if name is not None:
            name = _clean_name(name)
            if _one(conn, t.name == name, t.id != trackable_id) is not None:
                raise InvalidEntry(f"you already track something called {name!r}")
            changes["name"] = name
        if colour is not None:
            changes["colour"] = colour
        if archived is not None:
            changes["archived"] = archived
        if changes:
            before = get_trackable_in(conn, trackable_id)
            conn.execute(update(trackables_table).where(t.id == trackable_id).values(**changes))
            if name is not None:
                move_named_settings(conn, before.name, name)
        return get_trackable_in(conn, trackable_id)


def move_named_settings(conn: Connection, old: str, new: str) -> None:
    """Settings kept by trackable name (heavy-use day thresholds) follow a rename."""
    from harmtrack.core.storage.settings import read_settings, write_settings

    amounts = dict(read_settings(conn).heavy_day_amounts)
    if old.casefold() in amounts and old.casefold() != new.casefold():
        amounts[new.casefold()] = amounts.pop(old.casefold())
        write_settings(conn, heavy_day_amounts=amounts)


def resolve_in(conn: Connection, what: str, *, add_builtin: bool = True) -> TrackableInfo:
    """Find a trackable by name (case-insensitive) or id; add a built-in one on demand."""
    t = trackables_table.c
    what = " ".join(what.split())
    found = _one(conn, t.name == what)
    if found is None and what.isdigit():
        found = _one(conn, t.id == int(what))
    if found is None:
        item = catalog.find(what)
        if item is not None:
            found = _one(conn, t.builtin_key == item.key)
            if found is None and add_builtin:
                found = add_builtin_in(conn, item.key)
            elif found is None:
                raise UnknownTrackable(what, [], builtin=item.name)
    if found is None:
        names = list(conn.scalars(select(t.name)))
        names += [c.name for c in catalog.trackables() if c.name not in names]
        lowered = {n.casefold(): n for n in names}
        import difflib  # only when a name is not found

        close = difflib.get_close_matches(what.casefold(), list(lowered), n=3, cutoff=0.5)
        prefix = [n for k, n in lowered.items() if k.startswith(what.casefold()[:3]) and what]
        suggestions = list(dict.fromkeys([lowered[c] for c in close] + prefix))[:3]
        raise UnknownTrackable(what, suggestions)
    return found


def resolve(db: Database, what: str, *, add_builtin: bool = False) -> TrackableInfo:
    """A trackable by name or id, raising UnknownTrackable with suggestions."""
    if add_builtin:
        with transaction(db) as conn:
            return resolve_in(conn, what, add_builtin=True)
    with db.engine.connect() as conn:
        return resolve_in(conn, what, add_builtin=False)
