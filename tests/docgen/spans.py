"""Merged cells of a layout table as spans: what HTML's rowspan/colspan and Word's gridSpan/vMerge
and a ruled PDF table's boxes all need."""

from __future__ import annotations

from dataclasses import dataclass

from . import LEFT, UP, Table


@dataclass
class Anchor:
    row: int
    column: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def anchors(table: Table) -> list[list[Anchor]]:
    """Per row, the cells that start there (not continuations), with their spans."""
    rows = table.rows
    out: list[list[Anchor]] = []
    for r, row in enumerate(rows):
        found = []
        for c, text in enumerate(row):
            if text is UP or text is LEFT:
                continue
            colspan = 1
            while c + colspan < len(row) and row[c + colspan] is LEFT:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(rows) and rows[r + rowspan][c] is UP:
                rowspan += 1
            found.append(Anchor(r, c, text, rowspan, colspan))
        out.append(found)
    return out
