"""HarmTrack's core: storage, services, statistics, charts and reports. Never imports Qt.

Start-up conventions for the modules the first screen loads (see ``harmtrack.app``):
read-only records they return are named tuples, not frozen dataclasses (a dataclass
compiles its methods when its module is imported, ≈0.8 ms each against ≈0.1 ms), and
their reads select table columns in SQLAlchemy Core (``schema``), and SQLAlchemy's ORM
with the mapped classes (``models``) is imported inside the functions that write.
"""
