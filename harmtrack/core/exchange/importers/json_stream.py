"""Reading a JSON file of any size: one top-level list streamed item by item.

The document is read in chunks; each item of the streamed list (``entries``) and each
other top-level value is decoded on its own with the standard library's decoder, so
memory holds one item at a time (plus what the caller keeps of it), not the file.

The standard library rather than ijson: ijson's C parser (yajl) refuses ``NaN``,
``Infinity`` and integers past 64 bits as invalid JSON and reports no line numbers,
while HarmTrack refuses such a value with its item named (they exist in the wild) and a
broken file with its line. What must be limited is limited instead of the file's size:
one value's size (:data:`MAX_ITEM_CHARS`) and its nesting depth (:data:`MAX_DEPTH`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from harmtrack.core.exchange.importers.bundle import ImportRefused

#: The most text one item of the streamed list, or any other top-level value, may take.
MAX_ITEM_CHARS = 16 * 1024 * 1024
#: The deepest nesting a value may have (the export's deepest is 4: goals → versions).
MAX_DEPTH = 64
CHUNK = 1024 * 1024
WHITESPACE = re.compile(r"[ \t\n\r]*")
DECODER = json.JSONDecoder()


class _Reader:
    """A window onto the file's text: ``buf[pos:]`` is what is not consumed yet."""

    def __init__(self, fh: IO[str], name: str) -> None:
        self.fh, self.name = fh, name
        self.buf, self.pos, self.lines_before, self.eof = "", 0, 0, False

    def more(self) -> bool:
        """Read the next chunk (dropping what was consumed); False at the end of the file."""
        if self.eof:
            return False
        try:
            chunk = self.fh.read(CHUNK)
        except UnicodeDecodeError:
            raise ImportRefused(f"{self.name} is not UTF-8 text (near line {self.line(self.pos)}); "
                                "nothing was imported") from None
        if not chunk:
            self.eof = True
            return False
        if self.pos:
            self.lines_before += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos:], 0
        self.buf += chunk
        return True

    def line(self, pos: int) -> int:
        return self.lines_before + self.buf.count("\n", 0, pos) + 1

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end of the file)."""
        while True:
            self.pos = WHITESPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            self.invalid(f"Expecting {char!r}", self.pos)
        self.pos += 1

    def invalid(self, msg: str, pos: int) -> None:
        raise ImportRefused(f"{self.name} is not valid JSON (line {self.line(pos)}: {msg}); "
                            "nothing was imported")

    def value(self, where: str) -> Any:
        """Decode the next value, reading more of the file while it is cut by the chunk."""
        self.peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > MAX_ITEM_CHARS:
                    raise ImportRefused(f"{where} in {self.name} is larger than "
                                        f"{MAX_ITEM_CHARS // (1024 * 1024)} MB or not valid JSON "
                                        f"(from line {self.line(self.pos)}); nothing was imported") from None
                if self.more():
                    continue
                self.invalid(exc.msg, exc.pos)
            except RecursionError:
                raise ImportRefused(f"{where} in {self.name} is nested too deeply to read "
                                    f"(line {self.line(self.pos)}); nothing was imported") from None
            except ValueError:  # a number with more digits than Python converts (4,300)
                raise ImportRefused(f"{where} in {self.name} holds a number too long to read "
                                    f"(line {self.line(self.pos)}); nothing was imported") from None
            if end == len(self.buf) and self.more():
                continue  # a number cut by the chunk's end reads as a shorter one: read on
            if end - self.pos > MAX_ITEM_CHARS:
                raise ImportRefused(f"{where} in {self.name} is larger than "
                                    f"{MAX_ITEM_CHARS // (1024 * 1024)} MB (line {self.line(self.pos)}); "
                                    "nothing was imported")
            # A value with no more brackets than the limit cannot nest deeper (most items).
            brackets = self.buf.count("[", self.pos, end) + self.buf.count("{", self.pos, end)
            if brackets > MAX_DEPTH and too_deep(value):
                raise ImportRefused(f"{where} in {self.name} is nested more than {MAX_DEPTH} levels "
                                    f"deep (line {self.line(self.pos)}); nothing was imported")
            self.pos = end
            return value


def too_deep(value: Any) -> bool:
    """Whether ``value`` nests lists and objects more than :data:`MAX_DEPTH` levels."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            node = node.values()
        elif not isinstance(node, list):
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return False


def load(path: Path, stream: str | None = None,
         item: Callable[[int, Any], Any] | None = None) -> Any:
    """The JSON document in ``path``; when it is an object, its list ``stream`` is read one
    item at a time and holds ``item(index, value)`` of each instead of the values."""
    with _open(path) as fh:
        r = _Reader(fh, path.name)
        if r.peek() != "{":
            value = r.value("the file")
            if r.peek():
                r.invalid("Extra data", r.pos)
            return value
    doc: dict[str, Any] = {}
    for key, value in pairs(path, stream):
        if isinstance(value, Items):
            value = [item(i, v) if item else v for i, v in value]
        doc[key] = value
    return doc


class Items:
    """The items of the streamed list as ``(index, value)``, read as they are asked for.

    They must be read before the next pair of :func:`pairs` is asked for (what is left
    of them is then read and dropped).
    """

    def __init__(self, r: _Reader, key: str) -> None:
        self.r, self.key, self.count, self.done = r, key, 0, False

    def __iter__(self) -> Items:
        return self

    def __next__(self) -> tuple[int, Any]:
        r = self.r
        if self.done or r.peek() == "]":
            if not self.done:
                r.pos += 1
                self.done = True
            raise StopIteration
        if self.count:
            r.expect(",")
        value = r.value(f"{self.key}[{self.count}]")
        self.count += 1
        return self.count - 1, value


def pairs(path: Path, stream: str | None = None) -> Iterator[tuple[str, Any]]:
    """The top-level ``(key, value)`` pairs of the JSON object in ``path``, in file order;
    the value of ``stream``, when it is a list, is :class:`Items` (nothing else is held)."""
    with _open(path) as fh:
        r = _Reader(fh, path.name)
        try:
            r.expect("{")
            first = True
            while r.peek() != "}":
                if not first:
                    r.expect(",")
                first = False
                key = r.value("a key")
                if not isinstance(key, str):
                    r.invalid("Expecting property name enclosed in double quotes", r.pos)
                r.expect(":")
                if key == stream and r.peek() == "[":
                    r.pos += 1
                    items = Items(r, key)
                    yield key, items
                    for _ in items:  # what the caller did not read
                        pass
                else:
                    yield key, r.value(key)
            r.pos += 1
            if r.peek():
                r.invalid("Extra data", r.pos)
        except OSError as exc:
            raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc


def _open(path: Path) -> IO[str]:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc
