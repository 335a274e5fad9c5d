"""No private name (``_x``) of one HarmTrack module or object used from another, in the
screens and the command line: what a module shares it makes public.

tests/core/test_architecture.py checks the same between any two modules, by import; this
one also sees an object's private attribute reached from outside (``ctx._settings``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = [*sorted((ROOT / "harmtrack" / "ui").rglob("*.py")),
           *sorted((ROOT / "harmtrack" / "cli").rglob("*.py")), ROOT / "harmtrack" / "app.py"]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found += [f"{where}:{node.lineno}: from {node.module} import {a.name}"
                      for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue  # an object's own
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_screens_and_the_command_line_use_only_public_names() -> None:
    assert CHECKED
    found = [use for path in CHECKED for use in private_uses(path)]
    assert found == []
