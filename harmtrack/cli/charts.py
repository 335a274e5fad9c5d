"""Sub-command ``chart``: write a chart to PNG, SVG or PDF and print its summary."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from . import UsageError, open_db, parse_day_arg, user_path

#: The chart names on the command line (kept here so ``--help`` needs no core import).
KINDS = ("daily", "weekly", "calendar", "free-days", "urges", "triggers", "timeofday", "money",
         "scores")
FORMATS = (".png", ".svg", ".pdf")
#: The presets of core/charts/ranges.py a command line can name ("custom" is --from/--to).
RANGE_KEYS = ("4w", "3m", "1y", "all", "session")


def register(sub: Any) -> None:
    p = sub.add_parser("chart", help="write a progress chart to a PNG, SVG or PDF file")
    p.add_argument("kind", metavar="KIND", choices=KINDS, help="one of: " + ", ".join(KINDS))
    p.add_argument("--trackable", metavar="WHAT",
                   help="what to chart (default: your first trackable; everything for "
                        "triggers, timeofday and money)")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                   help="first day (default: 12 weeks before --to)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: today)")
    p.add_argument("--range", dest="preset", choices=RANGE_KEYS,
                   help="a range as the charts screen names it (instead of --from/--to): "
                        "4w, 3m, 1y, all, or session (since the last session, from its day)")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write: .png, .svg or .pdf")
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.set_defaults(func=cmd_chart)


def cmd_chart(args: argparse.Namespace) -> int:
    out = user_path(args.out, "--out")
    if out.suffix.lower() not in FORMATS:
        raise UsageError("--out must end in .png, .svg or .pdf")
    if not out.parent.exists():
        raise UsageError(f"--out: the folder {str(out.parent)!r} does not exist")
    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    if args.preset and (start or end):
        raise UsageError("choose --range or --from/--to, not both")
    from harmtrack.core.charts import drawing as charts
    from harmtrack.core.charts import ranges
    from harmtrack.core.tracking import entries, trackables

    with open_db(args) as db:
        tid = trackables.resolve(db, args.trackable).id if args.trackable else None
        if args.preset:
            rng = ranges.preset_range(db, args.preset, entries.today(db), trackable_id=tid)
            start, end = rng.start, rng.end
            if rng.note:
                print(rng.note, file=sys.stderr)
        end = end or entries.today(db)
        start = start or end - dt.timedelta(weeks=12) + dt.timedelta(days=1)
        if start > end:
            raise UsageError("--from is after today; give --to as well")
        data = charts.chart_data(db, args.kind, tid, start, end)
    charts.save_chart(data, out, theme=charts.theme_named(args.theme))
    print(charts.summary(data))
    return 0

