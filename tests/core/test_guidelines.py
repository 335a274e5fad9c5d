"""Guideline overlays carry sources and convert to the user's standard drinks."""

from __future__ import annotations

import pytest

from harmtrack.core.goals import guidelines


def test_every_guideline_and_safety_note_has_a_source_with_a_link() -> None:
    items = guidelines.guidelines()
    assert {g.key for g in items} >= {"uk-cmo-2016", "niaaa-men", "niaaa-women", "nhmrc-2020",
                                      "canada-2023", "lrcug", "lrgg-2021"}
    for g in items:
        assert g.sources and all(s.url.startswith("https://") and s.title for s in g.sources)
    for key in ("alcohol", "benzodiazepines"):
        note = guidelines.withdrawal_note(key)
        assert note is not None and "doctor" in note.text
        assert len(note.sources) >= 2 and all(s.url.startswith("https://") for s in note.sources)
    assert guidelines.withdrawal_note("cannabis") is None
    assert guidelines.withdrawal_note(None) is None


@pytest.mark.parametrize("key, country, expected", [
    ("uk-cmo-2016", "UK", {"week": 14.0}),  # UK units are the UK standard drink
    ("uk-cmo-2016", "US", {"week": 8.0}),  # 14 × 8 g = 112 g = 8 US drinks of 14 g
    ("niaaa-men", "US", {"day": 4.0, "week": 14.0}),
    ("niaaa-women", "AU", {"day": 4.2, "week": 9.8}),  # US 14 g drinks in AU 10 g drinks
    ("nhmrc-2020", "AU", {"day": 4.0, "week": 10.0}),
    ("canada-2023", "CA", {"week": 2.0, "occasion": 2.0}),
])
def test_limits_convert_to_the_users_standard_drinks(key, country, expected) -> None:
    g = guidelines.guideline(key)
    assert guidelines.limits_for(g, "standard drinks", country) == expected


def test_gambling_and_cannabis_guidelines_are_advice_without_drink_limits() -> None:
    lrgg = guidelines.guideline("lrgg-2021")
    assert lrgg.limits == {"days_per_month": 4.0, "income_share_per_month": 0.01, "game_types": 2.0}
    assert guidelines.limits_for(lrgg, "minutes", "CA") == {}
    assert len(guidelines.guideline("lrcug").points) >= 5


def test_overlay_for_a_chart() -> None:
    all_ = guidelines.overlay_for("alcohol", "standard drinks", "US")
    assert [g.key for g, _ in all_] == ["uk-cmo-2016", "niaaa-men", "niaaa-women", "nhmrc-2020",
                                        "canada-2023"]
    chosen = guidelines.overlay_for("alcohol", "standard drinks", "US", chosen="nhmrc-2020")
    assert [(g.key, limits) for g, limits in chosen] == [("nhmrc-2020", {"day": 2.86, "week": 7.14})]
    assert guidelines.overlay_for("cannabis", "sessions", "US") == []
