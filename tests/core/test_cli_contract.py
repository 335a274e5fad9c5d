"""Command-line contract details a script author relies on (found in a QA pass)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from harmtrack.cli import build_parser, run
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.storage.data_folder import open_data_folder
from harmtrack.core.tracking import checkins, entries


def cli(data_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(data_dir), *args])


def test_data_dir_may_follow_the_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(["log", "alcohol", "2", "--at", "2026-03-02T21:00", "--data-dir", str(a)]) == 0
    assert run(["goal", "add", "alcohol", "--type", "daily-max", "--target", "3",
                "--data-dir", str(b)]) == 0
    capsys.readouterr()
    assert run(["entries", "--json", "--data-dir", str(a)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["trackable"], r["amount"], r["day"]) for r in rows] == [("Alcohol", 2.0, "2026-03-02")]
    assert run(["--data-dir", str(a), "goal", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    # Given before the command and not after: the one before is used.
    assert run(["--data-dir", str(b), "goal", "list", "--json"]) == 0
    assert [g["type"] for g in json.loads(capsys.readouterr().out)] == ["daily-max"]


def test_data_dir_may_follow_a_command_of_a_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """``goal add``, ``session list``…: after the action, between the command and its
    action, or before everything; the last one typed wins, as argparse has it."""
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(["session", "add", "--date", "2026-03-02", "--data-dir", str(a)]) == 0
    assert run(["goal", "--data-dir", str(b), "add", "alcohol", "--type", "daily-max", "--target", "3"]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(b), "session", "list", "--json", "--data-dir", str(a)]) == 0
    assert [s["date"] for s in json.loads(capsys.readouterr().out)] == ["2026-03-02"]
    assert run(["--data-dir", str(a), "goal", "list", "--json", "--data-dir", str(b)]) == 0
    assert [g["type"] for g in json.loads(capsys.readouterr().out)] == ["daily-max"]
    assert run(["goal", "list", "--help"]) == 0
    assert "--data-dir DIR" in capsys.readouterr().out


def test_every_help_page_renders(capsys) -> None:  # type: ignore[no-untyped-def]
    """`harmtrack goal add --help` crashed on a bare % in a help text."""
    def walk(parser: argparse.ArgumentParser, path: list[str]) -> list[list[str]]:
        parser.format_help()  # raises on a bad help string
        found = [path]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found += walk(child, [*path, name])
        return found

    paths = walk(build_parser(), [])
    assert ["goal", "add"] in paths and ["session", "list"] in paths
    assert run(["goal", "add", "--help"]) == 0
    assert "% of occasions" in capsys.readouterr().out


def test_unknown_trackable_says_how_to_add_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(tmp_path, "log", "alchol", "1") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "no trackable called 'alchol'" in err[0] and "Did you mean: Alcohol?" in err[0]
    assert "harmtrack track NAME --unit UNIT" in err[0]


def test_checkin_for_a_day_to_come_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_data_folder(tmp_path)
    tomorrow = entries.today(db) + dt.timedelta(days=1)
    with pytest.raises(InvalidEntry, match="has not come yet"):
        checkins.check_in(db, tomorrow)
    db.close()
    assert cli(tmp_path, "checkin", "--date", "2099-01-01") == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert cli(tmp_path, "checkin") == 0
    db = open_data_folder(tmp_path)
    assert checkins.checked_in_days(db) == {entries.today(db)}
    db.close()


def test_taper_without_history_points_at_baseline(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(tmp_path, "taper", "alcohol", "--to", "5", "--weeks", "4", "--dry-run") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--baseline N" in err
    assert cli(tmp_path, "taper", "alcohol", "--to", "5", "--weeks", "4", "--baseline", "9",
               "--dry-run") == 0
    captured = capsys.readouterr()
    assert "at most 5 standard drinks" in captured.out
    # The withdrawal note names where it comes from.
    assert captured.err.startswith("Note: ") and "(Source: " in captured.err
    assert "https://" in captured.err


def test_encrypt_without_terminal_names_the_variable(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("HARMTRACK_PASSPHRASE", raising=False)
    monkeypatch.delenv("HARMTRACK_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli(tmp_path, "log", "alcohol", "1") == 0
    capsys.readouterr()
    assert cli(tmp_path, "encrypt") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HARMTRACK_PASSPHRASE" in err
    assert not (tmp_path / "encryption.json").exists()


def test_restore_of_a_backup_under_an_earlier_passphrase(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The message names the backup (not "this data folder") and the variable that helps."""
    folder = tmp_path / "data"
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "first-passphrase")
    assert cli(folder, "log", "alcohol", "3", "--at", "2026-03-02T20:00") == 0
    assert cli(folder, "encrypt") == 0
    old = tmp_path / "old.sqlite3"
    assert cli(folder, "backup", "--out", str(old)) == 0
    monkeypatch.setenv("HARMTRACK_NEW_PASSPHRASE", "second-passphrase")
    assert cli(folder, "passphrase") == 0
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "second-passphrase")
    assert cli(folder, "log", "alcohol", "1", "--at", "2026-03-03T20:00") == 0
    capsys.readouterr()

    assert cli(folder, "restore", str(old)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "old.sqlite3 does not open with that passphrase" in err
    assert "HARMTRACK_BACKUP_PASSPHRASE" in err and "data folder" not in err
    assert cli(folder, "entries", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 2  # nothing restored

    monkeypatch.setenv("HARMTRACK_BACKUP_PASSPHRASE", "first-passphrase")
    assert cli(folder, "restore", str(old)) == 0
    capsys.readouterr()
    assert cli(folder, "entries", "--json") == 0
    assert [r["amount"] for r in json.loads(capsys.readouterr().out)] == [3.0]


def test_hh_mm_means_the_users_current_day() -> None:
    """With the day starting at 04:00, at 01:00 "23:30" is last night, not tonight."""
    from zoneinfo import ZoneInfo

    from harmtrack.core.common.days import parse_when

    tz = ZoneInfo("Europe/Berlin")
    now = dt.datetime(2026, 3, 29, 1, 0, tzinfo=tz)  # the night the clocks go forward
    assert parse_when("23:30", tz, now, day_start_hour=4) == dt.datetime(2026, 3, 28, 23, 30, tzinfo=tz)
    assert parse_when("02:30", tz, now, day_start_hour=4).date() == dt.date(2026, 3, 29)
    assert parse_when("04:00", tz, now, day_start_hour=4) == dt.datetime(2026, 3, 28, 4, 0, tzinfo=tz)
    assert parse_when("23:30", tz, now) == dt.datetime(2026, 3, 29, 23, 30, tzinfo=tz)
    assert parse_when("9:05:30", tz, now) == dt.datetime(2026, 3, 29, 9, 5, 30, tzinfo=tz)
    for bad in ("24:00", "9:5", "12:60:00"):
        with pytest.raises(ValueError, match="is not a time"):
            parse_when(bad, tz, now)


def test_log_at_hh_mm_ss_today(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(tmp_path, "log", "alcohol", "1", "--at", "00:00:00") == 0
    capsys.readouterr()
    assert cli(tmp_path, "entries", "--json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    db = open_data_folder(tmp_path)
    assert row["day"] == entries.today(db).isoformat()
    db.close()
    assert dt.datetime.fromisoformat(row["occurred_at"]).time() == dt.time(0, 0)


@pytest.mark.parametrize("first", [
    ("checkin", "--date", "2026-03-02"),
    ("goal", "add", "alcohol", "--type", "weekly-max", "--target", "10"),
    ("session", "add", "--date", "2026-03-02"),
])
def test_demo_refuses_a_folder_with_any_history(tmp_path: Path, capsys, first) -> None:  # type: ignore[no-untyped-def]
    assert cli(tmp_path, *first) == 0
    capsys.readouterr()
    assert cli(tmp_path, "demo", "--days", "10") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert cli(tmp_path, "entries", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli(tmp_path, "demo", "--days", "10", "--force") == 0


def test_demo_fills_a_folder_with_only_chosen_trackables(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli(tmp_path, "track", "alcohol") == 0
    assert cli(tmp_path, "demo", "--days", "14") == 0
    capsys.readouterr()
    assert cli(tmp_path, "entries", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) > 14


def test_a_builtin_not_tracked_yet_is_named_plainly(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Read-only commands do not add a built-in; they no longer answer "did you mean Gambling?"."""
    assert cli(tmp_path, "log", "alcohol", "1", "--at", "2026-03-02T20:00") == 0
    capsys.readouterr()
    assert cli(tmp_path, "entries", "--trackable", "binge eating", "--json") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "you do not track Binge eating yet" in err
    assert "harmtrack track 'binge eating'" in err and "Did you mean" not in err
    assert cli(tmp_path, "report", "--trackable", "gambling", "--out", str(tmp_path / "r.pdf")) == 2
    assert "you do not track Gambling yet" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
    assert cli(tmp_path, "trackables", "--json") == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == ["Alcohol"]


def test_backup_out_into_a_missing_folder_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    assert cli(folder, "log", "alcohol", "1") == 0
    capsys.readouterr()
    missing = tmp_path / "no-such-folder" / "b.sqlite3"
    assert cli(folder, "backup", "--out", str(missing)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not missing.parent.exists()
    # A folder as --out gets a named file inside it.
    assert cli(folder, "backup", "--out", str(tmp_path)) == 0
    assert len(list(tmp_path.glob("harmtrack-*.sqlite3"))) == 1


def test_therapists_refuse_an_unknown_tag_or_a_state_name(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["therapists", "--focus", "self harm", "--json"]) == 0
    names = [t["name"] for t in json.loads(capsys.readouterr().out)]
    assert names == ["Cassie Konnoly", "Joy Zelikovsky", "Kristin Sanders"]
    assert run(["therapists", "--focus", "selfharm", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "self-harm" in err and "LGBTQ+" in err
    assert run(["therapists", "--state", "Washington", "--json"]) == 2
    assert "two-letter" in capsys.readouterr().err
    assert run(["therapists", "--state", "wa", "--json"]) == 0
    assert {t["state"] for t in json.loads(capsys.readouterr().out)} == {"WA"}
    assert run(["therapists", "--state", "ZZ", "--json"]) == 0  # a code with nobody listed
    assert json.loads(capsys.readouterr().out) == []


def test_end_of_input_at_a_passphrase_prompt_is_a_clear_refusal(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+D at the prompt used to end in an EOFError traceback (exit 1)."""
    import getpass

    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "first-passphrase")
    assert cli(tmp_path, "log", "alcohol", "1") == 0
    assert cli(tmp_path, "encrypt") == 0
    monkeypatch.delenv("HARMTRACK_PASSPHRASE")
    monkeypatch.delenv("HARMTRACK_NEW_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", eof)
    capsys.readouterr()
    assert cli(tmp_path, "entries", "--json") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is encrypted" in err
    monkeypatch.setenv("HARMTRACK_PASSPHRASE", "first-passphrase")
    assert cli(tmp_path, "passphrase") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no new passphrase given; nothing was changed" in err
    assert cli(tmp_path, "entries", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_demo_history_holds_nothing_later_than_now(utc_settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 01:00 the demo used to log today's evening drinks (19:00…) ahead of time."""
    from harmtrack.core.exchange import demo

    db = utc_settings
    real = dt.datetime
    cutoff = real(2026, 3, 6, 1, 0, tzinfo=dt.UTC)

    class EarlyMorning(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return cutoff.astimezone(tz) if tz else cutoff.replace(tzinfo=None)

    monkeypatch.setattr(demo.dt, "datetime", EarlyMorning)
    demo.fill(db, days=60, end=dt.date(2026, 3, 6))
    monkeypatch.setattr(demo.dt, "datetime", real)
    rows = entries.list_entries(db)
    assert len(rows) > 100
    assert max(r.occurred_at for r in rows) <= cutoff
    days = {r.day for r in rows}
    assert len(days) >= 50 and max(days) >= dt.date(2026, 3, 4)  # the history runs up to now


def test_csv_import_names_a_builtin_as_logging_does(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A CSV saying "alcohol" used to create a trackable called "alcohol" (lower case)."""
    src = tmp_path / "in.csv"
    src.write_text("trackable,amount,date\nalcohol,2,2026-03-01\nALCOHOL,1,2026-03-02\n"
                   "alcohol,-1,2026-03-03\n", encoding="utf-8")
    folder = tmp_path / "data"
    assert cli(folder, "import", str(src), "--dry-run") == 0
    preview = capsys.readouterr().out
    assert "New trackables: Alcohol" in preview and "line 4: amount must be 0 or more" in preview
    assert cli(folder, "import", str(src)) == 0
    assert cli(folder, "log", "alcohol", "1", "--at", "2026-03-04T20:00") == 0
    capsys.readouterr()
    assert cli(folder, "trackables", "--json") == 0
    (t,) = json.loads(capsys.readouterr().out)
    assert (t["name"], t["builtin"], t["unit"]) == ("Alcohol", "alcohol", "standard drinks")
    assert cli(folder, "entries", "--json") == 0
    assert [(r["trackable"], r["amount"]) for r in json.loads(capsys.readouterr().out)] == [
        ("Alcohol", 2.0), ("Alcohol", 1.0), ("Alcohol", 1.0)]
