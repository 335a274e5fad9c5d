"""The format registry: telling a file's format and reading it into a Bundle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harmtrack.core.exchange.importers.bundle import Bundle, ImportRefused
from harmtrack.core.storage.settings import Settings

#: The formats HarmTrack imports; each has a module of its own with ``parse``.
FORMATS = ("harmtrack-json", "csv", "pwj", "loop")
MAX_FILE_BYTES = 200 * 1024 * 1024


def detect_format(path: Path) -> str:
    """Guess the format from the file's contents (and name)."""
    head = read_text(path)[:4096].lstrip("\ufeff").lstrip()
    if head.startswith(("{", "[")):
        doc = read_json(path)
        if isinstance(doc, dict) and doc.get("format") == "harmtrack-export":
            return "harmtrack-json"
        if isinstance(doc, dict) and ({"experiences", "substanceCompanions", "customSubstances"} & set(doc)):
            return "pwj"
        raise ImportRefused(f"{path.name} is JSON but neither a HarmTrack export nor a "
                            "PsychonautWiki Journal export")
    first = head.splitlines()[0] if head else ""
    if "trackable" in first.casefold():
        return "csv"
    if first.casefold().startswith("date,") or path.name.casefold() == "checkmarks.csv":
        return "loop"
    raise ImportRefused(f"cannot tell the format of {path.name}; choose one with --format")


def read_text(path: Path) -> str:
    """A file's text (UTF-8, a BOM allowed), refusing one too large or unreadable."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"{path.name} is too large to import ({size // 1_000_000} MB)")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"{path.name} is not UTF-8 text (byte {exc.start}); nothing was imported") from exc
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc


def read_json(path: Path) -> Any:
    """Parse a JSON file, refusing with a line number."""
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{path.name} is not valid JSON (line {exc.lineno}: {exc.msg}); "
                            "nothing was imported") from exc
    except RecursionError:
        raise ImportRefused(f"{path.name} is nested too deeply to read") from None
    except ValueError as exc:  # a number with more digits than Python converts (4,300)
        raise ImportRefused(f"{path.name} holds a number too long to read; nothing was imported") from exc


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

        return harmtrack_json.parse(read_json(path))
    if fmt == "pwj":
        from harmtrack.core.exchange.importers import pwj

        return pwj.parse(read_json(path), settings)
    if fmt == "csv":
        from harmtrack.core.exchange.importers import csv as csv_import

        return csv_import.parse(read_text(path), settings)
    from harmtrack.core.exchange.importers import loop

    return loop.parse(read_text(path), settings)
