"""Range-bounded figures: sums, counts, use-free days, weekly grids. Each figure is computed
here once and every screen, the CLI and the report call the same function
(``from harmtrack.core import stats``; ``stats.daily_series(...)``).

May import ``tracking`` and the packages below it.

The figures are aggregates computed in SQL over the indexed local-day column (Core
statements, never ORM objects: a GROUP BY over ``entries.day`` is an order of magnitude
faster than materialising rows). Urge-only entries are never counted as use. The series
functions return plain records (named tuples) holding numpy arrays, one value per day
(zero-filled) or per week, ready for drawing. numpy is imported inside the functions, not
at module level, because this package is reachable from the start-up path (the logging
screen's progress line) and numpy costs ~60 ms to import.

Definitions shared with the goals:

* a day is *logged* when it has any entry (any trackable, urge-only too) or a
  "nothing to log today" check-in (``checkins.logged_days``);
* a day is *use-free* for a trackable when it is logged and has no use of it;
* an *urge* is an urge-only entry (noticed, not acted on) or a use entry that carries
  a craving rating of 1 or more (an urge that was acted on).

The modules, by job: ``query`` (the range filter and day grids every figure shares),
``sums`` (per-day dicts over a range), ``daily`` (day-by-day series), ``weekly`` (whole
calendar weeks, money and urges), ``tags`` (triggers, settings, practices), ``when``
(time of day, the first logged day).
"""

from harmtrack.core.stats.daily import (
    DailySeries,
    daily_amounts,
    daily_series,
    logged_mask,
    rolling_mean,
    use_mask,
)
from harmtrack.core.stats.query import date_range, day_numbers, week_grid
from harmtrack.core.stats.sums import (
    DaySums,
    daily_costs,
    daily_practice_counts,
    daily_totals,
    day_sums,
    not_logged_count,
    per_logged_day,
    use_days,
)
from harmtrack.core.stats.tags import (
    PracticeShares,
    TagCount,
    practice_shares,
    setting_counts,
    trigger_counts,
)
from harmtrack.core.stats.weekly import (
    UrgeStats,
    WeeklySeries,
    in_range_mask,
    urge_stats,
    week_days_in_range,
    weekly_money,
    weekly_series,
)
from harmtrack.core.stats.when import first_day, time_of_day_counts

__all__ = [
    "DailySeries", "DaySums", "PracticeShares", "TagCount", "UrgeStats", "WeeklySeries",
    "daily_amounts", "daily_costs", "daily_practice_counts", "daily_series", "daily_totals",
    "date_range", "day_numbers", "day_sums", "first_day", "in_range_mask", "logged_mask",
    "not_logged_count", "per_logged_day", "practice_shares", "rolling_mean", "setting_counts",
    "time_of_day_counts", "trigger_counts", "urge_stats", "use_days", "use_mask",
    "week_days_in_range", "week_grid", "weekly_money", "weekly_series",
]
