"""The report's optional section: decisional balance and ideal use, off by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from harmtrack.core.care import balance
from harmtrack.core.report import pdf as report
from harmtrack.core.tracking import entries, trackables


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_section_appears_only_when_chosen_and_never_for_a_left_out_trackable(utc_settings,
                                                                                  tmp_path: Path) -> None:
    db = utc_settings
    alcohol = trackables.add_builtin(db, "alcohol")
    cannabis = trackables.add_builtin(db, "cannabis")
    start, end = dt.date(2026, 11, 2), dt.date(2026, 11, 29)
    for day in range(2, 29, 3):
        entries.log(db, "alcohol", 2, at=dt.datetime(2026, 11, day, 20, tzinfo=dt.UTC))
        entries.log(db, "cannabis", 1, at=dt.datetime(2026, 11, day, 21, tzinfo=dt.UTC))
    balance.add_balance(db, alcohol.id, dt.date(2026, 10, 1), "an older balance", "old", today=end)
    balance.add_balance(db, alcohol.id, dt.date(2026, 11, 20), "unwinding with friends",
                        "Sunday mornings\nmoney", today=end)
    balance.add_balance(db, alcohol.id, dt.date(2026, 11, 30), "after the range", "x",
                        today=end + dt.timedelta(1))
    balance.set_ideal_use(db, alcohol.id, "Fridays, three at most")
    balance.set_ideal_use(db, cannabis.id, "PrivateCannabisPlan")

    plain = report.write_report(db, report.ReportOptions(start, end), tmp_path / "plain.pdf")
    assert "Decisional balance" not in pdf_text(plain.path)  # off by default

    chosen = report.ReportOptions(start, end, omit_trackables=(cannabis.id,), balance_and_ideal_use=True)
    text = " ".join(pdf_text(report.write_report(db, chosen, tmp_path / "with.pdf").path).split())
    assert "Decisional balance and ideal use" in text
    assert "unwinding with friends" in text and "Sunday mornings money" in text
    assert "balance of 20 Nov 2026" in text and "Fridays, three at most" in text
    assert "an older balance" not in text and "after the range" not in text  # the latest up to the end
    assert "PrivateCannabisPlan" not in text  # left out: not named anywhere


def test_the_cli_adds_it_with_with_balance(tmp_path: Path, capsys) -> None:
    from harmtrack.cli import main

    d = ["--data-dir", str(tmp_path / "data")]
    assert main(["log", "alcohol", "2", "--at", "2025-01-02T20:00", *d]) == 0
    assert main(["ideal-use", "alcohol", "weekends only", *d]) == 0
    out = tmp_path / "r.pdf"
    assert main(["report", "--from", "2025-01-01", "--to", "2025-01-10", "--with-balance", "--out", str(out),
                 *d]) == 0
    assert "weekends only" in pdf_text(out)
