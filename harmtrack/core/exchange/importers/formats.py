"""The format registry: telling a file's format and reading it into a Bundle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from harmtrack.core.exchange.importers import json_stream
from harmtrack.core.exchange.importers.bundle import Bundle, ImportRefused
from harmtrack.core.storage.settings import Settings

#: The formats HarmTrack imports; each has a module of its own with ``parse``.
FORMATS = ("harmtrack-json", "csv", "pwj", "loop")


def detect_format(path: Path) -> str:
    """Guess the format from the file's contents (and name)."""
    head = read_head(path).lstrip("\ufeff").lstrip()
    if head.startswith("{"):
        # The first telling key decides: the rest of the file is read by the import itself.
        for key, value in json_stream.pairs(path, "entries"):
            if key == "format" and value == "harmtrack-export":
                return "harmtrack-json"
            if key in ("experiences", "substanceCompanions", "customSubstances"):
                return "pwj"
    if head.startswith(("{", "[")):
        if head.startswith("["):
            json_stream.load(path)  # a broken file is refused as not valid JSON, with its line
        raise ImportRefused(f"{path.name} is JSON but neither a HarmTrack export nor a "
                            "PsychonautWiki Journal export")
    first = head.splitlines()[0] if head else ""
    if "trackable" in first.casefold():
        return "csv"
    if first.casefold().startswith("date,") or path.name.casefold() == "checkmarks.csv":
        return "loop"
    raise ImportRefused(f"cannot tell the format of {path.name}; choose one with --format")


def read_head(path: Path) -> str:
    """The file's first 4 KiB as text (what telling its format needs)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(4096)
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc
    return data.decode("utf-8-sig", errors="ignore")  # a character cut at 4 KiB is dropped


def read_text(path: Path) -> str:
    """A file's whole text (UTF-8, a BOM allowed), refusing one unreadable."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"{path.name} is not UTF-8 text (byte {exc.start}); nothing was imported") from exc
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc


def open_text(path: Path) -> IO[str]:
    """A file's text as a stream of lines (UTF-8, a BOM allowed), for ``csv``."""
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc


def read_lines(path: Path) -> Iterator[str]:
    """A file's lines as they are read (UTF-8, a BOM allowed), refusing one unreadable;
    the file is closed once they are all read."""
    with open_text(path) as fh:
        try:
            yield from fh
        except UnicodeDecodeError:
            raise ImportRefused(f"{path.name} is not UTF-8 text; nothing was imported") from None


def parse_bundle(path: Path, fmt: str | None, settings: Settings) -> Bundle:
    """Read ``path`` in format ``fmt`` (detected when None) into a Bundle."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ImportRefused(f"no file at {path}")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ImportRefused(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "harmtrack-json":
        from harmtrack.core.exchange.importers import harmtrack_json

        # Its entries are read as the writer asks for them: they are never all held.
        return harmtrack_json.parse(path)
    if fmt == "pwj":
        from harmtrack.core.exchange.importers import pwj

        return pwj.parse(json_stream.load(path, "experiences"), settings)
    if fmt == "csv":
        from harmtrack.core.exchange.importers import csv as csv_import

        return csv_import.parse(read_lines(path), settings)
    from harmtrack.core.exchange.importers import loop

    return loop.parse(read_text(path), settings)
