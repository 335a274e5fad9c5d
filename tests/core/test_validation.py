"""Numbers typed or imported: one parser, one range check, the same answer everywhere."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.goals import store as goals
from harmtrack.core.goals import taper
from harmtrack.core.tracking import entries, validation
from harmtrack.core.tracking.validation import GENERAL_MAXIMUM, check_quantity, parse_number


@pytest.mark.parametrize("text, value", [
    ("2", 2), (" 2.5 ", 2.5), ("2,5", 2.5), ("0,125", 0.125), ("12.50", 12.5), (".5", 0.5),
    ("1,234,567", 1234567), ("1.234.567,5", 1234567.5), ("1,234.5", 1234.5), ("1 000", 1000),
    ("1\u00a0000,5", 1000.5), ("1'234.5", 1234.5), ("1234,567", 1234.567), ("1,2345", 1.2345),
    ("1e3", 1000), ("2.5E-1", 0.25), ("-3", -3), ("+4", 4), ("\u22123", -3),
])
def test_numbers_people_write(text: str, value: float) -> None:
    assert parse_number(text, "amount") == value


@pytest.mark.parametrize("text, words", [
    ("1,000", "could mean 1000 or 1: write 1000 or 1"),
    ("1.000", "could mean 1000 or 1: write 1000 or 1"),
    ("1.250", "could mean 1250 or 1.25: write 1250 or 1.25"),
    ("10,500", "could mean 10500 or 10,5: write 10500 or 10,5"),
    ("1.125", "write 1125 or 1.1250"),
    ("1_000", "without '_'"),
    ("inf", "finite"), ("-Infinity", "finite"), ("nan", "finite"),
    ("1e400", "too large"), ("9" * 400, "too large"),
    ("1,000,5", "must be a number"), ("1.234,567.8", "must be a number"), ("", "must be a number"),
    ("0x10", "must be a number"), ("½", "must be a number"),
])
def test_ambiguous_or_impossible_text_is_refused(text: str, words: str) -> None:
    with pytest.raises(InvalidEntry, match=words.replace(".", r"\.")):
        parse_number(text, "amount")


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 10**400, True, None, [1]])
def test_non_finite_or_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(InvalidEntry):
        parse_number(value, "amount")


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
@example(1.125)
@example(12.5)
def test_a_number_written_plainly_reads_back(value: float) -> None:
    """Read back as written, except "1.125"-like text (1125 in many locales): that one is
    refused, and the spelling the message offers for the decimal meaning reads back."""
    text = repr(value)
    whole, _, fraction = text.partition(".")
    if len(fraction) == 3 and len(whole) <= 3 and whole != "0":
        with pytest.raises(InvalidEntry) as refused:
            parse_number(text, "amount")
        offered = str(refused.value).rsplit(" or ", 1)[1].split(" ", 1)[0]
        assert parse_number(offered, "amount") == value
    else:
        assert parse_number(text, "amount") == value


def test_each_builtin_unit_has_its_own_bound(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidEntry, match=r"^1000000000 standard drinks is more than HarmTrack "
                                           r"accepts for one entry \(at most 100\)$"):
        entries.log(db, "alcohol", "1e9")
    with pytest.raises(InvalidEntry, match=r"101 standard drinks .*at most 100"):
        entries.log(db, "alcohol", 101)
    assert entries.log(db, "alcohol", 100).amount == 100
    # The bound applies to the amount in the trackable's unit, after conversion.
    entries.log(db, "benzodiazepines", 1, unit="g")
    with pytest.raises(InvalidEntry, match="mg is more than"):
        entries.log(db, "benzodiazepines", 6, unit="g")
    assert sorted(e.amount for e in entries.list_entries(db)) == [100, 1000]


def test_a_changed_entry_keeps_within_its_units_bound(db) -> None:  # type: ignore[no-untyped-def]
    rec = entries.log(db, "alcohol", 2)
    with pytest.raises(InvalidEntry, match="at most 100"):
        entries.update_entry(db, rec.id, amount=500)
    assert entries.get_entry(db, rec.id).amount == 2


def test_own_units_get_the_general_bound(db) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.tracking import trackables

    trackables.add_custom(db, "Doomscrolling", "minutes", "behaviour")
    assert entries.log(db, "doomscrolling", GENERAL_MAXIMUM).amount == GENERAL_MAXIMUM
    with pytest.raises(InvalidEntry, match="at most 1000000"):
        entries.log(db, "doomscrolling", GENERAL_MAXIMUM * 10)


def test_targets_costs_and_tapers_share_the_parser() -> None:
    with pytest.raises(InvalidEntry, match="could mean"):
        goals.check_target("weekly-max", "1,000")
    with pytest.raises(InvalidEntry, match="finite"):
        goals.check_target("weekly-max", math.inf)
    with pytest.raises(InvalidEntry, match="'_'"):
        validation.check_cost("1_000")
    assert validation.check_cost("12,50") == 12.5
    with pytest.raises(InvalidEntry, match="finite"):
        taper.check_weeks(math.inf)
    with pytest.raises(InvalidEntry, match="must be 0 or more"):
        check_quantity("-1", "amount")
