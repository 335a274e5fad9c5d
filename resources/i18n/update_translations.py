"""Regenerate the translation sources (.ts) from the UI code, and compile each .ts to .qm.

Run from the repository root: ``python resources/i18n/update_translations.py``.
Needs ``pyside6-lupdate`` / ``pyside6-lrelease`` (shipped with PySide6 next to the
Python interpreter). Add a language by copying harmtrack_en.ts to harmtrack_<lang>.ts,
translating it with Qt Linguist (``pyside6-linguist``), and running this script again;
the app loads harmtrack_<lang>.qm for the user's locale at start.

English is the source language, but counted strings (``self.tr("%n days", "", n)``) need
their English singular from a .qm: the source text is the plural, and this script fills
an empty English singular by the usual rules ("%n days" → "%n day", "%n entries" →
"%n entry"). A form once filled (or corrected by hand) is kept. The app always loads
harmtrack_en.qm under the user's own language, so "1 day" reads right everywhere.
"""

from __future__ import annotations

import html
import re
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


def singular(text: str) -> str:
    """The English singular of a counted source text: the first plural word after %n."""
    match = re.search(r"%L?n\s+(?:[\w-]+\s+)*?([A-Za-z-]*[A-Za-z]s)\b", text)
    if not match:
        return text
    word = match.group(1)
    if word.endswith("ies"):
        one = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes")):
        one = word[:-2]
    else:
        one = word[:-1]
    return text[:match.start(1)] + one + text[match.end(1):]


_NUMERUS = re.compile(r'(<message numerus="yes">\s*<source>([^<]*)</source>(?:(?!</message>).)*?)'
                      r'<translation type="unfinished">\s*<numerusform></numerusform>\s*'
                      r'<numerusform></numerusform>\s*</translation>', re.S)


def fill_english_plurals(ts: Path) -> int:
    """Fill each empty English numerus message with its singular and plural; returns how many."""
    text = ts.read_text(encoding="utf-8")

    def filled(m: re.Match[str]) -> str:
        source = html.unescape(m.group(2))
        one, many = (html.escape(x, quote=False) for x in (singular(source), source))
        return (f"{m.group(1)}<translation>\n            <numerusform>{one}</numerusform>\n"
                f"            <numerusform>{many}</numerusform>\n        </translation>")

    new, count = _NUMERUS.subn(filled, text)
    if count:
        ts.write_text(new, encoding="utf-8")
    return count


def main() -> int:
    ts_files = sorted(HERE.glob("harmtrack_*.ts")) or [HERE / "harmtrack_en.ts"]
    for ts in ts_files:
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *SOURCES,
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        if ts.name == "harmtrack_en.ts":
            fill_english_plurals(ts)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)
    return 0


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=__doc__).parse_args()  # --help only, before writing
    raise SystemExit(main())
