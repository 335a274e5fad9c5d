"""The harm-reduction tools in the JSON export: the safety plan, the classes the user put
their trackables in, decisional balances and ideal-use plans (read back by
``importers.care_tools``). Rows name their trackable by name, like the rest of the export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from harmtrack.core.care.safety_plan import section_keys
from harmtrack.core.storage.schema import (
    decisional_balances_table,
    ideal_use_plans_table,
    safety_plan_table,
    trackable_classes_table,
)

#: The export's sections for these tools, in their order.
SECTIONS = ("safety_plan", "trackable_classes", "decisional_balances", "ideal_use_plans")


def _ts(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_sections(conn: Connection, names: dict[int, str]) -> dict[str, Any]:
    """The four sections as the JSON export writes them (``names``: trackable id -> name)."""
    sp, tc = safety_plan_table.c, trackable_classes_table.c
    b, i = decisional_balances_table.c, ideal_use_plans_table.c
    order = {key: n for n, key in enumerate(section_keys())}
    plan = sorted(conn.execute(select(sp.section, sp.text, sp.updated_at)),
                  key=lambda r: (order.get(r.section, len(order)), r.section))
    return {
        "safety_plan": [{"section": r.section, "text": r.text, "updated_at": _ts(r.updated_at)}
                        for r in plan],
        "trackable_classes": [{"trackable": names[r.trackable_id], "class_key": r.class_key}
                              for r in conn.execute(select(tc.trackable_id, tc.class_key)
                                                    .order_by(tc.trackable_id, tc.class_key))],
        "decisional_balances": [{"trackable": names[r.trackable_id], "date": r.date.isoformat(),
                                 "gives": r.gives, "costs": r.costs, "created_at": _ts(r.created_at)}
                                for r in conn.execute(select(decisional_balances_table)
                                                      .order_by(b.date, b.id))],
        "ideal_use_plans": [{"trackable": names[r.trackable_id], "text": r.text,
                             "updated_at": _ts(r.updated_at)}
                            for r in conn.execute(select(ideal_use_plans_table).order_by(i.trackable_id))],
    }
