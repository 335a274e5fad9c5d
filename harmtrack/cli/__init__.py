"""The command-line front end: a thin layer over the core services.

Each area registers its sub-commands from its own module (listed in ``AREAS``);
modules import core services inside their handlers so that parsing stays cheap on the
GUI's start-up path. Bad input exits 2 with one line on stderr and writes nothing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from harmtrack.core.db import Database

#: Modules under harmtrack.cli that add sub-commands (each has ``register(sub)``).
AREAS = ("entries", "goals", "charts", "therapy", "data", "plans")

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad command-line input: exit 2 with this message."""


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> Parser:
    """The full command-line parser."""
    parser = Parser(prog="harmtrack", description="Private harm-reduction self-tracking.")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: your user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for area in AREAS:
        try:
            module = importlib.import_module(f"harmtrack.cli.{area}")
        except ModuleNotFoundError as exc:
            if exc.name == f"harmtrack.cli.{area}":
                continue  # that area is not built yet
            raise
        module.register(sub)
    _accept_data_dir_anywhere(sub)
    return parser


def _accept_data_dir_anywhere(sub: Any) -> None:
    """Let ``--data-dir`` also follow the sub-command (``harmtrack log … --data-dir DIR``).

    Scripts put it in either place; the sub-parsers' copy only sets the value when given
    (``SUPPRESS``), so one given before the sub-command is kept otherwise.
    """
    for child in sub.choices.values():
        if any("--data-dir" in a.option_strings for a in child._actions):
            continue
        child.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                           help="data folder (may also come before the command)")
        for action in child._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_data_dir_anywhere(action)


#: Databases this command opened: what opening them created is kept if the command
#: succeeds and removed if it is refused (a refused command writes nothing).
OPENED: list[Database] = []


def open_db(args: argparse.Namespace, *, create: bool = True, allow_damaged: bool = False) -> Database:
    """Open the database of the chosen data folder (passphrase from prompt or env)."""
    from harmtrack.core.storage import open_data_folder

    db = open_data_folder(args.data_dir, create=create, interactive=sys.stdin.isatty(),
                          allow_damaged=allow_damaged, provisional=True)
    OPENED.append(db)
    return db


def settle_opened(succeeded: bool) -> None:
    """Keep (or, for a refused command, remove) what opening the databases created."""
    from harmtrack.core.storage import discard_opened, keep_opened

    while OPENED:
        db = OPENED.pop()
        if succeeded:
            keep_opened(db)
        else:
            discard_opened(db)


def print_json(value: Any) -> None:
    """Print JSON for scripts (UTF-8, stable key order as built)."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def parse_day_arg(text: str | None, what: str = "date") -> Any:
    """A YYYY-MM-DD argument or None; UsageError for an impossible date."""
    if text is None:
        return None
    from harmtrack.core.days import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


Handler = Callable[[argparse.Namespace], int | None]


def gui_request(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when ``argv`` only starts the GUI (``[--data-dir DIR] [smoke]``).

    Start-up speed: the GUI does not need every area's sub-commands imported and the
    full parser built (≈15 ms); anything else, ``--help`` included, gets the full parser.
    """
    args = list(argv)
    smoke = bool(args) and args[-1] == "smoke"
    if smoke:
        args.pop()
    data_dir: str | None = None
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        data_dir = args[1]
    elif len(args) == 1 and args[0].startswith("--data-dir="):
        data_dir = args[0].split("=", 1)[1]
    elif args:
        return None
    return argparse.Namespace(data_dir=data_dir, command="smoke" if smoke else None)


def _smoke(args: argparse.Namespace) -> int:
    from harmtrack.app import run_gui

    return run_gui(args, smoke=True)


def run(argv: Sequence[str] | None = None) -> int:
    """Parse and run one command; returns the exit status."""
    request = gui_request(sys.argv[1:] if argv is None else argv)
    handler: Handler | None
    if request is not None:
        args = request
        handler = _smoke if request.command == "smoke" else None
    else:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, or a usage error already printed on one line
            return int(exc.code or 0)
        handler = getattr(args, "func", None)
    if handler is None:
        from harmtrack.app import run_gui

        return run_gui(args)
    from harmtrack.core.errors import HarmTrackError

    status = EXIT_BAD_INPUT
    try:
        status = handler(args) or 0
        return status
    except UsageError as exc:
        print(f"harmtrack: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except HarmTrackError as exc:
        print(f"harmtrack: error: {_with_hint(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        status = 0
        return 0
    finally:
        settle_opened(status == 0)


def _with_hint(exc: Exception) -> str:
    """The error's message, plus how to go on where the command line has a way."""
    from harmtrack.core.errors import UnknownTrackable

    if isinstance(exc, UnknownTrackable):
        if exc.builtin is not None:
            import shlex

            return f"{exc} Start with: harmtrack track {shlex.quote(exc.builtin.lower())} (or log it)"
        return f"{exc} To track something new: harmtrack track NAME --unit UNIT"
    return str(exc)


def data_path(args: argparse.Namespace) -> Path:
    """The data folder the arguments point at."""
    from harmtrack.paths import data_dir

    return data_dir(args.data_dir)
