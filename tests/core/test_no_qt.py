"""The core never imports Qt: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_modules_do_not_load_qt() -> None:
    code = """
import importlib, pkgutil, sys
import harmtrack.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, 'harmtrack.core.')
         if '.migrations' not in m.name]
for name in names:
    importlib.import_module(name)
import harmtrack.cli, harmtrack.paths
for area in harmtrack.cli.AREAS:
    try:
        importlib.import_module('harmtrack.cli.' + area)
    except ModuleNotFoundError:
        pass
qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))
print(len(names), qt)
assert not qt, qt
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    count = int(out.stdout.split()[0])
    assert count >= 8  # the walk really found the core modules
