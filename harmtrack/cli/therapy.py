"""Sub-commands for therapy: sessions you had, the therapist directory, your own therapist,
support lines and PDF reports."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from . import UsageError, open_db, parse_day_arg, print_json, record_id, user_path

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from harmtrack.core.report.chart_images import ChildCharts
    from harmtrack.core.report.pdf import ReportResult

OMITTABLE = ("notes", "triggers", "cost", "questionnaires")


def register(sub: Any) -> None:
    p = sub.add_parser("session", help="therapy sessions you had (the latest is 'last session')")
    ssub = p.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    a = ssub.add_parser("add", help="record a session and print its id")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    a.add_argument("--note", metavar="TEXT", help="what you talked about")
    a.add_argument("--therapist", metavar="NAME")
    a.add_argument("--agenda", metavar="TEXT",
                   help="what you wanted to talk about (default: the agenda written for it)")
    a.set_defaults(func=cmd_session_add)
    ls = ssub.add_parser("list", help="list recorded sessions, newest first")
    ls.add_argument("--json", action="store_true", help="print a JSON array")
    ls.set_defaults(func=cmd_session_list)
    ag = ssub.add_parser("agenda", help="what you want to talk about at your next session")
    what = ag.add_mutually_exclusive_group()
    what.add_argument("--text", metavar="TEXT", help="write it (replaces what was written)")
    what.add_argument("--clear", action="store_true", help="remove it")
    ag.add_argument("--json", action="store_true", help="print it as a JSON object")
    ag.set_defaults(func=cmd_session_agenda)

    p = sub.add_parser("therapists", help="list harm-reduction therapists from the bundled directory")
    p.add_argument("--state", metavar="XX", help="two-letter state, e.g. WA")
    p.add_argument("--focus", metavar="TAG", help="a focus tag, e.g. self-harm, alcohol, LGBTQ+")
    p.add_argument("--profession", metavar="TEXT", help="part of the profession, e.g. social worker")
    p.add_argument("--search", metavar="TEXT", help="words to look for in any field")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_therapists)

    p = sub.add_parser("support", help="crisis and harm-reduction lines, and your own numbers")
    p.add_argument("--json", action="store_true")
    p.add_argument("--add", metavar="NAME", help="add your own contact with this name")
    p.add_argument("--phone", help="phone number for --add")
    p.add_argument("--note", help="how to reach them, for --add")
    p.add_argument("--remove", type=record_id, metavar="ID", help="remove one of your own contacts")
    p.set_defaults(func=cmd_support)

    p = sub.add_parser("my-therapist", help="show, set or clear your own therapist (shown on reports)")
    p.add_argument("--name")
    p.add_argument("--practice")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--url", help="their profile page")
    p.add_argument("--next-session", metavar="YYYY-MM-DD")
    p.add_argument("--clear", action="store_true", help="forget your therapist")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_my_therapist)

    p = sub.add_parser("report", help="write a PDF report to bring to your therapist")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    p.add_argument("--since-last-session", action="store_true",
                   help="from your last recorded session to today (the default when there is one)")
    p.add_argument("--last-4-weeks", action="store_true", help="the last 28 days")
    p.add_argument("--trackable", action="append", default=[], metavar="WHAT",
                   help="include this trackable (repeatable; default: all with data in the range)")
    p.add_argument("--leave-out", action="append", default=[], metavar="WHAT",
                   help="leave this trackable out of the report (repeatable)")
    p.add_argument("--omit", default="", metavar="LIST",
                   help="comma-separated things to leave out: notes, triggers, cost, questionnaires")
    p.add_argument("--all-entries", action="store_true", help="add a table of every entry")
    p.add_argument("--with-balance", action="store_true",
                   help="add your decisional balance and ideal-use plans")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_report)


def cmd_therapists(args: argparse.Namespace) -> int:
    from harmtrack.core.care import therapists

    if args.state is not None:
        code = args.state.strip()
        if len(code) != 2 or not code.isalpha():
            raise UsageError(f"--state: use the two-letter code, e.g. WA (not {args.state!r})")
    if args.focus is not None:
        tags = therapists.focus_tags()

        def fold(text: str) -> str:  # as the filter compares: case and hyphens do not matter
            return " ".join(text.casefold().replace("-", " ").split())

        if fold(args.focus) not in {fold(t) for t in tags}:
            raise UsageError(f"--focus: no tag {args.focus!r}; the tags are: {', '.join(tags)}")
    rows = therapists.filter_therapists(state=args.state, focus=args.focus,
                                        profession=args.profession, query=args.search)
    if args.json:
        print_json([t.to_json() for t in rows])
        return 0
    for t in rows:
        where = t.location or "location not listed"
        print(f"{t.name} — {t.profession}, {where}")
        print(f"    focus: {', '.join(t.focus)}")
    src = therapists.directory_source()
    print(f"\n{len(rows)} of {len(therapists.all_therapists())} listed. Source: {src.url} "
          f"(taken {src.retrieved.isoformat()})")
    return 0


def cmd_support(args: argparse.Namespace) -> int:
    from harmtrack.core.care import therapists

    if args.remove is not None and args.add:
        raise UsageError("use either --add or --remove, not both")
    with open_db(args) as db:
        if args.add:
            contact = therapists.add_support_contact(db, args.add, args.phone, args.note)
            print(contact.id)
            return 0
        if args.remove is not None:
            therapists.remove_support_contact(db, args.remove)
            return 0
        own = therapists.list_support_contacts(db)
    lines = therapists.support_lines()
    if args.json:
        print_json({
            "lines": [{"name": s.name, "country": s.country, "phone": s.phone, "how": s.how,
                       "source": s.source} for s in lines],
            "own": [{"id": c.id, "name": c.name, "phone": c.phone, "note": c.note} for c in own],
        })
        return 0
    for s in lines:
        print(f"{s.name} ({s.country}): {s.phone}\n    {s.how}\n    source: {s.source}")
    for c in own:
        print(f"[{c.id}] {c.name}: {c.phone or ''} {c.note or ''}".rstrip())
    print("\nAdd your own local numbers with: harmtrack support --add NAME --phone NUMBER")
    return 0


def cmd_my_therapist(args: argparse.Namespace) -> int:
    from harmtrack.core.care import therapists

    fields = (args.name, args.practice, args.phone, args.email, args.url, args.next_session)
    if args.clear and any(f is not None for f in fields):
        raise UsageError("--clear cannot be combined with other fields")
    next_session = parse_day_arg(args.next_session, "--next-session")
    with open_db(args) as db:
        if args.clear:
            therapists.clear_my_therapist(db)
            return 0
        current = therapists.get_my_therapist(db)
        if any(f is not None for f in fields):
            name = args.name if args.name is not None else (current.name if current else None)
            if not name:
                raise UsageError("give your therapist's name with --name")

            def keep(new: str | None, old: Any) -> Any:
                return new if new is not None else old

            current = therapists.set_my_therapist(
                db, name,
                practice=keep(args.practice, current.practice if current else None),
                phone=keep(args.phone, current.phone if current else None),
                email=keep(args.email, current.email if current else None),
                url=keep(args.url, current.url if current else None),
                next_session=keep(next_session, current.next_session if current else None),
            )
    if args.json:
        print_json(current.to_json() if current else None)
    elif current is None:
        print("No therapist set. Add one with: harmtrack my-therapist --name NAME")
    else:
        for key, value in current.to_json().items():
            if value:
                print(f"{key.replace('_', ' ')}: {value}")
    return 0


#: A chart child forked by ``start_chart_child`` and not yet taken by ``cmd_report``.
STARTED_CHILDREN: list[ChildCharts] = []


def start_chart_child() -> None:
    """Fork the report's chart child now: ``run`` calls this as soon as it sees the command
    is ``report``, before building the parser (a third of the command's fixed cost)."""
    from harmtrack.core.report.chart_images import ChildCharts, can_fork

    if can_fork() and not STARTED_CHILDREN:
        STARTED_CHILDREN.append(ChildCharts())


def close_unused_chart_child() -> None:
    """End a child ``cmd_report`` did not take (``--help``, a usage error while parsing)."""
    while STARTED_CHILDREN:
        STARTED_CHILDREN.pop().close()


def cmd_report(args: argparse.Namespace) -> int:
    start, end = parse_day_arg(args.start, "--from"), parse_day_arg(args.end, "--to")
    presets = sum(bool(x) for x in (args.since_last_session, args.last_4_weeks, start or end))
    if presets > 1:
        raise UsageError("choose one of --from/--to, --since-last-session or --last-4-weeks")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    omit = {w.strip().lower() for w in args.omit.split(",") if w.strip()}
    unknown = omit - set(OMITTABLE)
    if unknown:
        raise UsageError(f"--omit: unknown {', '.join(sorted(unknown))} (choose from {', '.join(OMITTABLE)})")
    out = user_path(args.out, "--out")
    if out.suffix.lower() != ".pdf":
        raise UsageError("--out must name a .pdf file")
    if not out.resolve().parent.is_dir():
        raise UsageError(f"--out: folder {str(out.parent)!r} does not exist")
    from harmtrack.core.report.chart_images import ChildCharts, can_fork

    # The charts' child starts before anything else (``start_chart_child`` forks it even
    # before the arguments are parsed), so that its matplotlib import runs beside the
    # report's own imports and the gathering; forked before the data folder is opened, it
    # never holds the database or its key.
    child = STARTED_CHILDREN.pop() if STARTED_CHILDREN else (ChildCharts() if can_fork() else None)
    try:
        result = report_of(args, start, end, omit, out, child)
    finally:
        if child is not None:
            child.close()
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    print(f"wrote {result.path} ({pages}, {result.start} to {result.end})", file=sys.stderr)
    return 0


def report_of(args: argparse.Namespace, start: dt.date | None, end: dt.date | None,
                 omit: set[str], out: Path, child: ChildCharts | None) -> ReportResult:
    """The report of ``cmd_report``'s checked arguments."""
    from harmtrack.core.report import pdf as report
    from harmtrack.core.tracking import trackables

    with open_db(args, create=False) as db:
        if args.since_last_session:
            rng = report.resolve_range(db, "since-last-session")
        elif args.last_4_weeks:
            rng = report.resolve_range(db, "last-4-weeks")
        elif start or end:
            rng = report.resolve_range(db, "custom", start, end)
        else:
            rng = report.resolve_range(db, "default")
        ids = tuple(trackables.resolve(db, w).id for w in args.trackable)
        left_out = tuple(trackables.resolve(db, w).id for w in args.leave_out)
        options = report.ReportOptions(
            start=rng.start, end=rng.end, range_label=rng.label, range_note=rng.note or None,
            trackables=ids,
            omit_trackables=left_out, omit_notes="notes" in omit, omit_triggers="triggers" in omit,
            omit_cost="cost" in omit, omit_questionnaires="questionnaires" in omit,
            all_entries=args.all_entries,
            balance_and_ideal_use=args.with_balance,
        )
        return report.write_report(db, options, out, child=child)


def cmd_session_add(args: argparse.Namespace) -> int:
    from harmtrack.core.care import sessions
    from harmtrack.core.tracking import entries

    day = parse_day_arg(args.date, "--date")
    with open_db(args) as db:
        rec = sessions.add_session(db, day or entries.today(db), therapist=args.therapist,
                                   note=args.note, agenda=args.agenda)
    print(rec.id)
    return 0


def cmd_session_list(args: argparse.Namespace) -> int:
    from harmtrack.core.care import sessions

    with open_db(args) as db:
        rows = sessions.list_sessions(db)
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("No sessions recorded yet.", file=sys.stderr)
    for r in rows:
        who = f"  with {r.therapist}" if r.therapist else ""
        print(f"{r.id:>4}  {r.date}{who}")
        for label, text in (("agenda", r.agenda), ("notes", r.note)):
            if text:
                print(f"      {label}: " + text.replace("\n", "\n      "))
    return 0


def cmd_session_agenda(args: argparse.Namespace) -> int:
    from harmtrack.core.care import sessions

    with open_db(args) as db:
        if args.text is not None or args.clear:
            if args.text is not None and not args.text.strip():
                raise UsageError("--text: write what you want to talk about (or use --clear)")
            rec = sessions.set_agenda(db, None if args.clear else args.text)
        else:
            rec = sessions.next_session(db)
    if args.json:
        print_json({"agenda": rec.agenda if rec else None,
                    "written": rec.date.isoformat() if rec else None})
    elif rec is None:
        print("No agenda for your next session yet.", file=sys.stderr)
    else:
        print(rec.agenda)
    return 0
