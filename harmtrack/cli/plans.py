"""Sub-commands for if-then action plans and alternatives that help."""

from __future__ import annotations

import argparse
from typing import Any

from . import UsageError, open_db, parse_day_arg, print_json, record_id


def register(sub: Any) -> None:
    p = sub.add_parser("plan", help="if-then plans tied to your triggers")
    plan_sub = p.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=type(p))
    p.set_defaults(func=lambda args, p=p: p.print_help() or 0)

    a = plan_sub.add_parser("add", help="add a plan: plan add TRIGGER 'what I will do'")
    a.add_argument("trigger", help="the situation, e.g. party")
    a.add_argument("text", help="what you will do, e.g. 'alternate with water'")
    a.set_defaults(func=cmd_plan_add)

    a = plan_sub.add_parser("list", help="list plans with how often their trigger came up")
    a.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    a.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    a.add_argument("--all", action="store_true", help="include archived plans")
    a.add_argument("--json", action="store_true", help="print a JSON array")
    a.set_defaults(func=cmd_plan_list)

    a = plan_sub.add_parser("archive", help="put a plan away (it is kept)")
    a.add_argument("id", type=record_id)
    a.add_argument("--restore", action="store_true", help="bring an archived plan back")
    a.set_defaults(func=cmd_plan_archive)

    p = sub.add_parser("alternative", help="things that help instead of using")
    alt_sub = p.add_subparsers(dest="alt_command", metavar="ACTION", parser_class=type(p))
    p.set_defaults(func=lambda args, p=p: p.print_help() or 0)
    a = alt_sub.add_parser("add", help="add an alternative")
    a.add_argument("text")
    a.set_defaults(func=cmd_alt_add)
    a = alt_sub.add_parser("list", help="list alternatives")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_alt_list)


def cmd_plan_add(args: argparse.Namespace) -> int:
    from harmtrack.core.care import plans

    # Validate before opening (or creating) a database.
    plans.check_trigger(args.trigger)
    plans.check_plan_text(args.text)
    with open_db(args) as db:
        record = plans.add_plan(db, args.trigger, args.text)
    print(record.id)
    return 0


def cmd_plan_list(args: argparse.Namespace) -> int:
    from harmtrack.core.care import plans

    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    with open_db(args) as db:
        rows = plans.plans_with_counts(db, start, end, include_archived=args.all)
    if args.json:
        print_json([{"id": r.id, "trigger": r.trigger, "plan": r.plan, "archived": r.archived,
                     "times": r.times, "days": r.days} for r in rows])
    else:
        from harmtrack.core.quantities.formatting import count

        for r in rows:
            flag = " (archived)" if r.archived else ""
            print(f"{r.id:>4}  If {r.trigger}, then {r.plan}  [{r.times}× on {count(r.days, 'day')}]{flag}")
    return 0


def cmd_plan_archive(args: argparse.Namespace) -> int:
    from harmtrack.core.care import plans

    with open_db(args, create=False) as db:
        plans.archive_plan(db, args.id, archived=not args.restore)
    return 0


def cmd_alt_add(args: argparse.Namespace) -> int:
    from harmtrack.core.care import plans

    with open_db(args) as db:
        record = plans.add_alternative(db, args.text)
    print(record.id)
    return 0


def cmd_alt_list(args: argparse.Namespace) -> int:
    from harmtrack.core.care import plans

    with open_db(args) as db:
        rows = plans.list_alternatives(db)
    if args.json:
        print_json([{"id": r.id, "text": r.text} for r in rows])
    else:
        for r in rows:
            print(f"{r.id:>4}  {r.text}")
    return 0
