"""Session-ready PDF reports (reportlab), readable by a therapist in two minutes.

Qt-free so the command line can write reports without a display. reportlab and
matplotlib are imported inside the functions that need them: they cost ~0.3 s to import
and most runs of the app never make a report. Text is real text (selectable, searchable)
set in DejaVu Sans, the font matplotlib ships, so any name or note the user typed prints.

Privacy: what the client leaves out is never gathered (see ``report_data``), so it cannot
reach the page text, the bookmarks or the document metadata. The file is written to a
temporary name beside the target and renamed only when complete: a cancelled or failed
export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harmtrack.core.common.errors import HarmTrackError
from harmtrack.core.report.chart_images import ChildCharts, can_fork, draw_pixels, picture_class
from harmtrack.core.report.charts import chart_specs, gathered_charts
from harmtrack.core.report.data import (
    ReportData,
    ReportOptions,
    ReportRange,
    gather,
    long_date,
    resolve_range,
)
from harmtrack.core.report.layout import Builder
from harmtrack.core.report.styles import FONT, MUTED, RULE, register_fonts
from harmtrack.core.storage.db import Database
from harmtrack.core.storage.private_files import create_private

__all__ = ["ReportCancelled", "ReportOptions", "ReportRange", "ReportResult", "gather",
           "render_pdf", "resolve_range", "suggested_filename", "write_report"]

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


class ReportCancelled(HarmTrackError):
    """The user cancelled the export; no file was written."""


@dataclass(frozen=True)
class ReportResult:
    """A finished report file."""

    path: Path
    pages: int
    start: dt.date
    end: dt.date
    seconds: float


def suggested_filename(start: dt.date, end: dt.date) -> str:
    """A file name a person recognises later: "HarmTrack report 2026-10-29 to 2026-11-26.pdf"."""
    return f"HarmTrack report {start.isoformat()} to {end.isoformat()}.pdf"


def _doc_class() -> Any:
    """A BaseDocTemplate with page numbers and bookmarks, made lazily (reportlab import)."""
    from reportlab.platypus import BaseDocTemplate

    class _Doc(BaseDocTemplate):
        def __init__(self, *args: Any, on_flowable: Callable[[], None], **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._on_flowable = on_flowable

        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            mark = getattr(flowable, "_bookmark", None)
            if mark is not None:
                key, title, level = mark
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title, key, level=level, closed=False)
            self._on_flowable()

    return _Doc


def _numbered_canvas(footer: str) -> Any:
    """A canvas that writes "Page N of M" and the range on every page once M is known."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(FONT, 7.5)
                self.setFillColor(HexColor(MUTED))
                self.setStrokeColor(HexColor(RULE))
                self.line(40, 34, width - 40, 34)
                self.drawString(40, 24, footer)
                self.drawRightString(width - 40, 24, f"Page {self._pageNumber} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


MARGIN = 40.0


def page_size(letter: bool) -> tuple[float, float]:
    """US Letter or A4, in points."""
    from reportlab.lib.pagesizes import A4, LETTER

    return LETTER if letter else A4


def render_pdf(data: ReportData, target: Path | io.BytesIO, *, progress: Progress | None = None,
               cancel: CancelCheck | None = None, compress: bool = True,
               fraction: tuple[float, float] = (0.0, 1.0), child: ChildCharts | None = None) -> int:
    """Lay out the report into ``target``; returns the number of pages. ``child``: the
    charts are drawn there (``report.chart_images``)."""
    o = data.options
    pagesize = page_size(bool(data.extra.get("letter")))
    margin = MARGIN
    width = pagesize[0] - 2 * margin
    # Charts first: drawn apart (see _chart_images), they are drawn while the rest is laid out.
    charts = _chart_images(data, width, progress, cancel, (fraction[0], fraction[0] + 0.45 *
                                                           (fraction[1] - fraction[0])), child)
    from reportlab import rl_config
    from reportlab.platypus import Frame, PageTemplate

    register_fonts()
    # Binary image streams: reportlab's ASCII85 armour is pure Python (~50 ms a chart)
    # and makes the file 25 % bigger; every PDF reader takes binary streams.
    rl_config.useA85 = 0
    story = Builder(data, width, charts).story()
    total = max(len(story), 1)
    done = 0
    lo = fraction[0] + 0.45 * (fraction[1] - fraction[0])

    def tick() -> None:
        nonlocal done
        done += 1
        if cancel is not None and cancel():
            raise ReportCancelled("the report was cancelled; no file was written")
        if progress is not None and done % 5 == 0:
            progress(lo + (fraction[1] - lo) * min(done / total, 1.0), "Laying out pages")

    title = f"HarmTrack report {o.start.isoformat()} to {o.end.isoformat()}"
    doc = _doc_class()(
        str(target) if isinstance(target, Path) else target,
        pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=52, title=title, author=data.display_name or "",
        subject=f"Progress report for {long_date(o.start)} to {long_date(o.end)}",
        creator="HarmTrack", keywords="", pageCompression=1 if compress else 0,
        on_flowable=tick,
    )
    frame = Frame(margin, 52, width, pagesize[1] - margin - 52, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = f"HarmTrack report · {long_date(o.start)} – {long_date(o.end)}"
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    return int(doc.page)


def _chart_images(data: ReportData, width: float, progress: Progress | None,
                  cancel: CancelCheck | None, span: tuple[float, float],
                  child: ChildCharts | None) -> dict[int, list[Any]]:
    """Each chart as a picture for its trackable's section (``report.chart_images``):
    drawn in the child while this process lays out the pages, or here, one by one."""
    specs = chart_specs(data)
    if not specs:
        return {}
    out: dict[int, list[Any]] = {}
    if child is not None:
        child.send(gathered_charts(data), width)
        picture = picture_class()
        for i, spec in enumerate(specs):
            out.setdefault(spec.trackable_id, []).append(picture(
                lambda i=i: child.get(i), width, width * spec.size[1] / spec.size[0]))
        return out
    picture = picture_class()
    for i, spec in enumerate(specs):
        if cancel is not None and cancel():
            raise ReportCancelled("the report was cancelled; no file was written")
        if progress is not None:
            progress(span[0] + (span[1] - span[0]) * i / len(specs), "Drawing charts")
        pixels = draw_pixels(spec, width)
        if pixels is None:
            continue
        out.setdefault(spec.trackable_id, []).append(picture(
            lambda pixels=pixels: pixels, width, width * spec.size[1] / spec.size[0]))
    return out


def write_report(db: Database, options: ReportOptions, out: Path | str, *,
                 progress: Progress | None = None, cancel: CancelCheck | None = None,
                 compress: bool = True, child: ChildCharts | None = None) -> ReportResult:
    """Gather, lay out and save a report; the file appears only once it is complete.

    ``child``: the chart child (``report.chart_images``) the caller started earlier, which
    this closes; without one, the command line (no progress, no cancel, no other thread)
    starts it here."""
    started = time.perf_counter()
    target = Path(out)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    if progress is not None:
        progress(0.0, "Gathering your data")
    if child is None and progress is None and cancel is None and can_fork():
        child = ChildCharts()
    try:
        from harmtrack.core.storage.settings import get_settings

        letter = get_settings(db).country in ("US", "CA")
        width = page_size(letter)[0] - 2 * MARGIN
        # The child draws each trackable's charts while the rest is gathered.
        data = gather(db, options, charts_ready=None if child is None
                      else lambda charts: child.send(charts, width))
        data.extra["letter"] = letter
        if cancel is not None and cancel():
            raise ReportCancelled("the report was cancelled; no file was written")
        if progress is not None:
            progress(0.15, "Drawing charts")
        create_private(tmp)  # the PDF writer rewrites the file and keeps its mode
        pages = render_pdf(data, tmp, progress=progress, cancel=cancel, compress=compress,
                           fraction=(0.15, 0.98), child=child)
        if cancel is not None and cancel():
            raise ReportCancelled("the report was cancelled; no file was written")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        if child is not None:
            child.close()
    if progress is not None:
        progress(1.0, "Done")
    return ReportResult(target, pages, options.start, options.end, time.perf_counter() - started)
