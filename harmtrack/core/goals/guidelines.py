"""Guideline overlays and withdrawal-safety notes from resources/guidelines.json.

Limits are stored in each guideline's own unit; ``limits_for`` converts them to the
trackable's unit with the user's standard-drink definition, so a UK 14-unit week is
compared as 8 US standard drinks (14 × 8 g ÷ 14 g) for a user in the US.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.quantities import catalog
from harmtrack.paths import resource


@dataclass(frozen=True)
class Source:
    """Where a fact comes from."""

    title: str
    publisher: str
    url: str
    year: int | None = None

    @property
    def citation(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.publisher}{year}, '{self.title}', {self.url}"


@dataclass(frozen=True)
class Guideline:
    """A published lower-risk guideline for one kind of trackable."""

    key: str
    trackable: str  # catalog key
    label: str
    audience: str
    unit: str | None
    standard: str | None  # whose standard drink ``unit`` means, for "standard drinks"
    limits: dict[str, float]
    summary: str
    points: tuple[str, ...]
    bands: tuple[dict[str, Any], ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class SafetyNote:
    """A withdrawal-safety note shown when planning to cut down."""

    key: str
    title: str
    text: str
    sources: tuple[Source, ...]


def _source(d: dict[str, Any]) -> Source:
    return Source(d["title"], d["publisher"], d["url"], d.get("year"))


@lru_cache(maxsize=1)
def raw() -> dict[str, Any]:
    """The guidelines file, parsed once."""
    with resource("guidelines.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def guidelines(trackable_key: str | None = None) -> list[Guideline]:
    """Every guideline (for one built-in trackable when given), in file order."""
    out = []
    for g in raw()["guidelines"]:
        if trackable_key is not None and g["trackable"] != trackable_key:
            continue
        sources = g.get("sources") or [g["source"]]
        out.append(Guideline(
            key=g["key"], trackable=g["trackable"], label=g["label"], audience=g.get("audience", ""),
            unit=g.get("unit"), standard=g.get("standard"),
            limits={k: float(v) for k, v in g.get("limits", {}).items()}, summary=g["summary"],
            points=tuple(g.get("points", ())), bands=tuple(g.get("bands", ())),
            sources=tuple(_source(s) for s in sources),
        ))
    return out


def guideline(key: str) -> Guideline:
    """One guideline by key."""
    for g in guidelines():
        if g.key == key:
            return g
    raise NotFound(f"no guideline called {key!r}")


def convert_limit(g: Guideline, amount: float, to_unit: str, country: str) -> float | None:
    """A limit in the trackable's unit for the user's country (None if the units don't fit)."""
    if g.unit is None:
        return None
    if g.unit == "standard drinks" and g.standard:
        grams = amount * catalog.standard(g.standard).grams
        amount, unit = grams, "g ethanol"
    else:
        unit = g.unit
    try:
        return round(catalog.convert(amount, unit, to_unit, country=country), 2)
    except InvalidEntry:
        return None


def limits_for(g: Guideline, to_unit: str, country: str) -> dict[str, float]:
    """The guideline's per-day / per-week limits in ``to_unit`` (those that convert)."""
    out: dict[str, float] = {}
    for period in ("day", "week", "occasion"):
        if period in g.limits:
            value = convert_limit(g, g.limits[period], to_unit, country)
            if value is not None:
                out[period] = value
    return out


def withdrawal_note(trackable_key: str | None) -> SafetyNote | None:
    """The withdrawal-safety note for alcohol or benzodiazepines (None for others)."""
    if not trackable_key:
        return None
    d = raw()["withdrawal"].get(trackable_key)
    if d is None:
        return None
    return SafetyNote(trackable_key, d["title"], d["text"], tuple(_source(s) for s in d["sources"]))


def overlay_for(trackable_key: str | None, unit: str, country: str,
                chosen: str | None = None) -> list[tuple[Guideline, dict[str, float]]]:
    """Guidelines to draw over a trackable's chart, with limits in its unit.

    ``chosen`` (the ``guideline`` setting) narrows it to one guideline when it fits this
    trackable; guidelines without numeric limits in a convertible unit are left out.
    """
    if not trackable_key:
        return []
    out = []
    for g in guidelines(trackable_key):
        if chosen and g.key != chosen and any(x.key == chosen for x in guidelines(trackable_key)):
            continue
        limits = limits_for(g, unit, country)
        if limits:
            out.append((g, limits))
    return out
