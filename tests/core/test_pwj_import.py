"""PsychonautWiki Journal import: every field of the real export fixtures is accounted for."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from harmtrack.core.exchange import importers
from harmtrack.core.exchange.importers import pwj
from harmtrack.core.quantities import catalog
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import entries
from harmtrack.core.tracking.trackables import list_trackables

# Real exports of the app, kept beside the repository (never copied in).
FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "psychonautwiki-journal"
FILES = sorted(FIXTURES.glob("*.json")) if FIXTURES.is_dir() else []

needs_fixtures = pytest.mark.skipif(not FILES, reason="PsychonautWiki Journal fixtures not present")


def key_paths(obj: Any, prefix: str = "") -> set[str]:
    """Every key path in a JSON document, lists written as []."""
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.add(prefix + k)
            out |= key_paths(v, prefix + k + ".")
    elif isinstance(obj, list):
        for v in obj:
            out |= key_paths(v, prefix.rstrip(".") + "[].")
    return out


@needs_fixtures
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_field_of_the_fixture_is_imported_or_reported(utc_settings, path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    preview = importers.preview(utc_settings, path)
    result = importers.run_import(utc_settings, path)
    assert result.entries == preview.entries > 0
    stored = {e.source_key: e for e in entries.list_entries(utc_settings)}
    tracks = {t.name: t for t in list_trackables(utc_settings)}
    refused = {r.where: r.reason for r in result.refused}
    covered: set[str] = set()

    def mark(path_: str) -> None:
        covered.add(path_)

    for xi, exp in enumerate(doc.get("experiences", []), start=1):
        for k in exp:
            mark(f"experiences[].{k}")
        for ii, ing in enumerate(exp["ingestions"], start=1):
            where = f"experience {xi}, ingestion {ii}"
            if ing.get("consumerName"):
                assert "taken by someone else" in refused[where]
                for k in ing:
                    mark(f"experiences[].ingestions[].{k}")
                continue
            e = stored[pwj.source_key(ing)]
            extra = e.extra["pwj"]
            # Columns: substance → trackable, time → instant, notes → note, dose+units → amount.
            assert e.trackable.split(" (")[0] == ing["substanceName"]
            assert int(e.occurred_at.timestamp() * 1000) == ing["time"]
            assert e.note == (ing["notes"] or None)
            unit = pwj._unit(ing["units"])
            assert e.amount == pytest.approx(catalog.convert(ing["dose"], unit, e.unit))
            assert (extra["dose"], extra["units"]) == (ing["dose"], ing["units"])
            for k in ("substanceName", "time", "notes", "dose", "units"):
                mark(f"experiences[].ingestions[].{k}")
            # Everything else of the ingestion is kept in extra under its own name.
            for k, v in ing.items():
                if k not in pwj.INGESTION_COLUMNS:
                    assert extra[k] == v, k
                    mark(f"experiences[].ingestions[].{k}")
            # The experience (title, text, location, ratings, timed notes…) rides along.
            for k, v in exp.items():
                if k != "ingestions":
                    assert extra["experience"][k] == v, k
                    for sub in key_paths(v, f"experiences[].{k}."):
                        mark(sub)
    for comp in doc.get("substanceCompanions", []):
        t = tracks.get(comp["substanceName"])
        if t is not None and t.builtin_key is None:
            assert t.colour == pwj.COLOURS[comp["color"]]
        mark("substanceCompanions[].substanceName")
        mark("substanceCompanions[].color")
    for i, cs in enumerate(doc.get("customSubstances", [])):
        mark("customSubstances[].name")
        mark("customSubstances[].units")  # the unit of that substance's trackable
        if cs.get("description"):
            assert any(f"customSubstances[{i}].description" in n for n in result.not_imported)
            mark("customSubstances[].description")
    for top in doc:
        mark(top)
    assert key_paths(doc) - covered == set()


@needs_fixtures
def test_second_import_adds_nothing_and_others_doses_are_left_out(utc_settings) -> None:
    sample = FIXTURES / "SampleData.json"
    first = importers.run_import(utc_settings, sample)
    assert first.entries == 48  # 49 ingestions, one of them taken by "Marc"
    assert set(first.new_trackables) == {"Cocaine", "Cannabis", "2C-B", "LSD", "MDMA", "Ketamine",
                                         "Methamphetamine", "Tramadol"}
    again = importers.run_import(utc_settings, sample)
    assert again.entries == 0 and again.already_present == 48
    units = {t.name: (t.unit, t.builtin_key) for t in list_trackables(utc_settings)}
    assert units["LSD"] == ("µg", None)
    assert units["Cannabis"] == ("g", "cannabis")  # built-in, mg converted to g
    assert units["Tramadol"] == ("mg", None)  # not folded into the "Opioids" category


def test_units_that_do_not_convert_get_their_own_trackable(utc_settings, tmp_path: Path) -> None:
    ms = int(dt.datetime(2024, 5, 1, 20, 0, tzinfo=dt.UTC).timestamp() * 1000)
    doc = {"experiences": [{"title": "t", "text": "evening", "creationDate": ms, "sortDate": ms,
                            "location": None, "ratings": [], "ingestions": [
        {"substanceName": "LSD", "time": ms, "creationDate": ms, "administrationRoute": "SUBLINGUAL",
         "dose": 100, "isDoseAnEstimate": True, "units": "μg", "notes": "half a tab"},
        {"substanceName": "LSD", "time": ms + 1000, "creationDate": ms, "administrationRoute": "ORAL",
         "dose": 0.1, "isDoseAnEstimate": False, "units": "mg", "notes": ""},
        {"substanceName": "LSD", "time": ms + 2000, "creationDate": ms, "administrationRoute": "ORAL",
         "dose": 1, "isDoseAnEstimate": False, "units": "tabs", "notes": ""},
        {"substanceName": "LSD", "time": ms + 3000, "creationDate": ms, "administrationRoute": "ORAL",
         "dose": None, "isDoseAnEstimate": False, "units": "µg", "notes": ""},
        {"substanceName": "Kratom", "time": "yesterday", "creationDate": ms, "dose": 2, "units": "g"},
    ]}, {"title": "empty", "ingestions": []}], "customUnits": [], "futureSection": {}}
    f = tmp_path / "journal.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    update_settings(utc_settings, timezone="UTC")
    result = importers.run_import(utc_settings, f)
    got = [(e.trackable, e.amount, e.unit, e.note) for e in entries.list_entries(utc_settings)]
    assert got == [("LSD", 100.0, "µg", "half a tab"), ("LSD", 100.0, "µg", None),
                   ("LSD (tabs)", 1.0, "tabs", None), ("LSD", 0.0, "µg", None)]
    assert entries.list_entries(utc_settings)[3].extra["pwj"]["dose_unknown"] is True
    assert [(r.where, r.reason) for r in result.refused] == [
        ("experience 1, ingestion 5", "time is not a time in milliseconds"),
        ("experience 2", "has no ingestions, so nothing to log (its title and text are not imported)")]
    assert any("futureSection" in n for n in result.not_imported)
    assert any("no dose" in n for n in result.notes)
