"""Sub-commands for the therapist's share: ``share`` writes one encrypted, read-only file
of a range (the report's range and leave-out choices); ``open-share`` opens one, in review
mode or as the ``entries --json`` array (``exchange.share`` does the work)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from . import UsageError, open_db, user_path

#: What the report can leave out, and so the share (``therapy.OMITTABLE``).
from .therapy import OMITTABLE


def register(sub: Any) -> None:
    from .clinical import add_range_options

    p = sub.add_parser("share", help="write one encrypted, read-only file of a range for your "
                                     "therapist (the report's range and leave-out choices)")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write (e.g. share.htshare)")
    add_range_options(p)
    p.add_argument("--omit", default="", metavar="LIST",
                   help=f"comma-separated things to leave out: {', '.join(OMITTABLE)}")
    p.add_argument("--with-balance", action="store_true",
                   help="add your decisional balance and ideal-use plans")
    p.set_defaults(func=cmd_share)

    p = sub.add_parser("open-share", help="open a shared file read-only, in review mode "
                                          "(nothing is written; no data folder needed)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true",
                   help="print its entries as `entries --json` does, instead of opening the window")
    p.set_defaults(func=cmd_open_share)


def ask_share_passphrase(*, new: bool) -> str:
    """The share passphrase: HARMTRACK_SHARE_PASSPHRASE, else asked in the terminal (twice
    for a new one, as the other new-passphrase prompts)."""
    from harmtrack.core.exchange.share import PASSPHRASE_ENV

    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise UsageError(f"give the share passphrase in {PASSPHRASE_ENV} (no terminal to ask in)")
    import getpass

    try:
        if not new:
            return getpass.getpass("Passphrase of the shared file: ")
        first = getpass.getpass("Choose a passphrase for this file (tell it to your therapist "
                                "separately): ")
        second = getpass.getpass("Type it again: ")
    except EOFError:  # Ctrl+D at the prompt
        raise UsageError("no passphrase given; nothing was written") from None
    except UnicodeDecodeError:  # a terminal that is not set to UTF-8
        raise UsageError("the passphrase typed is not valid UTF-8 text; nothing was written") from None
    if first != second:
        raise UsageError("the two passphrases differ; nothing was written")
    return first


def cmd_share(args: argparse.Namespace) -> int:
    import dataclasses

    from harmtrack.core.exchange.share import write_share
    from harmtrack.core.quantities.formatting import count

    from .clinical import options_from

    out = user_path(args.out, "--out")
    if not out.name or out.is_dir():
        raise UsageError(f"--out: {args.out} is a folder; give a file name")
    if not out.resolve().parent.is_dir():
        raise UsageError(f"--out: folder {str(out.parent)!r} does not exist")
    with open_db(args, create=False) as db:
        options = options_from(args, db, OMITTABLE, "the share")
        options = dataclasses.replace(options, balance_and_ideal_use=args.with_balance)
        # Asked once the choices are known to be sound: a refused range asks for nothing.
        result = write_share(db, options, ask_share_passphrase(new=True), out)
    left = f"; left out: {', '.join(result.left_out)}" if result.left_out else ""
    print(f"wrote {result.path} ({count(result.entries, 'entry', 'entries')}, {result.start} to "
          f"{result.end}{left}); give your therapist the passphrase separately", file=sys.stderr)
    return 0


def cmd_open_share(args: argparse.Namespace) -> int:
    from harmtrack.core.exchange.share import open_share

    path = user_path(args.file, "FILE")
    if not path.is_file():
        raise UsageError(f"no file at {path}")
    share = open_share(path, ask_share_passphrase(new=False))
    try:
        if args.json:
            from .entries import print_entries_json

            print_entries_json(share.db, share.start, share.end)
            return 0
        from harmtrack.app import run_share_review

        return run_share_review(share)
    finally:
        share.close()
