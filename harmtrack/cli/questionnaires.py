"""Sub-command ``questionnaire``: list, show, take, history and schedule the instruments."""

from __future__ import annotations

import argparse
from typing import Any

from . import UsageError, open_db, parse_day_arg, print_json

#: Said after an answer above 0 to a safety item (PHQ-9 item 9): where help is, at once.
SAFETY_TEXT = ("Thank you for answering honestly. You said you have had thoughts of being better off "
               "dead or of hurting yourself: you do not have to carry that alone. If you might act on "
               "them, call your local emergency number now. `harmtrack support` lists crisis lines and "
               "your own numbers; nothing you answered was sent anywhere.")


def register(sub: Any) -> None:
    p = sub.add_parser("questionnaire", help="take scored questionnaires (PHQ-9, GAD-7, AUDIT…) over time")
    q_sub = p.add_subparsers(dest="questionnaire_command", metavar="ACTION", parser_class=type(p))
    p.set_defaults(func=lambda args, p=p: p.print_help() or 0)

    a = q_sub.add_parser("list", help="the questionnaires there are, and when each is due")
    a.add_argument("--json", action="store_true", help="print a JSON array")
    a.set_defaults(func=cmd_list)

    a = q_sub.add_parser("show", help="a questionnaire's questions, answers and their scores")
    a.add_argument("key", metavar="KEY")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_show)

    a = q_sub.add_parser("take", help="answer a questionnaire: take KEY --answers 0,1,2,…")
    a.add_argument("key", metavar="KEY")
    a.add_argument("--answers", required=True, metavar="A,B,C…",
                   help="each question's answer in order: the option's score, or yes/no")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="the day it is for (default: today)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_take)

    a = q_sub.add_parser("history", help="answers kept, oldest first")
    a.add_argument("key", metavar="KEY", nargs="?")
    a.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    a.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_history)

    a = q_sub.add_parser("schedule",
                         help="how often to take one: --every-weeks N, --before-sessions or --off")
    a.add_argument("key", metavar="KEY")
    how = a.add_mutually_exclusive_group(required=True)
    how.add_argument("--every-weeks", type=int, metavar="N")
    how.add_argument("--before-sessions", action="store_true", help="before each therapy session")
    how.add_argument("--off", action="store_true", help="no schedule")
    a.set_defaults(func=cmd_schedule)


def cmd_list(args: argparse.Namespace) -> int:
    from harmtrack.core.care.questionnaires import instruments, schedules

    found = instruments.all_instruments()
    with open_db(args) as db:
        due = schedules.due_dates(db)
        chosen = schedules.schedules(db)
    rows = [{"key": i.key, "name": i.name, "title": i.title, "items": len(i.items),
             "range": [i.low, i.high], "schedule": chosen[i.key].text if i.key in chosen else None,
             "due": due[i.key].isoformat() if due.get(i.key) else None} for i in found]
    if args.json:
        print_json(rows)
        return 0
    from harmtrack.core.quantities.formatting import count

    for r in rows:
        when = f"  due {r['due']}" if r["due"] else ""
        every = f"  ({r['schedule']})" if r["schedule"] else ""
        print(f"{r['key']:<12} {r['name']} — {count(r['items'], 'question')}{every}{when}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from harmtrack.core.care.questionnaires.instruments import instrument

    ins = instrument(args.key)
    if args.json:
        print_json({"key": ins.key, "name": ins.name, "title": ins.title, "instructions": ins.instructions,
                    "items": [{"number": it.number, "text": it.text, "kind": it.kind,
                               "answers": list(it.values), "options": [
                                   {"text": o.text, "score": o.score} for o in it.options]}
                              for it in ins.items],
                    "range": [ins.low, ins.high], "attribution": ins.attribution})
        return 0
    print(ins.title)
    if ins.instructions:
        print(ins.instructions)
    for it in ins.items:
        print(f"{it.number}. {it.text}")
        if it.kind == "yes-no":
            print("   yes / no")
        else:
            print("   " + "; ".join(f"{o.score} = {o.text}" for o in it.options))
    print(ins.attribution)
    return 0


def cmd_take(args: argparse.Namespace) -> int:
    from harmtrack.core.care.questionnaires import answers, scoring
    from harmtrack.core.care.questionnaires.instruments import instrument

    ins = instrument(args.key)
    given = [a.strip() for a in args.answers.split(",")] if args.answers.strip() else []
    scoring.check_answers(ins, given)  # before a database is opened or created
    day = parse_day_arg(args.date, "--date")
    with open_db(args) as db:
        result = answers.take(db, ins.key, given, day)
    t, s = result.taken, result.score
    if args.json:
        print_json({**t.to_json(), "range": [ins.low, ins.high], "positive_screen": s.positive_screen,
                    "safety": s.safety, "replaced": result.replaced})
    else:
        band = f" — {t.band}" if t.band else ""
        again = " (replaces that day's answers)" if result.replaced else ""
        print(f"{ins.name} on {t.date.isoformat()}: {t.total} of {ins.high}{band}{again}")
    if s.safety:
        import sys

        print(SAFETY_TEXT, file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from harmtrack.core.care.questionnaires import answers

    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    with open_db(args) as db:
        rows = answers.history(db, args.key, start, end)
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        print(f"{r.date.isoformat()}  {r.key:<12} {r.total:>3}  {r.band or ''}".rstrip())
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from harmtrack.core.care.questionnaires import schedules
    from harmtrack.core.care.questionnaires.instruments import instrument

    ins = instrument(args.key)
    if args.every_weeks is not None:
        schedules.check_weeks(args.every_weeks)
    with open_db(args) as db:
        chosen = schedules.set_schedule(db, ins.key, every_weeks=args.every_weeks,
                                        before_sessions=args.before_sessions)
        due = schedules.due(db, ins.key)
    if chosen is None:
        print(f"{ins.name}: no schedule")
    else:
        print(f"{ins.name}: {chosen.text}" + (f", next due {due.isoformat()}" if due else ""))
    return 0
