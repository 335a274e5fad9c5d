"""The therapist's share: the report's range and leave-out rules, sealed, opened read-only
in a temporary folder that goes again (exchange.share)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import stat
import tempfile
from pathlib import Path

import pytest

from harmtrack.core.care import plans, sessions
from harmtrack.core.common.errors import DatabaseError, InvalidEntry
from harmtrack.core.exchange.share import PURPOSE, open_share, write_share
from harmtrack.core.goals import store as goals
from harmtrack.core.privacy.sealed import SealError, open_with_passphrase
from harmtrack.core.report.data import ReportOptions
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries, trackables
from harmtrack.core.tracking.entries import EntryInput

PASS = "violet anchor pottery thunder"
NOTE = "walked past the old bar on Elm Street"
TRIGGER = "argument with Jordan"
HIDDEN = "Gambling"


@pytest.fixture(autouse=True)
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary folders of this test only, so what is left behind can be seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def at(day: int, hour: int = 20) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=dt.UTC)


@pytest.fixture
def history(utc_settings: Database) -> Database:
    db = utc_settings
    for key in ("alcohol", "cannabis", "gambling"):
        trackables.add_builtin(db, key)
    update_settings(db, heavy_day_amounts={"gambling": 60.0, "alcohol": 5.0}, currency="EUR")
    entries.add_entry(db, EntryInput("Alcohol", 3, at=at(2), note=NOTE, triggers=[TRIGGER],
                                     practices=["water between drinks"], cost=14.5, discuss=True))
    entries.add_entry(db, EntryInput("Alcohol", 2, at=at(5), cost=9))
    entries.add_entry(db, EntryInput("Cannabis", 1, at=at(6, 22), note="after work",
                                     triggers=["stress"]))
    entries.add_entry(db, EntryInput(HIDDEN, 45, at=at(7), note="slots", cost=40))  # only entry that day
    entries.add_entry(db, EntryInput("Alcohol", 6, at=at(20), note="outside the range"))
    entries.add_entry(db, EntryInput("Alcohol", 1, at=dt.datetime(2026, 2, 27, 20, tzinfo=dt.UTC)))
    checkins.check_in(db, dt.date(2026, 3, 4))
    goals.create_goal(db, "Alcohol", "daily-max", 3, start=dt.date(2026, 2, 1))
    goals.create_goal(db, "Alcohol", "money-weekly", 30, start=dt.date(2026, 2, 1))
    goals.create_goal(db, HIDDEN, "daily-max", 30, start=dt.date(2026, 2, 1))
    sessions.add_session(db, dt.date(2026, 3, 3), therapist="Dr. Rivera", note="talked about evenings")
    plans.add_plan(db, TRIGGER, "call my sister first")
    return db


def options(db: Database, **kw: object) -> ReportOptions:
    hidden = trackables.resolve(db, HIDDEN).id
    base = ReportOptions(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 10), omit_trackables=(hidden,))
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def plaintext(path: Path) -> str:
    out = io.BytesIO()
    with path.open("rb") as fh:
        open_with_passphrase(PASS, PURPOSE, fh, out)  # type: ignore[arg-type]
    return out.getvalue().decode("utf-8")


def without_ids(rows: list[entries.EntryRecord]) -> list[dict[str, object]]:
    return [{k: v for k, v in r.to_json().items() if k != "id"} for r in rows]


def test_opened_share_holds_the_range_minus_what_was_left_out(history: Database, tmp_path: Path,
                                                                own_temp: Path) -> None:
    out = tmp_path / "for-therapist.htshare"
    chosen = options(history, omit_notes=True, omit_triggers=True, omit_cost=True)
    result = write_share(history, chosen, PASS, out)
    assert result.entries == 3 and result.left_out == ("notes", "triggers", "money spent",
                                                       "1 tracked thing (not named here)")
    expected = []
    for row in without_ids(entries.list_entries(history, dt.date(2026, 3, 1), dt.date(2026, 3, 10))):
        if row["trackable"] != HIDDEN:
            expected.append(row | {"note": None, "triggers": [], "cost": None})
    with open_share(out, PASS) as share:
        assert (share.start, share.end) == (dt.date(2026, 3, 1), dt.date(2026, 3, 10))
        assert share.left_out == result.left_out
        assert share.folder.parent == own_temp and stat.S_IMODE(share.folder.stat().st_mode) == 0o700
        got = without_ids(entries.list_entries(share.db))
        assert got == expected
        assert [t.name for t in trackables.list_trackables(share.db, include_archived=True)] == [
            "Alcohol", "Cannabis"]
        # The money goal went with the money; the session with the notes; the plan with the triggers.
        alcohol = trackables.resolve(share.db, "Alcohol").id
        assert [(g.trackable_id, g.type) for g in goals.list_goals(share.db)] == [(alcohol, "daily-max")]
        assert sessions.list_sessions(share.db) == [] and plans.list_plans(share.db) == []
        # A day the client logged only the left-out thing still counts as logged, as in the report.
        assert checkins.logged_days(share.db, share.start, share.end) == checkins.logged_days(
            history, share.start, share.end)
    assert list(own_temp.iterdir()) == []  # the temporary folder is gone


def test_left_out_content_is_nowhere_in_the_file(history: Database, tmp_path: Path) -> None:
    out = tmp_path / "s.htshare"
    write_share(history, options(history, omit_notes=True, omit_triggers=True, omit_cost=True), PASS, out)
    sealed = out.read_bytes()
    text = plaintext(out)
    json.loads(text)  # the export's own JSON document
    for secret in (NOTE, TRIGGER, "after work", "stress", "talked about evenings", "call my sister",
                   HIDDEN, "slots", "14.5", "money-weekly"):
        assert secret not in text
        assert secret.encode() not in sealed
    assert "gambling" not in text.casefold()  # not even its heavy-use day setting
    assert '"heavy_day_amounts": {\n      "alcohol": 5' in text
    assert "water between drinks" in text  # practices were not left out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_what_is_not_left_out_comes_through(history: Database, tmp_path: Path) -> None:
    out = tmp_path / "s.htshare"
    write_share(history, options(history, trackables=()), PASS, out)
    with open_share(out, PASS) as share:
        first = entries.list_entries(share.db, trackable_ids=None)[0]
        assert (first.note, first.triggers, first.cost, first.discuss) == (NOTE, (TRIGGER,), 14.5, True)
        assert [s.note for s in sessions.list_sessions(share.db)] == ["talked about evenings"]
        assert [p.trigger for p in plans.list_plans(share.db)] == [TRIGGER]
        assert sorted(g.type for g in goals.list_goals(share.db)) == ["daily-max", "money-weekly"]
    assert NOTE.encode() not in out.read_bytes()  # sealed: no plaintext, even when shared


def test_the_opened_share_refuses_every_write(history: Database, tmp_path: Path) -> None:
    out = tmp_path / "s.htshare"
    write_share(history, options(history), PASS, out)
    with open_share(out, PASS) as share:
        before = len(entries.list_entries(share.db))
        with pytest.raises(DatabaseError):
            entries.add_entry(share.db, EntryInput("Alcohol", 1, at=at(3)))
        with pytest.raises(DatabaseError):
            sessions.add_session(share.db, dt.date(2026, 3, 9), note="written by the reader")
        assert len(entries.list_entries(share.db)) == before


@pytest.mark.parametrize("damage", ["passphrase", "flipped", "truncated", "not-a-share"])
def test_a_wrong_passphrase_or_damaged_file_is_refused_and_leaves_nothing(
        history: Database, tmp_path: Path, own_temp: Path, damage: str) -> None:
    out = tmp_path / "s.htshare"
    write_share(history, options(history), PASS, out)
    data = bytearray(out.read_bytes())
    passphrase = PASS
    if damage == "passphrase":
        passphrase = "another quite long passphrase"
    elif damage == "flipped":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncated":
        data = data[:-20]
    else:
        data = bytearray(b'{"format": "harmtrack-export"}')
    out.write_bytes(bytes(data))
    with pytest.raises(SealError):
        open_share(out, passphrase)
    assert list(own_temp.iterdir()) == []


def test_a_weak_passphrase_is_refused_before_anything_is_written(history: Database, tmp_path: Path) -> None:
    out = tmp_path / "s.htshare"
    with pytest.raises(InvalidEntry, match="easy to guess|at least"):
        write_share(history, options(history), "password1", out)
    assert list(tmp_path.glob("s.htshare*")) == []


def test_a_write_broken_off_midway_leaves_no_file(history: Database, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from harmtrack.core.exchange import share

    def broken(*_a: object, **_k: object) -> dict[str, object]:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(share, "shared_entry", broken)
    with pytest.raises(RuntimeError):
        write_share(history, options(history), PASS, tmp_path / "s.htshare")
    assert list(tmp_path.glob("s.htshare*")) == []


def test_memory_stays_flat_as_the_range_grows(utc_settings: Database, tmp_path: Path) -> None:
    """Written as read: 4× the entries (each range well past one sealed chunk) must not
    take anything like 4× the memory."""
    import os
    import tracemalloc

    from sqlalchemy import insert

    from harmtrack.core.storage.db import transaction
    from harmtrack.core.storage.schema import entries_table

    db = utc_settings
    tid = trackables.add_builtin(db, "alcohol").id
    peaks = []
    start = dt.datetime(2020, 1, 1, 12)
    added = 0
    chosen = ReportOptions(start=dt.date(2020, 1, 1), end=dt.date(2022, 12, 31))
    write_share(db, chosen, PASS, tmp_path / "warm-up.htshare")  # the passphrase rule's dictionaries
    for total in (4_000, 16_000):
        rows = [dict(trackable_id=tid, occurred_at=start + dt.timedelta(hours=i), utc_offset_min=0,
                     day=(start + dt.timedelta(hours=i)).date(), amount=1.0, urge_only=False,
                     discuss=False, note=os.urandom(60).hex())  # hardly compressible: chunks fill
                for i in range(added, total)]
        with transaction(db) as conn:
            conn.execute(insert(entries_table), rows)
        added = total
        tracemalloc.start()
        result = write_share(db, chosen, PASS, tmp_path / f"{total}.htshare")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert result.entries == total
    assert peaks[1] < peaks[0] * 1.5, peaks


def test_questionnaires_and_balances_follow_the_report_choices(history: Database, tmp_path: Path) -> None:
    from harmtrack.core.care import balance
    from harmtrack.core.care.questionnaires import answers

    alcohol = trackables.resolve(history, "Alcohol").id
    hidden = trackables.resolve(history, HIDDEN).id
    now = entries.today(history)
    balance.add_balance(history, alcohol, dt.date(2026, 3, 8), "it relaxes me", "mornings", today=now)
    balance.add_balance(history, hidden, dt.date(2026, 3, 8), "excitement", "money", today=now)
    answers.take(history, "audit-c", [2, 1, 0], dt.date(2026, 3, 9))
    answers.take(history, "audit-c", [1, 1, 0], dt.date(2026, 3, 25))  # after the range
    out = tmp_path / "s.htshare"
    write_share(history, options(history, balance_and_ideal_use=True), PASS, out)
    with open_share(out, PASS) as share:
        assert [b.gives for b in balance.balances(share.db, trackables.resolve(share.db, "Alcohol").id)] == [
            "it relaxes me"]
        assert [a.date for a in answers.history(share.db)] == [dt.date(2026, 3, 9)]
    assert "excitement" not in plaintext(out)
    write_share(history, options(history, omit_questionnaires=True), PASS, out)
    text = plaintext(out)
    assert "it relaxes me" not in text and '"questionnaire_answers": []' in text
