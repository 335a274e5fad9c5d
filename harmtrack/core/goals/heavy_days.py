"""What counts as a heavy-use day for a trackable (the report's standard measures).

The user's own threshold for the trackable (the ``heavy_day_amounts`` setting) comes first;
for alcohol without one, the heavy-use day of the guideline the user chose
(resources/heavy_use_days.json, each rule with its source), converted to the trackable's
unit with the user's standard drink. Otherwise there is none: a threshold is never guessed.

Where the guideline's heavy-use day differs by sex (NIAAA: 5 or more for men, 4 or more for
women), the user's screening cut-off setting (``Settings.sex``) decides when it says which;
when it shows both (the default), the NIAAA overlay the user chose (men or women) decides,
as it did before the setting existed. No guideline chosen: still none, whatever the setting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.goals.guidelines import Source
from harmtrack.core.quantities import catalog
from harmtrack.core.quantities.formatting import number
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.settings import Settings, get_settings, read_settings, write_settings
from harmtrack.core.tracking.trackables import TrackableInfo


@dataclass(frozen=True)
class HeavyDayRule:
    """A day counts as heavy when its total is at least ``at_least`` (in the trackable's unit)."""

    at_least: float
    #: How the rule reads, e.g. "5 or more US standard drinks in a day (NIAAA's …)".
    words: str
    source: Source | None  # None for the user's own threshold
    #: Strictly more than ``at_least`` counts (a "more than the daily limit" rule).
    strict: bool = False

    def is_heavy(self, amount: float) -> bool:
        return amount > self.at_least if self.strict else amount >= self.at_least


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The guideline heavy-use day rules by guideline key, parsed once."""
    from harmtrack.paths import resource

    with resource("heavy_use_days.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)["rules"]
    return data


def own_threshold(settings: Settings, name: str) -> float | None:
    """The user's own heavy-use day threshold for the trackable called ``name``."""
    value = settings.heavy_day_amounts.get(name.casefold())
    return None if value is None else float(value)


def rule_for(t: TrackableInfo, settings: Settings) -> HeavyDayRule | None:
    """The heavy-use day rule for ``t`` (the user's own, else the chosen guideline's)."""
    own = own_threshold(settings, t.name)
    if own is not None:
        return HeavyDayRule(own, f"{number(own)} {t.unit} or more in a day (set by the client)", None)
    return guideline_rule(t, settings)


def guideline_rule(t: TrackableInfo, settings: Settings) -> HeavyDayRule | None:
    """The chosen guideline's heavy-use day for ``t`` (alcohol only), in its unit."""
    if t.builtin_key != "alcohol" or not settings.guideline:
        return None
    raw = rules().get(settings.guideline)
    if raw is None:
        return None
    same_for = raw.get("by_sex", {}).get(settings.sex)  # the setting says whose: it decides
    if same_for is not None:
        raw = rules()[same_for]
    strict = "more_than" in raw
    amount = float(raw["more_than"] if strict else raw["at_least"])
    unit = raw["unit"]
    if unit == "standard drinks" and raw.get("standard"):
        amount, unit = amount * catalog.standard(raw["standard"]).grams, "g ethanol"
    try:
        limit = catalog.convert(amount, unit, t.unit, country=settings.country)
    except InvalidEntry:
        return None  # the trackable's unit does not convert (e.g. counted in "times")
    s = raw["source"]
    return HeavyDayRule(round(limit, 2), raw["words"],
                        Source(s["title"], s["publisher"], s["url"], s.get("year")), strict)


def set_own_threshold(db: Database, t: TrackableInfo, amount: float | None) -> Settings:
    """Set (or, with None, clear) the user's heavy-use day threshold for ``t``."""
    if amount is not None and not (0 < amount < 1e9):
        raise InvalidEntry("a heavy-use day threshold must be a number above 0")
    with transaction(db) as conn:
        current = dict(read_settings(conn).heavy_day_amounts)
        current.pop(t.name.casefold(), None)
        if amount is not None:
            current[t.name.casefold()] = float(amount)
        write_settings(conn, heavy_day_amounts=current)
    return get_settings(db)
