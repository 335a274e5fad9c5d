"""Questionnaires scored by their published rules, kept one per day, and due on schedule.

Expected totals and bands come from each instrument's scoring source (named in its file
in resources/instruments/), not from the code: PHQ-9 (Kroenke 2001: 5/10/15/20), GAD-7
(Spitzer 2006: 5/10/15), AUDIT (WHO 2001: 0-7/8-15/16-19/20-40), AUDIT-C (Bradley 2003:
positive at 4 or more for men, 3 or more for women), DAST-10 (Skinner 1982: yes = 1 but
item 3, where no = 1; 0/1-2/3-5/6-8/9-10).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from harmtrack.core.care import sessions
from harmtrack.core.care.questionnaires import answers, instruments, schedules, scoring
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.schema import questionnaire_answers_table

ins = instruments.instrument


def spread(total: int, n: int, top: int) -> list[int]:
    """n answers of 0..top adding up to ``total`` (filled from the first item)."""
    out = []
    for _ in range(n):
        out.append(min(top, total))
        total -= out[-1]
    assert total == 0
    return out


@pytest.mark.parametrize("total, band", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")])
def test_phq9_totals_and_bands_at_every_edge(total: int, band: str) -> None:
    # Item 9 kept at 0 so the safety flag stays out of the band check.
    given = spread(total, 8, 3) + [0] if total <= 24 else [3] * 9
    s = scoring.score(ins("phq-9"), given)
    assert (s.total, s.band) == (total, band)


@pytest.mark.parametrize("total, band", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "severe"), (21, "severe")])
def test_gad7_totals_and_bands_at_every_edge(total: int, band: str) -> None:
    s = scoring.score(ins("gad-7"), spread(total, 7, 3))
    assert (s.total, s.band, s.safety) == (total, band, False)


@pytest.mark.parametrize("total, zone", [(0, "zone I"), (7, "zone I"), (8, "zone II"), (15, "zone II"),
                                         (16, "zone III"),
                                         (19, "zone III"), (20, "zone IV"), (40, "zone IV")])
def test_audit_totals_and_risk_zones_at_every_edge(total: int, zone: str) -> None:
    # Items 1-8 score 0-4; items 9 and 10 only 0, 2 or 4.
    first = spread(min(total, 32), 8, 4)
    rest = total - sum(first)
    last = [min(4, rest), rest - min(4, rest)]
    s = scoring.score(ins("audit"), first + last)
    assert s.total == total and s.band is not None and s.band.startswith(zone + ":")


def test_audit_items_9_and_10_take_only_0_2_or_4() -> None:
    with pytest.raises(InvalidEntry, match="question 9 of AUDIT takes one of 0, 2, 4"):
        scoring.check_answers(ins("audit"), [0] * 8 + [1, 0])


@pytest.mark.parametrize("answers, total, band", [
    (["no"] * 2 + ["yes"] + ["no"] * 7, 0, "no problems reported"),
    (["no"] * 10, 1, "a low level of problems"),  # item 3 "no": not always able to stop
    (["yes", "yes", "yes"] + ["no"] * 7, 2, "a low level of problems"),
    (["yes", "yes", "yes", "yes"] + ["no"] * 6, 3, "a moderate level of problems"),
    (["yes", "yes", "no", "yes", "yes"] + ["no"] * 5, 5, "a moderate level of problems"),
    (["yes", "yes", "no", "yes", "yes", "yes"] + ["no"] * 4, 6, "a substantial level of problems"),
    (["yes"] * 2 + ["no"] + ["yes"] * 5 + ["no", "no"], 8, "a substantial level of problems"),
    (["yes"] * 2 + ["no"] + ["yes"] * 6 + ["no"], 9, "a severe level of problems"),
    (["yes", "yes", "no"] + ["yes"] * 7, 10, "a severe level of problems"),
    (["yes"] * 10, 9, "a severe level of problems"),  # item 3 "yes" scores 0
])
def test_dast10_item_3_is_reverse_scored_and_levels_follow_skinner(answers: list[str], total: int,
                                                                    band: str) -> None:
    s = scoring.score(ins("dast-10"), answers)
    assert (s.total, s.band) == (total, band)


def test_dast10_answers_are_yes_or_no() -> None:
    with pytest.raises(InvalidEntry, match="question 1 of DAST-10 is answered yes or no"):
        scoring.check_answers(ins("dast-10"), ["1"] + ["no"] * 9)


@pytest.mark.parametrize("given, sex, positive", [
    ([1, 1, 0], "male", False), ([1, 1, 0], "female", False),
    ([1, 1, 1], "male", False), ([1, 1, 1], "female", True),
    ([2, 1, 1], "male", True), ([2, 1, 1], "female", True),
])
def test_audit_c_screens_by_sex_with_bradley_2003_cut_offs(given: list[int], sex: str,
                                                           positive: bool) -> None:
    s = scoring.score(ins("audit-c"), given, sex)
    assert s.positive_screen is positive
    cut = "4 or more for men" if sex == "male" else "3 or more for women"
    assert s.band is not None and cut in s.band
    assert s.band.startswith("at or above" if positive else "below")


def test_audit_c_without_a_sex_setting_shows_both_cut_offs_honestly() -> None:
    a = ins("audit-c")
    three = scoring.score(a, [1, 1, 1])
    assert three.positive_screen is None  # it depends on which cut-off applies
    assert three.band == ("below the screening cut-off for men (4 or more); "
                          "at or above the screening cut-off for women (3 or more)")
    assert scoring.score(a, [0, 1, 1]).positive_screen is False
    assert scoring.score(a, [4, 4, 4]).positive_screen is True
    assert scoring.score(a, [4, 4, 4]).total == 12


def test_the_sex_setting_is_used_when_the_settings_have_one() -> None:
    from harmtrack.core.storage.settings import Settings

    assert answers.user_sex(Settings(sex="female")) == "female"
    assert answers.user_sex(Settings()) is None  # the default: both cut-offs shown


def test_the_screening_cut_off_setting_scores_audit_c_and_earlier_bands_stay(utc_settings) -> None:
    from harmtrack.core.storage.settings import get_settings, update_settings

    db = utc_settings
    assert get_settings(db).sex is None
    both = answers.take(db, "audit-c", [1, 1, 1], dt.date(2026, 1, 5))
    assert both.score.positive_screen is None and "for men" in (both.taken.band or "")
    update_settings(db, sex="female")
    women = answers.take(db, "audit-c", [1, 1, 1], dt.date(2026, 1, 6))
    assert women.score.positive_screen is True
    assert women.taken.band == "at or above the screening cut-off (3 or more for women)"
    update_settings(db, sex="male")
    men = answers.take(db, "audit-c", [1, 1, 1], dt.date(2026, 1, 7))
    assert men.taken.band == "below the screening cut-off (4 or more for men)"
    # A band is kept as it was scored: changing the setting does not rewrite history.
    kept = {t.date: t.band for t in answers.history(db, "audit-c")}
    assert kept[dt.date(2026, 1, 5)] == both.taken.band
    assert kept[dt.date(2026, 1, 6)] == women.taken.band
    with pytest.raises(InvalidEntry, match="screening cut-offs"):
        update_settings(db, sex="other")
    assert get_settings(db).sex == "male"


@pytest.mark.parametrize("item9, flagged", [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item_9_above_0_raises_the_safety_flag(item9: int, flagged: bool) -> None:
    assert scoring.score(ins("phq-9"), [0] * 8 + [item9]).safety is flagged
    # No other item sets it, however high.
    assert scoring.score(ins("phq-9"), [3] * 8 + [0]).safety is False


def test_rulers_score_0_to_10_with_no_made_up_bands() -> None:
    for key in ("importance", "confidence"):
        s = scoring.score(ins(key), ["7"])
        assert (s.total, s.band) == (7, None)
        with pytest.raises(InvalidEntry):
            scoring.check_answers(ins(key), ["11"])


def test_reliable_change_amounts_carry_their_source_and_mark_a_worse_score() -> None:
    assert (ins("phq-9").reliable_change, ins("gad-7").reliable_change) == (5, 4)
    assert "Löwe" in (ins("phq-9").reliable_change_source or "")
    for key in ("audit", "audit-c", "dast-10", "importance", "confidence"):
        assert ins(key).reliable_change is None  # no source gives one
    assert scoring.worsened(ins("phq-9"), 6, 11) and not scoring.worsened(ins("phq-9"), 6, 10)
    assert scoring.worsened(ins("gad-7"), 3, 7) and not scoring.worsened(ins("gad-7"), 7, 3)


def test_every_instrument_has_its_source_licence_and_attribution() -> None:
    found = {i.key: i for i in instruments.all_instruments()}
    assert {"audit-c", "audit", "dast-10", "phq-9", "gad-7", "importance", "confidence"} <= set(found)
    for i in found.values():
        assert len(i.scoring_source) > 30 and len(i.licence_terms) > 30 and len(i.attribution) > 20
    for key in ("audit", "dast-10"):
        assert "non-commercial" in found[key].licence_terms
    assert "Skinner" in found["dast-10"].attribution
    for key in ("phq-9", "gad-7"):
        assert "No permission required" in found[key].attribution
    assert "12695273" in (found["audit-c"].screen.source if found["audit-c"].screen else "")


#: What HarmTrack wrote itself (band labels, screen results, about): never a stigmatizing
#: word. The items are the published wording, kept unchanged for the instruments' validity.
WORDS = re.compile(r"\b(clean|dirty|relapse[sd]?|addicts?|addicted|abusers?|junkies?|failures?)\b", re.I)


def test_our_own_wording_in_the_instruments_is_calm() -> None:
    for i in instruments.all_instruments():
        ours = [i.about, i.name] + [b.label for b in i.bands]
        if i.screen:
            ours += [i.screen.positive, i.screen.negative]
        assert not [t for t in ours if WORDS.search(t)], i.key


# --- a new instrument is a new file ------------------------------------------------------------

def copy_instruments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "instruments"
    shutil.copytree(instruments.FOLDER, folder)
    monkeypatch.setattr(instruments, "FOLDER", folder)
    return folder


NEW = {
    "key": "sleep-3", "name": "Sleep-3", "title": "Three sleep questions",
    "options": [{"text": "No", "score": 0}, {"text": "Some", "score": 1}, {"text": "A lot", "score": 2}],
    "items": [{"text": "Trouble falling asleep?"}, {"text": "Waking early?"}, {"text": "Tired by day?"}],
    "range": [0, 6],
    "bands": [{"min": 0, "max": 2, "label": "little"}, {"min": 3, "max": 6, "label": "more"}],
    "scoring": {"source": "A test instrument"}, "licence": {"terms": "test", "attribution": "test"},
}


def test_a_new_file_is_a_new_instrument_with_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_instruments(tmp_path, monkeypatch)
    (folder / "sleep.json").write_text(json.dumps(NEW), encoding="utf-8")
    s = scoring.score(ins("sleep-3"), [2, 1, 0])
    assert (s.total, s.band) == (3, "more")


@pytest.mark.parametrize("change, message", [
    ({"range": [0, 9]}, "the range says 0-9 but the items add up to 0-6"),
    ({"bands": [{"min": 0, "max": 2, "label": "a"}, {"min": 4, "max": 6, "label": "b"}]}, "without gaps"),
    ({"licence": None}, "'licence' must give the terms"),
    ({"scoring": None}, "'scoring' must say where"),
    ({"safety_items": [4]}, "names an item that is not there"),
    ({"key": "Bad Key"}, "lower-case letters"),
    ({"items": [{"text": "x", "type": "slider"}]}, "type must be"),
])
def test_a_malformed_instrument_file_gets_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          change: dict, message: str) -> None:
    folder = copy_instruments(tmp_path, monkeypatch)
    (folder / "sleep.json").write_text(json.dumps({**NEW, **change}), encoding="utf-8")
    with pytest.raises(instruments.InstrumentError, match=re.escape(message)) as caught:
        instruments.all_instruments()
    assert str(caught.value).startswith("sleep.json")


def test_a_file_that_is_not_json_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_instruments(tmp_path, monkeypatch)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(instruments.InstrumentError, match=r"broken.json: is not valid JSON \(line 1"):
        instruments.all_instruments()


# --- kept answers ------------------------------------------------------------------------------

def count_rows(db) -> int:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(questionnaire_answers_table)) or 0)


def test_taking_again_the_same_day_replaces_and_earlier_days_stay(utc_settings) -> None:
    db = utc_settings
    monday, tuesday = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    answers.take(db, "gad-7", [1] * 7, monday)
    first = answers.take(db, "gad-7", [2] * 7, tuesday)
    again = answers.take(db, "GAD-7", [0] * 7, tuesday)
    assert (first.replaced, again.replaced) == (False, True)
    kept = answers.history(db, "gad-7")
    assert [(t.date, t.total, t.band) for t in kept] == [(monday, 7, "mild"), (tuesday, 0, "minimal")]
    assert kept[0].answers == (1,) * 7


def test_wrong_answers_write_nothing(utc_settings) -> None:
    db = utc_settings
    for bad in ([1] * 6, [1] * 8, [1] * 6 + [4], [1] * 6 + ["-1"], ["x"] * 7):
        with pytest.raises(InvalidEntry):
            answers.take(db, "gad-7", bad, dt.date(2026, 3, 2))
    with pytest.raises(NotFound, match="no questionnaire 'nope'; choose one of: audit-c"):
        answers.take(db, "nope", [1])
    with pytest.raises(InvalidEntry, match="not a day to come"):
        answers.take(db, "gad-7", [1] * 7, dt.date.today() + dt.timedelta(days=3))
    assert count_rows(db) == 0


def test_history_filters_by_instrument_and_range(utc_settings) -> None:
    db = utc_settings
    answers.take(db, "phq-9", [1] * 9, dt.date(2026, 1, 5))
    answers.take(db, "audit-c", [1, 0, 0], dt.date(2026, 1, 6))
    answers.take(db, "phq-9", [0] * 9, dt.date(2026, 2, 5))
    assert [t.key for t in answers.history(db)] == ["phq-9", "audit-c", "phq-9"]
    assert [t.total for t in answers.history(db, "phq-9")] == [9, 0]
    january = answers.history(db, start=dt.date(2026, 1, 6), end=dt.date(2026, 1, 31))
    assert [t.key for t in january] == ["audit-c"]


# --- due dates ---------------------------------------------------------------------------------

def test_no_schedule_is_never_due(utc_settings) -> None:
    assert schedules.due(utc_settings, "phq-9") is None
    assert set(schedules.due_dates(utc_settings).values()) == {None}


def test_every_n_weeks_is_due_n_weeks_after_the_last_time(utc_settings) -> None:
    db = utc_settings
    chosen = schedules.set_schedule(db, "phq-9", every_weeks=4)
    assert chosen is not None and schedules.due(db, "phq-9") == chosen.since  # never taken: due now
    answers.take(db, "phq-9", [0] * 9, dt.date(2026, 3, 2))
    assert schedules.due(db, "phq-9") == dt.date(2026, 3, 30)
    answers.take(db, "phq-9", [0] * 9, dt.date(2026, 3, 20))
    assert schedules.due(db, "phq-9") == dt.date(2026, 4, 17)
    assert schedules.due_now(db, dt.date(2026, 4, 16)) == []
    assert schedules.due_now(db, dt.date(2026, 4, 17)) == ["phq-9"]
    assert schedules.set_schedule(db, "phq-9") is None  # neither choice: off
    assert schedules.due(db, "phq-9") is None


def test_before_each_session_is_due_after_a_session_until_taken(utc_settings) -> None:
    db = utc_settings
    schedules.set_schedule(db, "gad-7", before_sessions=True)
    since = schedules.schedules(db)["gad-7"].since
    assert schedules.due(db, "gad-7") == since  # no session yet, never taken
    answers.take(db, "gad-7", [0] * 7, since)
    assert schedules.due(db, "gad-7") is None  # taken: waits for the session
    sessions.add_session(db, since)
    assert schedules.due(db, "gad-7") == since + dt.timedelta(days=1)  # the session came: due again


@pytest.mark.parametrize("weeks", [0, 53, -1, True])
def test_weeks_out_of_range_are_refused(utc_settings, weeks: int) -> None:
    with pytest.raises(InvalidEntry, match="from 1 to 52"):
        schedules.set_schedule(utc_settings, "phq-9", every_weeks=weeks)
    with pytest.raises(InvalidEntry, match="not both"):
        schedules.set_schedule(utc_settings, "phq-9", every_weeks=2, before_sessions=True)
    assert schedules.schedules(utc_settings) == {}
