"""HarmTrack's core, in domain packages that import downwards only. Never imports Qt.

From the top: ``exchange`` → ``report`` → ``charts`` → ``goals`` | ``care`` → ``stats`` →
``tracking`` → ``privacy`` → ``storage`` → ``quantities`` → ``common``. The order is a
contract in ``pyproject.toml`` that ``lint-imports`` checks; docs/architecture.md is the map.

Start-up conventions for the modules the first screen loads (see ``harmtrack.app``):
read-only records they return are named tuples, not frozen dataclasses (a dataclass
compiles its methods when its module is imported, ≈0.8 ms each against ≈0.1 ms), and
their reads select table columns in SQLAlchemy Core (``storage.schema``).
"""
