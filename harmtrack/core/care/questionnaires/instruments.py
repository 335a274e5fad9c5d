"""Instruments as data: one JSON file each in ``resources/instruments/``, checked on reading.

A file that does not describe a usable instrument is refused with a message naming the
file and what is wrong, so a typo in a new instrument is found at once, not at scoring.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.paths import resource

#: Where the instruments live; tests point it at a folder of their own.
FOLDER: Path = resource("instruments")

KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
YES_NO = "yes-no"
#: A yes/no item's answers and their scores before any reversal.
YES_NO_SCORES = {"no": 0, "yes": 1}


class InstrumentError(InvalidEntry):
    """An instrument file that cannot be used, with the file named."""


@dataclass(frozen=True)
class Option:
    text: str
    score: int


@dataclass(frozen=True)
class Item:
    number: int  # 1-based, as the published form numbers it
    text: str
    kind: str  # "choice" or "yes-no"
    options: tuple[Option, ...]
    reverse: bool = False

    @property
    def values(self) -> tuple[int | str, ...]:
        """What an answer to this item may be: option scores, or "yes"/"no"."""
        if self.kind == YES_NO:
            return ("yes", "no")
        return tuple(o.score for o in self.options)

    def score(self, value: int | str) -> int:
        """The points an answer earns (reverse-scored items counted the other way round)."""
        raw = YES_NO_SCORES[str(value)] if self.kind == YES_NO else int(value)
        if not self.reverse:
            return raw
        scores = [o.score for o in self.options]
        return min(scores) + max(scores) - raw


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Cutoff:
    sex: str  # as the sex setting names it: "male" or "female"
    group: str  # how the cut-off is spoken of: "men", "women"
    low: int


@dataclass(frozen=True)
class Screen:
    """A screening cut-off that differs by sex (AUDIT-C)."""

    positive: str
    negative: str
    cutoffs: tuple[Cutoff, ...]
    source: str


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    title: str
    about: str
    instructions: str
    items: tuple[Item, ...]
    low: int
    high: int
    bands: tuple[Band, ...]
    screen: Screen | None
    safety_items: tuple[int, ...]
    reliable_change: int | None
    reliable_change_source: str | None
    scoring_source: str
    licence_terms: str
    attribution: str
    path: Path


def _text(doc: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InstrumentError(f"{where}: {key!r} must be a non-empty text")
    return value.strip()


def _int(value: Any, what: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstrumentError(f"{where}: {what} must be a whole number")
    return value


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise InstrumentError(f"{where}: needs a list of at least two answer options")
    out = []
    for n, o in enumerate(raw, 1):
        if not isinstance(o, dict):
            raise InstrumentError(f"{where}, option {n}: must be an object with text and score")
        out.append(Option(_text(o, "text", f"{where}, option {n}"), _int(o.get("score"), "score",
                                                                         f"{where}, option {n}")))
    if len({o.score for o in out}) != len(out):
        raise InstrumentError(f"{where}: two answer options have the same score")
    return tuple(out)


def _items(doc: dict[str, Any], where: str) -> list[Item]:
    raw = doc.get("items")
    if not isinstance(raw, list) or not raw:
        raise InstrumentError(f"{where}: 'items' must be a list of at least one item")
    reverse = _numbers(doc, "reverse_scored", len(raw), where)
    shared = doc.get("options")
    items = []
    for n, it in enumerate(raw, 1):
        at = f"{where}, item {n}"
        if not isinstance(it, dict):
            raise InstrumentError(f"{at}: must be an object")
        kind = it.get("type", "choice")
        if kind == YES_NO:
            options: tuple[Option, ...] = (Option("No", 0), Option("Yes", 1))
        elif kind == "choice":
            options = _options(it.get("options", shared), at)
        else:
            raise InstrumentError(f"{at}: type must be 'choice' or 'yes-no', not {kind!r}")
        items.append(Item(n, _text(it, "text", at), kind, options, n in reverse))
    return items


def _numbers(doc: dict[str, Any], key: str, count: int, where: str) -> tuple[int, ...]:
    raw = doc.get(key) or []
    if not isinstance(raw, list):
        raise InstrumentError(f"{where}: {key!r} must be a list of item numbers")
    out = tuple(_int(n, f"{key} entries", where) for n in raw)
    if any(not 1 <= n <= count for n in out):
        raise InstrumentError(f"{where}: {key!r} names an item that is not there (1 to {count})")
    return out


def _bands(doc: dict[str, Any], low: int, high: int, where: str) -> tuple[Band, ...]:
    raw = doc.get("bands") or []
    if not isinstance(raw, list):
        raise InstrumentError(f"{where}: 'bands' must be a list")
    bands = []
    for n, b in enumerate(raw, 1):
        if not isinstance(b, dict):
            raise InstrumentError(f"{where}, band {n}: must be an object")
        at = f"{where}, band {n}"
        bands.append(Band(_int(b.get("min"), "min", at), _int(b.get("max"), "max", at),
                          _text(b, "label", at)))
    if bands:
        # Bands must tile the range: every possible total falls in exactly one.
        expected = low
        for b in bands:
            if b.low != expected or b.high < b.low:
                raise InstrumentError(f"{where}: the bands must follow one another from {low} to "
                                      f"{high} without gaps or overlaps (see the band from {b.low})")
            expected = b.high + 1
        if expected != high + 1:
            raise InstrumentError(f"{where}: the last band must end at the highest total, {high}")
    return tuple(bands)


def _screen(raw: Any, where: str) -> Screen | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("cutoffs"), list) or not raw["cutoffs"]:
        raise InstrumentError(f"{where}: 'screen' needs a list of cut-offs")
    cutoffs = []
    for n, c in enumerate(raw["cutoffs"], 1):
        at = f"{where}, screen cut-off {n}"
        if not isinstance(c, dict) or c.get("sex") not in ("male", "female"):
            raise InstrumentError(f"{at}: needs a sex of 'male' or 'female'")
        cutoffs.append(Cutoff(c["sex"], _text(c, "group", at), _int(c.get("min"), "min", at)))
    return Screen(_text(raw, "positive", where), _text(raw, "negative", where), tuple(cutoffs),
                  _text(raw, "source", where))


def parse(doc: Any, path: Path) -> Instrument:
    """An instrument from one file's JSON; InstrumentError says what is wrong."""
    where = path.name
    if not isinstance(doc, dict):
        raise InstrumentError(f"{where}: an instrument file must hold one JSON object")
    key = _text(doc, "key", where)
    if not KEY.fullmatch(key):
        raise InstrumentError(f"{where}: the key {key!r} must be lower-case letters, digits and dashes")
    items = _items(doc, where)
    span = doc.get("range")
    if not isinstance(span, list) or len(span) != 2:
        raise InstrumentError(f"{where}: 'range' must be [lowest total, highest total]")
    low, high = (_int(v, "range", where) for v in span)
    # The stated range must be what the items can add up to: it catches a wrong score.
    least = sum(min(i.score(v) for v in i.values) for i in items)
    most = sum(max(i.score(v) for v in i.values) for i in items)
    if (low, high) != (least, most):
        raise InstrumentError(f"{where}: the range says {low}-{high} but the items add up to {least}-{most}")
    change = doc.get("reliable_change")
    if change is not None and not isinstance(change, dict):
        raise InstrumentError(f"{where}: 'reliable_change' must be an object with amount and source, or null")
    amount = _int(change.get("amount"), "the reliable-change amount", where) if change else None
    if amount is not None and amount < 1:
        raise InstrumentError(f"{where}: the reliable-change amount must be 1 or more")
    scoring, licence = doc.get("scoring"), doc.get("licence")
    if not isinstance(scoring, dict):
        raise InstrumentError(f"{where}: 'scoring' must say where the scoring rules come from (source)")
    if not isinstance(licence, dict):
        raise InstrumentError(f"{where}: 'licence' must give the terms and the attribution to show")
    return Instrument(
        key=key, name=_text(doc, "name", where), title=_text(doc, "title", where),
        about=_text(doc, "about", where, required=False),
        instructions=_text(doc, "instructions", where, required=False), items=tuple(items),
        low=low, high=high, bands=_bands(doc, low, high, where), screen=_screen(doc.get("screen"), where),
        safety_items=_numbers(doc, "safety_items", len(items), where), reliable_change=amount,
        reliable_change_source=_text(change, "source", where) if change else None,
        scoring_source=_text(scoring, "source", where + " scoring"),
        licence_terms=_text(licence, "terms", where + " licence"),
        attribution=_text(licence, "attribution", where + " licence"), path=path)


def load_file(path: Path) -> Instrument:
    """One instrument file, read and checked."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(f"{path.name}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InstrumentError(f"{path.name}: is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return parse(doc, path)


_cache: dict[tuple[Any, ...], tuple[Instrument, ...]] = {}


def all_instruments(folder: Path | None = None) -> tuple[Instrument, ...]:
    """Every instrument in the folder, by file name (re-read when a file changes)."""
    folder = folder or FOLDER
    files = sorted(folder.glob("*.json"))
    stamp = (str(folder), *((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    if stamp not in _cache:
        found = tuple(load_file(p) for p in files)
        seen: dict[str, str] = {}
        for ins in found:
            if ins.key in seen:
                raise InstrumentError(f"{ins.path.name}: the key {ins.key!r} is already used by "
                                      f"{seen[ins.key]}")
            seen[ins.key] = ins.path.name
        _cache.clear()
        _cache[stamp] = found
    return _cache[stamp]


def instrument(key: str, folder: Path | None = None) -> Instrument:
    """The instrument with this key (case-insensitive); NotFound lists the keys there are."""
    found = all_instruments(folder)
    for ins in found:
        if ins.key == key.strip().casefold():
            return ins
    raise NotFound(f"no questionnaire {key!r}; choose one of: {', '.join(i.key for i in found)}")
