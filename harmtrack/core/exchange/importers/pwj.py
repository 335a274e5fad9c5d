"""PsychonautWiki Journal export (the app's "Export file" JSON).

Field reference: the export files themselves (``experiences``, ``substanceCompanions``,
``customSubstances`` and, in newer versions, ``customUnits``), as written by the open
source PsychonautWiki Journal app (github.com/isaakhanimann/psychonautwiki-journal-android,
``JournalExport``). Mapping, field by field:

* each **ingestion** becomes one entry, except ingestions logged for another person
  (``consumerName`` set): those are refused in the preview, because HarmTrack tracks the
  user's own use;
* ``substanceName`` → the trackable. A built-in trackable is used only when the name is
  the same (e.g. "Cannabis") *and* the dose converts to one of its units (mg → g);
  anything else becomes the user's own trackable named after the substance, counted in
  the dose unit. Specific substances are not folded into a built-in category (Tramadol
  is not filed as "Opioids"): that would mix units and lose which substance it was, and
  the user can still merge later. A substance logged in units that do not convert into
  each other (mg and "tabs") gets one trackable per unit, e.g. "LSD (tabs)";
* ``dose`` + ``units`` → ``amount`` in the trackable's unit (mg, µg, g, ml convert);
  the original dose and unit are kept in ``extra``. A missing dose ("unknown") is
  stored as amount 0 with ``extra.pwj.dose_unknown``; ``customUnitId`` doses are
  multiplied out through the custom unit when it gives a dose per unit;
* ``time`` (milliseconds since the epoch, UTC) → ``occurred_at``, shown in the user's
  time zone; ``notes`` → the entry's note;
* every other ingestion field (``administrationRoute``, ``isDoseAnEstimate``,
  ``estimatedDoseStandardDeviation``, ``stomachFullness``, ``creationDate``,
  ``customUnitId``…) → ``extra.pwj`` under its own name;
* the **experience** an ingestion belongs to (``title``, ``text``, ``creationDate``,
  ``sortDate``, ``isFavorite``, ``location``, ``ratings``, ``timedNotes``…) →
  ``extra.pwj.experience`` of each of its entries;
* ``substanceCompanions[].color`` → the colour of a trackable created by the import;
* ``customSubstances[]`` → ``units`` is the trackable's unit; ``description`` is not
  imported (trackables have no description; reported in the preview);
* ``customUnits[]`` → used for doses as above and copied into ``extra.pwj.customUnit``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Any

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.exchange.importers import fields
from harmtrack.core.exchange.importers.bundle import Bundle, EntrySpec, ImportRefused, Refusal
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.settings import Settings

#: PWJ colour names → hex (our own approximations of the app's palette names).
COLOURS = {
    "RED": "#D62728", "ORANGE": "#E69F00", "YELLOW": "#C9B200", "GREEN": "#009E73",
    "MINT": "#3EB489", "TEAL": "#008080", "CYAN": "#17BECF", "BLUE": "#0072B2",
    "INDIGO": "#4B0082", "PURPLE": "#7E57C2", "PINK": "#CC79A7", "BROWN": "#8C564B",
    "FIRE_ENGINE_RED": "#CE2029", "MAGENTA": "#C2185B", "WINE_RED": "#722F37",
    "AUBURN": "#A52A2A", "GOLD": "#B8860B", "OLIVE": "#808000", "LIME": "#7CB342",
    "DEEP_BLUE": "#1A237E", "CHERRY": "#C2185B", "BLACK": "#333333",
}

#: Unit spellings seen in PWJ files → the catalog's spelling.
UNIT_ALIASES = {"μg": "µg", "ug": "µg", "mcg": "µg", "mL": "ml", "ML": "ml", "L": "l"}

#: Where each ingestion field goes when it is not copied to extra as it is.
INGESTION_COLUMNS = {"substanceName": "trackable", "time": "occurred_at", "notes": "note",
                     "dose": "amount", "units": "amount"}
TOP_LEVEL = ("experiences", "substanceCompanions", "customSubstances", "customUnits")


def _unit(text: Any) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    text = " ".join(text.split())
    return UNIT_ALIASES.get(text, text)


def _converts(a: str, b: str) -> bool:
    try:
        catalog.convert(1.0, a, b)
    except InvalidEntry:
        return False
    return True


def _ms(value: Any, what: str) -> dt.datetime:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidEntry(f"{what} is not a time in milliseconds")
    try:
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise InvalidEntry(f"{what} is out of range") from None


def source_key(ing: dict[str, Any]) -> str:
    """A stable key for one ingestion (same ingestion, same key, in any export)."""
    basis = "\x1f".join(str(ing.get(k)) for k in
                        ("substanceName", "time", "creationDate", "dose", "units", "administrationRoute"))
    return "pwj:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:40]


def parse(doc: Any, settings: Settings) -> Bundle:
    """A PsychonautWiki Journal export → Bundle."""
    if not isinstance(doc, dict) or not isinstance(doc.get("experiences", []), list):
        raise ImportRefused("this is not a PsychonautWiki Journal export (no list of experiences)")
    entries: list[EntrySpec] = []  # a small file, read whole
    b = Bundle(format="pwj", entries=entries)
    for key in sorted(set(doc) - set(TOP_LEVEL)):
        b.not_imported.append(f"{key}: a section this importer does not know; not read")
    def items(key: str) -> list[Any]:
        value = doc.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            b.refused.append(Refusal(key, "is not a list, so it was not read"))
            return []
        return value

    colours: dict[str, str] = {}
    for i, comp in enumerate(items("substanceCompanions")):
        if isinstance(comp, dict) and isinstance(comp.get("substanceName"), str):
            hexcol = COLOURS.get(str(comp.get("color")))
            if hexcol:
                colours[comp["substanceName"].casefold()] = hexcol
        else:
            b.refused.append(Refusal(f"substanceCompanions[{i}]", "not a substance colour"))
    custom_units_of: dict[str, str] = {}
    for i, cs in enumerate(items("customSubstances")):
        if not isinstance(cs, dict) or not isinstance(cs.get("name"), str):
            b.refused.append(Refusal(f"customSubstances[{i}]", "a custom substance needs a name"))
            continue
        unit = _unit(cs.get("units"))
        if unit:
            custom_units_of[cs["name"].casefold()] = unit
        if cs.get("description"):
            b.not_imported.append(
                f"customSubstances[{i}].description ({cs['name']}): trackables have no description")
    custom_units: dict[Any, dict[str, Any]] = {}
    for cu in items("customUnits"):
        if isinstance(cu, dict) and _hashable(cu.get("id")) is not None:
            custom_units[cu["id"]] = cu

    # First pass: collect ingestions and each substance's usual unit.
    rows: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    unit_counts: dict[str, Counter[str]] = {}
    for xi, exp in enumerate(items("experiences"), start=1):
        if not isinstance(exp, dict):
            b.refused.append(Refusal(f"experience {xi}", "not an experience object"))
            continue
        ingestions = exp.get("ingestions") or []
        if not isinstance(ingestions, list) or not ingestions:
            b.refused.append(Refusal(f"experience {xi}", "has no ingestions, so nothing to log "
                                     "(its title and text are not imported)"))
            continue
        for ii, ing in enumerate(ingestions, start=1):
            where = f"experience {xi}, ingestion {ii}"
            if not isinstance(ing, dict):
                b.refused.append(Refusal(where, "not an ingestion object"))
                continue
            rows.append((where, exp, ing))
            name = ing.get("substanceName")
            unit = _resolved_unit(ing, custom_units) or custom_units_of.get(str(name).casefold())
            if isinstance(name, str) and unit:
                unit_counts.setdefault(name.casefold(), Counter())[unit] += 1
    usual = {name: counts.most_common(1)[0][0] for name, counts in unit_counts.items()}

    unknown_doses = 0
    for where, exp, ing in rows:
        try:
            spec = _entry(where, exp, ing, usual, custom_units, custom_units_of, colours, settings)
        except InvalidEntry as exc:
            b.refused.append(Refusal(where, str(exc)))
            continue
        if spec is None:
            b.refused.append(Refusal(where, f"taken by someone else ({ing.get('consumerName')}); "
                                     "HarmTrack logs only your own use"))
            continue
        if spec.extra and spec.extra["pwj"].get("dose_unknown"):
            unknown_doses += 1
        entries.append(spec)
    if unknown_doses:
        b.notes.append(f"{unknown_doses} ingestion(s) had no dose; they are imported with amount 0 "
                       "and marked \"dose unknown\".")
    return b


def _hashable(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | None) else None


def _resolved_unit(ing: dict[str, Any], custom_units: dict[Any, dict[str, Any]]) -> str | None:
    cu = custom_units.get(_hashable(ing.get("customUnitId")))
    if cu is not None:
        if isinstance(cu.get("dose"), int | float) and _unit(cu.get("originalUnit")):
            return _unit(cu.get("originalUnit"))
        return _unit(cu.get("unit")) or _unit(cu.get("name"))
    return _unit(ing.get("units"))


def _entry(where: str, exp: dict[str, Any], ing: dict[str, Any], usual: dict[str, str],
           custom_units: dict[Any, dict[str, Any]], custom_units_of: dict[str, str],
           colours: dict[str, str], settings: Settings) -> EntrySpec | None:
    if ing.get("consumerName"):
        return None
    name = ing.get("substanceName")
    if not isinstance(name, str) or not name.strip():
        raise InvalidEntry("the ingestion names no substance")
    name = " ".join((fields.text(name, "substanceName", 80) or "").split())
    at = fields.in_range(_ms(ing.get("time"), "time"), "time").astimezone(settings.tz)
    dose = fields.number(ing.get("dose"), "the dose")
    if ing.get("units") is not None:
        fields.text(ing.get("units"), "units", 40)
    cu = custom_units.get(_hashable(ing.get("customUnitId")))
    if cu is not None and isinstance(dose, int | float) and isinstance(cu.get("dose"), int | float) \
            and _unit(cu.get("originalUnit")):
        dose = fields.number(dose * cu["dose"], "the dose")
    unit = _resolved_unit(ing, custom_units) or custom_units_of.get(name.casefold()) or "doses"
    base = usual.get(name.casefold(), unit)
    trackable = name if (unit == base or _converts(unit, base)) else f"{name} ({unit})"
    extra: dict[str, Any] = {k: v for k, v in ing.items()
                             if k not in ("substanceName", "time", "notes")}
    extra["experience"] = {k: v for k, v in exp.items() if k != "ingestions"}
    if cu is not None:
        extra["customUnit"] = cu
    fields.sound_json(extra, "a field kept with the entry")
    if dose is None:
        extra["dose_unknown"] = True
        amount: Any = 0
    elif isinstance(dose, bool) or not isinstance(dose, int | float):
        raise InvalidEntry(f"the dose {dose!r} is not a number")
    else:
        amount = dose
    notes = fields.text(ing.get("notes"), "the notes")
    return EntrySpec(
        where=where, trackable=trackable, amount=amount, at=at, unit=unit, note=notes or None,
        source="pwj", source_key=source_key(ing), extra={"pwj": extra}, kind="substance",
        colour=colours.get(name.casefold()), split_unit=True)
