"""A layout as a PDF the way Word and WPS export one: ruled tables with merged cells (one box per
merged cell, a blank cell an empty box), page numbers in the footer, and with `wps_white_boxes`
the white, unstroked rectangles WPS paints behind every text line and table cell.

reportlab's built-in CID font STSong-Light writes the Chinese text (no font file needed).
`rows_per_page` cuts every longer table into parts of that many rows, each part on a page of its
own after the first, the way a table runs across pages: headers are not repeated, and a merged
label cell cut by the break leaves an empty box at the top of the next part (as WPS draws it);
with `wps_white_boxes` the part on a page has no bottom border and the next part's first cell no
top border, as in WPS's exports; `repeat_header` repeats a cut table's header rows on every page
(Word's 重复标题行).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from . import LEFT, UP, Layout, Paragraph, Table
from .spans import anchors

FONT = "STSong-Light"
MARGIN = 64.0

_STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=18, leading=28, alignment=TA_CENTER,
                            spaceAfter=14, wordWrap="CJK"),
    "heading": ParagraphStyle("heading", fontName=FONT, fontSize=14, leading=24, firstLineIndent=28,
                              spaceBefore=4, spaceAfter=4, wordWrap="CJK"),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=11, leading=20, firstLineIndent=22,
                           alignment=TA_JUSTIFY, wordWrap="CJK"),
}
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, alignment=TA_LEFT, wordWrap="CJK")
_NUMBER = ParagraphStyle("number", parent=_CELL, alignment=TA_CENTER)


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


class _WhiteBoxed(Flowable):
    """A paragraph with a white filled, unstroked rectangle behind each of its lines (WPS)."""

    def __init__(self, paragraph: RLParagraph):
        super().__init__()
        self.paragraph = paragraph

    def wrap(self, available_width, available_height):
        self.width, self.height = self.paragraph.wrap(available_width, available_height)
        return self.width, self.height

    def getSpaceBefore(self):
        return self.paragraph.getSpaceBefore()

    def getSpaceAfter(self):
        return self.paragraph.getSpaceAfter()

    def draw(self):
        canvas = self.canv
        leading = self.paragraph.style.leading
        lines = max(1, round(self.height / leading))
        canvas.saveState()
        canvas.setFillColor(colors.white)
        for i in range(lines):
            canvas.rect(0, self.height - (i + 1) * leading, self.width, leading, stroke=0, fill=1)
        canvas.restoreState()
        self.paragraph.drawOn(canvas, 0, 0)


def _column_widths(rows: list[list[str]], width: float) -> list[float]:
    columns = len(rows[0])
    weights = [2.5] * columns
    for row in rows:
        for c, text in enumerate(row):
            if text is UP or text is LEFT or (c + 1 < columns and row[c + 1] is LEFT):
                continue
            length = sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)
            weights[c] = max(weights[c], min(length, 12.0))
    total = sum(weights)
    return [width * w / total for w in weights]


def _cut(table: Table, rows_per_page: int | None, repeat_header: bool) -> list[list[list[str]]]:
    rows = table.rows
    if not rows_per_page or len(rows) <= rows_per_page:
        return [rows]
    parts = [rows[i:i + rows_per_page] for i in range(0, len(rows), rows_per_page)]
    # A merged cell cut by the break: its box goes on, empty, at the top of the next part.
    parts = [parts[0]] + [[["" if t is UP else t for t in part[0]]] + part[1:] for part in parts[1:]]
    if repeat_header:  # Word's 重复标题行: the rows before the first number again on every page
        header = []
        for row in rows:
            if any(t.replace(".", "", 1).isdigit() for t in row if t is not UP and t is not LEFT):
                break
            header.append(row)
        parts = [parts[0]] + [header + part for part in parts[1:]]
    return parts


def _table(rows: list[list[str]], widths: list[float], white: bool, first: bool = True,
           last: bool = True) -> RLTable:
    part = Table(rows)
    data = [["" for _ in row] for row in rows]
    if white and not (first and last):
        # WPS at a page break: no line under the last row of a page, and none over the first
        # cell of the next page's part.
        ruling = [("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black),
                  ("LINEBEFORE", (0, 0), (0, -1), 0.5, colors.black),
                  ("LINEAFTER", (-1, 0), (-1, -1), 0.5, colors.black),
                  ("LINEABOVE", (0 if first else 1, 0), (-1, 0), 0.5, colors.black)]
        if last:
            ruling.append(("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black))
    else:
        ruling = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    style = ruling + [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("FONT", (0, 0), (-1, -1), FONT, 8), ("LEFTPADDING", (0, 0), (-1, -1), 3),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if white:
        style.append(("BACKGROUND", (0, 0), (-1, -1), colors.white))
    for row in anchors(part):
        for a in row:
            if a.text:
                numeric = a.text.replace(".", "", 1).isdigit()
                data[a.row][a.column] = RLParagraph(escape(a.text), _NUMBER if numeric else _CELL)
            if a.rowspan > 1 or a.colspan > 1:
                style.append(("SPAN", (a.column, a.row), (a.column + a.colspan - 1, a.row + a.rowspan - 1)))
    return RLTable(data, colWidths=widths, style=TableStyle(style), splitByRow=0)


def write_pdf(layout: Layout, path, *, wps_white_boxes: bool = False, page_numbers: bool = True,
              rows_per_page: int | None = None, repeat_header: bool = False, running_header: str | None = None,
              pagesize=A4) -> Path:
    """Write `layout` as a text PDF at `path`; returns the path."""
    _register()
    path = Path(path)
    width = pagesize[0] - 2 * MARGIN
    story: list = []
    for item in layout.items:
        if isinstance(item, Paragraph):
            paragraph = RLParagraph(escape(item.text), _STYLES[item.kind])
            story.append(_WhiteBoxed(paragraph) if wps_white_boxes else paragraph)
            continue
        parts = _cut(item, rows_per_page, repeat_header)
        widths = _column_widths(item.rows, width)  # one table: the same columns on every page
        for i, rows in enumerate(parts):
            story.append(_table(rows, widths, wps_white_boxes, i == 0, i + 1 == len(parts)))
            if i + 1 < len(parts):
                story.append(PageBreak())
        story.append(Spacer(1, 8))

    def furniture(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 10)
        if page_numbers:
            canvas.drawCentredString(pagesize[0] / 2, 36, f"- {document.page} -")
        if running_header:
            canvas.drawCentredString(pagesize[0] / 2, pagesize[1] - 40, running_header)
        canvas.restoreState()

    document = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, title="report", author="tests")
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path
