"""Sub-commands for your data: export, import, backup, restore, encryption."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from . import UsageError, data_path, open_db, print_json, user_path

if TYPE_CHECKING:
    from harmtrack.core.storage.db import Database


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="export your data as CSV (entries), complete JSON, "
                                      "or FHIR (daily amounts, for a clinic's system)")
    p.add_argument("--format", choices=["csv", "json", "fhir"], required=True)
    p.add_argument("--out", metavar="FILE", required=True, help="file to write")
    from .clinical import add_range_options

    add_range_options(p)  # fhir only: the report's range and leave-out choices
    p.add_argument("--omit", default="", metavar="LIST",
                   help="fhir only: leave out questionnaires (their answers and scores)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="import a file (shows a preview with --dry-run)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=["harmtrack-json", "csv", "pwj", "loop"],
                   help="default: detected from the file")
    p.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
    p.add_argument("--json", action="store_true", help="print the preview/result as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("backup", help="take a backup now")
    p.add_argument("--out", metavar="FILE", help="where (default: the backups folder)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help="list the backups in the data folder")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore",
                       help="replace your data with a backup (the current data is kept as a backup)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("encrypt", help="encrypt your data with a passphrase")
    p.set_defaults(func=cmd_encrypt)
    p = sub.add_parser("decrypt", help="turn encryption off")
    p.set_defaults(func=cmd_decrypt)
    p = sub.add_parser("passphrase", help="change the passphrase of encrypted data")
    p.set_defaults(func=cmd_passphrase)


def cmd_export(args: argparse.Namespace) -> int:
    from harmtrack.core.exchange.export import write_export

    if args.format == "fhir":
        from .clinical import cmd_export_fhir

        return cmd_export_fhir(args)
    if args.start or args.end or args.trackable or args.leave_out or args.omit:
        raise UsageError("--from, --to, --trackable, --leave-out and --omit go with --format fhir; "
                         "csv and json exports hold everything")
    out = user_path(args.out, "--out")
    if not out.name or out.is_dir():
        raise UsageError(f"--out: {args.out} is a folder; give a file name")
    with open_db(args) as db:
        target = write_export(db, args.format, out)
    print(f"exported to {target}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from harmtrack.core.exchange import importers

    path = user_path(args.file, "FILE")
    if not path.is_file():
        raise UsageError(f"no file at {path}")
    with open_db(args) as db:
        if args.dry_run:
            result = importers.preview(db, path, args.format)
        else:
            result = importers.run_import(db, path, args.format)
    if args.json:
        print_json(result.to_json())
        return 0
    lines = result.lines()
    if args.dry_run:
        lines[0] = "Preview (nothing written): " + lines[0]
    else:
        lines[0] = "Imported: " + lines[0]
        if result.backup:
            lines.append(f"A backup was taken first: {result.backup}")
    print("\n".join(lines))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from harmtrack.core.storage.backups import make_backup

    with open_db(args) as db:
        target = make_backup(db, "manual", user_path(args.out, "--out") if args.out else None)
    print(f"backup written to {target}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from harmtrack.core.storage.backups import list_backups

    for b in list_backups(data_path(args)):
        print(f"{b.taken:%Y-%m-%d %H:%M}  {b.kind:<26} {b.size // 1024:>6} KB  {b.path}")
    return 0


def _ask_new(confirm_label: str = "new passphrase", env_name: str = "HARMTRACK_NEW_PASSPHRASE") -> str:
    env = os.environ.get("HARMTRACK_NEW_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UsageError(f"give the {confirm_label} in {env_name} (no terminal to ask in)")
    import getpass

    try:
        first = getpass.getpass(f"Choose a {confirm_label}: ")
        second = getpass.getpass("Type it again: ")
    except EOFError:  # Ctrl+D at the prompt
        raise UsageError(f"no {confirm_label} given; nothing was changed") from None
    except UnicodeDecodeError:  # a terminal that is not set to UTF-8
        raise UsageError(f"the {confirm_label} typed is not valid UTF-8 text; nothing was changed") from None
    if first != second:
        raise UsageError("the two passphrases differ; nothing was changed")
    return first


def _open_to_replace(args: argparse.Namespace) -> Database:
    """The folder's database, held exclusively: refused while another HarmTrack has it open."""
    return open_db(args, exclusive=True)


def _finish_interrupted(args: argparse.Namespace) -> None:
    """Finish or undo a change a kill interrupted, before looking at the folder's state."""
    from harmtrack.core.storage.data_folder import finish_interrupted_change

    done = finish_interrupted_change(data_path(args))
    if done:
        print(f"note: {done}", file=sys.stderr)


def cmd_restore(args: argparse.Namespace) -> int:
    from harmtrack.core.common.errors import DatabaseError
    from harmtrack.core.privacy.crypto import has_plain_header
    from harmtrack.core.storage.backups import restore
    from harmtrack.core.storage.folder_lock import FolderInUse

    source = user_path(args.file, "FILE")
    if not source.is_file():
        raise UsageError(f"no file at {source}")
    db = open_db(args, exclusive=True, allow_damaged=True)  # a damaged database is what a restore is for
    try:
        result = restore(db, source, passphrase=os.environ.get("HARMTRACK_BACKUP_PASSPHRASE")
                         or os.environ.get("HARMTRACK_PASSPHRASE"))
    except DatabaseError as exc:
        db.close()
        if has_plain_header(source) or isinstance(exc, FolderInUse):
            raise
        raise UsageError(f"{exc} (if the backup is encrypted, give its passphrase in "
                         "HARMTRACK_BACKUP_PASSPHRASE)") from None
    result.database.close()
    c = result.check
    span = f", {c.first_day} to {c.last_day}" if c.first_day else ""
    from harmtrack.core.quantities.formatting import count

    print(f"restored {count(c.entries, 'entry', 'entries')}{span} from {source.name}; "
          f"your previous data was kept as {result.previous}")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from harmtrack.core.privacy.crypto import change_encryption, check_new_passphrase
    from harmtrack.core.storage.data_folder import is_encrypted_folder

    _finish_interrupted(args)
    if is_encrypted_folder(data_path(args)):
        raise UsageError("your data is already encrypted (use 'passphrase' to change it)")
    # Checked before the folder is opened: a refused passphrase writes nothing.
    new = os.environ.get("HARMTRACK_PASSPHRASE") or _ask_new("passphrase", "HARMTRACK_PASSPHRASE")
    check_new_passphrase(new)
    db = _open_to_replace(args)
    done = change_encryption(db, new)
    done.database.close()
    print(f"your data is now encrypted ({done.rows} rows checked); keep your passphrase safe: "
          "without it the data cannot be opened")
    if done.backups_not_converted:
        print("these backups could not be encrypted and are still readable without the passphrase: "
              + ", ".join(done.backups_not_converted), file=sys.stderr)
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from harmtrack.core.privacy.crypto import change_encryption
    from harmtrack.core.storage.data_folder import is_encrypted_folder

    _finish_interrupted(args)
    if not is_encrypted_folder(data_path(args)):
        raise UsageError("your data is not encrypted")
    db = _open_to_replace(args)
    done = change_encryption(db, None)
    done.database.close()
    print(f"encryption is off ({done.rows} rows checked)")
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    from harmtrack.core.privacy.crypto import change_encryption, check_new_passphrase
    from harmtrack.core.storage.data_folder import is_encrypted_folder

    _finish_interrupted(args)
    if not is_encrypted_folder(data_path(args)):
        raise UsageError("your data is not encrypted (use 'encrypt' first)")
    db = _open_to_replace(args)
    try:
        new = _ask_new("new passphrase")
        check_new_passphrase(new)
    except BaseException:
        db.close()
        raise
    done = change_encryption(db, new)
    done.database.close()
    print("passphrase changed; backups were re-encrypted with it"
          + (f" (not converted: {', '.join(done.backups_not_converted)})"
             if done.backups_not_converted else ""))
    return 0
