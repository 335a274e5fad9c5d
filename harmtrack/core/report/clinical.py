"""The report's clinical sections, each a function of the ``layout.Builder`` that returns
flowables: how the data was collected (page 1), the standard measures table (page 1), and
per trackable the calendar summary and the weekly totals against the goal in force.

The figures come from ``report.measures`` and ``report.calendar`` (gathered once, in
``data.gather``); nothing here computes a figure. reportlab is imported on use.
"""

from __future__ import annotations

from typing import Any, Protocol
from xml.sax.saxutils import escape

from harmtrack.core.common.days import long_date
from harmtrack.core.quantities import formatting
from harmtrack.core.quantities.formatting import number
from harmtrack.core.report.calendar import CalendarMonth, weekday_letters
from harmtrack.core.report.data import ReportData
from harmtrack.core.report.measures import Measures, PeriodMeasures, TrackableMeasures


class Builder(Protocol):
    """What these sections use of ``layout.Builder`` (which calls them, so it is not imported)."""

    data: ReportData
    width: float

    def p(self, text: str, style: str = "body") -> Any: ...

    def heading(self, text: str, level: str = "h1", key: str | None = None) -> Any: ...

    def table(self, rows: list[list[Any]], widths: list[float], *, header: bool = True,
              long: bool = False, align_right: tuple[int, ...] = ()) -> Any: ...

#: Calendar cell colours by day state: use-free green, not logged grey, heavy-use amber.
CELL_BG = {"use-free": "#dff0e2", "not-logged": "#e6e6e6", "heavy": "#f7d9a8", "use": "#ffffff",
           "not-over": "#ffffff", "outside": "#ffffff"}
MONTHS_PER_ROW = 3
NO_USE = "no use"
#: Weekly bars: neutral within the weekly limit (or without one), amber over it.
BAR, BAR_OVER = "#7f93ad", "#d08a2e"


def measures_of(b: Builder) -> Measures | None:
    m = b.data.extra.get("measures")
    return m if isinstance(m, Measures) else None


def collection_text(m: Measures) -> str:
    """How the data was collected, in one plain sentence pair."""
    c = m.collection
    typed = c.entries - c.imported
    if not c.entries:
        logged = "No entries were logged in this range."
    elif not typed:
        every = ("The 1 entry was" if c.entries == 1
                 else f"All {formatting.count(c.entries, 'entry', 'entries')} were")
        logged = f"{every} brought in by an import from a file, so when they were logged is not known."
    else:
        pct = c.share(c.same_day) or 0.0
        logged = (f"{pct:.0f}% of {formatting.count(typed, 'entry', 'entries')} typed in HarmTrack "
                  f"were logged on the day they happened; {c.next_day} the next day and {c.later} "
                  "two or more days later (filled in from memory).")
        if c.imported:
            were = "was" if c.imported == 1 else "were"
            logged += (f" {formatting.count(c.imported, 'other entry', 'other entries')} {were} "
                       "brought in by an import from a file, so when they were logged is not known.")
    days = (f"{formatting.count(c.not_logged_days, 'day')} of {c.days_over} had nothing logged."
            if c.days_over else "No day of this range is over yet.")
    return f"{logged} {days}"


def collection_row(b: Builder) -> list[list[Any]]:
    """The cover table's "How it was logged" row (none without measures)."""
    m = measures_of(b)
    if m is None:
        return []
    return [["How it was logged", b.p(escape(collection_text(m)), "cell")]]


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f}%"


def _pair(now: str, before: str | None) -> str:
    return now if before is None else f"{now} ({before})"


def _heaviest(p: PeriodMeasures) -> str:
    return NO_USE if p.heaviest is None else number(p.heaviest)


def _per_use_day(p: PeriodMeasures) -> str:
    return NO_USE if p.per_use_day is None else number(p.per_use_day)


def measures_table(b: Builder) -> list[Any]:
    """Standard measures for the range, with the period before in brackets."""
    m = measures_of(b)
    if m is None or not m.trackables:
        return []
    before = f"{long_date(m.before_start)} – {long_date(m.before_end)}"
    days = formatting.count(m.trackables[0].before.days, "day")
    # Logged days are any trackable's, so the period before is logged for all or for none.
    compare = any(t.before.logged_days for t in m.trackables)
    intro = (f"This range, with the {days} before it in brackets ({before})." if compare else
             f"Nothing was logged in the {days} before this range ({before}), so there is "
             "nothing to compare with.")
    out: list[Any] = [b.heading("Standard measures", "h2", key="measures"), b.p(escape(intro), "small")]
    rows: list[list[Any]] = [["Tracked", "Use-free, % of logged days", "Amount per day of use",
                              "Heaviest day", "Heavy-use days"]]
    notes: list[str] = []
    for t in m.trackables:
        cur, prev = t.current, t.before
        prev_free: str | None
        prev_amount: str | None
        prev_heavy: str | None
        prev_top: str | None
        if prev.logged_days:
            prev_free, prev_amount = _pct(prev.use_free_pct), _per_use_day(prev)
            prev_heavy, prev_top = ("–" if prev.heavy_days is None else str(prev.heavy_days)), _heaviest(prev)
        else:
            prev_free = prev_amount = prev_heavy = prev_top = None
        heavy = "no threshold set" if cur.heavy_days is None else _pair(str(cur.heavy_days), prev_heavy)
        rows.append([b.p(escape(f"{t.info.name} ({t.info.unit})"), "cell"),
                     _pair(_pct(cur.use_free_pct), prev_free),
                     _pair(_per_use_day(cur), prev_amount),
                     _pair(_heaviest(cur), prev_top),
                     b.p(escape(heavy), "cell")])
        if t.heavy is not None:
            src = f" Source: {t.heavy.source.citation}." if t.heavy.source else ""
            notes.append(f"{t.info.name}: a heavy-use day is {t.heavy.words}.{src}")
    w = b.width
    out.append(b.table(rows, [0.28 * w, 0.18 * w, 0.18 * w, 0.16 * w, 0.2 * w]))
    for note in notes:
        out.append(b.p(escape(note), "small"))
    return out


def month_table(b: Builder, month: CalendarMonth, width: float) -> Any:
    """One month: weekday heads, then a cell per day with its amount (0 on a use-free day,
    – when not logged), shaded by its state."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    from harmtrack.core.report.styles import FONT, FONT_BOLD, RULE

    heads = weekday_letters(b.data.week_start)
    rows: list[list[Any]] = [[month.title, "", "", "", "", "", ""], heads]
    cmds: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (-1, 0)), ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7.5),
        ("FONT", (0, 1), (-1, -1), FONT, 6.5), ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TEXTCOLOR", (0, 1), (-1, 1), HexColor("#5a6473")),
    ]
    for r, week in enumerate(month.weeks, start=2):
        row: list[Any] = []
        for c, cell in enumerate(week):
            if cell.state == "outside":
                row.append("")
                continue
            text = {"use-free": "0", "not-logged": "–", "not-over": ""}.get(
                cell.state, number(cell.amount, 1))
            row.append(text)
            cmds.append(("BACKGROUND", (c, r), (c, r), HexColor(CELL_BG[cell.state])))
            cmds.append(("BOX", (c, r), (c, r), 0.25, HexColor(RULE)))
            if cell.state == "heavy":
                cmds.append(("FONT", (c, r), (c, r), FONT_BOLD, 6.5))
        rows.append(row)
    t = Table(rows, colWidths=[width / 7] * 7, hAlign="LEFT")
    t.setStyle(TableStyle(cmds))
    return t


def calendar_section(b: Builder, trackable_id: int) -> list[Any]:
    """The trackable's calendar summary: its months, three to a row, and a legend."""
    from reportlab.platypus import KeepTogether, Spacer, Table

    months = (b.data.extra.get("calendars") or {}).get(trackable_id)
    if not months:
        return []
    gap = 10.0
    month_w = (b.width - gap * (MONTHS_PER_ROW - 1)) / MONTHS_PER_ROW
    grid: list[list[Any]] = []
    for i in range(0, len(months), MONTHS_PER_ROW):
        row = [month_table(b, mo, month_w - 2) for mo in months[i:i + MONTHS_PER_ROW]]
        grid.append(row + [""] * (MONTHS_PER_ROW - len(row)))
    layout = Table(grid, colWidths=[month_w + gap] * (MONTHS_PER_ROW - 1) + [month_w], hAlign="LEFT")
    layout.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    legend = ("Each day's amount; <b>0</b> (green) a logged day without use; <b>–</b> (grey) "
              "nothing logged that day; blank: not over yet.")
    tm = _trackable_measures(b, trackable_id)
    if tm is not None and tm.heavy is not None:
        legend += f" <b>Bold</b> (amber): a heavy-use day ({escape(tm.heavy.words)})."
    return [Spacer(1, 6), KeepTogether([b.p("<b>Calendar summary</b>", "body"), layout,
                                        b.p(legend, "small")])]


def _trackable_measures(b: Builder, trackable_id: int) -> TrackableMeasures | None:
    m = measures_of(b)
    if m is None:
        return None
    return next((t for t in m.trackables if t.info.id == trackable_id), None)


def weekly_chart(b: Builder, trackable_id: int) -> list[Any]:
    """Weekly totals as bars, with the weekly limit then in force as a line (when there is one)."""
    tm = _trackable_measures(b, trackable_id)
    if tm is None or not tm.weeks:
        return []
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import KeepTogether, Spacer

    from harmtrack.core.report.styles import FONT, MUTED

    weeks = tm.weeks
    if not any(w.total or w.target is not None for w in weeks):
        return []  # nothing to draw: the calendar shows the logged days without use
    height, left, bottom = 90.0, 30.0, 14.0
    plot_w, plot_h = b.width - left - 4, height - bottom - 6
    top = max([w.total for w in weeks] + [w.target or 0.0 for w in weeks] + [1.0])
    d = Drawing(b.width, height)
    d.add(Line(left, bottom, left + plot_w, bottom, strokeColor=HexColor(MUTED), strokeWidth=0.5))
    d.add(String(left - 3, bottom + plot_h - 6, number(top), fontName=FONT, fontSize=6,
                 textAnchor="end", fillColor=HexColor(MUTED)))
    d.add(String(left - 3, bottom - 2, "0", fontName=FONT, fontSize=6, textAnchor="end",
                 fillColor=HexColor(MUTED)))
    step = plot_w / len(weeks)
    label_every = max(1, len(weeks) // 8)
    for i, w in enumerate(weeks):
        x = left + i * step
        h = plot_h * w.total / top
        over = w.target is not None and w.total > w.target
        colour = BAR_OVER if over else BAR
        if w.total > 0:
            d.add(Rect(x + step * 0.15, bottom, step * 0.7, h, fillColor=HexColor(colour),
                       strokeColor=None))
        if w.target is not None:
            y = bottom + plot_h * w.target / top
            d.add(Line(x, y, x + step, y, strokeColor=HexColor("#1d2433"), strokeWidth=1.2))
        if i % label_every == 0:
            d.add(String(x + step / 2, 3, w.start.strftime("%d %b"), fontName=FONT, fontSize=6,
                         textAnchor="middle", fillColor=HexColor(MUTED)))
    has_goal = any(w.target is not None for w in weeks)
    words = ("Weekly totals; the line is the weekly limit in force that week, amber bars are over it."
             if has_goal else "Weekly totals (no weekly limit was set in this range).")
    if any(w.days_in_range < 7 for w in weeks):
        words += " The first or last week holds only the days inside the range."
    return [Spacer(1, 6), KeepTogether([b.p(f"<b>Week by week, {escape(tm.info.unit)}</b>", "body"), d,
                                        b.p(escape(words), "small")])]
