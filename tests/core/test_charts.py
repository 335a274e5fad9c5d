"""Charts: what each draw function puts on the Figure (artists, not pixels)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pytest
from helpers import aware

from harmtrack.core.charts import drawing as charts
from harmtrack.core.charts.data import chart_data
from harmtrack.core.charts.text import point_info, summary
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.goals import store as goals
from harmtrack.core.goals import taper
from harmtrack.core.tracking import checkins, entries, trackables

D = dt.date


def by_gid(fig, gid: str) -> list:
    return fig.findobj(lambda a: a.get_gid() == gid)


def one(fig, gid: str):
    found = by_gid(fig, gid)
    assert len(found) == 1, (gid, found)
    return found[0]


def add_goal(db, tid: int, goal_type: str, steps, taper: str | None = None) -> None:
    goals.create_goal(db, tid, goal_type, steps=steps, taper_style=taper)


@pytest.fixture
def week(utc_settings):
    """Mon 2 – Sun 8 March 2026: use on Mon (2+1), Wed (4), urge on Thu, check-in Sat."""
    db = utc_settings
    entries.log(db, "alcohol", 2, at=aware(2026, 3, 2, 20), cost=8, triggers=["stress"])
    entries.log(db, "alcohol", 1, at=aware(2026, 3, 2, 21), practices=["ate first"])
    entries.log(db, "alcohol", 4, at=aware(2026, 3, 4, 22), cost=12, craving=7)
    entries.log(db, "alcohol", 0, at=aware(2026, 3, 5, 19), urge_only=True, craving=5,
                triggers=["stress"])
    checkins.check_in(db, D(2026, 3, 7))
    return db


def test_daily_bars_average_and_not_logged_days(week) -> None:
    db = week
    data = chart_data(db, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_daily(fig, data)
    heights = [p.get_height() for p in by_gid(fig, "amount")]
    assert heights == [3, 0, 4, 0, 0, 0, 0]
    avg = one(fig, "average")
    # the mean of logged days only: Tuesday was not logged, so Wednesday averages 3 and 4
    assert avg.get_ydata()[:3].tolist() == [3.0, 3.0, 3.5]
    not_logged = one(fig, "not-logged").get_data().values
    assert (not_logged > 0).tolist() == [False, True, False, False, True, False, True]
    use_free = one(fig, "use-free").get_data().values
    assert (use_free > 0).tolist() == [False, False, False, True, False, True, False]
    assert not by_gid(fig, "goal")  # no goal set: no goal line
    assert one(fig, "legend")


@pytest.mark.parametrize("kind", ["daily", "weekly", "free-days", "urges", "money"])
def test_bars_are_drawn_as_ax_bar_draws_them(week, monkeypatch: pytest.MonkeyPatch,
                                             kind: str) -> None:
    """The bars skip ``ax.bar``'s data-limit updates (speed), not a pixel of its look."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from harmtrack.core.charts import parts

    goals.create_goal(week, 1, "weekly-max", 6)
    data = chart_data(week, kind, 1, D(2026, 2, 2), D(2026, 3, 8))

    def pixels() -> bytes:
        fig = charts.new_figure()
        charts.draw(fig, data)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return bytes(canvas.buffer_rgba())

    drawn = pixels()

    def with_ax_bar(ax, left, heights, width, bottom, *, colour, alpha, label, gid):  # type: ignore[no-untyped-def]
        made = ax.bar(left, heights, width=width, bottom=bottom, align="edge", color=colour,
                      alpha=alpha, label=label, linewidth=0)
        for patch in made:
            patch.set_gid(gid)
        return made

    monkeypatch.setattr(parts, "bars", with_ax_bar)
    assert pixels() == drawn


def test_long_ranges_draw_one_stairs_path_not_thousands_of_bars(week) -> None:
    data = chart_data(week, "daily", 1, D(2016, 3, 9), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_daily(fig, data)
    amount = one(fig, "amount")
    values = amount.get_data().values
    assert len(values) == 3652 and values[-7:].tolist() == [3, 0, 4, 0, 0, 0, 0]
    assert len(fig.axes[0].patches) < 10


def test_daily_goal_line_follows_goal_versions(week) -> None:
    db = week
    add_goal(db, 1, "daily-max", [(D(2026, 3, 4), 3), (D(2026, 3, 6), 2)])
    data = chart_data(db, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert not data.taper
    fig = charts.new_figure()
    charts.draw_daily(fig, data)
    goal = one(fig, "goal")
    values = goal.get_data().values
    assert np.isnan(values[:2]).all() and values[2:].tolist() == [3, 3, 2, 2, 2]
    assert goal.get_label() == "daily goal"
    # Wed (4 > 3) is over; Thu, Sat are within; Fri and Sun are not logged and not judged.
    assert summary(data).endswith("within the daily goal on 2 of 3 days.")


def test_taper_is_drawn_as_a_staircase(utc_settings) -> None:
    db = utc_settings
    tid = entries.log(db, "alcohol", 5, at=aware(2026, 3, 2, 20)).trackable_id
    plan = taper.preview_taper(db, tid, 3, 3, start=D(2026, 3, 2), goal_type="daily-max",
                               baseline=6, style="linear")
    assert [s.target for s in plan.steps] == [5, 4, 3]
    taper.save_taper(db, plan)
    fig = charts.new_figure()
    data = chart_data(db, "daily", tid, D(2026, 3, 1), D(2026, 3, 22))
    assert data.taper
    charts.draw_daily(fig, data)
    goal = one(fig, "goal")
    assert goal.get_label() == "taper plan"
    steps = goal.get_data().values
    assert np.isnan(steps[0]) and steps[1:].tolist() == [5] * 7 + [4] * 7 + [3] * 7
    edges = goal.get_data().edges
    assert edges[8] - edges[1] == 7  # each step lasts one week, from the plan's Monday


def test_weekly_taper_staircase_on_the_weekly_chart(utc_settings) -> None:
    db = utc_settings
    tid = entries.log(db, "alcohol", 20, at=aware(2026, 3, 3, 20)).trackable_id
    plan = taper.preview_taper(db, tid, 8, 4, start=D(2026, 3, 9), baseline=20, style="linear")
    taper.save_taper(db, plan)
    data = chart_data(db, "weekly", tid, D(2026, 3, 2), D(2026, 4, 5))
    fig = charts.new_figure()
    charts.draw_weekly(fig, data)
    goal = one(fig, "goal")
    assert goal.get_label() == "weekly plan"
    values = goal.get_data().values
    assert np.isnan(values[0]) and values[1:].tolist() == [s.target for s in plan.steps]
    assert values[1:].tolist() == [17, 14, 11, 8]


def test_weekly_totals_goal_and_weeks_met(week) -> None:
    db = week
    entries.log(db, "alcohol", 9, at=aware(2026, 3, 10, 20))
    add_goal(db, 1, "weekly-max", [(D(2026, 3, 1), 8)])
    data = chart_data(db, "weekly", 1, D(2026, 3, 2), D(2026, 3, 22))
    fig = charts.new_figure()
    charts.draw_weekly(fig, data)
    assert [p.get_height() for p in by_gid(fig, "total")] == [7, 9, 0]
    assert one(fig, "goal").get_data().values.tolist() == [8, 8, 8]
    met = one(fig, "met")
    # week 1 (7 ≤ 8) is met; week 2 (9) is over; week 3 has nothing logged and is not judged
    assert len(met.get_offsets()) == 1
    assert summary(data).endswith("within the weekly goal in 1 of 2 weeks.")


def test_calendar_cells_tell_not_logged_from_use_free(week) -> None:
    data = chart_data(week, "calendar", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_calendar(fig, data)
    amount = one(fig, "amount").get_array()
    days = one(fig, "days").get_array()
    # One week column, Monday on top
    assert amount.reshape(7).filled(-1).tolist() == [3, -1, 4, -1, -1, -1, -1]
    assert days.reshape(7).filled(0).tolist() == [0, 1, 0, 2, 1, 2, 1]  # 1 not logged, 2 use-free


def test_free_days_stack_to_seven_with_goal(week) -> None:
    db = week
    add_goal(db, 1, "free-days", [(D(2026, 3, 1), 2)])
    data = chart_data(db, "free-days", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_free_days(fig, data)
    assert [p.get_height() for p in by_gid(fig, "use-free")] == [2]
    assert [p.get_height() for p in by_gid(fig, "use-days")] == [2]
    assert [p.get_height() for p in by_gid(fig, "not-logged")] == [3]
    assert one(fig, "goal").get_data().values.tolist() == [2]
    assert len(one(fig, "met").get_offsets()) == 1


def test_urges_and_craving_points(week) -> None:
    data = chart_data(week, "urges", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_urges(fig, data)
    assert [p.get_height() for p in by_gid(fig, "not-acted-on")] == [1]
    assert [p.get_height() for p in by_gid(fig, "acted-on")] == [1]
    pts = one(fig, "craving").get_offsets()
    assert sorted(map(tuple, np.asarray(pts).tolist())) == [(5.0, 0.0), (7.0, 4.0)]


def test_triggers_bars_and_practice_share(week) -> None:
    data = chart_data(week, "triggers", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_triggers(fig, data)
    assert [p.get_width() for p in by_gid(fig, "with-use")] == [1]
    assert [p.get_width() for p in by_gid(fig, "urge-only")] == [1]
    assert one(fig, "practice-0").get_ydata().tolist() == [pytest.approx(100 / 3)]
    assert "No settings logged" in [t.get_text() for t in by_gid(fig, "empty")]


def test_time_of_day_heatmap_cells(week) -> None:
    data = chart_data(week, "timeofday", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_timeofday(fig, data)
    cells = np.asarray(one(fig, "heat").get_array()).reshape(7, 24)
    assert cells[0, 20] == 1 and cells[0, 21] == 1 and cells[2, 22] == 1 and cells.sum() == 3


def test_money_per_week_for_everything(week) -> None:
    entries.log(week, "cannabis", 1, at=aware(2026, 3, 3, 20), cost=10)
    data = chart_data(week, "money", None, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_money(fig, data)
    assert [p.get_height() for p in by_gid(fig, "money")] == [30]
    assert summary(data) == ("Money spent per week (2 Mar to 8 Mar 2026): $30.00 spent over 1 week, "
                             "$30.00 a week on average.")


def test_money_is_in_the_chosen_currency(week) -> None:
    from harmtrack.core.storage.settings import update_settings

    update_settings(week, currency="EUR")
    entries.log(week, "cannabis", 1, at=aware(2026, 3, 3, 20), cost=10)
    data = chart_data(week, "money", None, D(2026, 3, 2), D(2026, 3, 8))
    assert "€30.00 spent over 1 week" in summary(data)
    fig = charts.new_figure()
    charts.draw_money(fig, data)
    assert fig.axes[0].get_ylabel() == "money per week (€)"


@pytest.mark.parametrize("kind", charts.KINDS)
def test_every_chart_has_an_empty_state(db, kind) -> None:
    data = chart_data(db, kind, None, D(2026, 3, 2), D(2026, 3, 8))
    assert data.is_empty
    fig = charts.new_figure()
    charts.draw(fig, data, theme=charts.DARK)
    texts = [t.get_text() for t in by_gid(fig, "empty")]
    assert any(t.startswith(("Nothing logged in this range yet", "No money logged",
                             "No questionnaires taken")) for t in texts)
    assert "yet." in summary(data)


def test_guideline_overlay(week) -> None:
    from harmtrack.core.charts.data import DailyData, Guideline

    data = chart_data(week, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert isinstance(data, DailyData)
    data = DailyData(data.info, data.series, guideline=Guideline("a lower-risk guideline", 4, 14))
    fig = charts.new_figure()
    charts.draw_daily(fig, data)
    line = one(fig, "guideline")
    assert line.get_ydata()[0] == 4 and line.get_label() == "a lower-risk guideline"


def test_summaries_in_plain_words(week) -> None:
    db = week
    daily = chart_data(db, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert summary(daily) == ("Day by day (Alcohol, 2 Mar to 8 Mar 2026): 7 standard drinks in all, "
                              "use on 2 days, 2 use-free days, 3 days not logged, "
                              "1.8 per logged day (4 of 7 days logged).")
    urges = chart_data(db, "urges", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert summary(urges) == ("Urges (Alcohol, 2 Mar to 8 Mar 2026): 2 urges logged, "
                              "1 not acted on and 1 acted on.")
    trig = chart_data(db, "triggers", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert summary(trig).endswith("most frequent triggers: stress (2); most used practice: "
                                  "ate first (33% of use occasions).")
    tod = chart_data(db, "timeofday", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert "busiest slot Mon 20:00–21:00" in summary(tod)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                           (".pdf", b"%PDF")])
def test_save_chart_by_extension(week, tmp_path, suffix, magic) -> None:
    data = chart_data(week, "weekly", 1, D(2026, 3, 2), D(2026, 3, 8))
    out = charts.save_chart(data, tmp_path / f"w{suffix}", theme=charts.DARK, dpi=50)
    assert out.read_bytes().startswith(magic)


def test_bad_kind_suffix_and_range_are_refused(week, tmp_path) -> None:
    with pytest.raises(InvalidEntry, match="unknown chart"):
        chart_data(week, "pie", 1, D(2026, 3, 2), D(2026, 3, 8))
    with pytest.raises(InvalidEntry, match="after its end"):
        chart_data(week, "daily", 1, D(2026, 3, 8), D(2026, 3, 2))
    data = chart_data(week, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    with pytest.raises(InvalidEntry, match=".png, .svg or .pdf"):
        charts.save_chart(data, tmp_path / "chart.gif")
    assert not (tmp_path / "chart.gif").exists()


def test_matplotlib_is_imported_only_when_drawing() -> None:
    code = ("import sys, harmtrack.core.charts.drawing, harmtrack.core.charts.data,"
            " harmtrack.core.stats;"
            "print('matplotlib' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_point_info_names_the_day_or_week_under_the_pointer(week) -> None:
    from harmtrack.core.charts.text import point_info

    db = week
    add_goal(db, 1, "daily-max", [(D(2026, 3, 1), 3)])
    daily = chart_data(db, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    x = float((D(2026, 3, 4) - D(1970, 1, 1)).days) + 0.3
    info = point_info(daily, x, 1.0)
    assert info is not None and info.is_day and info.day == D(2026, 3, 4)
    assert info.text == "Wed 4 Mar 2026: 4 standard drinks (7-day average 3.5, goal 3)"
    assert point_info(daily, x + 1, 0).text.startswith("Thu 5 Mar 2026: use-free day")
    assert point_info(daily, x - 1, 0).text.startswith("Tue 3 Mar 2026: not logged")
    assert point_info(daily, x + 30, 0) is None  # outside the range

    weekly = chart_data(db, "weekly", 1, D(2026, 3, 2), D(2026, 3, 8))
    info = point_info(weekly, x, 1.0)
    assert info is not None and not info.is_day and info.day == D(2026, 3, 2)
    assert info.text == "Week of Mon 2 Mar 2026: 7 standard drinks"

    cal = chart_data(db, "calendar", 1, D(2026, 3, 2), D(2026, 3, 8))
    info = point_info(cal, 0.5, 5.5)  # column 0, row 5 = Saturday
    assert info is not None and info.is_day and info.text == "Sat 7 Mar 2026: use-free day"

    tod = chart_data(db, "timeofday", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert point_info(tod, 22.5, 2.5).text == "Wed 22:00–23:00: 1 time"


def test_practice_goal_line_in_percent(week) -> None:
    goals.create_goal(week, 1, "practice", 50, practice="Ate first", start=D(2026, 3, 1))
    data = chart_data(week, "triggers", 1, D(2026, 3, 2), D(2026, 3, 8))
    fig = charts.new_figure()
    charts.draw_triggers(fig, data)
    goal = one(fig, "goal")
    assert goal.get_data().values.tolist() == [50] and goal.get_label() == "goal: Ate first"


def test_chosen_guideline_is_drawn_in_the_users_unit(week) -> None:
    from harmtrack.core.storage.settings import update_settings

    update_settings(week, guideline="niaaa-men", country="US")
    daily = chart_data(week, "daily", 1, D(2026, 3, 2), D(2026, 3, 8))
    weekly = chart_data(week, "weekly", 1, D(2026, 3, 2), D(2026, 3, 8))
    assert daily.guideline is not None and daily.guideline.per_day == 4
    fig = charts.new_figure()
    charts.draw_weekly(fig, weekly)
    line = one(fig, "guideline")
    assert line.get_ydata()[0] == 14 and "NIAAA" in line.get_label()
    # a guideline about another trackable draws nothing
    assert chart_data(week, "daily", entries.log(week, "cannabis", 1).trackable_id,
                      D(2026, 3, 2), D(2026, 3, 8)).guideline is None


def test_a_week_in_progress_is_not_judged_yet(utc_settings) -> None:
    db = utc_settings
    today = entries.today(db)
    monday = today - dt.timedelta(days=today.weekday())
    tid = entries.log(db, "alcohol", 1, at=aware(today.year, today.month, today.day, 0, 5)).trackable_id
    entries.log(db, "alcohol", 2, at=aware(*(monday - dt.timedelta(days=3)).timetuple()[:3], 20))
    goals.create_goal(db, tid, "weekly-max", 10, start=monday - dt.timedelta(weeks=4))
    data = chart_data(db, "weekly", tid, monday - dt.timedelta(days=7), today)
    assert data.met.tolist() == [True, False]  # last week: 2 ≤ 10; this week is not over
    assert data.judged.tolist() == [True, False]
    assert summary(data).endswith("within the weekly goal in 1 of 1 week.")


def test_chart_text_says_one_in_the_singular(utc_settings) -> None:
    entries.log(utc_settings, "alcohol", 1, at=aware(2026, 3, 2, 20))
    tid = trackables.resolve(utc_settings, "alcohol").id
    data = chart_data(utc_settings, "daily", tid, D(2026, 3, 2), D(2026, 3, 3))
    assert summary(data) == ("Day by day (Alcohol, 2 Mar to 3 Mar 2026): 1 standard drink in all, "
                             "use on 1 day, 0 use-free days, 1 day not logged, "
                             "1 per logged day (1 of 2 days logged).")
    x = (D(2026, 3, 2) - D(1970, 1, 1)).days  # bars are centred on their day
    assert point_info(data, x, 0.5).text.startswith("Mon 2 Mar 2026: 1 standard drink")
