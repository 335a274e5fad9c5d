"""Writing a bundle's questionnaire answers and schedules (each skipped when already there).

Answers are scored again from the instrument's file: a total or band in the file is never
taken as it is, so an edited file cannot put a score the answers do not give.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from harmtrack.core.care.questionnaires.answers import check_date, save_in
from harmtrack.core.care.questionnaires.instruments import instrument
from harmtrack.core.care.questionnaires.schedules import set_schedule_in
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.exchange.importers import fields
from harmtrack.core.storage.schema import questionnaire_answers_table, questionnaire_schedules_table
from harmtrack.core.storage.settings import read_settings


def _key(x: dict[str, Any]) -> str:
    key = fields.text(x.get("key"), "key", 40)
    if not key:
        raise InvalidEntry("missing key (which questionnaire)")
    try:
        return instrument(key).key
    except NotFound as exc:  # refused as this item, with the keys there are
        raise InvalidEntry(str(exc)) from None


def add_answers(conn: Connection, x: dict[str, Any]) -> bool:
    """Add one day's answers; False when that instrument already has answers that day."""
    import datetime as dt

    key = _key(x)
    day = fields.day(x.get("date"), "date")
    if day is None:
        raise InvalidEntry("questionnaire answers need their date")
    check_date(day, dt.date.today() + dt.timedelta(days=1))
    given = x.get("answers")
    if not isinstance(given, list):
        raise InvalidEntry("answers must be a list")
    a = questionnaire_answers_table.c
    if conn.scalar(select(a.id).where(a.key == key, a.date == day)) is not None:
        return False
    save_in(conn, instrument(key), day, given, read_settings(conn),
            created_at=fields.stamp(x.get("created_at"), "created_at"),
            updated_at=fields.stamp(x.get("updated_at"), "updated_at"))
    return True


def add_schedule(conn: Connection, x: dict[str, Any]) -> bool:
    """Add a schedule; False when the instrument has one already (the user's is kept)."""
    key = _key(x)
    if conn.scalar(select(questionnaire_schedules_table.c.key)
                   .where(questionnaire_schedules_table.c.key == key)) is not None:
        return False
    since = fields.day(x.get("since"), "since")
    if since is None:
        raise InvalidEntry("a questionnaire schedule needs its since day")
    weeks = x.get("every_weeks")
    before = fields.flag(x.get("before_sessions"), "before_sessions")
    if weeks is None and not before:
        raise InvalidEntry("a schedule needs every_weeks or before_sessions")
    set_schedule_in(conn, key, since, every_weeks=weeks, before_sessions=before)
    return True
