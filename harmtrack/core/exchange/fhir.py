"""The FHIR export: a Bundle (type ``collection``) for a clinic's system (docs/fhir.md).

Daily amounts are Observations (category ``social-history``), one per trackable and logged
day: the day's total on a day of use, 0 on a logged day without use; a day with nothing
logged has none (it is not known to be 0). The unit is UCUM where one exists
(resources/fhir_codes.json), otherwise text. Questionnaire results are a
QuestionnaireResponse with a total-score Observation (category ``survey``, LOINC codes
from the same file), one pair per questionnaire kept in the range
(``questionnaire_resources``), unless the client leaves questionnaires out.

The trackables are the report's (``report.data.chosen_trackables``), so the same leave-out
choices apply; notes, triggers and money are never written. Every resource is built and
validated with ``fhir.resources`` (its default FHIR release, R5), imported here on use
only: it is large and only this export needs it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from harmtrack.core import stats
from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.report.data import ReportOptions, chosen_trackables
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.private_files import create_private
from harmtrack.core.tracking.checkins import logged_days
from harmtrack.core.tracking.trackables import TrackableInfo

UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


@lru_cache(maxsize=1)
def codes() -> dict[str, Any]:
    """resources/fhir_codes.json, parsed once."""
    from harmtrack.paths import resource

    with resource("fhir_codes.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def quantity(value: float, unit: str) -> dict[str, Any]:
    """A FHIR Quantity: UCUM-coded when the unit has a UCUM code, else the unit as text."""
    q: dict[str, Any] = {"value": round(value, 4), "unit": unit}
    code = codes()["ucum"].get(unit.strip().casefold())
    if code is not None:
        q.update(system=UCUM, code=code)
    return q


def category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": CATEGORY, "code": code}]}]


def daily_observation(t: TrackableInfo, day: dt.date, amount: float) -> dict[str, Any]:
    """One trackable's total on one day, as an Observation (a plain dict, validated later)."""
    return {"resourceType": "Observation", "status": "final", "category": category("social-history"),
            "code": {"text": f"{t.name}: amount in the day"},
            "effectiveDateTime": day.isoformat(), "valueQuantity": quantity(amount, t.unit)}


def daily_resources(db: Database, trackables: Sequence[TrackableInfo], start: dt.date,
                    end: dt.date) -> list[dict[str, Any]]:
    """Observations of each logged day's amount of each trackable in [start, end]."""
    logged = logged_days(db, start, end)
    out = []
    for t in trackables:
        totals = stats.daily_totals(db, t.id, start, end)
        for day in sorted(logged | set(totals)):
            out.append(daily_observation(t, day, totals.get(day, 0.0)))
    return out


def instrument_codes(key: str) -> dict[str, Any] | None:
    """The LOINC codes of a questionnaire ("AUDIT-C", "phq_9" and "phq-9" are one key)."""
    found: dict[str, Any] | None = codes()["instruments"].get(key.strip().casefold().replace("_", "-"))
    return found


def questionnaire_resources(key: str, day: dt.date, answers: Sequence[int | str],
                            total: float) -> list[dict[str, Any]]:
    """A questionnaire's answers (QuestionnaireResponse) and its total (an Observation in the
    ``survey`` category that points at it), as plain dicts ready for ``bundle``.

    ``answers`` in item order: option scores, or "yes"/"no" for yes/no items.
    """
    if not answers:
        raise InvalidEntry("a questionnaire result needs its answers")
    known = instrument_codes(key)
    name = known["text"] if known else key
    response_id = f"urn:uuid:{uuid.uuid4()}"
    items = []
    for i, a in enumerate(answers, start=1):
        if isinstance(a, str):
            word = a.strip().casefold()
            if word not in ("yes", "no"):
                raise InvalidEntry(f"answer {i} must be a score or yes/no, not {a!r}")
            value: dict[str, Any] = {"valueBoolean": word == "yes"}
        else:
            value = {"valueInteger": int(a)}
        items.append({"linkId": str(i), "answer": [value]})
    panel = known.get("panel") if known else None
    response = {"resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": f"{LOINC}/q/{panel}" if panel else f"urn:harmtrack:instrument:{key}",
                "authored": day.isoformat(), "item": items}
    code: dict[str, Any] = {"text": f"{name} total score"}
    if known:
        code["coding"] = [{"system": LOINC, "code": known["total"]}]
    observation: dict[str, Any] = {"resourceType": "Observation", "status": "final",
                                   "category": category("survey"), "code": code,
                                   "effectiveDateTime": day.isoformat(),
                                   "derivedFrom": [{"reference": response_id}]}
    if float(total).is_integer():
        observation["valueInteger"] = int(total)
    else:
        observation["valueQuantity"] = {"value": total}
    return [{"fullUrl": response_id, "resource": response},
            {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": observation}]


def bundle(resources: Sequence[dict[str, Any]], *, now: dt.datetime | None = None) -> Any:
    """A validated ``fhir.resources`` Bundle (type collection) of the resources given: plain
    resources, or ``{"fullUrl": …, "resource": …}`` entries (which keep their references)."""
    from fhir.resources.bundle import Bundle  # on use: large, and only this export needs it

    entries = [r if "resource" in r else {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": r}
               for r in resources]
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    return Bundle.model_validate({"resourceType": "Bundle", "type": "collection",
                                  "timestamp": stamp, "entry": entries})


def answer_resources(db: Database, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Every questionnaire kept from ``start`` to ``end`` (``answers.history``, what the CLI
    and the report read), as its QuestionnaireResponse and total-score Observation."""
    from harmtrack.core.care.questionnaires.answers import history

    out = []
    for t in history(db, start=start, end=end):
        out += questionnaire_resources(t.key, t.date, t.answers, t.total)
    return out


def fhir_bundle(db: Database, options: ReportOptions,
                extra: Sequence[dict[str, Any]] = ()) -> Any:
    """The export's Bundle for the report's range and choices: daily amounts, and the
    questionnaires unless the client leaves them out; ``extra``: more entries."""
    chosen = chosen_trackables(db, options)
    answers = [] if options.omit_questionnaires else answer_resources(db, options.start, options.end)
    return bundle([*daily_resources(db, chosen, options.start, options.end), *answers, *extra])


def write_fhir(db: Database, options: ReportOptions, out: Path | str) -> tuple[Path, int]:
    """Write the Bundle as JSON (0600; the file appears only when complete)."""
    target = Path(out)
    b = fhir_bundle(db, options)
    text = b.model_dump_json(indent=2, exclude_none=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        create_private(tmp)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target, len(b.entry or [])
