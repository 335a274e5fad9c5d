"""How a report reads: its sections and tables as reportlab flowables (``Builder``).

``pdf`` runs the export (temporary file, progress, cancel, charts); the wording is in
``wording`` and the look in ``styles``. reportlab is imported inside the functions that
need it.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from harmtrack.core.common.days import long_date
from harmtrack.core.quantities import formatting
from harmtrack.core.quantities.formatting import number
from harmtrack.core.report import clinical, scores
from harmtrack.core.report.care_tools import balance_section
from harmtrack.core.report.data import GoalAdherence, ReportData, TrackableSummary
from harmtrack.core.report.styles import FONT, paragraph_styles, table_style
from harmtrack.core.report.wording import change_text, goal_rows, goals_cell, money, times_on_days
from harmtrack.core.tracking.entries import EntryRecord


class Builder:
    """Turns ReportData into reportlab flowables."""

    def __init__(self, data: ReportData, width: float, charts: dict[int, list[Any]]) -> None:
        self.data = data
        self.opt = data.options
        self.width = width
        self.st = paragraph_styles()
        self.charts = charts

    def p(self, text: str, style: str = "body") -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.st[style])

    def heading(self, text: str, level: str = "h1", key: str | None = None) -> Any:
        para = self.p(escape(text), level)
        para._bookmark = (key or text, text, 0 if level == "h1" else 1)  # read by _Doc
        return para

    def table(self, rows: list[list[Any]], widths: list[float], *, header: bool = True,
              long: bool = False, align_right: tuple[int, ...] = ()) -> Any:
        from reportlab.platypus import LongTable, Table

        cls = LongTable if long else Table
        if header and rows:  # header cells wrap instead of running into each other
            rows = [[self.head_cell(c, i in align_right) if isinstance(c, str) else c
                     for i, c in enumerate(rows[0])], *rows[1:]]
        rows = [[self.fit(c, widths[i], i in align_right) for i, c in enumerate(row)] for row in rows]
        t = cls(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        style = table_style(header=header, rows=len(rows))
        for col in align_right:
            style.add("ALIGN", (col, 0), (col, -1), "RIGHT")
            # A right-aligned number would otherwise touch the next column's text.
            style.add("RIGHTPADDING", (col, 0), (col, -1), 8)
        t.setStyle(style)
        return t

    def head_cell(self, text: str, right: bool) -> Any:
        """A header cell that wraps, aligned like the numbers under it."""
        if not right:
            return self.p(escape(text), "head")
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), ParagraphStyle("head-right", parent=self.st["head"],
                                                      alignment=TA_RIGHT))

    def fit(self, cell: Any, width: float, right: bool = False) -> Any:
        """A plain text cell as it is when it fits its column, else one that stays inside it.

        A plain string never wraps in a table, so a long number or name would run into the
        next column. Words wrap; a number (no spaces) is set smaller, down to 5.5 pt, and
        only then broken.
        """
        if not isinstance(cell, str):
            return cell
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase.pdfmetrics import stringWidth

        # Text starts after the 3 pt left padding and may use the right padding: it ends at
        # least 1.5 pt before the next column's text starts.
        room = width - 1.5
        wide = stringWidth(cell, FONT, 8)
        if wide <= room:
            return cell
        inner = width - 6  # a paragraph keeps inside both paddings
        size = 8.0 if " " in cell.strip() else max(5.5, 8 * inner / wide - 0.05)
        style = ParagraphStyle("fit", parent=self.st["cell"], fontSize=size, leading=size * 1.2,
                               alignment=TA_RIGHT if right else self.st["cell"].alignment)
        from reportlab.platypus import Paragraph

        return Paragraph(escape(cell), style)

    # -- sections --

    def cover(self) -> list[Any]:
        from reportlab.platypus import Spacer

        d, o = self.data, self.opt
        title = self.p("HarmTrack progress report", "title")
        title._bookmark = ("cover", "Summary", 0)
        out: list[Any] = [title]
        label = f", {o.range_label}" if o.range_label else ""
        out.append(self.p(escape(f"{long_date(o.start)} – {long_date(o.end)} "
                                 f"({formatting.count(d.days, 'day')}{label})"), "subtitle"))
        if o.range_note:
            out.append(self.p(escape(o.range_note), "note"))
        rows: list[list[Any]] = []
        if d.display_name:
            rows.append(["Client", self.p(escape(d.display_name), "cell")])
        th = d.therapist
        if th is not None:
            bits = [th.name] + [b for b in (th.practice, th.phone, th.email) if b]
            rows.append(["Therapist", self.p(escape(" · ".join(bits)), "cell")])
            if th.next_session:
                rows.append(["Next session", long_date(th.next_session)])
        rows.append(["Report made", long_date(d.generated)])
        rows.append(["Days logged", f"{len(d.logged_days)} of {d.days} "
                                    f"({d.not_logged_days} not logged)"])
        rows += clinical.collection_row(self)
        rows += scores.summary_row(self)
        names = ", ".join(s.info.name for s in d.summaries) or "none"
        rows.append(["Included", self.p(escape(names), "cell")])
        out.append(self.table(rows, [80, self.width - 80], header=False))
        left_out = o.left_out()
        if left_out:
            text = ("<b>Left out at the client's request:</b> " + escape(", ".join(left_out))
                    + ". These are not anywhere in this file.")
        else:
            text = "<b>Nothing was left out:</b> the client chose to share everything in this range."
        out.append(self.p(text, "note"))
        out += self.at_a_glance()
        out += clinical.measures_table(self)
        out.append(Spacer(1, 6))
        out.append(self.p(
            "How to read this: a <i>use-free day</i> is a day the client logged (any entry, or "
            "“nothing to log today”) without using that thing. A day with nothing logged is "
            "<i>not logged</i> and is never counted as use-free. Urges noted without use are "
            "not counted as use. Goals are judged by the target that was in force at the time.",
            "small"))
        return out

    def at_a_glance(self) -> list[Any]:
        d = self.data
        out: list[Any] = [self.heading("At a glance", "h2", key="glance")]
        if not d.summaries:
            out.append(self.p("Nothing is tracked in this range yet."))
            return out
        before = "the day before" if d.days == 1 else f"the {formatting.count(d.days, 'day')} before"
        rows: list[list[Any]] = [["Tracked", "Total", "Per logged day", "Use-free days", "Not logged",
                                  f"Compared with {before}", "Goals: finished periods met"]]
        for s in d.summaries:
            rows.append([
                self.p(escape(f"{s.info.name} ({s.info.unit})"), "cell"), number(s.total), number(s.per_day),
                f"{s.use_free_days} of {s.days}", str(s.not_logged_days),
                self.p(escape(change_text(s)), "cell"),
                self.p(escape(goals_cell(s)), "cell"),
            ])
        w = self.width
        out.append(self.table(rows, [0.14 * w, 0.1 * w, 0.1 * w, 0.09 * w, 0.08 * w, 0.2 * w, 0.29 * w],
                              align_right=(1, 2)))
        return out

    def trackable(self, s: TrackableSummary) -> list[Any]:
        from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

        out: list[Any] = [CondPageBreak(200), self.heading(f"{s.info.name} ({s.info.unit})",
                                                          key=f"t{s.info.id}")]
        rows: list[list[Any]] = [
            ["Total", formatting.amount(s.total, s.info.unit, currency=self.data.currency or None),
             "Days with use", str(s.use_days)],
            ["Per logged day",
             f"{number(s.per_day)} ({s.logged_days} of {formatting.count(s.days, 'day')} logged)",
             "Use-free days", f"{s.use_free_days} of {s.days}"],
            ["Change", self.p(escape(change_text(s)), "cell"), "Not logged", str(s.not_logged_days)],
            ["Urges noted", str(s.urge_only + s.urges_acted), "Urges acted on", str(s.urges_acted)],
            ["Urges without use", str(s.urge_only), "Entries with use", str(s.use_entries)],
            ["Average craving, urges", number(s.urge_craving_avg, 1),
             "Average craving, with use", number(s.use_craving_avg, 1)],
        ]
        if s.cost is not None:
            rows.append(["Money spent", money(s.cost, self.data.currency), "", ""])
        w = self.width
        t = self.table(rows, [0.22 * w, 0.3 * w, 0.22 * w, 0.26 * w], header=False)
        out.append(t)
        out += clinical.weekly_chart(self, s.info.id)
        out += clinical.calendar_section(self, s.info.id)
        for g in s.goals:
            out.append(KeepTogether(self.goal(g)))
        for image in self.charts.get(s.info.id, []):
            out += [Spacer(1, 6), image]
        return out

    def goal(self, g: GoalAdherence) -> list[Any]:
        word = "Weeks" if g.period == "week" else "Days"
        runs = f"current run {g.current_run}, best run {g.best_run}"
        out: list[Any] = [self.p(f"<b>Goal:</b> {escape(g.description)}", "goal"),
                          self.p(f"{word} goal met: <b>{g.met} of {g.judged}</b> judged · {runs} · "
                                 "a period not logged is not judged and does not break a run", "small")]
        rows = goal_rows(g, self.data.week_start, self.data.currency)
        if rows:
            w = self.width * 0.8
            header = ["Week of", "Target then", "Actual", "Result"]
            out.append(self.table([header, *rows], [0.25 * w, 0.2 * w, 0.25 * w, 0.3 * w]))
        return out

    def tags(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        d, o = self.data, self.opt
        if not d.summaries:
            return []
        out: list[Any] = []
        title = "Safer-use practices" if o.omit_triggers else "Triggers and safer-use practices"
        head = self.heading(title, key="tags")
        w = self.width / 2 - 6
        if not o.omit_triggers:
            block: list[Any] = [head, self.p("<b>Triggers noted</b>")]
            if d.triggers:
                rows: list[list[Any]] = [["Trigger", "With use", "Urge, no use"]]
                rows += [[self.p(escape(t.name), "cell"), str(t.with_use), str(t.urge_only)]
                         for t in d.triggers[:25]]
                block.append(self.table(rows, [0.6 * w, 0.2 * w, 0.2 * w], align_right=(1, 2)))
            else:
                block.append(self.p("No triggers were noted in this range.", "small"))
            out.append(KeepTogether(block))
            head = None
        block = [b for b in (head, self.p("<b>Safer-use practices noted</b>", "goal")) if b is not None]
        if d.practices:
            rows = [["Practice", "Entries"]]
            rows += [[self.p(escape(t.name), "cell"), str(t.with_use + t.urge_only)]
                     for t in d.practices[:25]]
            block.append(self.table(rows, [0.7 * w, 0.3 * w], align_right=(1,)))
        else:
            block.append(self.p("No safer-use practices were noted in this range.", "small"))
        out.append(KeepTogether(block))
        return out

    def _entry_columns(self) -> tuple[list[str], list[float]]:
        o, w = self.opt, self.width
        cols = [("When", 0.15), ("Tracked", 0.11), ("Amount", 0.135), ("Craving", 0.08),
                ("Mood", 0.065)]
        if not o.omit_triggers:
            cols.append(("Triggers", 0.11))
        cols.append(("Practices", 0.11))
        if not o.omit_cost:
            cols.append(("Cost", 0.085))  # 99,999.99 at full size; more is set smaller
        if not o.omit_notes:
            cols.append(("Note", 0.0))
        used = sum(c[1] for c in cols)
        names = [c[0] for c in cols]
        widths = [c[1] * w if c[1] else (1 - used) * w for c in cols]
        if o.omit_notes:  # give the spare width to the existing columns
            scale = w / sum(widths)
            widths = [x * scale for x in widths]
        return names, widths

    def _entry_row(self, e: EntryRecord) -> list[Any]:
        o = self.opt
        amount = "urge, no use" if e.urge_only else formatting.amount(e.amount, e.unit,
                                                                      currency=self.data.currency or None)
        row: list[Any] = [f"{e.day.isoformat()} {e.occurred_at:%H:%M}", self._short(e.trackable, 14),
                          self._short(amount, 13),
                          "" if e.craving is None else str(e.craving), "" if e.mood is None else str(e.mood)]
        if not o.omit_triggers:
            row.append(self._wrap(", ".join(e.triggers)))
        row.append(self._wrap(", ".join(e.practices)))
        if not o.omit_cost:
            row.append("" if e.cost is None else money(e.cost, self.data.currency))
        if not o.omit_notes:
            row.append(self._wrap(e.note or ""))
        return row

    def _short(self, text: str, limit: int) -> Any:
        return text if len(text) <= limit else self.p(escape(text), "cell")

    def _wrap(self, text: str) -> Any:
        # Plain strings are ~20x cheaper than Paragraphs; wrap only what needs it.
        return text if len(text) <= 14 else self.p(escape(text), "cell")

    def discuss(self) -> list[Any]:
        from reportlab.platypus import CondPageBreak

        d = self.data
        # Never leave the heading alone at the foot of a page: the first rows come with it.
        out: list[Any] = [CondPageBreak(110), self.heading("To discuss in session", key="discuss")]
        if not d.discuss:
            out.append(self.p("No entries in this range were flagged to discuss.", "small"))
            return out
        out.append(self.p(f"{formatting.count(len(d.discuss), 'entry', 'entries')} "
                          "flagged by the client.", "small"))
        names, widths = self._entry_columns()
        rows = [names] + [self._entry_row(e) for e in d.discuss]
        out.append(self.table(rows, widths, long=True))
        return out

    def plans(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        plans = self.data.plans
        if not plans:
            return []
        w = self.width
        rows: list[list[Any]] = [["If…", "then I will…", "Came up"]]
        rows += [[self.p(escape(p.trigger), "cell"), self.p(escape(p.plan), "cell"),
                  times_on_days(p.times, p.days) if p.times else "not in this range"]
                 for p in plans]
        return [KeepTogether([
            self.heading("If-then plans", key="plans"),
            self.p("The client's own plans for their triggers, and how often each trigger came up "
                   "in this range.", "small"),
            self.table(rows, [0.22 * w, 0.56 * w, 0.22 * w]),
        ])]

    def sessions(self) -> list[Any]:
        """Sessions held in the range: what the client wanted to talk about, and the notes."""
        from reportlab.platypus import CondPageBreak

        if not self.data.sessions:
            return []
        out: list[Any] = [CondPageBreak(110), self.heading("Sessions", key="sessions"),
                          self.p("The client's agenda, written before each session, and their "
                                 "notes afterwards.", "small")]
        for x in self.data.sessions:
            who = f" with {x.therapist}" if x.therapist else ""
            rows = [[label, self.p(escape(text or "none written").replace("\n", "<br/>"), "cell")]
                    for label, text in (("Agenda", x.agenda), ("Notes", x.note))]
            out += [self.p(escape(f"{long_date(x.date)}{who}"), "h2"),
                    self.table(rows, [80, self.width - 80], header=False)]
        return out

    def all_entries(self) -> list[Any]:
        from reportlab.platypus import PageBreak

        entries = self.data.entries
        if entries is None:
            return []
        out: list[Any] = [PageBreak(), self.heading("Every entry", key="entries")]
        if not entries:
            out.append(self.p("No entries in this range.", "small"))
            return out
        out.append(self.p(f"{formatting.count(len(entries), 'entry', 'entries')}, oldest first.", "small"))
        names, widths = self._entry_columns()
        rows = [names] + [self._entry_row(e) for e in entries]
        out.append(self.table(rows, widths, long=True))
        return out

    def story(self) -> list[Any]:
        story = self.cover()
        for s in self.data.summaries:
            story += self.trackable(s)
        story += scores.scores_section(self)
        story += scores.combinations_section(self)
        story += self.tags()
        story += self.plans()
        story += balance_section(self, self.data.extra.get("balances", []))
        story += self.discuss()
        story += self.sessions()
        story += self.all_entries()
        return story
