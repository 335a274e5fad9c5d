"""No stigmatizing words in anything a user reads: UI and CLI strings, data files, docs.

Organisations' own names in a source (e.g. the National Institute on Alcohol Abuse and
Alcoholism) are citations, not our words, and are skipped.

Every file under resources/ is read, in every folder. One exception, on purpose: the item
texts of the instruments in resources/instruments/ (``items[].text``) are the published,
validated wording (PHQ-9 item 6 says "a failure"), and a validated questionnaire must be
asked as it was tested, so they are not ours to change. Everything else in those files (the
title, about, instructions, answer options, band labels, screen wording, our notes) is
checked. The compiled translations (.qm) are skipped: they are built from the .ts checked here.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORDS = re.compile(r"\b(clean|dirty|relapse[sd]?|relapsing|addicts?|addicted|abusers?|junkies?|junky|"
                   r"failures?)\b", re.IGNORECASE)
CITATION_KEYS = {"source", "sources", "publisher", "title", "url"}


def _strings_in_python(path: Path) -> list[tuple[int, str]]:
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for tok in tokens:
        if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            found.append((tok.start[0], tok.string))
    return found


def _strings_in_json(value: Any, key: str = "") -> list[str]:
    if key in CITATION_KEYS:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings_in_json(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in_json(v, key)]
    return []


def _strings_in_instrument(doc: dict[str, Any]) -> list[str]:
    """Every string of an instrument file but its verbatim item texts (see the docstring)."""
    items = [{k: v for k, v in item.items() if k != "text"} for item in doc.get("items", [])]
    rest = {k: v for k, v in doc.items() if k not in ("items", "title")}
    title = [doc["title"]] if isinstance(doc.get("title"), str) else []  # ours, not a citation
    return title + _strings_in_json(rest) + _strings_in_json(items)


def resource_hits(root: Path) -> list[str]:
    """Listed words in any file under ``root`` (a resources folder), with where they are."""
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        where = path.relative_to(root)
        if path.suffix == ".qm":
            continue
        if path.suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8"))
            texts = (_strings_in_instrument(doc) if where.parts[0] == "instruments"
                     else _strings_in_json(doc))
            hits += [f"{where}: {t[:80]}" for t in texts if WORDS.search(t)]
        elif path.suffix == ".py":
            hits += [f"{where}:{n}: {t[:80]}" for n, t in _strings_in_python(path) if WORDS.search(t)]
        else:  # styles, icons, translations: any text in them
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WORDS.search(line):
                    hits.append(f"{where}:{n}: {line[:80]}")
    return hits


def test_no_stigmatizing_words_in_user_facing_text() -> None:
    hits = []
    for path in sorted((ROOT / "harmtrack").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, text in _strings_in_python(path):
            if WORDS.search(text):
                hits.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]}")
    hits += [f"resources/{hit}" for hit in resource_hits(ROOT / "resources")]
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WORDS.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {line[:80]}")
    assert hits == []


def test_the_check_finds_a_planted_word(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('label = "3 days clean"\nname = "cleanup"\n', encoding="utf-8")
    assert [t for _, t in _strings_in_python(sample) if WORDS.search(t)] == ['"3 days clean"']
    data = {"text": "after a relapse", "source": "National Institute on Alcohol Abuse"}
    assert [s for s in _strings_in_json(data) if WORDS.search(s)] == ["after a relapse"]


def test_every_resource_file_is_read_and_only_instrument_items_are_exempt(tmp_path: Path) -> None:
    (tmp_path / "instruments").mkdir()
    (tmp_path / "styles").mkdir()
    (tmp_path / "deeper" / "still").mkdir(parents=True)
    instrument = {"title": "A clean start", "about": "ours", "items": [
        {"text": "Have you felt a failure?", "options": [{"text": "Never", "score": 0}]},
        {"text": "Fine", "options": [{"text": "after a relapse", "score": 1}]}],
        "bands": [{"min": 0, "max": 1, "label": "dirty"}],
        "scoring": {"source": "Journal of Addicted Studies"}}
    (tmp_path / "instruments" / "x.json").write_text(json.dumps(instrument), encoding="utf-8")
    (tmp_path / "deeper" / "still" / "y.json").write_text(json.dumps({"items": [{"text": "relapsed"}]}),
                                                          encoding="utf-8")
    (tmp_path / "styles" / "z.qss").write_text("/* clean look */\nQLabel {}\n", encoding="utf-8")
    (tmp_path / "i18n.qm").write_bytes(b"\x00\xffclean")
    assert resource_hits(tmp_path) == [
        "deeper/still/y.json: relapsed",  # an item text outside instruments/ is ours: checked
        "instruments/x.json: A clean start", "instruments/x.json: dirty",
        "instruments/x.json: after a relapse", "styles/z.qss:1: /* clean look */"]


def test_the_exception_covers_the_published_phq9_item_6() -> None:
    phq9 = json.loads((ROOT / "resources" / "instruments" / "phq-9.json").read_text(encoding="utf-8"))
    assert WORDS.search(phq9["items"][5]["text"])  # the published wording, kept as it is
    assert not any(WORDS.search(t) for t in _strings_in_instrument(phq9))


def test_every_health_figure_in_the_catalog_carries_a_source() -> None:
    catalog = json.loads((ROOT / "resources" / "catalog.json").read_text(encoding="utf-8"))
    sizes = catalog["standard_drinks"]
    assert {"US", "UK", "AU", "CA"} <= set(sizes)
    for country, size in sizes.items():
        assert size["grams"] > 0, country
        figure = f"{size['grams']:g}"
        assert len(size["source"]) > 20 and figure in size["source"], country  # states what it backs
    density = catalog["ethanol_density_g_per_ml"]
    assert density["value"] == 0.789 and "0.789" in density["source"]
