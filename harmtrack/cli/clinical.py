"""Sub-commands for the figures clinicians read: standard measures, heavy-use day thresholds,
the settings they depend on (``settings``), and the FHIR export's options (``export --format
fhir`` runs ``cmd_export_fhir``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import UsageError, open_db, parse_day_arg, print_json, user_path

if TYPE_CHECKING:
    from harmtrack.core.report.data import ReportOptions
    from harmtrack.core.storage.db import Database


def add_range_options(p: argparse.ArgumentParser) -> None:
    """The report's range and leave-out options, for commands that show the same data."""
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--trackable", action="append", default=[], metavar="WHAT",
                   help="include this trackable (repeatable; default: all with data in the range)")
    p.add_argument("--leave-out", action="append", default=[], metavar="WHAT",
                   help="leave this trackable out (repeatable), as in the report")


def register(sub: Any) -> None:
    p = sub.add_parser("measures", help="the report's standard measures for a range "
                                        "(default: the report's range)")
    add_range_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_measures)

    p = sub.add_parser("heavy-day", help="show or set what counts as a heavy-use day for a trackable")
    p.add_argument("trackable", metavar="WHAT")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--at-least", type=float, metavar="AMOUNT",
                       help="a day with this much or more (in the trackable's unit) counts as heavy")
    group.add_argument("--clear", action="store_true", help="forget your own threshold")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_heavy_day)

    p = sub.add_parser("settings", help="show the settings, or choose whose screening cut-offs "
                                        "to use where they differ by sex")
    p.add_argument("--screening-cutoffs", choices=sorted(CUTOFF_CHOICES), metavar="men|women|both",
                   help="AUDIT-C's positive screen and NIAAA's heavy drinking day differ for men "
                        "and women: use one, or show both (the default). Earlier results keep "
                        "the band they were given.")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_settings)


#: ``settings --screening-cutoffs`` in the core's terms (the ``sex`` setting).
CUTOFF_CHOICES: dict[str, str | None] = {"men": "male", "women": "female", "both": None}


def options_from(args: argparse.Namespace, db: Database, omittable: Sequence[str] = ("questionnaires",),
                 what: str = "the FHIR export") -> ReportOptions:
    """ReportOptions from ``--from/--to/--trackable/--leave-out`` and ``--omit`` (one of
    ``omittable``; ``what`` can leave those out), the report's default range when no date
    is given."""
    from harmtrack.core.report.data import ReportOptions, resolve_range
    from harmtrack.core.tracking import trackables

    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    omit = {w.strip().lower() for w in getattr(args, "omit", "").split(",") if w.strip()}
    if omit - set(omittable):
        raise UsageError(f"--omit: unknown {', '.join(sorted(omit - set(omittable)))} "
                         f"({what} can leave out: {', '.join(omittable)})")
    rng = resolve_range(db, "custom", start, end) if start or end else resolve_range(db, "default")
    return ReportOptions(
        omit_questionnaires="questionnaires" in omit, omit_notes="notes" in omit,
        omit_triggers="triggers" in omit, omit_cost="cost" in omit,
        start=rng.start, end=rng.end, range_label=rng.label, range_note=rng.note or None,
        trackables=tuple(trackables.resolve(db, w).id for w in args.trackable),
        omit_trackables=tuple(trackables.resolve(db, w).id for w in args.leave_out))


def cmd_measures(args: argparse.Namespace) -> int:
    from harmtrack.core.quantities.formatting import number
    from harmtrack.core.report.data import chosen_trackables
    from harmtrack.core.report.measures import measures

    with open_db(args, create=False) as db:
        options = options_from(args, db)
        m = measures(db, chosen_trackables(db, options), options.start, options.end)
    if args.json:
        print_json(m.to_json())
        return 0
    c = m.collection
    print(f"{m.start} to {m.end} (before: {m.before_start} to {m.before_end})")
    same = c.share(c.same_day)
    print(f"entries: {c.entries}, logged the same day: "
          f"{'–' if same is None else f'{same:.0f}%'}, next day: {c.next_day}, later: {c.later}, "
          f"imported: {c.imported}; "
          f"days not logged: {c.not_logged_days} of {c.days_over}")
    for t in m.trackables:
        print(f"{t.info.name} ({t.info.unit})")
        for label, p in (("range", t.current), ("before", t.before)):
            pct = "–" if p.use_free_pct is None else f"{p.use_free_pct:.0f}%"
            heavy = "no threshold" if p.heavy_days is None else str(p.heavy_days)
            print(f"  {label}: use-free {pct} of {p.logged_days} logged days, per day of use "
                  f"{number(p.per_use_day)}, heaviest {number(p.heaviest)}, heavy-use days {heavy}")
    return 0


def cmd_heavy_day(args: argparse.Namespace) -> int:
    from harmtrack.core.goals.heavy_days import own_threshold, rule_for, set_own_threshold
    from harmtrack.core.storage.settings import get_settings
    from harmtrack.core.tracking import trackables

    with open_db(args) as db:
        t = trackables.resolve(db, args.trackable)
        if args.clear or args.at_least is not None:
            if args.at_least is not None and not (0 < args.at_least < 1e9):
                raise UsageError("--at-least must be a number above 0")
            settings = set_own_threshold(db, t, None if args.clear else args.at_least)
        else:
            settings = get_settings(db)
        rule = rule_for(t, settings)
    if args.json:
        print_json({"trackable": t.name, "own": own_threshold(settings, t.name),
                    "at_least": None if rule is None else rule.at_least,
                    "more_than": bool(rule and rule.strict),
                    "words": None if rule is None else rule.words,
                    "source": rule.source.citation if rule and rule.source else None})
    elif rule is None:
        print(f"{t.name}: no heavy-use day is set")
    else:
        print(f"{t.name}: {rule.words}")
    return 0


def cmd_export_fhir(args: argparse.Namespace) -> int:
    """``export --format fhir``: daily amounts and questionnaires as a FHIR Bundle."""
    from harmtrack.core.exchange.fhir import write_fhir

    out = user_path(args.out, "--out")
    if not out.name or out.is_dir():
        raise UsageError(f"--out: {args.out} is a folder; give a file name")
    with open_db(args, create=False) as db:
        options = options_from(args, db)
        target, count = write_fhir(db, options, out)
    print(f"exported {count} resources to {target}")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    import dataclasses

    from harmtrack.core.exchange.export import MACHINE_SETTINGS
    from harmtrack.core.storage.settings import get_settings, update_settings

    with open_db(args) as db:
        if args.screening_cutoffs is not None:
            settings = update_settings(db, sex=CUTOFF_CHOICES[args.screening_cutoffs])
        else:
            settings = get_settings(db)
    values = {k: v for k, v in dataclasses.asdict(settings).items() if k not in MACHINE_SETTINGS}
    if args.json:
        print_json(values)
        return 0
    chosen = next(k for k, v in CUTOFF_CHOICES.items() if v == settings.sex)
    for key, value in values.items():
        print(f"screening cut-offs: {chosen}" if key == "sex" else f"{key.replace('_', ' ')}: {value}")
    return 0
