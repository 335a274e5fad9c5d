"""The user's trackables: built-in ones they chose, and their own."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, select

from harmtrack.core.common.errors import InvalidEntry, NotFound, UnknownTrackable
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.schema import trackables_table

if TYPE_CHECKING:  # mapped classes: imported where used (see schema.py)
    from sqlalchemy.orm import Session

    from harmtrack.core.storage.models import Trackable

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


def _info(t: Trackable) -> TrackableInfo:
    return TrackableInfo(t.id, t.name, t.kind, t.unit, t.colour, t.archived, t.builtin_key)


def list_trackables(db: Database, *, include_archived: bool = False) -> list[TrackableInfo]:
    """The user's trackables in display order."""
    t = trackables_table.c  # Core: on the start-up path (see schema.py)
    q = (select(t.id, t.name, t.kind, t.unit, t.colour, t.archived, t.builtin_key)
         .order_by(t.sort_order, t.id))
    if not include_archived:
        q = q.where(t.archived.is_(False))
    with db.engine.connect() as conn:
        return [TrackableInfo(*row) for row in conn.execute(q)]


def get_trackable(db: Database, trackable_id: int) -> TrackableInfo:
    """One trackable by id."""
    from harmtrack.core.storage.models import Trackable

    with db.sessions() as session:
        t = session.get(Trackable, trackable_id)
        if t is None:
            raise NotFound(f"no trackable with id {trackable_id}")
        return _info(t)


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidEntry("a trackable needs a name")
    if len(name) > 80:
        raise InvalidEntry("a trackable's name can be at most 80 characters")
    return name


def _next_order(session: Session) -> int:
    from harmtrack.core.storage.models import Trackable

    return int(session.scalar(select(func.coalesce(func.max(Trackable.sort_order), 0))) or 0) + 1


def _next_colour(session: Session) -> str:
    from harmtrack.core.storage.models import Trackable

    used = set(session.scalars(select(Trackable.colour)))
    for c in PALETTE:
        if c not in used:
            return c
    count = session.scalar(select(func.count()).select_from(Trackable)) or 0
    return PALETTE[count % len(PALETTE)]


def add_builtin_in(session: Session, key: str, unit: str | None = None) -> Trackable:
    """Add (or un-archive) a built-in trackable inside a transaction."""
    from harmtrack.core.storage.models import Trackable

    item = catalog.find(key)
    if item is None:
        raise InvalidEntry(f"{key!r} is not a built-in trackable")
    existing = session.scalar(select(Trackable).where(Trackable.builtin_key == item.key))
    if existing is None:
        existing = session.scalar(select(Trackable).where(Trackable.name == item.name))
    if existing is not None:
        existing.archived = False
        return existing
    if unit is not None and unit not in item.units:
        raise InvalidEntry(f"{item.name} can be counted in: {', '.join(item.units)}")
    t = Trackable(name=item.name, kind=item.kind, unit=unit or item.unit, colour=item.colour,
                  builtin_key=item.key, sort_order=_next_order(session), archived=False)
    session.add(t)
    session.flush()
    return t


def add_builtin(db: Database, key: str, unit: str | None = None) -> TrackableInfo:
    """Start tracking a built-in trackable (by key or name)."""
    with db.begin() as session:
        return _info(add_builtin_in(session, key, unit))


def add_custom(db: Database, name: str, unit: str, kind: str = "behaviour",
               colour: str | None = None) -> TrackableInfo:
    """Add the user's own trackable with its own unit."""
    from harmtrack.core.storage.models import Trackable

    name = _clean_name(name)
    unit = " ".join(unit.split())
    if not unit or len(unit) > 40:
        raise InvalidEntry("a unit needs a name of 1 to 40 characters")
    if kind not in ("substance", "behaviour"):
        raise InvalidEntry("kind must be 'substance' or 'behaviour'")
    with db.begin() as session:
        if session.scalar(select(Trackable).where(Trackable.name == name)) is not None:
            raise InvalidEntry(f"you already track something called {name!r}")
        t = Trackable(name=name, kind=kind, unit=unit, colour=colour or _next_colour(session),
                      sort_order=_next_order(session), archived=False)
        session.add(t)
        session.flush()
        return _info(t)


def update_trackable(db: Database, trackable_id: int, *, name: str | None = None,
                     colour: str | None = None, archived: bool | None = None) -> TrackableInfo:
    """Rename, recolour or archive a trackable (its history stays)."""
    from harmtrack.core.storage.models import Trackable

    with db.begin() as session:
        t = session.get(Trackable, trackable_id)
        if t is None:
            raise NotFound(f"no trackable with id {trackable_id}")
        if name is not None:
            name = _clean_name(name)
            clash = session.scalar(select(Trackable).where(Trackable.name == name,
                                                           Trackable.id != trackable_id))
            if clash is not None:
                raise InvalidEntry(f"you already track something called {name!r}")
            t.name = name
        if colour is not None:
            t.colour = colour
        if archived is not None:
            t.archived = archived
        return _info(t)


def resolve_in(session: Session, what: str, *, add_builtin: bool = True) -> Trackable:
    """Find a trackable by name (case-insensitive) or id; add a built-in one on demand."""
    from harmtrack.core.storage.models import Trackable

    what = " ".join(what.split())
    t = session.scalar(select(Trackable).where(Trackable.name == what))
    if t is None and what.isdigit():
        t = session.get(Trackable, int(what))
    if t is None:
        item = catalog.find(what)
        if item is not None:
            t = session.scalar(select(Trackable).where(Trackable.builtin_key == item.key))
            if t is None and add_builtin:
                t = add_builtin_in(session, item.key)
            elif t is None:
                raise UnknownTrackable(what, [], builtin=item.name)
    if t is None:
        names = list(session.scalars(select(Trackable.name)))
        names += [c.name for c in catalog.trackables() if c.name not in names]
        lowered = {n.casefold(): n for n in names}
        import difflib  # only when a name is not found

        close = difflib.get_close_matches(what.casefold(), list(lowered), n=3, cutoff=0.5)
        prefix = [n for k, n in lowered.items() if k.startswith(what.casefold()[:3]) and what]
        suggestions = list(dict.fromkeys([lowered[c] for c in close] + prefix))[:3]
        raise UnknownTrackable(what, suggestions)
    return t


def resolve(db: Database, what: str, *, add_builtin: bool = False) -> TrackableInfo:
    """A trackable by name or id, raising UnknownTrackable with suggestions."""
    if add_builtin:
        with db.begin() as session:
            return _info(resolve_in(session, what, add_builtin=True))
    with db.sessions() as session:
        return _info(resolve_in(session, what, add_builtin=False))
