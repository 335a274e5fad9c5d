"""Sub-commands for the harm-reduction tools: the safety plan, safer-use warnings on
depressant combinations (and the classes trackables belong to), decisional balances and
ideal-use plans."""

from __future__ import annotations

import argparse
from typing import Any

from . import UsageError, open_db, parse_day_arg, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("safety-plan", help="your own safety plan: show it, or write a section")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.set_defaults(func=cmd_plan_show)
    psub = p.add_subparsers(dest="plan_action", metavar="ACTION", parser_class=type(p))
    a = psub.add_parser("set", help="write one section: safety-plan set SECTION 'text' "
                                    "(empty text clears it)")
    a.add_argument("section", help="warning_signs, own_coping, distraction, people_to_ask, "
                                   "professionals or safer_surroundings")
    a.add_argument("text")
    a.set_defaults(func=cmd_plan_set)

    w = sub.add_parser("warnings", help="depressants logged within a few hours of each other, with "
                                        "what lowers the risk")
    w.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    w.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    w.add_argument("--json", action="store_true", help="print a JSON array")
    w.set_defaults(func=cmd_warnings)

    c = sub.add_parser("depressant-class", help="which depressant classes your trackables belong to")
    csub = c.add_subparsers(dest="class_action", metavar="ACTION", parser_class=type(c))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_class_list)
    a = csub.add_parser("set", help="put one of your trackables in classes: set NAME CLASS… (none: no class)")
    a.add_argument("trackable")
    a.add_argument("classes", nargs="*", metavar="CLASS")
    a.set_defaults(func=cmd_class_set)

    b = sub.add_parser("balance", help="decisional balance: what something gives you and costs you")
    bsub = b.add_subparsers(dest="balance_action", metavar="ACTION", parser_class=type(b))
    bsub.required = True
    a = bsub.add_parser("add", help="write today's (or a date's) balance for a trackable")
    a.add_argument("trackable")
    a.add_argument("--gives", default="", help="what it gives you")
    a.add_argument("--costs", default="", help="what it costs you")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    a.set_defaults(func=cmd_balance_add)
    a = bsub.add_parser("list", help="a trackable's balances, newest first")
    a.add_argument("trackable")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_balance_list)

    i = sub.add_parser("ideal-use", help="what you'd like your use of something to look like")
    i.add_argument("trackable")
    i.add_argument("text", nargs="?", help="the new plan (empty text clears it); omit to show it")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_ideal_use)


def cmd_plan_show(args: argparse.Namespace) -> int:
    from harmtrack.core.care import safety_plan

    with open_db(args) as db:
        plan = safety_plan.get_plan(db)
    src = safety_plan.source()
    if args.json:
        print_json({"sections": [s.to_json() for s in plan],
                    "source": {"name": src.name, "url": src.url}})
        return 0
    if not any(s.text for s in plan):
        print("Your safety plan is empty. Write a section with: harmtrack safety-plan set SECTION 'text'")
    for s in plan:
        print(f"{s.title} [{s.key}]")
        print("  " + ("\n  ".join(s.text.splitlines()) if s.text else "(nothing written yet)"))
    print(f"Based on: {src.name}")
    return 0


def cmd_plan_set(args: argparse.Namespace) -> int:
    from harmtrack.core.care import safety_plan
    from harmtrack.core.tracking.validation import check_text

    # Checked before a data folder is opened (or created).
    safety_plan.check_section(args.section)
    check_text(args.text, "a safety-plan section", safety_plan.MAX_SECTION)
    with open_db(args) as db:
        safety_plan.set_section(db, args.section, args.text)
    return 0


def cmd_warnings(args: argparse.Namespace) -> int:
    from harmtrack.core.care import combinations

    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    with open_db(args) as db:
        pairs = combinations.pairs_in_range(db, start, end)
    if args.json:
        print_json([p.to_json() for p in pairs])
        return 0
    for p in pairs:
        print(f"{p.day.isoformat()}  {p.first_trackable} and {p.second_trackable}, "
              f"{p.hours_apart:.1f} h apart: {p.note.risk}")
        print("  What lowers the risk: " + "; ".join(p.note.lowering))
        print(f"  Source: {p.note.source.name} {p.note.source.url}")
    return 0


def cmd_class_list(args: argparse.Namespace) -> int:
    from harmtrack.core.care import combinations
    from harmtrack.core.tracking import trackables

    with open_db(args) as db:
        known = combinations.trackable_classes(db)
        rows = [{"trackable": t.name, "classes": sorted(known.get(t.id, ())),
                 "own": combinations.own_classes(db, t.id)} for t in trackables.list_trackables(db)]
    if args.json:
        print_json({"classes": [{"key": c.key, "name": c.name} for c in combinations.classes()],
                    "trackables": rows})
        return 0
    for r in rows:
        print(f"{r['trackable']}: {', '.join(r['classes']) or '-'}")
    print("Classes: " + ", ".join(c.key for c in combinations.classes()))
    return 0


def cmd_class_set(args: argparse.Namespace) -> int:
    from harmtrack.core.care import combinations
    from harmtrack.core.tracking import trackables

    keys = [] if args.classes == ["none"] else [combinations.check_class(k) for k in args.classes]
    with open_db(args, create=False) as db:
        combinations.set_own_classes(db, trackables.resolve(db, args.trackable).id, keys)
    return 0


def cmd_balance_add(args: argparse.Namespace) -> int:
    from harmtrack.core.care import balance
    from harmtrack.core.tracking import entries, trackables

    day = parse_day_arg(args.date, "--date")
    balance.check_sides(args.gives, args.costs)
    with open_db(args, create=False) as db:
        record = balance.add_balance(db, trackables.resolve(db, args.trackable).id, day or entries.today(db),
                                     args.gives, args.costs, today=entries.today(db))
    print(record.id)
    return 0


def cmd_balance_list(args: argparse.Namespace) -> int:
    from harmtrack.core.care import balance
    from harmtrack.core.tracking import trackables

    with open_db(args, create=False) as db:
        rows = balance.balances(db, trackables.resolve(db, args.trackable).id)
    if args.json:
        print_json([b.to_json() for b in rows])
        return 0
    for b in rows:
        print(f"{b.date.isoformat()}  gives: {b.gives or '-'}  |  costs: {b.costs or '-'}")
    return 0


def cmd_ideal_use(args: argparse.Namespace) -> int:
    from harmtrack.core.care import balance
    from harmtrack.core.tracking import trackables
    from harmtrack.core.tracking.validation import check_text

    if args.text is not None:
        check_text(args.text, "the ideal-use plan", balance.MAX_BALANCE)
    with open_db(args, create=False) as db:
        tid = trackables.resolve(db, args.trackable).id
        if args.text is not None:
            plan = balance.set_ideal_use(db, tid, args.text)
        else:
            plan = balance.ideal_use(db, tid)
    if args.json:
        print_json(plan.to_json() if plan else None)
    elif args.text is None:
        print(plan.text if plan else "No ideal-use plan written yet.")
    return 0
