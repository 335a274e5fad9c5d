"""`harmtrack share` and `harmtrack open-share`: the command-line contract of issue 15."""

from __future__ import annotations

import json
import stat
import tempfile
from pathlib import Path

import pytest

from harmtrack.cli import run

PASS = "violet anchor pottery thunder"
NOTE = "walked past the old bar on Elm Street"


@pytest.fixture(autouse=True)
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("HARMTRACK_SHARE_PASSPHRASE", PASS)
    return folder


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    for args in (["settings", "--screening-cutoffs", "both"],
                 ["log", "alcohol", "3", "--at", "2026-03-02T21:00", "--note", NOTE,
                  "--trigger", "payday", "--cost", "14.50", "--discuss"],
                 ["log", "alcohol", "2", "--at", "2026-03-05T20:00", "--practice", "water between drinks"],
                 ["log", "cannabis", "1", "--at", "2026-03-06T22:00", "--note", "after work"],
                 ["log", "gambling", "45", "--at", "2026-03-07T19:00", "--note", "slots"],
                 ["log", "alcohol", "6", "--at", "2026-03-20T20:00", "--note", "outside the range"]):
        assert run(["--data-dir", str(data), *args]) == 0
    capsys.readouterr()
    return data


def cli(data: Path, *args: str) -> int:
    return run(["--data-dir", str(data), *args])


def entries_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert run(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("harmtrack: error: "), captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    return lines[0]


def test_share_then_open_share_gives_the_range_minus_what_was_left_out(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], own_temp: Path) -> None:
    out = tmp_path / "for-therapist.htshare"
    assert cli(folder, "share", "--out", str(out), "--from", "2026-03-01", "--to", "2026-03-10",
               "--leave-out", "gambling", "--omit", "notes,cost") == 0
    said = capsys.readouterr().err
    assert "3 entries, 2026-03-01 to 2026-03-10" in said
    assert "left out: notes, money spent, 1 tracked thing (not named here)" in said
    assert "gambling" not in said.casefold()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    expected = [
        {k: v for k, v in row.items() if k not in ("id", "currency")} | {"note": None, "cost": None}
        for row in entries_json(capsys, "--data-dir", str(folder), "entries", "--json",
                                "--from", "2026-03-01", "--to", "2026-03-10")
        if row["trackable"] != "Gambling"]
    # No data folder is needed (nor made) to read a share.
    elsewhere = tmp_path / "no-such-folder"
    got = entries_json(capsys, "--data-dir", str(elsewhere), "open-share", str(out), "--json")
    assert [{k: v for k, v in row.items() if k != "id"} for row in got] == expected
    assert [r["triggers"] for r in got] == [["payday"], [], []]  # triggers were not left out
    assert not elsewhere.exists()
    assert list(own_temp.iterdir()) == []
    sealed = out.read_bytes()
    for secret in (NOTE, "after work", "slots", "Gambling", "payday"):
        assert secret.encode() not in sealed


@pytest.mark.parametrize("damage", ["passphrase", "flipped", "truncated"])
def test_a_wrong_passphrase_or_a_damaged_share_is_refused_in_one_line(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, own_temp: Path, damage: str) -> None:
    out = tmp_path / "s.htshare"
    assert cli(folder, "share", "--out", str(out), "--from", "2026-03-01", "--to", "2026-03-10") == 0
    capsys.readouterr()
    data = bytearray(out.read_bytes())
    if damage == "passphrase":
        monkeypatch.setenv("HARMTRACK_SHARE_PASSPHRASE", "another quite long passphrase")
    elif damage == "flipped":
        data[-40] ^= 0x80
    else:
        data = data[: len(data) // 2]
    out.write_bytes(bytes(data))
    assert run(["open-share", str(out), "--json"]) == 2
    line = one_error_line(capsys)
    assert "not opened" in line or "different passphrase" in line
    assert list(own_temp.iterdir()) == []


def test_share_refuses_bad_input_in_one_line_and_writes_nothing(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "s.htshare"
    cases = [
        (["--omit", "notes,moods"], "--omit: unknown moods (the share can leave out: notes, triggers"),
        (["--from", "2026-03-10", "--to", "2026-03-01"], "--from is after --to"),
        (["--leave-out", "skydiving"], "no trackable called 'skydiving'"),
    ]
    for extra, message in cases:
        assert cli(folder, "share", "--out", str(out), *extra) == 2
        assert message in one_error_line(capsys)
    monkeypatch.setenv("HARMTRACK_SHARE_PASSPHRASE", "password1")
    assert cli(folder, "share", "--out", str(out)) == 2
    assert "passphrase" in one_error_line(capsys)
    monkeypatch.delenv("HARMTRACK_SHARE_PASSPHRASE")
    assert cli(folder, "share", "--out", str(out)) == 2  # no terminal here to ask in
    assert "HARMTRACK_SHARE_PASSPHRASE" in one_error_line(capsys)
    assert list(tmp_path.glob("s.htshare*")) == []
    assert run(["open-share", str(tmp_path / "missing.htshare"), "--json"]) == 2
    assert "no file at" in one_error_line(capsys)


def test_open_share_with_the_window_removes_its_folder_afterwards(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, own_temp: Path) -> None:
    """Without --json the window opens on the share's read-only folder; when it is
    closed (here: at once), or when it fails, that folder is gone."""
    import harmtrack.app

    out = tmp_path / "s.htshare"
    assert cli(folder, "share", "--out", str(out), "--from", "2026-03-01", "--to", "2026-03-10") == 0
    capsys.readouterr()
    seen: list[tuple[Path, bool, int]] = []

    def window(share):  # type: ignore[no-untyped-def]
        from harmtrack.core.tracking.entries import list_entries

        seen.append((share.folder, share.folder.is_dir(), len(list_entries(share.db))))
        return 0

    monkeypatch.setattr(harmtrack.app, "run_share_review", window)
    assert run(["open-share", str(out)]) == 0
    assert seen[0][1:] == (True, 4) and not seen[0][0].exists()

    def crash(share):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(harmtrack.app, "run_share_review", crash)
    assert run(["open-share", str(out)]) == 2
    one_error_line(capsys)
    assert list(own_temp.iterdir()) == []


def test_open_share_without_a_passphrase_or_a_terminal_says_where_to_give_it(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, own_temp: Path) -> None:
    out = tmp_path / "s.htshare"
    assert cli(folder, "share", "--out", str(out)) == 0
    capsys.readouterr()
    monkeypatch.delenv("HARMTRACK_SHARE_PASSPHRASE")
    assert run(["open-share", str(out), "--json"]) == 2
    assert "give the share passphrase in HARMTRACK_SHARE_PASSPHRASE" in one_error_line(capsys)
    assert list(own_temp.iterdir()) == []
