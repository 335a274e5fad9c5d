"""Domain errors: each carries a message a user can read as it is."""

from __future__ import annotations


class HarmTrackError(Exception):
    """Base class for errors the UI and the command line show to the user."""


class InvalidEntry(HarmTrackError):
    """A value the user gave is not acceptable; nothing was written."""


class NoBaseline(InvalidEntry):
    """Too little history to work out a starting level; the user has to give one."""


class NotFound(HarmTrackError):
    """The thing asked for does not exist."""


class UnknownTrackable(NotFound):
    """No trackable by that name; carries the closest names as suggestions."""

    def __init__(self, name: str, suggestions: list[str], *, builtin: str | None = None) -> None:
        self.name = name
        self.suggestions = suggestions
        self.builtin = builtin  # a built-in trackable's name the user does not track yet
        if builtin is not None:
            super().__init__(f"you do not track {builtin} yet.")
            return
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no trackable called {name!r}.{hint}")


#: What every refusal because another program holds the database file says, in one wording
#: (a refused write adds "; nothing was saved").
DATABASE_LOCKED = "the database is locked by another program (is HarmTrack already open?)"


class DatabaseError(HarmTrackError):
    """The database file cannot be used (corrupt, not ours, too new, locked…)."""


class NewerSchema(DatabaseError):
    """The file was written by a newer HarmTrack; it is left untouched."""


class NotHarmTrackDatabase(DatabaseError):
    """The file is not a HarmTrack database or is damaged; it is left untouched."""


class DatabaseDamaged(NotHarmTrackDatabase):
    """The database has damaged pages; nothing was changed. ``backup``: the newest
    backup that passes its check, for the UI to offer (None when there is none);
    ``problem``: what is wrong, without the advice on what to do."""

    def __init__(self, message: str, backup: object = None, problem: str = "") -> None:
        super().__init__(message)
        self.backup = backup
        self.problem = problem or message


class PassphraseRequired(DatabaseError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not open the encrypted database; nothing was changed."""
