"""Damaged files of every import format: a clear refusal or a valid preview, never a traceback.

Each example takes a sound file of one format and damages it the way files are damaged in
the wild (cut short, bytes flipped, non-UTF-8 bytes, a value of the wrong type, a number
too big for any float, a date past 9999, nesting thousands deep). Then:

* a refusal of the whole file is one line and leaves the database file byte for byte as it
  was (hashed, with its write-ahead log);
* otherwise the preview names each refused row by line or item, the import adds what the
  preview said, a second import adds nothing, and what was stored exports as strict JSON
  (no ``Infinity`` or ``NaN``) and as CSV;
* through the command line: exit 0 or exit 2 with one line on stderr, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from harmtrack.cli import run
from harmtrack.core.exchange import export, importers
from harmtrack.core.exchange.importers.bundle import ImportRefused
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.settings import update_settings
from harmtrack.core.tracking import checkins, entries

FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures"
PWJ_FIXTURES = sorted((FIXTURES / "psychonautwiki-journal").glob("*.json"))

FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

LOOP = ("Date,Walk,Pages read,Meditate,\n2025-01-05,2,12000,0,\n2025-01-04,1,3500,2,\n"
        "2025-01-03,3,-1,2,\n2025-01-02,2,0,-1,\n")

JOURNAL = {
    "experiences": [{
        "title": "Saturday", "text": "at a friend's", "creationDate": 1735740000000,
        "sortDate": 1735740000000, "isFavorite": False, "location": None, "ratings": [],
        "timedNotes": [],
        "ingestions": [
            {"substanceName": "MDMA", "time": 1735740000000, "creationDate": 1735740000000,
             "administrationRoute": "ORAL", "dose": 80, "isDoseAnEstimate": False, "units": "mg",
             "notes": "half", "stomachFullness": None, "consumerName": None},
            {"substanceName": "Cannabis", "time": 1735750000000, "creationDate": 1735750000000,
             "administrationRoute": "SMOKED", "dose": 50, "isDoseAnEstimate": True, "units": "mg",
             "notes": "", "customUnitId": None},
            {"substanceName": "LSD", "time": 1735760000000, "creationDate": 1735760000000,
             "administrationRoute": "SUBLINGUAL", "dose": None, "units": "µg", "notes": ""},
        ]}],
    "substanceCompanions": [{"substanceName": "MDMA", "color": "PINK"}],
    "customSubstances": [{"name": "Kanna", "units": "mg", "description": "a herb"}],
    "customUnits": [],
}


def _seed_exports(folder: Path) -> tuple[str, str]:
    """A HarmTrack JSON and CSV export of a little of everything."""
    from harmtrack.core.goals.store import create_goal

    src = open_data_folder(folder)
    try:
        update_settings(src, timezone="Europe/Berlin", day_start_hour=4)
        import datetime as dt
        from zoneinfo import ZoneInfo

        berlin = ZoneInfo("Europe/Berlin")
        entries.log(src, "alcohol", 2.5, at=dt.datetime(2025, 3, 29, 23, 30, tzinfo=berlin),
                    craving=6, mood=2, triggers=["stress"], practices=["ate beforehand"],
                    setting="home", cost=12.4, note="=1+1 and a note", discuss=True)
        entries.log(src, "alcohol", 0, at=dt.datetime(2025, 3, 30, 2, 30, tzinfo=berlin),
                    urge_only=True, craving=8)
        entries.log(src, "cannabis", 0.5, at=dt.datetime(2025, 3, 31, 20, 0, tzinfo=berlin),
                    extra={"drink": {"ml": 500}})
        checkins.check_in(src, dt.date(2025, 4, 1))
        create_goal(src, "alcohol", "weekly-max", 10, start=dt.date(2025, 3, 3))
        return export.json_text(src), export.csv_text(src)
    finally:
        src.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[bytes]]:
    js, cs = _seed_exports(tmp_path_factory.mktemp("seed"))
    journals = [json.dumps(JOURNAL).encode()] + [p.read_bytes() for p in PWJ_FIXTURES]
    return {"harmtrack-json": [js.encode()], "csv": [cs.encode()], "loop": [LOOP.encode()],
            "pwj": journals}


# --- damage ------------------------------------------------------------------------------

HOSTILE: list[Any] = [
    10**400, -(10**400), 10**30, 2**63, -(2**63) - 1, 1e308, -0.0, 1.5e-320, "1e400", "-1e400",
    "NaN", "Infinity", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "9999-12-31",
    "0000-00-00", "", " ", "yes", "\x00", "\ud800x", "=cmd|' /C calc'!A0", "x" * 5000, [], ["x"],
    {}, {"a": [1, {"b": None}]}, True, False, None, 0, -1, 1.5,
]
hostile = st.one_of(st.sampled_from(HOSTILE),
                    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(),
                                           st.floats(), st.text(max_size=10)),
                                 lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(max_size=6), inner,
                                                                         max_size=3)),
                                 max_leaves=8))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in a JSON document."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


def _dumps(doc: Any) -> str:
    # Python's json writes 10**400 as digits and inf as Infinity (both exist in the wild);
    # a lone surrogate cannot be UTF-8 and goes out as a \ud800 escape, as JavaScript writes it.
    return json.dumps(doc, ensure_ascii=True)


@st.composite
def damaged(draw: st.DrawFn, seed: bytes, fmt: str) -> bytes:
    # A wrong value in a file that still parses is where tracebacks hid: drawn most often.
    how = draw(st.sampled_from(["value", "cell", "huge", "value", "cell", "truncate", "flip",
                                "non-utf8", "deep", "lines"]))
    event(f"damage: {how}")
    data = bytearray(seed)
    if how == "truncate":
        return bytes(data[:draw(st.integers(0, len(data) - 1))])
    if how == "flip":
        for _ in range(draw(st.integers(1, 6))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "non-utf8":
        at = draw(st.integers(0, len(data)))
        return bytes(data[:at]) + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe9t\xe9", b"\xed\xa0\x80",
                                                        b"\x00", b"\xef\xbb\xbf"])) + bytes(data[at:])
    text = seed.decode("utf-8")
    if how == "huge":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        at = draw(st.sampled_from(digits))
        big = draw(st.sampled_from(["0" * 400, "e400", "0" * 20, "9" * 5000, "e-400"]))
        return (text[:at + 1] + big + text[at + 1:]).encode()
    if fmt in ("harmtrack-json", "pwj") and how in ("value", "deep", "cell"):
        doc = json.loads(text)
        paths = _paths(doc)
        leaves = [p for p in paths if not isinstance(_get(doc, p), dict | list)]
        path = draw(st.sampled_from(leaves if leaves and draw(st.booleans()) else paths))
        if how == "deep":
            depth = draw(st.sampled_from([50, 900, 5000, 100_000]))
            nested = "[" * depth + "]" * depth
            marker = "\"__deep__\""
            return _dumps(_replace(doc, path, "__deep__")).replace(marker, nested, 1).encode()
        return _dumps(_replace(doc, path, draw(hostile))).encode()
    lines = text.splitlines(keepends=True)
    if how == "lines":
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[j] if draw(st.booleans()) else draw(st.sampled_from(
            ['"unclosed,quote\n', ",,,,,,,,,,,,,,,,,,,,,,,,\n", "\n", "\r\n", "x\x00y\n", '"a""b\n'])))
        return "".join(lines).encode("utf-8", "surrogatepass")
    # one cell of a CSV (or any text-level edit of a JSON file) gets a hostile value
    n = draw(st.integers(0, len(lines) - 1)) if draw(st.booleans()) else len(lines) - 1
    cells = lines[n].rstrip("\r\n").split(",")
    k = draw(st.integers(0, len(cells) - 1))
    value = draw(st.one_of(
        st.sampled_from(["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "9999-12-31",
                         "23:59:59.999999", "1" + "0" * 400, "1e400", "-1e400", "nan", "inf"]),
        st.sampled_from([str(v) for v in HOSTILE if not isinstance(v, list | dict)]
                        + ["-1", "1,5", "1_000", "'=x", "\"", "2025-02-30", "25:61", "yes"])))
    cells[k] = value
    lines[n] = ",".join(cells) + "\n"
    return "".join(lines).encode("utf-8", "surrogatepass")


#: What Python's own exceptions say; a refusal must say what is wrong in the file instead.
PYTHON_SPEAK = ("Error", "has no attribute", "unhashable", "argument must be", "NoneType",
                "object is not", "' object", "int too large", "fromisoformat", "convert")


# --- the checks --------------------------------------------------------------------------

def _digest(db: Database) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        f = Path(str(db.path) + suffix)
        h.update(f.read_bytes() if f.exists() else b"-")
    return h.hexdigest()


def _check(db: Database, f: Path, fmt: str | None) -> None:
    before = _digest(db)
    try:
        preview = importers.preview(db, f, fmt)
    except ImportRefused as exc:
        event("refused whole")
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        with pytest.raises(ImportRefused):
            importers.run_import(db, f, fmt)
        assert _digest(db) == before, "a refused file changed the database"
        return
    assert _digest(db) == before, "the preview wrote something"
    event("previewed, some rows refused" if preview.refused else "previewed, nothing refused")
    for r in preview.refused:
        assert r.where and r.reason and "\n" not in str(r)
        assert not any(p in r.reason for p in PYTHON_SPEAK), r  # a reason, not Python's words
    result = importers.run_import(db, f, fmt, backup=False)
    assert result.added == preview.added
    assert [str(r) for r in result.refused] == [str(r) for r in preview.refused]
    assert importers.run_import(db, f, fmt, backup=False).entries == 0
    # What was stored is sound: strict JSON (no Infinity/NaN), a CSV, finite amounts.
    json.dumps(export.build_document(db), allow_nan=False)
    export.csv_text(db)
    assert all(math.isfinite(e.amount) for e in entries.list_entries(db))


@pytest.mark.parametrize("fmt", ["harmtrack-json", "csv", "loop", "pwj"])
@FUZZ
@given(data=st.data())
def test_a_damaged_file_is_refused_clearly_or_previewed_soundly(utc_settings, tmp_path_factory,
                                                                 seeds, fmt, data) -> None:
    seed = data.draw(st.sampled_from(seeds[fmt]), label="seed")
    blob = data.draw(damaged(seed, fmt), label="file")
    f = tmp_path_factory.mktemp("fuzz") / ("Checkmarks.csv" if fmt == "loop" else f"in.{fmt}")
    f.write_bytes(blob)
    _check(utc_settings, f, fmt)
    _check(utc_settings, f, None)  # the same file, its format detected


@pytest.mark.parametrize("fmt", ["harmtrack-json", "csv", "loop", "pwj"])
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_the_command_line_exits_2_with_one_line_or_imports(tmp_path_factory, seeds, fmt, data,
                                                           capsys) -> None:
    seed = data.draw(st.sampled_from(seeds[fmt]), label="seed")
    blob = data.draw(damaged(seed, fmt), label="file")
    tmp = tmp_path_factory.mktemp("cli")
    f = tmp / ("Checkmarks.csv" if fmt == "loop" else f"in.{fmt}")
    f.write_bytes(blob)
    folder = tmp / "data"
    assert run(["--data-dir", str(folder), "trackables"]) == 0
    capsys.readouterr()
    db = open_data_folder(folder)
    try:
        before = _rows(db)
    finally:
        db.close()
    code = run(["--data-dir", str(folder), "import", str(f), "--format", fmt])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and err.startswith("harmtrack: error: ")
        assert out == ""
        db = open_data_folder(folder)
        try:
            assert _rows(db) == before
        finally:
            db.close()
    else:
        assert code == 0 and out.startswith("Imported: ")


def _rows(db: Database) -> list[Any]:
    """Every row of every table but settings (opening a folder may note the daily backup)."""
    from harmtrack.core.storage.schema import metadata

    with db.engine.connect() as conn:
        return [sorted(map(repr, conn.execute(t.select()))) for t in metadata.sorted_tables
                if t.name != "settings"]
