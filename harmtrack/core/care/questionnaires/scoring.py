"""Scoring an instrument's answers: the total, its band, a screen by sex, the safety flag.

Only published rules are applied, as each instrument's file states them; nothing is
guessed. Where a cut-off differs by sex and the user has not said theirs, both cut-offs
are reported rather than one chosen for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from harmtrack.core.care.questionnaires.instruments import YES_NO, Instrument
from harmtrack.core.common.errors import InvalidEntry

Answer = int | str


@dataclass(frozen=True)
class Score:
    """What a set of answers adds up to, computed from the instrument's rules."""

    total: int
    band: str | None  # the band's label, or the screen's result; None when neither exists
    positive_screen: bool | None  # None: no screen, or it depends on a sex not given
    safety: bool  # an answer above 0 to a safety item (PHQ-9 item 9)


def check_answers(ins: Instrument, answers: Sequence[object]) -> tuple[Answer, ...]:
    """The answers as stored (option scores; "yes"/"no"), or InvalidEntry naming the first wrong one.

    Texts are accepted as well as numbers ("2" for 2), as the command line gives them.
    """
    if len(answers) != len(ins.items):
        raise InvalidEntry(f"{ins.name} has {len(ins.items)} questions; {len(answers)} "
                           f"{'answer was' if len(answers) == 1 else 'answers were'} given")
    out: list[Answer] = []
    for item, raw in zip(ins.items, answers, strict=True):
        allowed = item.values
        shown = ", ".join(str(v) for v in allowed)
        if item.kind == YES_NO:
            value = str(raw).strip().casefold()
            if value not in allowed:
                raise InvalidEntry(f"question {item.number} of {ins.name} is answered yes or no, not {raw!r}")
            out.append(value)
            continue
        if isinstance(raw, bool):
            number = None
        elif isinstance(raw, int):
            number = raw
        else:
            text = str(raw).strip()
            number = int(text) if text.lstrip("-").isdigit() else None
        if number not in allowed:
            raise InvalidEntry(f"question {item.number} of {ins.name} takes one of {shown}, not {raw!r}")
        out.append(number)
    return tuple(out)


def score(ins: Instrument, answers: Sequence[object], sex: str | None = None) -> Score:
    """Total, band, screen and safety flag for checked answers (``check_answers`` is applied)."""
    values = check_answers(ins, answers)
    points = [item.score(v) for item, v in zip(ins.items, values, strict=True)]
    total = sum(points)
    safety = any(points[n - 1] > 0 for n in ins.safety_items)
    band = next((b.label for b in ins.bands if b.low <= total <= b.high), None)
    positive: bool | None = None
    if ins.screen is not None:
        text, positive = screen_result(ins, total, sex)
        band = text if band is None else f"{band}; {text}"
    return Score(total, band, positive, safety)


def screen_result(ins: Instrument, total: int, sex: str | None) -> tuple[str, bool | None]:
    """The screen in words, and whether it is positive (None when it depends on an unknown sex)."""
    screen = ins.screen
    assert screen is not None
    mine = [c for c in screen.cutoffs if c.sex == sex]
    if mine:
        c = mine[0]
        met = total >= c.low
        return f"{screen.positive if met else screen.negative} ({c.low} or more for {c.group})", met
    met_by = [c for c in screen.cutoffs if total >= c.low]
    if len(met_by) == len(screen.cutoffs):
        cut = ", ".join(f"{c.low} or more for {c.group}" for c in screen.cutoffs)
        return f"{screen.positive} ({cut})", True
    if not met_by:
        cut = ", ".join(f"{c.low} or more for {c.group}" for c in screen.cutoffs)
        return f"{screen.negative} ({cut})", False
    parts = [f"{screen.positive if c in met_by else screen.negative} for {c.group} ({c.low} or more)"
             for c in screen.cutoffs]
    return "; ".join(parts), None


def worsened(ins: Instrument, before: int, after: int) -> bool:
    """True when the total rose by at least the instrument's reliable-change amount.

    Higher is worse on every scored instrument here but the readiness rulers, which have
    no reliable-change amount, so they are never marked.
    """
    return ins.reliable_change is not None and after - before >= ins.reliable_change
