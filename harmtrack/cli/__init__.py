"""The command-line front end: a thin layer over the core services.

Each area registers its sub-commands from its own module (listed in ``AREAS``);
modules import core services inside their handlers so that parsing stays cheap on the
GUI's start-up path. Bad input exits 2 with one line on stderr and writes nothing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from harmtrack.core.storage.db import Database

#: Modules under harmtrack.cli that add sub-commands (each has ``register(sub)``).
AREAS = ("entries", "goals", "charts", "therapy", "data", "plans", "clinical", "safety",
         "questionnaires", "share", "sync")

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad command-line input: exit 2 with this message."""


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {one_line(message)}\n")


def one_line(text: str) -> str:
    """Text safe to print as one line on any stream: newlines joined, text that is not
    valid UTF-8 (surrogate escapes from the command line or a file name) shown as \\xNN."""
    text = " ".join(str(text).split("\n"))
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def not_utf8(argv: Sequence[str]) -> str | None:
    """The message for the first argument that is not valid UTF-8 text, or None.

    Such bytes arrive as surrogate escapes; they cannot be stored (SQLite takes UTF-8) or
    printed, so the command is refused before anything is opened. File names are refused
    too: the data folder's database cannot live under such a name, and one rule is clearer.
    A NUL character (never in a real command line, but ``main`` takes any list) likewise.
    """
    for i, arg in enumerate(argv):
        if "\x00" not in arg and not any("\ud800" <= ch <= "\udfff" for ch in arg):
            continue
        shown = one_line(arg)
        option, _, value = arg.partition("=")
        if arg.startswith("--") and value:
            where, shown = f"{option}: ", one_line(value)
        elif i and argv[i - 1].startswith("-") and argv[i - 1] != "--":
            where = f"{one_line(argv[i - 1])}: "
        else:
            where = ""
        return (f"{where}'{shown}' is not valid UTF-8 text; type it in a UTF-8 terminal, "
                "or give the file a UTF-8 name")
    return None


#: Environment variables the command line reads passphrases from.
SECRET_VARIABLES = ("HARMTRACK_PASSPHRASE", "HARMTRACK_NEW_PASSPHRASE", "HARMTRACK_BACKUP_PASSPHRASE",
                    "HARMTRACK_SHARE_PASSPHRASE")


def secret_not_utf8() -> str | None:
    """The message for a passphrase variable that is not valid UTF-8 (its value never shown)."""
    for name in SECRET_VARIABLES:
        if not_utf8([os.environ.get(name, "")]):
            return f"{name} is not valid UTF-8 text; set it from a UTF-8 terminal or script"
    return None


def version() -> str:
    """The installed package's version (its metadata), else the source tree's."""
    from importlib import metadata

    try:
        return metadata.version("harmtrack")
    except metadata.PackageNotFoundError:
        from harmtrack import __version__

        return __version__


def common_options() -> argparse.ArgumentParser:
    """The options every sub-command takes too, after its name (``harmtrack log … --data-dir
    DIR``): scripts put them in either place. Given only when typed (``SUPPRESS``), so one
    given before the sub-command is kept otherwise."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="data folder (may also come before the command)")
    return common


class CommandParser(Parser):
    """A sub-command's parser: the common options come in as ``parents``. Its own
    sub-commands (``goal add``…) are CommandParsers as well (argparse makes them of the
    parser's type), so ``--data-dir`` may follow them too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("parents", [common_options()])
        super().__init__(*args, **kwargs)


def build_parser() -> Parser:
    """The full command-line parser."""
    parser = Parser(prog="harmtrack", description="Private harm-reduction self-tracking.")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: your user data folder)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for area in AREAS:
        try:
            module = importlib.import_module(f"harmtrack.cli.{area}")
        except ModuleNotFoundError as exc:
            if exc.name == f"harmtrack.cli.{area}":
                continue  # that area is not built yet
            raise
        module.register(sub)
    return parser


#: Databases this command opened: what opening them created is kept if the command
#: succeeds and removed if it is refused (a refused command writes nothing).
OPENED: list[Database] = []


def open_db(args: argparse.Namespace, *, create: bool = True, exclusive: bool = False,
            allow_damaged: bool = False) -> Database:
    """Open the database of the chosen data folder (passphrase from prompt or env).

    ``exclusive``: for a command that replaces the file; refused (exit 2, nothing
    written) while another HarmTrack has the folder open.
    """
    from harmtrack.core.storage.data_folder import open_data_folder

    db = open_data_folder(data_path(args), create=create, interactive=sys.stdin.isatty(),
                          exclusive=exclusive, allow_damaged=allow_damaged, provisional=True)
    OPENED.append(db)
    return db


def settle_opened(succeeded: bool) -> None:
    """Keep (or, for a refused command, remove) what opening the databases created."""
    from harmtrack.core.storage.data_folder import discard_opened, keep_opened

    while OPENED:
        db = OPENED.pop()
        if succeeded:
            keep_opened(db)
        else:
            discard_opened(db)


def print_json(value: Any) -> None:
    """Print strict JSON for scripts (UTF-8, stable key order as built).

    Strict: a stored number that is not finite (from before such numbers were refused)
    is an error, not ``Infinity``, which no JSON reader accepts.
    """
    try:
        text = json.dumps(value, indent=2, ensure_ascii=False, default=str, allow_nan=False)
    except ValueError:
        raise UsageError("a stored number is not finite, so it cannot be written as JSON; "
                         "correct it in HarmTrack first") from None
    sys.stdout.write(text + "\n")


#: Dates the command line takes. Wider than what the core stores (1970 on, nothing to
#: come), so the core's own message speaks for e.g. a session in 2999 ("once it has
#: happened"); narrow enough that day arithmetic never leaves Python's dates (year 9999).
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_day_arg(text: str | None, what: str = "date") -> Any:
    """A YYYY-MM-DD argument or None; UsageError for an impossible or implausible date."""
    if text is None:
        return None
    from harmtrack.core.common.days import parse_day

    try:
        day = parse_day(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UsageError(f"{what}: use a date from {FIRST_YEAR} to {LAST_YEAR}, not {text.strip()}")
    return day


def user_path(text: str, what: str) -> Path:
    """A file name from the command line, ``~`` expanded (UsageError for ``~nobody``)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~name" for a user the system does not know
        raise UsageError(f"{what}: cannot tell whose home folder {text.split('/')[0]!r} is") from None


def record_id(text: str) -> int:
    """An argparse type for a record's id: a whole number that fits the database."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"an id is a whole number, not {text!r}") from None
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"no record has the id {text}")
    return value


Handler = Callable[[argparse.Namespace], int | None]


def close_unused_chart_child() -> None:
    """End a report chart child that no command took (``--help``, a refused argument)."""
    from harmtrack.cli import therapy

    therapy.close_unused_chart_child()


def command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` past the global options, without parsing (None
    when there is none, or an option such as --help comes first)."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--data-dir":
            i += 2
        elif word.startswith("--data-dir="):
            i += 1
        else:
            return None if word.startswith("-") else word
    return None


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


def main(argv: Sequence[str] | None = None) -> int:
    """The ``harmtrack`` console entry point: the GUI without a sub-command, else the command."""
    return run(argv)


def run(argv: Sequence[str] | None = None) -> int:
    """Parse and run one command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    refused = not_utf8(argv) or secret_not_utf8()
    if refused:
        print(f"harmtrack: error: {refused}", file=sys.stderr)
        return EXIT_BAD_INPUT
    request = gui_request(argv)
    handler: Handler | None
    if request is not None:
        args = request
        handler = _smoke if request.command == "smoke" else None
    else:
        if command_of(argv) == "report":
            from harmtrack.cli import therapy

            therapy.start_chart_child()
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, or a usage error already printed on one line
            close_unused_chart_child()
            return int(exc.code or 0)
        handler = getattr(args, "func", None)
    if handler is None:
        from harmtrack.app import run_gui

        return run_gui(args)
    from harmtrack.core.common.errors import HarmTrackError

    status = EXIT_BAD_INPUT
    try:
        status = handler(args) or 0
        return status
    except UsageError as exc:
        print(f"harmtrack: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except HarmTrackError as exc:
        print(f"harmtrack: error: {one_line(_with_hint(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # a file the command was asked to read or write
        if isinstance(exc, BrokenPipeError):
            return 0
        where = f": {exc.filename}" if exc.filename else ""
        print(f"harmtrack: error: {one_line(exc.strerror or str(exc))}{one_line(str(where))}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    finally:
        settle_opened(status == 0)
        close_unused_chart_child()


def _with_hint(exc: Exception) -> str:
    """The error's message, plus how to go on where the command line has a way."""
    from harmtrack.core.common.errors import UnknownTrackable

    if isinstance(exc, UnknownTrackable):
        if exc.builtin is not None:
            import shlex

            return f"{exc} Start with: harmtrack track {shlex.quote(exc.builtin.lower())} (or log it)"
        return f"{exc} To track something new: harmtrack track NAME --unit UNIT"
    return str(exc)


def data_path(args: argparse.Namespace) -> Path:
    """The data folder the arguments point at (refused when its name is not valid UTF-8,
    e.g. from HARMTRACK_DATA_DIR: SQLite cannot open a file under such a name)."""
    from harmtrack.paths import data_dir

    if args.data_dir:
        user_path(args.data_dir, "--data-dir")
    folder = data_dir(args.data_dir)
    if not_utf8([str(folder)]):
        raise UsageError(f"the data folder's name '{one_line(str(folder))}' is not valid UTF-8; "
                         "choose another with --data-dir")
    return folder
