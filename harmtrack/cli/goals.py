"""Sub-commands for goals, taper plans and progress."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from harmtrack.core.tracking import validation

from . import UsageError, open_db, parse_day_arg, print_json, record_id

GOAL_TYPES = ("daily-max", "weekly-max", "free-days", "practice", "money-weekly")


def register(sub: Any) -> None:
    p = sub.add_parser("goal", help="add, edit, list and archive reduction goals")
    gsub = p.add_subparsers(dest="goal_command", metavar="ACTION", parser_class=type(p))
    gsub.required = True

    a = gsub.add_parser("add", help="add a goal and print its id")
    a.add_argument("what", help="trackable name")
    a.add_argument("--type", required=True, choices=GOAL_TYPES, dest="goal_type")
    a.add_argument("--target", required=True, help="the limit, days per week, or %% of occasions")
    a.add_argument("--practice", help="the safer-use practice (practice goals)")
    a.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="in force from (default today)")
    a.set_defaults(func=cmd_add)

    e = gsub.add_parser("edit", help="change a goal's target from a date on (a new version)")
    e.add_argument("id", type=record_id)
    e.add_argument("--target", required=True)
    e.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="in force from (default today)")
    e.set_defaults(func=cmd_edit)

    li = gsub.add_parser("list", help="list goals")
    li.add_argument("--json", action="store_true")
    li.add_argument("--all", action="store_true", help="include archived goals")
    li.set_defaults(func=cmd_list)

    ar = gsub.add_parser("archive", help="archive a goal (its history stays)")
    ar.add_argument("id", type=record_id)
    ar.add_argument("--restore", action="store_true", help="bring an archived goal back")
    # The old name, still accepted (scripts use it) but not offered: one word, as for plans.
    ar.add_argument("--undo", dest="restore", action="store_true", help=argparse.SUPPRESS)
    ar.set_defaults(func=cmd_archive)

    t = sub.add_parser("taper", help="plan a week-by-week taper from your baseline to a target")
    t.add_argument("what", help="trackable name")
    t.add_argument("--to", dest="target", required=True, help="the ceiling in the last week")
    t.add_argument("--weeks", required=True, help="number of weeks (1 to 104)")
    t.add_argument("--start", metavar="YYYY-MM-DD", help="first week (default: this or next week)")
    t.add_argument("--style", choices=("linear", "percent"), default="linear")
    t.add_argument("--type", dest="goal_type", choices=("weekly-max", "daily-max"), default="weekly-max")
    t.add_argument("--baseline", help="starting level (default: from your last logged weeks)")
    t.add_argument("--dry-run", action="store_true", help="show the steps, save nothing")
    t.add_argument("--json", action="store_true", help="print the plan as JSON")
    t.set_defaults(func=cmd_taper)

    pr = sub.add_parser("progress", help="how each day/week went against your goals")
    pr.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="default: 8 weeks ago")
    pr.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="default: today")
    pr.add_argument("--range", dest="preset", choices=("4w", "3m", "1y", "all", "session"),
                    help="a range as the charts screen names it (instead of --from/--to)")
    pr.add_argument("--json", action="store_true", help="a JSON array, one object per goal per period")
    pr.add_argument("--all", action="store_true", help="include archived goals")
    pr.set_defaults(func=cmd_progress)


def cmd_add(args: argparse.Namespace) -> int:
    from harmtrack.core.goals import store as goals

    goal_type = goals.check_type(args.goal_type)
    target = goals.check_target(goal_type, args.target)
    practice = goals.check_practice(goal_type, args.practice)
    start = parse_day_arg(args.start, "--from")
    validation.check_day(start, "--from")
    with open_db(args) as db:
        g = goals.create_goal(db, args.what, goal_type, target, practice=practice, start=start)
    print(g.id)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from harmtrack.core.goals import store as goals

    start = parse_day_arg(args.start, "--from")
    validation.check_day(start, "--from")
    goals.check_target("weekly-max", args.target)  # basic number checks before opening
    with open_db(args) as db:
        goals.edit_goal(db, args.id, args.target, start)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from harmtrack.core.goals import store as goals
    from harmtrack.core.quantities.formatting import amount, number
    from harmtrack.core.storage.settings import get_settings
    from harmtrack.core.tracking.entries import today as today_of

    with open_db(args) as db:
        rows = goals.list_goals(db, include_archived=args.all)
        today = today_of(db)
        currency = get_settings(db).currency
    if args.json:  # plain numbers; a money goal names its currency
        from harmtrack.core.quantities.formatting import currency_code

        print_json([g.to_json(today) | ({"currency": currency_code(currency)} if g.type == "money-weekly"
                                         else {}) for g in rows])
        return 0
    for g in rows:
        extra = f" ({g.practice})" if g.practice else ""
        if g.taper_style:
            last = g.versions[-1]
            extra += f", {g.taper_style} taper to {number(last.target)} from {last.effective_from}"
        extra += ", archived" if g.archived else ""
        target = amount(g.target_now(today), g.target_unit(), currency=currency)
        print(f"{g.id:>4}  {g.trackable}: {g.type} {target} (since {g.starts}){extra}")
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    from harmtrack.core.goals import store as goals

    with open_db(args) as db:
        goals.archive_goal(db, args.id, archived=not args.restore)
    return 0


def cmd_taper(args: argparse.Namespace) -> int:
    from harmtrack.core.common.errors import NoBaseline
    from harmtrack.core.goals import store as goals
    from harmtrack.core.goals import taper
    from harmtrack.core.quantities.formatting import number

    weeks = taper.check_weeks(args.weeks)
    target = goals.check_target(args.goal_type, args.target)
    start = parse_day_arg(args.start, "--start")
    validation.check_day(start, "--start")
    if args.baseline is not None:
        goals.check_target(args.goal_type, args.baseline)
    with open_db(args) as db:
        try:
            plan = taper.preview_taper(db, args.what, target, weeks, start=start, style=args.style,
                                       goal_type=args.goal_type, baseline=args.baseline)
        except NoBaseline as exc:
            raise UsageError(f"{exc} with --baseline N") from None
        saved = None if args.dry_run else taper.save_taper(db, plan)
    if plan.warning is not None:
        sources = "; ".join(src.citation for src in plan.warning.sources)
        print(f"Note: {plan.warning.text} (Source: {sources})", file=sys.stderr)
    if plan.replaces_text:
        print(f"Note: {plan.replaces_text}", file=sys.stderr)
    if args.json:
        out = plan.to_json()
        out["goal_id"] = saved.id if saved else None
        print_json(out)
    elif saved is None:
        print(plan.baseline_text)
        for s in plan.steps:
            print(f"week {s.week:>3}  from {s.start}  at most {number(s.target)} {plan.unit}")
    else:
        print(saved.id)
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    import datetime as dt

    from harmtrack.core.goals import progress
    from harmtrack.core.goals import store as goals
    from harmtrack.core.quantities.formatting import amount, money, number
    from harmtrack.core.storage.settings import get_settings
    from harmtrack.core.tracking.entries import today

    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    validation.check_day(start, "--from")
    validation.check_day(end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    if args.preset and (start or end):
        raise UsageError("choose --range or --from/--to, not both")
    with open_db(args) as db:
        if args.preset:  # the same days as the charts, review mode and the report
            from harmtrack.core.charts import ranges

            rng = ranges.preset_range(db, args.preset, today(db))
            start, end = rng.start, rng.end
        end = end or today(db)
        start = start or end - dt.timedelta(days=55)
        results = progress.evaluate_all(db, start, end, include_archived=args.all)
        currency = get_settings(db).currency
        if not args.json:
            judged = {r.goal_id for r in results}
            for g in goals.list_goals(db, include_archived=True):
                if g.archived and g.id not in judged and not args.all:
                    continue  # put aside before the range: nothing to say
                mine = [r for r in results if r.goal_id == g.id]

                def value(x: float, g: goals.GoalInfo = g) -> str:
                    return money(x, currency) if g.type == "money-weekly" else number(x)

                print(f"{g.trackable} ({g.type}, goal now "
                      f"{amount(g.target_now(end), g.target_unit(), currency=currency)}): "
                      f"{progress.summarize(mine).text}")
                for r in mine:
                    mark = {"met": "goal met", "not-met": "not met", "not-logged": "not logged",
                            "no-use": "no use", "in-progress": "in progress"}[r.status]
                    span = str(r.start) if r.start == r.end else f"{r.start} – {r.end}"
                    todo = "" if r.complete else " (so far)"
                    print(f"  {span}: {value(r.actual)} / {value(r.target)}  {mark}{todo}")
    if args.json:
        print_json([r.to_json() for r in results])
    return 0
