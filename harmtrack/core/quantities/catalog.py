"""The built-in catalog (resources/catalog.json): trackables, units, drink sizes."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any, NamedTuple

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.paths import resource


class CatalogTrackable(NamedTuple):
    """A built-in trackable the user may choose to track."""

    key: str
    name: str
    kind: str
    units: tuple[str, ...]
    colour: str
    practices: tuple[str, ...]

    @property
    def unit(self) -> str:
        return self.units[0]


class DrinkStandard(NamedTuple):
    """A country's standard-drink definition."""

    country: str
    label: str
    grams: float
    unit: str
    source: str


@lru_cache(maxsize=1)
def raw() -> dict[str, Any]:
    """The catalog file, parsed once."""
    with resource("catalog.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def trackables() -> list[CatalogTrackable]:
    """Every built-in trackable, in catalog order."""
    return [
        CatalogTrackable(
            key=t["key"], name=t["name"], kind=t["kind"], units=tuple(t["units"]),
            colour=t["colour"], practices=tuple(t.get("practices", ())),
        )
        for t in raw()["trackables"]
    ]


def find(key_or_name: str) -> CatalogTrackable | None:
    """A built-in trackable by key or name (case-insensitive)."""
    wanted = key_or_name.strip().casefold()
    for t in trackables():
        if wanted in (t.key.casefold(), t.name.casefold()):
            return t
    return None


def max_per_entry(key: str | None, unit: str) -> float | None:
    """The largest amount of a built-in trackable's unit one entry may hold, if the catalog sets one."""
    if not key:
        return None
    for t in raw()["trackables"]:
        if t["key"] == key:
            bound = t.get("max_per_entry", {}).get(unit.strip())
            return float(bound["max"]) if bound else None
    return None


def standards() -> dict[str, DrinkStandard]:
    """Standard-drink definitions by country code."""
    return {
        code: DrinkStandard(code, d["label"], float(d["grams"]), d["unit"], d["source"])
        for code, d in raw()["standard_drinks"].items()
    }


def standard(country: str) -> DrinkStandard:
    """The standard-drink definition for a country code (falls back to WHO 10 g)."""
    all_ = standards()
    return all_.get(country.upper(), all_["WHO"])


def ethanol_grams(volume_ml: float, abv_percent: float) -> float:
    """Grams of pure alcohol in a drink: volume × ABV × density of ethanol."""
    if not (math.isfinite(volume_ml) and volume_ml >= 0):
        raise InvalidEntry("volume must be a number, 0 or more")
    if not (math.isfinite(abv_percent) and 0 <= abv_percent <= 100):
        raise InvalidEntry("alcohol strength must be between 0 and 100 %")
    density = float(raw()["ethanol_density_g_per_ml"]["value"])
    return volume_ml * (abv_percent / 100.0) * density


def standard_drinks(volume_ml: float, abv_percent: float, country: str) -> float:
    """Standard drinks in a drink by the country's definition (e.g. US 14 g)."""
    return ethanol_grams(volume_ml, abv_percent) / standard(country).grams


def drink_presets() -> list[dict[str, Any]]:
    """Common drink sizes for the calculator."""
    return list(raw()["drink_presets"])


def default_triggers() -> list[str]:
    """Trigger suggestions shown before the user has their own."""
    return list(raw()["triggers"])


def default_settings() -> list[str]:
    """Setting / with-whom suggestions."""
    return list(raw()["settings"])


def _dimension(unit: str) -> tuple[str, float] | None:
    for dim, factors in raw()["unit_dimensions"].items():
        if unit in factors:
            return dim, float(factors[unit])
    return None


def convert(amount: float, from_unit: str, to_unit: str, *, country: str = "US") -> float:
    """Convert an amount between compatible units, or raise InvalidEntry.

    Alcohol units convert through grams of ethanol, using the country's definition.
    """
    a, b = from_unit.strip(), to_unit.strip()
    if a.casefold() == b.casefold():
        return amount
    alcohol = {"standard drinks": standard(country).grams, "drinks": standard(country).grams,
               "units": 8.0, "uk units": 8.0, "g ethanol": 1.0}
    if a.casefold() in alcohol and b.casefold() in alcohol:
        return amount * alcohol[a.casefold()] / alcohol[b.casefold()]
    da, db_ = _dimension(a), _dimension(b)
    if da and db_ and da[0] == db_[0]:
        return amount * da[1] / db_[1]
    raise InvalidEntry(f"unit {from_unit!r} does not fit this trackable (it is counted in {to_unit})")
