"""Sub-commands for sync between computers through a folder (``harmtrack sync …``).

``harmtrack sync --folder DIR`` sets the folder the first time and runs one pass; later
``harmtrack sync`` runs a pass with the folder already set. The sync passphrase comes from
HARMTRACK_PASSPHRASE (for an encrypted data folder it is the data's passphrase) or a
prompt; it is needed only when a folder is set up, not for every pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import UsageError, one_line, open_db, print_json, record_id, user_path

if TYPE_CHECKING:
    from harmtrack.core.sync.service import SyncStatus, SyncSummary


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="sync with your other computers through a folder "
                                    "(Syncthing, Nextcloud, a USB stick…)")
    p.add_argument("--folder", metavar="DIR",
                   help="the sync folder (needed the first time, or to change folders)")
    p.add_argument("--name", metavar="NAME", help="this computer's name as the others see it")
    p.add_argument("--dry-run", action="store_true",
                   help="show what a pass would add, change and remove; change nothing")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_sync)
    more = p.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")

    s = more.add_parser("status", help="the folder, the computers that sync there, what waits")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    s = more.add_parser("conflicts", help='fields "changed on both computers"')
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_conflicts)

    s = more.add_parser("dismiss", help="mark a conflict as seen (on this computer)")
    s.add_argument("id", type=record_id, metavar="ID")
    s.set_defaults(func=cmd_dismiss)

    s = more.add_parser("forget", help="stop syncing this computer (its data and the folder stay)")
    s.set_defaults(func=cmd_forget)


def _passphrase() -> str:
    """The sync passphrase: HARMTRACK_PASSPHRASE, else asked in a terminal."""
    secret = os.environ.get("HARMTRACK_PASSPHRASE")
    if secret:
        return secret
    if not sys.stdin.isatty():
        raise UsageError("give the sync folder's passphrase in HARMTRACK_PASSPHRASE "
                         "(no terminal to ask in)")
    import getpass

    try:
        secret = getpass.getpass("Sync folder passphrase: ")
    except EOFError:
        raise UsageError("no passphrase given; nothing was changed") from None
    except UnicodeDecodeError:
        raise UsageError("the passphrase typed is not valid UTF-8 text; nothing was changed") from None
    if not secret:
        raise UsageError("no passphrase given; nothing was changed")
    return secret


def cmd_sync(args: argparse.Namespace) -> int:
    from harmtrack.core.sync import service

    folder = user_path(args.folder, "--folder").resolve() if args.folder else None
    if folder is not None and folder.exists() and not folder.is_dir():
        raise UsageError(f"--folder: {args.folder} is a file, not a folder")
    with open_db(args) as db:
        current = service.status(db).folder
        if folder is not None and (current is None or folder != current):
            # With --dry-run too: joining writes only this computer's record into the
            # folder; the preview then changes nothing of the data.
            service.set_folder(db, folder, _passphrase(), args.name)
        elif folder is None and current is None:
            raise UsageError("no sync folder is set; give one with --folder DIR")
        elif args.name:
            raise UsageError("--name is given when a folder is set up")
        summary = service.run_pass(db, dry_run=args.dry_run)
    if args.json:
        print_json(summary_json(summary, dry_run=args.dry_run))
    else:
        print("\n".join(summary_lines(summary, dry_run=args.dry_run)))
    return 0


def summary_json(summary: SyncSummary, *, dry_run: bool) -> dict[str, Any]:
    """A pass's result for scripts."""
    return {
        "added": summary.added, "changed": summary.changed, "removed": summary.removed,
        "conflicts": summary.conflicts,
        "skipped_files": [{"path": s.path, "reason": s.reason} for s in summary.skipped_files],
        "backup": str(summary.backup) if summary.backup else None,
        "dry_run": dry_run,
    }


def summary_lines(summary: SyncSummary, *, dry_run: bool) -> list[str]:
    """A pass's result for a person: counts, conflicts, skipped files, the backup."""
    from harmtrack.core.quantities.formatting import count

    counts = (f"{count(summary.added, 'row', 'rows')} added, {summary.changed} changed, "
              f"{summary.removed} removed")
    if dry_run:
        counts = (f"Preview (nothing changed): this sync would add {summary.added}, "
                  f"change {summary.changed}, remove {summary.removed}")
    else:
        counts = "Synced: " + counts
    if summary.conflicts:
        counts += (f"; {count(summary.conflicts, 'conflict', 'conflicts')} "
                   "(see: harmtrack sync conflicts)")
    lines = [counts]
    lines += [f"skipped {one_line(s.path)}: {one_line(s.reason)} (tried again next time)"
              for s in summary.skipped_files]
    if summary.backup:
        lines.append(f"A backup was taken first: {summary.backup}")
    return lines


def _when(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def status_json(st: SyncStatus) -> dict[str, Any]:
    """``sync status --json``: the folder, this device, every device, what waits."""
    return {
        "folder": str(st.folder) if st.folder else None,
        "device": st.device,
        "devices": [{"id": d.id, "name": d.name, "last_change": _when(d.last_change),
                     "this_device": d.this_device} for d in st.devices],
        "pending": st.pending,
        "last_sync": _when(st.last_sync),
        "conflicts": st.conflicts,
    }


def cmd_status(args: argparse.Namespace) -> int:
    from harmtrack.core.sync import service

    with open_db(args) as db:
        st = service.status(db)
    if args.json:
        print_json(status_json(st))
        return 0
    if st.folder is None:
        print("Not syncing: no sync folder is set (harmtrack sync --folder DIR)")
        return 0
    print(f"Sync folder: {st.folder}")
    last = f"{st.last_sync:%Y-%m-%d %H:%M}" if st.last_sync else "never"
    print(f"Last sync: {last}; {st.pending} change(s) waiting; {st.conflicts} conflict(s)")
    for d in st.devices:
        when = f"{d.last_change:%Y-%m-%d %H:%M}" if d.last_change else "no changes yet"
        mine = " (this computer)" if d.this_device else ""
        print(f"  {one_line(d.name)}{mine}: last change {when}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from harmtrack.core.sync import service

    with open_db(args) as db:
        found = service.conflicts(db)
    if args.json:
        print_json([{"id": c.id, "what": c.what, "field": c.field, "kept": c.kept, "other": c.other,
                     "other_device": c.other_device} for c in found])
        return 0
    if not found:
        print("No conflicts.")
    for c in found:
        print(f"{c.id:>5}  {one_line(c.what)}, {one_line(c.field)}: kept {one_line(c.kept)}; "
              f"on {one_line(c.other_device)}: {one_line(c.other)}")
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    from harmtrack.core.sync import service

    with open_db(args) as db:
        service.dismiss_conflict(db, args.id)
    print(f"conflict {args.id} dismissed")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from harmtrack.core.sync import service

    with open_db(args) as db:
        folder: Path | None = service.status(db).folder
        if folder is None:
            raise UsageError("no sync folder is set; nothing to forget")
        service.forget_folder(db)
    print(f"this computer no longer syncs with {folder}; your data and the folder's files stay")
    return 0
