"""The answers kept: one per instrument and day. Taking a questionnaire again the same day
replaces that day's answers (they stay editable that day); earlier days are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from harmtrack.core.care.questionnaires.instruments import Instrument, instrument
from harmtrack.core.care.questionnaires.scoring import Answer, Score, check_answers, score
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import questionnaire_answers_table, utcnow
from harmtrack.core.storage.settings import Settings, get_settings

_A = questionnaire_answers_table.c
_COLUMNS = (_A.key, _A.date, _A.answers, _A.total, _A.band)


@dataclass(frozen=True)
class Taken:
    """One day's answers to one instrument, with what they scored."""

    key: str
    date: dt.date
    answers: tuple[Answer, ...]
    total: int
    band: str | None

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "date": self.date.isoformat(), "answers": list(self.answers),
                "total": self.total, "band": self.band}


@dataclass(frozen=True)
class TakeResult:
    taken: Taken
    score: Score
    replaced: bool  # answers of the same day were replaced


def user_sex(settings: Settings) -> str | None:
    """Whose screening cut-offs the user chose ("male"/"female"), else None.

    Without a choice, sex-specific cut-offs are shown side by side instead of one being
    picked. Read when answers are scored: a band kept with earlier answers stays as it was.
    """
    return settings.sex if settings.sex in ("male", "female") else None


def _row(row: Any) -> Taken:
    return Taken(row.key, row.date, tuple(json.loads(row.answers)), row.total, row.band)


def check_date(day: dt.date, today: dt.date) -> dt.date:
    """A day answers may be for: not in the future, not before 1970."""
    if day > today:
        raise InvalidEntry("a questionnaire can be kept for today or an earlier day, not a day to come")
    if day.year < 1970:
        raise InvalidEntry("use a date from 1970 on")
    return day


def save_in(conn: Connection, ins: Instrument, day: dt.date, answers: Sequence[object],
            settings: Settings, *, created_at: dt.datetime | None = None,
            updated_at: dt.datetime | None = None) -> TakeResult:
    """Score and keep the answers inside the caller's transaction (replacing that day's)."""
    values = check_answers(ins, answers)
    result = score(ins, values, user_sex(settings))
    before = conn.execute(select(_A.id).where(_A.key == ins.key, _A.date == day)).first()
    now = updated_at or utcnow()
    text = json.dumps(list(values))
    conn.execute(insert(questionnaire_answers_table).values(
        key=ins.key, date=day, answers=text, total=result.total, band=result.band,
        created_at=created_at or now, updated_at=now).on_conflict_do_update(
        index_elements=[_A.key, _A.date],
        set_={"answers": text, "total": result.total, "band": result.band, "updated_at": now}))
    return TakeResult(Taken(ins.key, day, values, result.total, result.band), result, before is not None)


def take(db: Database, key: str, answers: Sequence[object], day: dt.date | None = None) -> TakeResult:
    """Score the answers and keep them for ``day`` (default: today); nothing is written
    when a count or an answer is wrong (InvalidEntry says which)."""
    from harmtrack.core.tracking.entries import today as today_of

    ins = instrument(key)
    settings = get_settings(db)
    today = today_of(db, settings)
    day = check_date(day or today, today)
    score(ins, answers)  # refuse before opening a write transaction
    with transaction(db) as conn:
        return save_in(conn, ins, day, answers, settings)


def history(db: Database, key: str | None = None, start: dt.date | None = None,
            end: dt.date | None = None) -> list[Taken]:
    """Answers kept, oldest first (one instrument's when ``key`` is given)."""
    q = select(*_COLUMNS).order_by(_A.date, _A.key)
    if key is not None:
        q = q.where(_A.key == instrument(key).key)
    if start is not None:
        q = q.where(_A.date >= start)
    if end is not None:
        q = q.where(_A.date <= end)
    with db.engine.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def last_taken(conn: Connection, key: str) -> dt.date | None:
    """The latest day this instrument was taken, or None."""
    return conn.scalar(select(_A.date).where(_A.key == key).order_by(_A.date.desc()).limit(1))

