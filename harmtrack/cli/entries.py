"""Sub-commands for logging and reading entries, trackables, demo data and smoke test."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from . import UsageError, open_db, parse_day_arg, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("log", help="log one entry and print its id")
    p.add_argument("what", help="trackable name (case-insensitive)")
    p.add_argument("amount", help="amount in the trackable's unit (or --unit)")
    p.add_argument("--unit", help="unit of AMOUNT, converted to the trackable's unit")
    p.add_argument("--at", metavar="WHEN", help="ISO 8601 (no offset = local time) or HH:MM today")
    p.add_argument("--craving", help="0 to 10")
    p.add_argument("--mood", help="1 (very low) to 5 (very good)")
    p.add_argument("--trigger", action="append", default=[], help="a trigger (repeatable)")
    p.add_argument("--practice", action="append", default=[], help="a safer-use practice (repeatable)")
    p.add_argument("--setting", help="where / with whom")
    p.add_argument("--cost", help="money spent")
    p.add_argument("--note", help="a free-text note")
    p.add_argument("--urge-only", action="store_true", help="an urge noticed without use")
    p.add_argument("--discuss", action="store_true", help="flag to discuss in session")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("entries", help="list entries")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--trackable", metavar="WHAT")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_entries)

    p = sub.add_parser("trackables", help="list your trackables")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include archived ones")
    p.set_defaults(func=cmd_trackables)

    p = sub.add_parser("track", help="start tracking a built-in trackable or your own")
    p.add_argument("name")
    p.add_argument("--unit", help="unit (required for your own trackable)")
    p.add_argument("--kind", choices=["substance", "behaviour"], default="behaviour")
    p.set_defaults(func=cmd_track)

    p = sub.add_parser("checkin", help='record "nothing to log today" for a day')
    p.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("demo", help="fill an empty data folder with a synthetic history")
    p.add_argument("--days", type=int, default=180)
    p.add_argument("--force", action="store_true", help="add to a folder that has data")
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("smoke", help="start the GUI, render the first screen, exit 0")
    p.set_defaults(func=cmd_smoke)


def cmd_log(args: argparse.Namespace) -> int:
    import math

    from harmtrack.core.common.days import parse_when
    from harmtrack.core.storage.settings import get_settings
    from harmtrack.core.tracking import entries, validation
    from harmtrack.core.tracking.validation import check_quantity

    # Validate everything that needs no database before opening (or creating) one; the
    # amount's bound depends on the trackable's unit and is checked when it is known.
    amount = check_quantity(args.amount, "amount", maximum=math.inf)
    validation.check_craving(args.craving)
    validation.check_mood(args.mood)
    validation.check_cost(args.cost)
    with open_db(args) as db:
        at = None
        if args.at:
            try:
                settings = get_settings(db)
                at = parse_when(args.at, settings.tz, day_start_hour=settings.day_start_hour)
            except ValueError as exc:
                raise UsageError(f"--at: {exc}") from None
        record = entries.add_entry(db, entries.EntryInput(
            trackable=args.what, amount=amount, unit=args.unit, at=at, craving=args.craving,
            mood=args.mood, triggers=args.trigger, practices=args.practice, setting=args.setting,
            cost=args.cost, note=args.note, urge_only=args.urge_only, discuss=args.discuss,
        ))
    print(record.id)
    return 0


def print_json_array(items: Iterable[Any]) -> None:
    """Print ``items`` as :func:`print_json` prints a list of them, one at a time."""
    first = True
    for item in items:
        try:
            text = json.dumps(item, indent=2, ensure_ascii=False, default=str, allow_nan=False)
        except ValueError:
            raise UsageError("a stored number is not finite, so it cannot be written as JSON; "
                             "correct it in HarmTrack first") from None
        sys.stdout.write(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first = False
    sys.stdout.write("[]\n" if first else "\n]\n")


def print_entries_json(db: Any, start: Any = None, end: Any = None, ids: Any = None) -> None:
    """``entries --json``: a JSON array of the entries, plain numbers; a cost names its currency."""
    from harmtrack.core.quantities.formatting import currency_code
    from harmtrack.core.storage.settings import get_settings
    from harmtrack.core.tracking import entries

    code = currency_code(get_settings(db).currency)
    print_json_array(r.to_json() | ({"currency": code} if r.cost is not None else {})
                     for r in entries.iter_entries(db, start, end, ids))


def cmd_entries(args: argparse.Namespace) -> int:
    from harmtrack.core.tracking import entries, trackables

    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    from harmtrack.core.quantities.formatting import amount, money
    from harmtrack.core.storage.settings import get_settings

    with open_db(args) as db:
        ids = [trackables.resolve(db, args.trackable).id] if args.trackable else None
        currency = get_settings(db).currency
        if args.json:
            print_entries_json(db, start, end, ids)
            return 0
        rows = entries.list_entries(db, start, end, ids)
    for r in rows:
        flags = " (urge only)" if r.urge_only else ""
        flags += f", cost {money(r.cost, currency)}" if r.cost is not None else ""
        print(f"{r.id:>6}  {r.day}  {r.occurred_at:%H:%M}  {r.trackable}: "
              f"{amount(r.amount, r.unit, currency=currency)}{flags}")
    return 0


def cmd_trackables(args: argparse.Namespace) -> int:
    from harmtrack.core.tracking import trackables

    with open_db(args) as db:
        rows = trackables.list_trackables(db, include_archived=args.all)
    if args.json:
        print_json([{"id": t.id, "name": t.name, "kind": t.kind, "unit": t.unit,
                     "colour": t.colour, "archived": t.archived, "builtin": t.builtin_key}
                    for t in rows])
    else:
        for t in rows:
            print(f"{t.id:>4}  {t.name} ({t.unit})")
    return 0


def cmd_track(args: argparse.Namespace) -> int:
    from harmtrack.core.quantities import catalog
    from harmtrack.core.tracking import trackables

    with open_db(args) as db:
        if catalog.find(args.name) is not None:
            t = trackables.add_builtin(db, args.name, args.unit)
        else:
            if not args.unit:
                raise UsageError(f"{args.name!r} is not built in: give its unit with --unit")
            t = trackables.add_custom(db, args.name, args.unit, args.kind)
    print(t.id)
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    from harmtrack.core.tracking import checkins, entries

    day = parse_day_arg(args.date, "--date")
    with open_db(args) as db:
        checkins.check_in(db, day or entries.today(db))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from harmtrack.core.exchange import demo

    if args.days < 1 or args.days > 366 * 30:
        raise UsageError("--days must be between 1 and 10980")
    with open_db(args) as db:
        n = demo.fill(db, days=args.days, force=args.force, seed=args.seed)
    from harmtrack.core.quantities.formatting import count

    print(f"added {count(n, 'demo entry', 'demo entries')} over {count(args.days, 'day')}", file=sys.stderr)
    return 0


def cmd_smoke(args: argparse.Namespace) -> int:
    from harmtrack.app import run_gui

    return run_gui(args, smoke=True)
