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
from collections.abc import Callable
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
            if too_deep(value):
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
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc
    with fh:
        try:
            return _load(_Reader(fh, path.name), stream, item)
        except OSError as exc:
            raise ImportRefused(f"cannot read {path}: {exc.strerror}") from exc


def _load(r: _Reader, stream: str | None, item: Callable[[int, Any], Any] | None) -> Any:
    if r.peek() != "{":
        value = r.value("the file")
        if r.peek():
            r.invalid("Extra data", r.pos)
        return value
    r.pos += 1
    doc: dict[str, Any] = {}
    while r.peek() != "}":
        if doc:
            r.expect(",")
        key = r.value("a key")
        if not isinstance(key, str):
            r.invalid("Expecting property name enclosed in double quotes", r.pos)
        r.expect(":")
        if key == stream and r.peek() == "[":
            doc[key] = _items(r, key, item)
        else:
            doc[key] = r.value(key)
    r.pos += 1
    if r.peek():
        r.invalid("Extra data", r.pos)
    return doc


def _items(r: _Reader, key: str, item: Callable[[int, Any], Any] | None) -> list[Any]:
    r.pos += 1
    out: list[Any] = []
    while r.peek() != "]":
        if out:
            r.expect(",")
        where = f"{key}[{len(out)}]"
        value = r.value(where)
        out.append(item(len(out), value) if item else value)
    r.pos += 1
    return out
