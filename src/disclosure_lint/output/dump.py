"""`disclosure-lint dump`: the parsed model as JSON — what the parser saw, every cell with its place."""

from __future__ import annotations

import json
from decimal import Decimal

from disclosure_lint.model import CellValue, Report, Span, Table

_TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}


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
        "issues": [{"kind": i.kind, "detail": i.detail, "row": i.row, "position": _pos(i.span)} for i in table.issues],
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
