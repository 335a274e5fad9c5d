"""The user's own safety plan: six sections in their words, kept with their data.

The sections follow the model of Stanley & Brown's Safety Planning Intervention; their
titles and prompts are HarmTrack's own wording, in ``resources/safety_plan.json`` with the
source. The plan is in the database, so it is encrypted and locked with everything else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, insert, select, update

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import safety_plan_table
from harmtrack.core.tracking.validation import check_text
from harmtrack.paths import resource

#: Longest text one section may hold (a long list of people and numbers fits easily).
MAX_SECTION = 4000


@dataclass(frozen=True)
class PlanSection:
    """One section of the plan: what it asks, and what the user wrote (empty if nothing)."""

    key: str
    title: str
    prompt: str
    example: str
    text: str
    updated_at: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "text": self.text,
                "updated_at": self.updated_at.isoformat() if self.updated_at else None}


@dataclass(frozen=True)
class PlanSource:
    """The model the sections follow."""

    name: str
    url: str


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with resource("safety_plan.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def source() -> PlanSource:
    """Where the plan's six steps come from."""
    src = _data()["source"]
    return PlanSource(src["name"], src["url"])


def section_keys() -> list[str]:
    """The sections' keys, in the plan's order."""
    return [s["key"] for s in _data()["sections"]]


def check_section(key: str) -> str:
    """A section key, or InvalidEntry naming the ones there are."""
    if key not in section_keys():
        raise InvalidEntry(f"no safety-plan section {key!r}; use one of: {', '.join(section_keys())}")
    return key


def get_plan(db: Database) -> list[PlanSection]:
    """Every section in order, with the user's text (empty where they wrote nothing)."""
    c = safety_plan_table.c
    with db.engine.connect() as conn:
        written = {r.section: r for r in conn.execute(select(c.section, c.text, c.updated_at))}
    out = []
    for s in _data()["sections"]:
        row = written.get(s["key"])
        out.append(PlanSection(s["key"], s["title"], s["prompt"], s["example"],
                               row.text if row else "", row.updated_at if row else None))
    return out


def is_empty(db: Database) -> bool:
    """True when the user has written nothing in any section yet."""
    with db.engine.connect() as conn:
        return conn.scalar(select(safety_plan_table.c.section).limit(1)) is None


def set_section(db: Database, key: str, text: str | None) -> PlanSection:
    """Write one section (blank text clears it) in one transaction."""
    set_sections(db, {key: text})
    return next(s for s in get_plan(db) if s.key == key)


def set_sections(db: Database, texts: dict[str, str | None]) -> None:
    """Write several sections at once: all are checked first, then written together."""
    checked = {check_section(k): check_text(v, "a safety-plan section", MAX_SECTION)
               for k, v in texts.items()}
    c = safety_plan_table.c
    with transaction(db) as conn:
        for key, value in checked.items():
            now = conn.scalar(select(c.text).where(c.section == key))
            if value is None:
                conn.execute(delete(safety_plan_table).where(c.section == key))
            elif now is None:
                conn.execute(insert(safety_plan_table).values(section=key, text=value))
            elif now != value:
                conn.execute(update(safety_plan_table).where(c.section == key).values(text=value))
