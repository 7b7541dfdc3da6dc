"""`disclosure-lint dump`: the parsed model as JSON — what the parser saw, every cell with its place.

Also what every batch output says about a report besides its findings (`source_format`: which
reader read it; `cell_value`: a cell's value as text), shared by `dump --format csv`
(`output.csv`) and the HTML report (`output.html`).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from disclosure_lint.model import CellValue, Report, Span, Table

_TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}

# What each source format is called where a person reads it.
SOURCE_FORMAT_NAMES = {"text": "文本", "html": "网页", "pdf": "PDF", "docx": "Word"}
_SUFFIX_FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html",
                   ".xhtml": "html", ".txt": "text", ".text": "text", ".md": "text"}


def _positions(report: Report):
    if report.title is not None:
        yield report.title.span.start
    for section in report.sections:
        yield section.span.start
        if section.table is not None:
            for row in section.table.rows:
                yield row.span.start


def source_format(report: Report) -> str | None:
    """"text", "html", "pdf" or "docx": the reader that read the report, told from its positions (a
    PDF's have pages, a Word document's are paragraphs) and, for text and web pages, which look
    alike in positions, the way the reader was chosen (content first, then the name). None for a
    file that could not be read and whose name says nothing."""
    if report.unreadable is not None:
        return _SUFFIX_FORMATS.get(Path(report.path).suffix.lower())
    for position in _positions(report):
        if position.page is not None:
            return "pdf"
        if position.unit == "paragraph":
            return "docx"
    from disclosure_lint.read import reader_for

    head = "\n".join(report.source_lines[:40]).encode("utf-8")[:2048]
    return "html" if reader_for(report.path, head).__name__ == "read_html" else "text"


def cell_value(cell: CellValue) -> str:
    """A cell's value as text: the number as written in canonical form (`12`, `1.25`, `-3`), empty
    for a blank, missing or text cell (whose words are in `raw`)."""
    if not cell.is_number or cell.value is None:
        return ""
    return str(cell.value)


def _pos(span: Span | None) -> dict | None:
    return span.start.as_dict() if span else None


def _value(cell: CellValue):
    if isinstance(cell.value, Decimal):
        return str(cell.value)
    return cell.value


def _table(table: Table) -> dict:
    return {
        "table": _TABLE_NAMES[table.number],
        "format": table.format,
        "position": _pos(table.span),
        "rows": [
            {
                "key": row.key, "label": row.label, "source_label": row.source_label,
                "group": row.group, "position": _pos(row.span),
                "cells": [
                    {"column": c.column, "kind": c.kind, "value": _value(c), "raw": c.raw, "position": _pos(c.span)}
                    for c in row.cells
                ],
            }
            for row in table.rows
        ],
        "header": table.header,
        "groups": [{"key": g.key, "format": g.format, "header": g.header, "rows": [key for key, _ in g.rows],
                    "position": _pos(g.span)} for g in table.groups],
        "strays": [{"kind": s.kind, "label": s.label, "key": s.key, "position": _pos(s.span)} for s in table.strays],
        "cells_lost": table.cells_lost and {
            "kind": table.cells_lost.kind, "row": table.cells_lost.row, "digits": table.cells_lost.digits,
            "found": table.cells_lost.found, "cells": table.cells_lost.cells, "position": _pos(table.cells_lost.span)},
        "unreadable": table.unreadable,
    }


def _facts(report: Report) -> dict:
    facts = report.facts
    published = facts.publication_date
    return {
        "year": facts.year,
        "table_format": facts.table_format,
        "government_report": facts.government_report,
        "publication_date": published and {"date": published.date.isoformat(), "kind": published.kind,
                                           "position": _pos(published.span)},
        "citations": [{"kind": c.kind, "key": c.key, "text": c.text, "number": c.number, "position": _pos(c.span)}
                      for c in facts.citations],
        "figures": [{"key": f.key, "value": f.value, "text": f.text, "position": _pos(f.number_span)}
                    for f in facts.figures],
        "enumerations": [{"total": e.total, "unit": e.unit, "parts": [p.value for p in e.parts],
                          "position": _pos(e.span)} for e in facts.enumerations],
    }


def as_dict(report: Report) -> dict:
    title = report.title
    preamble = report.preamble
    return {
        "path": report.path,
        "source_format": source_format(report),
        "encoding": report.encoding,
        "unreadable": report.unreadable,
        "title": title and {"text": title.text, "agency": title.agency, "year": title.year,
                            "position": _pos(title.span)},
        "preamble": {
            name: fact and {"text": fact.text, "position": _pos(fact.span)}
            for name, fact in (("statistics_period", preamble.statistics_period),
                               ("publication_place", preamble.publication_place), ("contact", preamble.contact))
        },
        "facts": _facts(report),
        "sections": [
            {
                "number": s.number, "heading": s.heading.text, "placement": s.placement,
                "position": _pos(s.span), "table": _table(s.table) if s.table else None,
            }
            for s in report.sections
        ],
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2)
