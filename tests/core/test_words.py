"""No stigmatizing words in anything a user reads: UI and CLI strings, data files, docs.

Organisations' own names in a source (e.g. the National Institute on Alcohol Abuse and
Alcoholism) are citations, not our words, and are skipped.
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


def test_no_stigmatizing_words_in_user_facing_text() -> None:
    hits = []
    for path in sorted((ROOT / "harmtrack").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, text in _strings_in_python(path):
            if WORDS.search(text):
                hits.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]}")
    for path in sorted((ROOT / "resources").glob("*.json")):
        for text in _strings_in_json(json.loads(path.read_text(encoding="utf-8"))):
            if WORDS.search(text):
                hits.append(f"{path.relative_to(ROOT)}: {text[:80]}")
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
