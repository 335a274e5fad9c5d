"""Regenerate the translation sources (.ts) from the UI code, and compile any .ts to .qm.

Run from the repository root: ``python resources/i18n/update_translations.py``.
Needs ``pyside6-lupdate`` / ``pyside6-lrelease`` (shipped with PySide6 next to the
Python interpreter). Add a language by copying harmtrack_en.ts to harmtrack_<lang>.ts,
translating it with Qt Linguist (``pyside6-linguist``), and running this script again;
the app loads harmtrack_<lang>.qm for the user's locale at start.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "harmtrack" / "ui").rglob("*.py"))


def tool(name: str) -> str:
    """The PySide6 tool next to this Python, else on PATH."""
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships the Qt translation tools)")
    return found


def main() -> int:
    ts_files = sorted(HERE.glob("harmtrack_*.ts")) or [HERE / "harmtrack_en.ts"]
    for ts in ts_files:
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *SOURCES,
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        if ts.name != "harmtrack_en.ts":  # English is the source language: no .qm needed
            subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                           check=True)
    return 0


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=__doc__).parse_args()  # --help only, before writing
    raise SystemExit(main())
