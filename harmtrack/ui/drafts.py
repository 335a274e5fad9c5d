"""Text the database refused to store, kept in this process's memory until it is saved.

A dialog that could not write what was typed (disk full, file locked) keeps it here, so
that closing it, or the app locking, loses nothing: the next time the dialog opens (after
an unlock, too) it shows the text again and saving is tried anew. Drafts are never written
to a file (that would be plaintext beside an encrypted database); they go when HarmTrack
quits. Keyed by the database file, so another data folder never sees them.
"""

from __future__ import annotations

from harmtrack.core.storage.db import Database

_drafts: dict[tuple[str, str], dict[str, str]] = {}


def keep(db: Database, name: str, texts: dict[str, str]) -> None:
    """Remember ``texts`` (field -> text) for the dialog part called ``name``."""
    _drafts[(str(db.path), name)] = dict(texts)


def get(db: Database, name: str) -> dict[str, str] | None:
    """The texts kept for ``name``, or None when nothing is waiting to be saved."""
    texts = _drafts.get((str(db.path), name))
    return dict(texts) if texts is not None else None


def drop(db: Database, name: str) -> None:
    """Forget the draft of ``name`` (it is stored now, or the user emptied it)."""
    _drafts.pop((str(db.path), name), None)


def reason(exc: Exception) -> str:
    """Why a write was refused, for "Not saved: …" (which already says nothing was saved)."""
    return str(exc).replace("; nothing was saved", "").rstrip(".")
