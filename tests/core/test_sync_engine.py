"""The sync engine: hybrid logical clocks and the merge (issue 15, SYNC_DESIGN.md).

Merge properties run on fresh in-memory databases holding only the sync tables: the merge
touches nothing else, and a fresh database per ordering is what "any device" means.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, MetaData, create_engine, select

from harmtrack.core.storage.schema import (
    sync_conflicts_table,
    sync_merged_table,
    sync_superseded_table,
)
from harmtrack.core.sync import merge
from harmtrack.core.sync.clock import Clock, format_clock, parse_clock
from harmtrack.core.sync.records import DELETED, Assignment

A, B, C = "a" * 32, "b" * 32, "c" * 32
SYNC_TABLES = [sync_merged_table, sync_superseded_table, sync_conflicts_table]


def fresh() -> Connection:
    """A new empty database with the merge's tables, as a connection (closed by the test)."""
    engine = create_engine("sqlite://")
    own = MetaData()  # not schema.metadata: its triggers name tables the merge never needs
    for table in SYNC_TABLES:
        table.to_metadata(own)
    own.create_all(engine)
    return engine.connect()


def tx(conn: Connection) -> Any:
    """A transaction of its own (one pass), after the reads the test made."""
    if conn.in_transaction():
        conn.commit()
    return conn.begin()


def clock(ms: int, device: str, counter: int = 0) -> str:
    return format_clock(ms, counter, device)


def contents(conn: Connection) -> tuple[object, ...]:
    """Everything the merge keeps, but the local ids and seen marks of conflicts."""
    m, s, c = sync_merged_table.c, sync_superseded_table.c, sync_conflicts_table.c
    return (
        sorted(conn.execute(select(m.table_name, m.uuid, m.deleted, m.fields)).all()),
        sorted(conn.execute(select(s.table_name, s.uuid, s.field, s.clock, s.base, s.device, s.value)).all()),
        sorted(conn.execute(select(c.table_name, c.uuid, c.field, c.kept_clock, c.other_clock)).all()),
    )


def conflict_pairs(conn: Connection) -> set[tuple[str, str, str]]:
    return {(r.field, r.kept, r.other) for r in merge.conflicts(conn)}  # type: ignore[misc]


# --- the clock ------------------------------------------------------------------------------

def test_ticks_are_monotonic_and_follow_the_wall_clock() -> None:
    c = Clock(A)
    first = c.tick(1_000)
    assert first == f"{1000:013d}.00000.{A}"
    assert c.tick(1_000) == f"{1000:013d}.00001.{A}"   # same millisecond: the counter
    assert c.tick(2_000) == f"{2000:013d}.00000.{A}"   # the wall clock moved on
    assert c.last == f"{2000:013d}.00000.{A}"


def test_a_wall_clock_going_backwards_still_gives_later_clocks() -> None:
    c = Clock(A)
    seen = [c.tick(5_000)]
    for physical in (4_000, 100, 4_999, 5_000, 3):
        seen.append(c.tick(physical))
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert parse_clock(seen[-1])[0] == 5_000


def test_receive_rule_puts_the_next_tick_after_every_clock_seen() -> None:
    c = Clock(A)
    c.tick(1_000)
    theirs = clock(9_000, B, counter=7)
    c.observe(theirs)
    assert c.last == theirs
    mine = c.tick(2_000)  # our wall clock is behind theirs
    assert mine > theirs and mine == f"{9000:013d}.00008.{A}"
    c.observe(clock(3_000, C))  # an older clock changes nothing
    assert c.tick(2_000) == f"{9000:013d}.00009.{A}"


def test_a_clock_carries_on_from_its_stored_last_value() -> None:
    first = Clock(A)
    stored = first.tick(7_000)
    again = Clock(A, stored)
    assert again.tick(1_000) > stored


def test_counter_overflow_keeps_the_fixed_width_and_the_order() -> None:
    c = Clock(A, clock(1_000, A, counter=99_999))
    nxt = c.tick(1_000)
    assert nxt == f"{1001:013d}.00000.{A}" and nxt > clock(1_000, A, counter=99_999)


@given(st.lists(st.tuples(st.integers(0, 10**13 - 1), st.integers(0, 99_999),
                          st.sampled_from([A, B, C])), min_size=2, max_size=30))
def test_clock_strings_sort_as_ms_counter_device(parts: list[tuple[int, int, str]]) -> None:
    texts = [format_clock(*p) for p in parts]
    assert sorted(texts) == [format_clock(*p) for p in sorted(parts)]
    assert [parse_clock(t) for t in texts] == parts


@given(st.lists(st.one_of(st.tuples(st.just("tick"), st.integers(0, 50)),
                          st.tuples(st.just("observe"), st.integers(0, 60), st.integers(0, 3),
                                    st.sampled_from([B, C]))), max_size=40))
def test_every_tick_is_later_than_every_clock_ticked_or_observed_before(
        steps: list[tuple[object, ...]]) -> None:
    c = Clock(A)
    latest = ""
    for step in steps:
        if step[0] == "tick":
            stamp = c.tick(int(step[1]))  # type: ignore[call-overload]
            assert stamp > latest and stamp.endswith(A)
            latest = stamp
        else:
            seen = format_clock(*step[1:])  # type: ignore[arg-type]
            c.observe(seen)
            latest = max(latest, seen)
        assert c.last == latest


@pytest.mark.parametrize("bad", ["", "1.2.3", f"{1:013d}.00000.{A.upper()}", f"{1:012d}.00000.{A}"])
def test_a_malformed_clock_is_refused(bad: str) -> None:
    from harmtrack.core.common.errors import InvalidEntry

    with pytest.raises(InvalidEntry):
        Clock(A).observe(bad)


# --- the merge ------------------------------------------------------------------------------

UUIDS = ("u1", "u2", "u3")
FIELDS = ("note", "amount", DELETED)


@st.composite
def assignment(draw: st.DrawFn, devices: tuple[str, ...]) -> Assignment:
    field = draw(st.sampled_from(FIELDS))
    ms = draw(st.integers(1, 6))
    device = draw(st.sampled_from(devices))
    own = clock(ms, device)
    base = draw(st.one_of(st.just(""), st.builds(clock, st.integers(0, ms - 1), st.sampled_from(devices))))
    values = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["x", "y"]))
    value = True if field == DELETED else draw(values)
    return Assignment(draw(st.sampled_from(("entries", "trackables"))), draw(st.sampled_from(UUIDS)),
                      field, value, own, base, device)


@st.composite
def histories(draw: st.DrawFn) -> list[Assignment]:
    devices = (A, B, C)[:draw(st.integers(2, 3))]
    return draw(st.lists(assignment(devices), min_size=1, max_size=40))


def merge_in_batches(assignments: list[Assignment], rng: random.Random) -> Connection:
    """Merge into a fresh database: shuffled, some repeated, in random batches, each its own
    transaction (one sync pass each)."""
    conn = fresh()
    shuffled = assignments + rng.sample(assignments, rng.randint(0, len(assignments)))
    rng.shuffle(shuffled)
    while shuffled:
        size = rng.randint(1, len(shuffled))
        batch, shuffled = shuffled[:size], shuffled[size:]
        with tx(conn):
            merge.merge(conn, batch)
    return conn


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.randoms(use_true_random=False))
def test_any_order_batches_and_repeats_give_the_same_winners_and_conflicts(
        assignments: list[Assignment], rng: random.Random) -> None:
    reference = fresh()
    with tx(reference):
        merge.merge(reference, assignments)
    expected = contents(reference)
    for _ in range(3):
        other = merge_in_batches(assignments, rng)
        assert contents(other) == expected
        other.close()
    # And the rule, recomputed from the whole set by hand: winners are the greatest clock;
    # a deleted row is deleted wherever it appears; conflicts as the design says.
    merged, _superseded, stored_conflicts = expected
    rows = {(t, u): d for t, u, d, _f in merged}
    for (t, u), deleted in rows.items():
        mine = [a for a in assignments if (a.table, a.uuid) == (t, u)]
        assert deleted == any(a.field == DELETED for a in mine)
    want = set()
    for (t, u), deleted in rows.items():
        if deleted:
            continue
        for field in {a.field for a in assignments if (a.table, a.uuid) == (t, u)}:
            same = [a for a in assignments if (a.table, a.uuid, a.field) == (t, u, field)]
            by_clock: dict[str, Assignment] = {}
            for a in same:  # one assignment per clock: the greatest (value, base)
                key = (merge.value_json(a.value), a.base)
                held = by_clock.get(a.clock)
                if held is None or key > (merge.value_json(held.value), held.base):
                    by_clock[a.clock] = a
            w = by_clock[max(by_clock)]
            want |= {(t, u, field, w.clock, a.clock) for a in by_clock.values()
                     if a.device != w.device and merge.value_json(a.value) != merge.value_json(w.value)
                     and a.clock > w.base}
    assert set(stored_conflicts) == want
    reference.close()


def test_two_values_at_one_clock_keep_the_same_one_in_any_order() -> None:
    """No device makes two values at one clock, but a file could say so: the state stays a
    function of the set (the greater value, then base, is kept; the winner as superseded)."""
    at_one = [edit("note", "x", 2, A), edit("note", "y", 2, A, base=clock(1, A)),
              edit("note", "y", 2, A), edit("note", "z", 1, A), edit("note", "w", 1, A, base=clock(0, B))]
    later = edit("note", "v", 3, B)
    results = []
    for order in (at_one + [later], [later, *reversed(at_one)], [at_one[1], later, *at_one]):
        conn = fresh()
        for a in order:
            with tx(conn):
                merge.merge(conn, [a])
        results.append(contents(conn))
    assert results[0] == results[1] == results[2]
    assert merge.merged_view(conn).fields("entries", "u1") == {"note": "v"}
    superseded = {(row.clock, row.value, row.base) for row in conn.execute(select(sync_superseded_table))}
    assert superseded == {(clock(2, A), '"y"', clock(1, A)), (clock(1, A), '"z"', "")}


def test_merging_with_small_internal_batches_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(4)
    history = [Assignment("entries", rng.choice(UUIDS), rng.choice(("note", "amount")), rng.randint(0, 5),
                          clock(rng.randint(1, 50), rng.choice((A, B, C))), "", rng.choice((A, B, C)))
               for _ in range(60)]
    history = [a._replace(device=a.clock[-32:]) for a in history]
    whole = fresh()
    with tx(whole):
        merge.merge(whole, history)
    monkeypatch.setattr(merge, "BATCH", 3)
    small = fresh()
    with tx(small):
        merge.merge(small, history)
    assert contents(small) == contents(whole)


def edit(field: str, value: object, ms: int, device: str, base: str = "", uuid: str = "u1") -> Assignment:
    return Assignment("entries", uuid, field, value, clock(ms, device), base, device)  # type: ignore[arg-type]


def test_three_edits_where_the_last_did_not_see_the_first_conflict_with_both() -> None:
    a = edit("note", "from A", 1, A)
    b = edit("note", "from B", 2, B, base=a.clock)       # B saw a
    c = edit("note", "from C", 3, C, base="")            # C saw neither
    conn = fresh()
    with tx(conn):
        outcome = merge.merge(conn, [c, a, b])
    assert outcome.rows[0].fields == {"note": "from C"} and outcome.new_conflicts == 2
    assert {(r.kept, r.other, r.other_device) for r in merge.conflicts(conn)} == {
        ("from C", "from A", A), ("from C", "from B", B)}


def test_an_edit_that_saw_the_others_is_no_conflict() -> None:
    a = edit("note", "from A", 1, A)
    b = edit("note", "from B", 2, B, base=a.clock)
    c = edit("note", "from C", 3, C, base=b.clock)       # C saw b (and so a)
    conn = fresh()
    with tx(conn):
        assert merge.merge(conn, [a, b, c]).new_conflicts == 0
    assert merge.conflicts(conn) == []


def test_only_the_clocks_after_the_winners_base_conflict() -> None:
    a = edit("note", "from A", 1, A)
    b = edit("note", "from B", 3, B)
    c = edit("note", "from C", 4, C, base=clock(2, C))   # saw up to 2: a, not b
    conn = fresh()
    with tx(conn):
        merge.merge(conn, [a, b, c])
    assert {r.other for r in merge.conflicts(conn)} == {"from B"}


def test_same_device_or_same_value_is_no_conflict() -> None:
    conn = fresh()
    with tx(conn):
        merge.merge(conn, [edit("note", "x", 1, A), edit("note", "y", 2, A),      # one device
                           edit("amount", 2, 1, B), edit("amount", 2, 2, A)])    # one value
    assert merge.conflicts(conn) == []


def test_the_later_clock_wins_and_a_tombstone_wins_over_later_edits() -> None:
    conn = fresh()
    with tx(conn):
        first = merge.merge(conn, [edit("note", "old", 1, A), edit("note", "new", 2, B)])
    assert first.rows[0].fields == {"note": "new"} and not first.rows[0].deleted
    with tx(conn):
        gone = merge.merge(conn, [edit(DELETED, True, 3, A)])
    assert gone.rows == [merge.MergedRow("entries", "u1", {"note": "new"}, True)]
    with tx(conn):  # an edit after the deletion (made without seeing it) changes nothing
        later = merge.merge(conn, [edit("note", "later", 9, B, base=clock(2, B))])
    assert later.rows == []
    assert merge.merged_view(conn).fields("entries", "u1") == {"note": "later", DELETED: True}
    assert merge.conflicts(conn) == []


def test_a_deletion_removes_the_rows_conflicts() -> None:
    conn = fresh()
    with tx(conn):
        merge.merge(conn, [edit("note", "x", 1, A), edit("note", "y", 2, B)])
    assert len(merge.conflicts(conn)) == 1
    with tx(conn):
        merge.merge(conn, [edit(DELETED, True, 3, A)])
    assert merge.conflicts(conn) == []


def test_a_deletion_must_say_true() -> None:
    from harmtrack.core.common.errors import InvalidEntry

    conn = fresh()
    with pytest.raises(InvalidEntry, match="not true"), tx(conn):
        merge.merge(conn, [edit(DELETED, False, 1, A)])


def test_known_assignments_are_no_ops_and_report_no_rows() -> None:
    history = [edit("note", "x", 1, A), edit("amount", 2, 1, A)]
    conn = fresh()
    with tx(conn):
        assert len(merge.merge(conn, history).rows) == 1
    before = contents(conn)
    with tx(conn):
        assert merge.merge(conn, history) == merge.MergeOutcome([], 0)
        assert merge.merge(conn, [edit("note", "older", 0, B)]).rows == []  # superseded at once
    assert contents(conn)[0] == before[0]


def test_merged_rows_carry_every_winner_of_the_row() -> None:
    conn = fresh()
    with tx(conn):
        merge.merge(conn, [edit("note", "x", 1, A), edit("amount", 2, 1, A)])
    with tx(conn):
        outcome = merge.merge(conn, [edit("amount", 3, 5, B, base=clock(1, A))])
    assert outcome.rows == [merge.MergedRow("entries", "u1", {"note": "x", "amount": 3}, False)]
    view = merge.merged_view(conn)
    assert view.field_clock("entries", "u1", "amount") == clock(5, B)
    assert view.field_clock("entries", "u1", "mood") is None
    assert view.fields("entries", "nobody") is None


def test_dismissing_a_conflict_is_kept_while_it_stays_a_conflict() -> None:
    from harmtrack.core.common.errors import NotFound

    conn = fresh()
    with tx(conn):
        merge.merge(conn, [edit("note", "x", 1, A), edit("note", "y", 2, B)])
    (record,) = merge.conflicts(conn)
    assert (record.kept, record.other, record.other_device, record.other_clock) == ("y", "x", A, clock(1, A))
    with tx(conn):
        merge.dismiss_conflict(conn, record.id)
        merge.merge(conn, [edit("note", "x", 1, A)])  # hearing it again: still seen
    assert merge.conflicts(conn) == []
    with tx(conn):  # a new winner makes a new pair to see
        merge.merge(conn, [edit("note", "z", 3, C)])
    assert {(r.kept, r.other) for r in merge.conflicts(conn)} == {("z", "x"), ("z", "y")}
    with pytest.raises(NotFound):
        merge.dismiss_conflict(conn, 999)
