"""The whole command line under bad input: no traceback, exit 2, one line, the data untouched.

Driven through ``harmtrack.cli.main`` (what the ``harmtrack`` console script calls) with
arguments as Python receives them from the OS: bytes that are not UTF-8 arrive as
surrogate escapes. A few cases run the real program in a subprocess with raw bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from harmtrack.cli import main

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in the data folder and a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    """A data folder with some history, opened twice so today's automatic backup is done;
    the working folder is a scratch one (an --out that is accepted writes there)."""
    folder = tmp_path / "data"
    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", str(folder), "log", "alcohol", "2", "--at", "2025-01-02T20:00"]) == 0
    assert main(["--data-dir", str(folder), "goal", "add", "alcohol", "--type", "weekly-max",
                 "--target", "10"]) == 0
    capsys.readouterr()
    return folder


# Text as it reaches Python from a terminal: any bytes, invalid UTF-8 as surrogate escapes.
raw_bytes = st.binary(min_size=1, max_size=8).map(lambda b: b.decode("utf-8", "surrogateescape"))
text = st.one_of(st.text(max_size=12), raw_bytes)
numbers = st.one_of(st.sampled_from(["1", "2", "0.5", "3,5", "12"]), st.sampled_from([
    "1", "0", "2,5", "1,000", "1.250", "1_000", "1e9", "1e400", "-1e400", "inf", "-inf", "nan",
    "-1", "99999.99", "100", "101", " 3 ", "", "0x10", "1,000,000", "1.000,5", "١٢", "9" * 400,
]), st.floats().map(repr), st.integers(-10**30, 10**30).map(str), text)
whens = st.one_of(st.sampled_from(["2025-01-03T10:00", "2025-06-01T23:30+02:00", "12:00"]),
                  st.sampled_from([
    "9999-12-31T23:59-12:00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00+14:00",
    "1969-12-31T23:59Z", "2025-02-30T10:00", "2025-01-02T20:00", "23:59", "25:00", "00:00",
    "2025-01-02T20:00+25:00", "2100-01-01T00:00",
]), text)
days = st.one_of(st.sampled_from(["2025-01-01", "2025-01-31", "2025-03-02"]), st.sampled_from([
    "9999-12-31", "0001-01-01", "1969-12-31", "1970-01-01", "2201-01-01", "2025-02-29",
    "2025-01-02", "2200-12-31",
]), text)
ids = st.one_of(st.sampled_from(["1", "0", "-1", "2" * 30, "9223372036854775808"]), text)
whats = st.one_of(st.sampled_from(["alcohol", "Cannabis", "nicotine", "gambling", "x" * 200]),
                  st.sampled_from(["alcohol", "Alcohol", "cannabis"]), text)
units = st.one_of(st.sampled_from(["g", "mg", "ml", "standard drinks", "units"]), text)


def options(pairs: dict[str, st.SearchStrategy[str]], flags: tuple[str, ...] = ()) -> st.SearchStrategy:
    if not pairs and not flags:
        return st.just([])
    chosen = st.lists(st.sampled_from(sorted(pairs) + list(flags)), max_size=4, unique=True)
    return chosen.flatmap(lambda names: st.tuples(*[
        st.just([n]) if n in flags else pairs[n].map(lambda v, n=n: [n, v]) for n in names
    ]).map(lambda parts: [x for part in parts for x in part]))


def command(head: list[str], positional: list[st.SearchStrategy[str]],
            pairs: dict[str, st.SearchStrategy[str]], flags: tuple[str, ...] = ()) -> st.SearchStrategy:
    return st.tuples(st.tuples(*positional) if positional else st.just(()), options(pairs, flags)).map(
        lambda t: [*head, *t[0], *t[1]])


commands = st.one_of(
    # Mostly good entries, so the accepted path (and what it prints) is exercised as well.
    command(["log"], [st.sampled_from(["alcohol", "cannabis"]), st.sampled_from(["1", "2,5", "0"])],
            {"--at": st.sampled_from(["2025-01-03T10:00", "12:00"]), "--note": st.text(max_size=20),
             "--trigger": st.text(max_size=20), "--cost": st.sampled_from(["3", "4,50", "1,000"])}),
    command(["log"], [whats, numbers], {
        "--at": whens, "--craving": numbers, "--mood": numbers, "--cost": numbers, "--note": text,
        "--trigger": text, "--practice": text, "--setting": text, "--unit": units,
    }, ("--urge-only", "--discuss")),
    command(["entries"], [], {"--from": days, "--to": days, "--trackable": whats}, ("--json",)),
    command(["goal", "add"], [whats], {
        "--type": st.sampled_from(["daily-max", "weekly-max", "free-days", "practice", "money-weekly"]),
        "--target": numbers, "--from": days, "--practice": text}),
    command(["goal", "edit"], [ids], {"--target": numbers, "--from": days}),
    command(["goal", "archive"], [ids], {}, ("--restore", "--undo")),
    command(["goal", "list"], [], {}, ("--json", "--all")),
    command(["taper"], [whats], {"--to": numbers, "--weeks": numbers, "--baseline": numbers,
                                 "--start": days}, ("--dry-run", "--json")),
    command(["progress"], [], {"--from": days, "--to": days}, ("--json",)),
    command(["checkin"], [], {"--date": days}),
    command(["track"], [whats], {"--unit": units}),
    command(["session", "add"], [], {"--date": days, "--note": text, "--therapist": text}),
    command(["plan", "add"], [text, text], {}),
    command(["plan", "list"], [], {"--from": days, "--to": days}, ("--json",)),
    command(["support"], [], {"--add": text, "--phone": text, "--note": text, "--remove": ids}),
    command(["my-therapist"], [], {"--name": text, "--phone": text, "--next-session": days}),
    command(["therapists"], [], {"--state": text, "--focus": text, "--profession": text, "--search": text},
            ("--json",)),
    command(["alternative", "add"], [text], {}),
    command(["plan", "archive"], [ids], {}, ("--restore",)),
    command(["session", "list"], [], {}, ("--json",)),
    command(["trackables"], [], {}, ("--json", "--all")),
    command(["backups"], [], {}),
    command(["import"], [text], {"--format": st.sampled_from(["csv", "pwj", "harmtrack-json"])},
            ("--dry-run",)),
    command(["restore"], [text], {}),
    command(["export"], [], {"--format": st.sampled_from(["csv", "json"]), "--out": text}),
    command(["report"], [], {"--from": days, "--to": days, "--out": raw_bytes}),
    command(["chart"], [st.sampled_from(["daily", "weekly"])], {"--from": days, "--out": raw_bytes}),
    # Words in any order: what a mistyped or pasted command line looks like.
    st.lists(st.one_of(st.sampled_from(["log", "entries", "goal", "add", "--json", "--at", "--note",
                                        "--target", "--from", "-", "--", "-h", "--version"]),
                       text, numbers), min_size=1, max_size=6).filter(
        lambda a: a[0] not in ("smoke", "demo") and "--data-dir" not in " ".join(a)),
)


@FUZZ
@given(argv=commands)
def test_any_command_line_runs_or_is_refused_in_one_line(ready: Path, capsys, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    before = folder_state(ready)
    code = main(["--data-dir", str(ready), *argv])
    event(f"{ascii(argv[0])[:12]} exit {code}")  # shown by --hypothesis-show-statistics
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert code in (0, 2), (argv, code, err)
    if code == 2:
        assert err.startswith("harmtrack") and err.count("\n") == 1, (argv, err)
        assert folder_state(ready) == before, argv  # refused: nothing written, anywhere
    elif "--json" in argv and out.strip() and "--help" not in argv and "-h" not in argv:
        json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))


def run_real(*args: str | bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    # In the test's working folder (a scratch one): a file name that is accepted lands there.
    return subprocess.run([sys.executable, "-m", "harmtrack", *args], cwd=Path.cwd(), capture_output=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})


@pytest.mark.parametrize("args, words", [
    ([b"log", b"\xff", b"1"], b"'\\xff' is not valid UTF-8"),
    ([b"log", b"alcohol", b"1", b"--note", b"caf\xe9"], b"--note: 'caf\\xe9' is not valid UTF-8"),
    ([b"report", b"--out", b"\xff.pdf"], b"--out: '\\xff.pdf' is not valid UTF-8"),
    ([b"log", b"alcohol", b"1", b"--at", b"9999-12-31T23:59-12:00"], b"in the future"),
    ([b"log", b"alcohol", b"1e9"], b"1000000000 standard drinks is more than HarmTrack accepts "
                                   b"for one entry (at most 100)"),
    ([b"goal", b"add", b"alcohol", b"--type", b"weekly-max", b"--target", b"1e400"], b"too large"),
])
def test_the_real_program_refuses_in_one_line(ready: Path, args: list[bytes], words: bytes) -> None:
    before = folder_state(ready)
    done = run_real(b"--data-dir", os.fsencode(ready), *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count(b"\n") == 1 and words in done.stderr, done.stderr
    assert done.stdout == b""
    assert folder_state(ready) == before


def test_a_data_folder_named_in_another_encoding_is_not_created(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    folder = os.fsencode(tmp_path) + b"/donn\xe9es"
    done = run_real(b"log", b"alcohol", b"1", env={"HARMTRACK_DATA_DIR": os.fsdecode(folder)})
    assert done.returncode == 2 and b"is not valid UTF-8" in done.stderr, done.stderr
    assert done.stderr.count(b"\n") == 1
    assert not os.path.exists(folder)


def test_a_passphrase_in_another_encoding_is_refused_unseen(ready: Path) -> None:
    before = folder_state(ready)
    secret = b"\xff\xfecorrect horse battery"
    done = run_real(b"--data-dir", os.fsencode(ready), b"encrypt",
                    env={"HARMTRACK_PASSPHRASE": os.fsdecode(secret)})
    assert done.returncode == 2 and done.stderr.count(b"\n") == 1, done.stderr
    assert b"HARMTRACK_PASSPHRASE is not valid UTF-8" in done.stderr
    assert b"horse" not in done.stderr and b"\\xff" not in done.stderr
    assert folder_state(ready) == before


def test_version_comes_from_the_package_metadata(capsys) -> None:  # type: ignore[no-untyped-def]
    from importlib.metadata import version

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"harmtrack {version('harmtrack')}\n"


def test_smoke_prints_nothing_on_the_offscreen_platform(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    done = run_real(b"--data-dir", os.fsencode(tmp_path / "data"), b"smoke")
    assert done.returncode == 0 and done.stderr == b"", done.stderr


def test_json_output_is_strict_even_for_a_stored_infinity(ready: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A target stored before non-finite numbers were refused (e.g. by an import) is
    refused in one line rather than printed as ``Infinity``."""
    import sqlite3

    with sqlite3.connect(ready / "harmtrack.sqlite3") as conn:
        conn.execute("UPDATE goal_versions SET target = 9e999")
    conn.close()
    assert main(["--data-dir", str(ready), "goal", "list", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not finite" in err


def test_a_passphrase_typed_in_another_encoding_is_a_clear_refusal(tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                                    monkeypatch) -> None:
    import getpass

    folder = str(tmp_path / "data")
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "seven purple lanterns drift quietly")
    assert main(["--data-dir", folder, "log", "alcohol", "1"]) == 0
    assert main(["--data-dir", folder, "encrypt"]) == 0
    assert main(["--data-dir", folder, "entries"]) == 0  # today's automatic backup is taken
    monkeypatch.delenv("HARMTRACK_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def latin1_terminal(prompt: str = "") -> str:
        raise UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte")

    monkeypatch.setattr(getpass, "getpass", latin1_terminal)
    before = folder_state(tmp_path / "data")
    capsys.readouterr()
    assert main(["--data-dir", folder, "passphrase"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid UTF-8" in err and "nothing was changed" in err
    assert folder_state(tmp_path / "data") == before
