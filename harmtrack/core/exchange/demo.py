"""A realistic synthetic history for newcomers to explore and for benchmarks.

Weekday/weekend patterns, a gradual downward trend, urges without use, triggers,
safer-use practices, costs, a few notes, days not logged and "nothing today"
check-ins. Deterministic for a given seed. Rows are inserted in bulk (Core inserts)
so ten years take a second or two, not minutes.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import Connection, func, insert, select

from harmtrack.core.common.days import local_day, to_utc_naive
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.schema import (
    checkins_table,
    entries_table,
    entry_tags_table,
    goal_versions_table,
    goals_table,
    questionnaire_answers_table,
    sessions_table,
    utcnow,
)
from harmtrack.core.storage.settings import read_settings, write_settings
from harmtrack.core.storage.sync_marks import marked_at_the_end
from harmtrack.core.storage.tag_counts import counted_at_the_end
from harmtrack.core.tracking.trackables import TrackableInfo, add_builtin_in

NOTES = [
    "Long week, glad it's over.", "Called a friend instead for a while.",
    "Felt fine, stopped when I planned to.", "Hard evening, went to bed early.",
    "Had water between each one.", "Tried the breathing exercise first.",
    "Bring up sleep with my therapist.", "Walked home with a friend.",
]


#: Where the evening happened, derived from its trigger (no extra random draws, so a
#: seed gives the same history it always did).
SETTINGS = {"party": "at a party", "stress": "at home, alone", "after work": "at the pub",
            "with friends": "with friends at home", "celebration": "at a restaurant",
            "boredom": "at home, alone"}


def _has_data(conn: Connection) -> bool:
    """Anything the user recorded: entries, check-ins, goals or therapy sessions.

    (Trackables alone do not count: choosing what to track is not yet a history.)
    """
    return any(conn.scalar(select(func.count()).select_from(table))
               for table in (entries_table, checkins_table, goals_table, sessions_table,
                             questionnaire_answers_table))


def fill(db: Database, days: int = 180, *, force: bool = False, seed: int = 7,
         end: dt.date | None = None) -> int:
    """Add ``days`` days of demo history ending today; returns entries added."""
    rng = random.Random(seed)
    with transaction(db) as conn:
        if _has_data(conn) and not force:
            raise InvalidEntry("this data folder already has entries, check-ins, goals or sessions; "
                               "use --force to add demo data anyway")
        settings = read_settings(conn)
        tz = settings.tz
        alcohol = add_builtin_in(conn, "alcohol")
        cannabis = add_builtin_in(conn, "cannabis")
        nicotine = add_builtin_in(conn, "nicotine")
        gambling = add_builtin_in(conn, "gambling")
        write_settings(conn, first_run_done=True)
        last = end or local_day(dt.datetime.now(tz), tz, settings.day_start_hour)
        first = last - dt.timedelta(days=days - 1)
        next_id = int(conn.scalar(select(func.coalesce(func.max(entries_table.c.id), 0))) or 0) + 1
        entry_rows: list[dict] = []
        tag_rows: list[dict] = []
        checkins: list[dict] = []
        existing_checkins = set(conn.scalars(select(checkins_table.c.day)))
        now = utcnow()
        now_local = dt.datetime.now(tz)
        # When each entry was typed in: its own stream of draws, so a seed still gives the
        # same history; most are logged within the hour, some the next day, a few later.
        typed = random.Random(seed + 1)

        def logged_at(occurred: dt.datetime) -> dt.datetime:
            r = typed.random()
            delay = (dt.timedelta(minutes=typed.randint(1, 50)) if r < 0.82
                     else dt.timedelta(hours=typed.randint(14, 30)) if r < 0.95
                     else dt.timedelta(days=typed.randint(2, 6)))
            return min(occurred + delay, now)

        def add(t: TrackableInfo, day: dt.date, hour: float, amount: float, *, urge: bool = False,
                cost: float | None = None, triggers: tuple[str, ...] = (),
                practices: tuple[str, ...] = (), craving: int | None = None,
                setting: str | None = None) -> None:
            nonlocal next_id
            local = dt.datetime.combine(day, dt.time(0), tzinfo=tz) + dt.timedelta(hours=hour)
            local = local.astimezone(tz)
            note = rng.choice(NOTES) if rng.random() < 0.06 else None
            mood = rng.choice([None, 2, 3, 3, 4, 4, 5])
            discuss = bool(note and rng.random() < 0.3)
            if local > now_local:
                return  # later today: a history holds only what already happened
            entry_rows.append(dict(
                id=next_id, trackable_id=t.id, occurred_at=to_utc_naive(local),
                utc_offset_min=int((local.utcoffset() or dt.timedelta()).total_seconds() // 60),
                day=local_day(local, tz, settings.day_start_hour), amount=round(amount, 2),
                craving=craving, mood=mood, setting=setting,
                cost=cost, note=note, urge_only=urge, discuss=discuss,
                source="demo", source_key=None, extra=None, created_at=logged_at(to_utc_naive(local)),
                updated_at=now,
            ))
            for i, name in enumerate(triggers):
                tag_rows.append(dict(entry_id=next_id, kind="trigger", name=name, position=i))
            for i, name in enumerate(practices):
                tag_rows.append(dict(entry_id=next_id, kind="practice", name=name, position=i))
            next_id += 1

        for i in range(days):
            day = first + dt.timedelta(days=i)
            progress = i / max(days - 1, 1)
            trend = 1.0 - 0.45 * progress  # a gradual, uneven step down
            weekend = day.weekday() >= 4
            if rng.random() < 0.06:
                continue  # a day not logged
            logged = False
            # Alcohol: mostly evenings, more at weekends.
            if rng.random() < (0.75 if weekend else 0.35) * (0.6 + 0.4 * trend):
                n = max(1, round(rng.gauss((4.5 if weekend else 2.2) * trend, 1.0)))
                trig = rng.choice([("party",), ("stress",), ("after work",), ("with friends",),
                                   ("celebration",), ("boredom",)])
                for k in range(n):
                    pr = ("alternated with water",) if rng.random() < 0.3 + 0.4 * progress else ()
                    add(alcohol, day, 18 + k * 0.8 + rng.random() * 0.5, 1.0,
                        cost=round(rng.uniform(4, 9), 2), triggers=trig if k == 0 else (),
                        practices=pr, craving=rng.randint(3, 8) if k == 0 else None,
                        setting=SETTINGS.get(trig[0]) if k == 0 else None)
                logged = True
            elif rng.random() < 0.3:
                add(alcohol, day, 19 + rng.random() * 2, 0, urge=True,
                    triggers=(rng.choice(["stress", "boredom", "after work"]),),
                    craving=rng.randint(3, 9))
                logged = True
            # Cannabis: evening sessions, trending down.
            if rng.random() < 0.5 * trend + 0.1:
                for k in range(rng.choice([1, 1, 2])):
                    add(cannabis, day, 20.5 + k * 1.5 + rng.random(), 1.0,
                        cost=round(rng.uniform(5, 12), 2) if rng.random() < 0.3 else None,
                        triggers=(rng.choice(["trouble sleeping", "stress", "boredom"]),) if k == 0 else (),
                        practices=("waited until evening",) if rng.random() < 0.5 else (),
                        craving=rng.randint(2, 7))
                logged = True
            # Nicotine: cigarettes through the day.
            cigs = max(0, round(rng.gauss(9 * trend, 2)))
            for k in range(cigs):
                add(nicotine, day, 8 + k * (13 / max(cigs, 1)) + rng.random() * 0.4, 1.0,
                    cost=0.6, practices=("outside only",) if rng.random() < 0.5 else ())
                logged = True
            # Gambling: occasional sessions, in minutes, with money as cost.
            if rng.random() < 0.12 * trend:
                add(gambling, day, 21 + rng.random(), float(rng.choice([20, 30, 45, 60, 90])),
                    cost=float(rng.choice([10, 20, 25, 40, 50])), triggers=("boredom",),
                    practices=("set a money limit beforehand",) if rng.random() < 0.6 else ())
                logged = True
            if not logged and day not in existing_checkins:
                checkins.append(dict(day=day, created_at=now))
        with marked_at_the_end(conn):
            if entry_rows:
                conn.execute(insert(entries_table), entry_rows)
            if tag_rows:
                with counted_at_the_end(conn):
                    conn.execute(insert(entry_tags_table), tag_rows)
        if checkins:
            conn.execute(insert(checkins_table), checkins)
        if not conn.scalar(select(func.count()).select_from(goals_table)):
            _add_goals(conn, alcohol, cannabis, nicotine, first, last, settings.week_start)
        _add_questionnaires(conn, first, last, seed)
        return len(entry_rows)


def _add_goals(conn: Connection, alcohol: TrackableInfo, cannabis: TrackableInfo,
               nicotine: TrackableInfo,
               first: dt.date, last: dt.date, first_weekday: int) -> None:
    """A few realistic goals: a weekly limit lowered halfway, use-free days, a practice, a taper."""
    from harmtrack.core.common.days import week_start

    def goal(t: TrackableInfo, kind: str, steps: list[tuple[dt.date, float]], practice: str | None = None,
             taper_style: str | None = None) -> None:
        row = dict(trackable_id=t.id, type=kind, practice=practice, taper_style=taper_style, archived=False)
        goal_id = conn.execute(insert(goals_table).values(**row)).lastrowid
        conn.execute(insert(goal_versions_table),
                     [dict(goal_id=goal_id, effective_from=d, target=v) for d, v in steps])

    start = week_start(first, first_weekday)
    middle = week_start(first + (last - first) / 2, first_weekday)
    goal(alcohol, "weekly-max", [(start, 14.0)] + ([(middle, 10.0)] if middle > start else []))
    goal(cannabis, "free-days", [(start, 3.0)])
    goal(alcohol, "practice", [(start, 50.0)], practice="alternated with water")
    # A nicotine taper that began four weeks ago: 45 → 21 cigarettes a week over 8 weeks.
    taper_start = max(start, week_start(last, first_weekday) - dt.timedelta(weeks=4))
    goal(nicotine, "weekly-max", [(taper_start + dt.timedelta(weeks=i), 45.0 - 3.0 * (i + 1))
                                  for i in range(8)], taper_style="linear")


def _spread(total: int, tops: list[int], rng: random.Random) -> list[int]:
    """Item scores up to ``tops`` adding up to ``total``, spread at random."""
    scores = [0] * len(tops)
    order = list(range(len(tops)))
    while total > 0:
        rng.shuffle(order)
        for i in order:
            if total and scores[i] < tops[i]:
                scores[i] += 1
                total -= 1
    return scores


def _add_questionnaires(conn: Connection, first: dt.date, last: dt.date, seed: int) -> None:
    """Every four weeks: PHQ-9, GAD-7, AUDIT-C and the two rulers, easing over the range with
    one harder month (so the scores chart shows a "not on track" mark); DAST-10 each quarter.

    Its own random stream, so the entries a seed gives stay as they always were; scored by
    the core like any answers. PHQ-9's item 9 stays 0: the example shows no safety flag.
    """
    from harmtrack.core.care.questionnaires.answers import save_in
    from harmtrack.core.care.questionnaires.instruments import instrument
    from harmtrack.core.care.questionnaires.schedules import set_schedule_in

    rng = random.Random(seed * 7919 + 1)
    settings = read_settings(conn)
    span = max((last - first).days, 1)
    day, n = first + dt.timedelta(days=3), 0
    while day <= last:
        progress = (day - first).days / span
        bump = 6 if 0.45 <= progress < 0.53 else 0  # a hard month about halfway
        phq = max(0, min(24, round(15 - 10 * progress + bump + rng.gauss(0, 1.2))))
        gad = max(0, min(21, round(12 - 8 * progress + bump + rng.gauss(0, 1.2))))
        drinks = 2 if progress < 0.6 else 1
        totals: dict[str, list[int] | list[str]] = {
            "phq-9": _spread(phq, [3] * 8, rng) + [0], "gad-7": _spread(gad, [3] * 7, rng),
            "audit-c": [3 if progress < 0.5 else 2, drinks, 2 if progress < 0.4 else 1],
            "importance": [min(10, 6 + round(3 * progress))],
            "confidence": [min(10, 3 + round(5 * progress) - (2 if bump else 0))]}
        if n % 3 == 0:
            yes = max(1, round(4 - 2 * progress))
            answers = ["yes"] * yes + ["no"] * (10 - yes)
            answers[2] = "no" if progress < 0.5 else "yes"  # item 3: able to stop (reverse-scored)
            totals["dast-10"] = answers
        for key, given in totals.items():
            save_in(conn, instrument(key), day, given, settings)
        day += dt.timedelta(weeks=4)
        n += 1
    for key in ("phq-9", "gad-7", "audit-c"):
        set_schedule_in(conn, key, first, every_weeks=4)
