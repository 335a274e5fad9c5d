"""Importing other files: preview first, then one all-or-nothing transaction.

Each format module turns a file into a :class:`~bundle.Bundle` (what it holds, plus the
rows it refuses and why, with their line or item numbers; ``formats`` knows them all).
``writer.apply`` writes a bundle inside an open transaction, skipping what is already
there. The preview runs that very same code in a transaction that is rolled back, so the
numbers it shows are the numbers the import will produce.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from harmtrack.core.exchange.importers.bundle import Preview
from harmtrack.core.exchange.importers.formats import parse_bundle
from harmtrack.core.exchange.importers.writer import apply
from harmtrack.core.storage.db import Database, transaction
from harmtrack.core.storage.settings import read_settings

log = logging.getLogger(__name__)


def preview(db: Database, path: str | os.PathLike[str], fmt: str | None = None) -> Preview:
    """What importing ``path`` would do; nothing is written."""
    path = Path(path).expanduser()
    with db.engine.connect() as conn:
        settings = read_settings(conn)
    bundle = parse_bundle(path, fmt, settings)
    with db.writer.connect() as conn:  # it writes (then rolls back): wait for other writers
        trans = conn.begin()
        try:
            return apply(conn, bundle, path.name)
        finally:
            trans.rollback()


def run_import(db: Database, path: str | os.PathLike[str], fmt: str | None = None, *,
               backup: bool = True) -> Preview:
    """Import ``path`` in one transaction (after a backup); returns what was added."""
    path = Path(path).expanduser()
    with db.engine.connect() as conn:
        settings = read_settings(conn)
    bundle = parse_bundle(path, fmt, settings)
    taken: Path | None = None
    holds = (bundle.trackables, bundle.entries, bundle.checkins, bundle.goals, bundle.sessions,
             bundle.my_therapist, bundle.action_plans, bundle.alternatives, bundle.support_contacts,
             bundle.settings, *bundle.care_tools.values())
    if backup and any(holds):  # a file whose every item was refused writes nothing, not even a backup
        from harmtrack.core.storage.backups import make_backup

        taken = make_backup(db, "before-import")
    with transaction(db) as conn:
        result = apply(conn, bundle, path.name)
    result.backup = taken
    log.info("import done: %d entries added, %d skipped, %d refused", result.entries,
             result.already_present, len(result.refused))
    return result
