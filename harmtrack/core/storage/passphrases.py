"""What a new passphrase must be: long enough, and hard to guess (estimated with zxcvbn).

It sits in ``storage`` because a new encrypted database file needs it (opening a folder
whose marker says "encrypted" but whose file is gone creates one); ``privacy.crypto``
applies the same rule when encryption is turned on or the passphrase changed.
"""

from __future__ import annotations

from harmtrack.core.common.errors import InvalidEntry

MIN_PASSPHRASE = 8

#: zxcvbn's score (0–4) a new passphrase must reach: 3 is "safely unguessable:
#: moderate protection from an offline attack" — what a stolen laptop needs.
MIN_STRENGTH = 3
ADVICE = ("a passphrase of four or more words that do not belong together, in your own "
          "order, is strong and easy to remember")


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is too weak to protect the data, or None when it will do.

    Strength is estimated with zxcvbn (dictionaries, keyboard patterns, repeats, dates),
    imported here only: nothing else needs it.
    """
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE:
        return f"the passphrase must be at least {MIN_PASSPHRASE} characters long; {ADVICE}"
    if not passphrase.strip():
        return f"the passphrase is only spaces or tabs, which anyone can guess; {ADVICE}"
    from zxcvbn import zxcvbn

    # zxcvbn's time grows with the length; past 100 characters the rest adds strength only.
    result = zxcvbn(passphrase[:100])
    if int(result["score"]) >= MIN_STRENGTH:
        return None
    warning = str(result.get("feedback", {}).get("warning") or "").strip().rstrip(".")
    why = f" ({warning[0].lower() + warning[1:]})" if warning else ""
    return f"this passphrase would be easy to guess{why}; {ADVICE}"


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short or too easy to guess to protect anything."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise InvalidEntry(problem)
