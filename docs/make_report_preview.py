"""Write a demo PDF report and save its first page as docs/screenshots/report-page1.png.

Run: ``python docs/make_report_preview.py [--keep FILE.pdf]`` (needs ``pdftoppm`` from
poppler-utils for the PNG). The data is the synthetic demo history, with a display name,
a fictional therapist, a session four weeks ago and the demo's own goals.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots" / "report-page1.png"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", type=Path, help="also keep the PDF here")
    args = ap.parse_args()
    from harmtrack.core.exchange import demo
    from harmtrack.core.report import pdf as report
    from harmtrack.core.tracking.entries import today
    from harmtrack.core.care.sessions import add_session
    from harmtrack.core.storage.settings import update_settings
    from harmtrack.core.storage.data_folder import open_data_folder
    from harmtrack.core.care.therapists import set_my_therapist

    with tempfile.TemporaryDirectory() as tmp:
        db = open_data_folder(Path(tmp) / "data")
        demo.fill(db, days=365)
        now = today(db)
        update_settings(db, display_name="Sam")
        set_my_therapist(db, "Dr Ana Ruiz (fictional)", practice="Harbor Counseling",
                         next_session=now + dt.timedelta(days=2))
        add_session(db, now - dt.timedelta(days=28), therapist="Dr Ana Ruiz")
        rng = report.resolve_range(db)
        pdf = Path(tmp) / report.suggested_filename(rng.start, rng.end)
        result = report.write_report(db, report.ReportOptions(rng.start, rng.end, range_label=rng.label),
                                     pdf)
        print(f"{result.pages} pages in {result.seconds:.2f} s")
        if args.keep:
            shutil.copy(pdf, args.keep)
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found: install poppler-utils for the PNG", file=sys.stderr)
            return 1
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(OUT.with_suffix(""))], check=True)
        db.close()
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
