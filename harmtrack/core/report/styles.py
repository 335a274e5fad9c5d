"""A report's look: its font, colours, paragraph and table styles (reportlab on use)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT, FONT_BOLD = "HTSans", "HTSans-Bold"
INK, MUTED, RULE, HEAD_BG, NOTE_BG = "#1d2433", "#5a6473", "#c9d0da", "#e8edf4", "#f4f1e8"

_fonts_ready = False


def register_fonts() -> None:
    """Register DejaVu Sans (matplotlib ships it) as the report's font, once."""
    global _fonts_ready
    if _fonts_ready:
        return
    from importlib.util import find_spec

    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Found, not imported: importing matplotlib costs ~0.1 s, and the charts may be drawn
    # in another process (``report.chart_images``).
    spec = find_spec("matplotlib")
    package = Path(spec.origin if spec and spec.origin else "").parent
    folder = package / "mpl-data" / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    _fonts_ready = True


def paragraph_styles() -> dict[str, Any]:
    """The report's paragraph styles by name: body, small, cell, head, title, h1, h2, note…"""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=HexColor(INK))
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=HexColor(MUTED)),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=9.6),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=9.6),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=22, leading=27,
                                spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=12, leading=15,
                                   textColor=HexColor(MUTED), spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19,
                             spaceBefore=8, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14,
                             spaceBefore=8, spaceAfter=4),
        "goal": ParagraphStyle("goal", parent=base, spaceBefore=10),
        "note": ParagraphStyle("note", parent=base, backColor=HexColor(NOTE_BG), borderPadding=6,
                               borderColor=HexColor("#d8cfb4"), borderWidth=0.6, spaceBefore=6,
                               spaceAfter=10),
    }


def table_style(header: bool = True, zebra: bool = True, rows: int = 0) -> Any:
    """A table's style: small type, a shaded header row, zebra rows when there are many."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import TableStyle

    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), HexColor(INK)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, HexColor(RULE)),
    ]
    if header:
        cmds += [("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                 ("BACKGROUND", (0, 0), (-1, 0), HexColor(HEAD_BG)),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor(RULE))]
    if zebra and rows > 2:
        cmds.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                     [HexColor("#ffffff"), HexColor("#f6f8fb")]))
    return TableStyle(cmds)
