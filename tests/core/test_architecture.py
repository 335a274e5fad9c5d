"""The shape issue 12 asks for: small core modules, no private name used across modules.

Read from the source with ``ast`` (nothing is imported), so a module that grows past the
limit or reaches into another's ``_name`` fails here with its file and line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "harmtrack"
#: Past this a core module is split by domain (HOUSE_STYLE.md, "Split by domain before a
#: module passes ~400").
MAX_CORE_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _private(name: str) -> bool:
    """``_x`` and ``__x``, not ``__dunder__``."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imported_module(node: ast.ImportFrom, module: str) -> str:
    """The absolute name of the module ``from … import`` reads from."""
    if not node.level:
        return node.module or ""
    here = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
    return f"{base}.{node.module}" if node.module else base


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attribute reads on a name, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def private_uses(module: str, tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, what) for each private name this module takes from another of ours:
    ``from m import _x`` and ``m._x`` on a module it imported."""
    bound: dict[str, str] = {}  # a local name -> the module of ours it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "harmtrack":
                    if alias.asname:
                        bound[alias.asname] = alias.name
                    else:
                        bound["harmtrack"] = "harmtrack"
        elif isinstance(node, ast.ImportFrom):
            source = _imported_module(node, module)
            if source.split(".")[0] != "harmtrack" or source == module:
                continue
            for alias in node.names:
                if _private(alias.name):
                    yield node.lineno, f"from {source} import {alias.name}"
                elif f"{source}.{alias.name}" in MODULES:
                    bound[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        chain = _dotted(node.value)
        if chain is None:
            continue
        head, _, rest = chain.partition(".")
        if head not in bound:
            continue
        target = ".".join(filter(None, (bound[head], rest)))
        if target in MODULES and target != module:
            yield node.lineno, f"{target}.{node.attr}"


def private_offenders() -> list[str]:
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, what in sorted(set(private_uses(module, tree))):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    return found


def long_core_modules() -> list[str]:
    out = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_CORE_LINES:
            out.append(f"{path.relative_to(ROOT)}: {lines} lines")
    return out


def test_no_core_module_is_over_400_lines() -> None:
    assert long_core_modules() == []


def test_no_private_name_is_used_across_modules() -> None:
    assert private_offenders() == []


def test_the_private_name_check_sees_both_forms() -> None:
    """The checker itself: both forms are found, dunders, own names and others' not."""
    module = "harmtrack.core.storage.backups"
    source = (
        "import os\n"
        "from harmtrack.core.storage import settings\n"
        "from harmtrack.core.storage import settings as s2\n"
        "import harmtrack.core.storage.db as dbmod\n"
        "import harmtrack.core.storage.integrity\n"
        "from .settings import _read, update_settings\n"
        "from ..common.errors import __doc__\n"
        "settings._read(1)\n"
        "s2._write\n"
        "dbmod._create_fresh\n"
        "harmtrack.core.storage.integrity._check\n"
        "settings.__name__, os._exit, self_thing._x, update_settings._cache\n"
    )
    found = [what for _line, what in private_uses(module, ast.parse(source))]
    assert sorted(found) == sorted([
        "from harmtrack.core.storage.settings import _read",
        "harmtrack.core.storage.settings._read",
        "harmtrack.core.storage.settings._write",
        "harmtrack.core.storage.db._create_fresh",
        "harmtrack.core.storage.integrity._check",
    ])
