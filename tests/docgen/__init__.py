"""Test-time document generation: one neutral layout, written as HTML, Word (.docx) and PDF.

A `Layout` is what a report looks like on the page: paragraphs (the title, headings, prose) and
tables. Tests build a layout from a text report (`layout.py`) and write it in each format with the
writers in this package, then check that every format gives the same findings as the text.

Table cells: a string is a cell's text ("" is a blank cell); `UP` is the continuation of the
cell above (a vertical merge: rowspan in HTML, vMerge in Word, one box in a ruled PDF table);
`LEFT` is the continuation of the cell to the left (colspan, gridSpan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


class _Merge(str):
    pass


UP = _Merge("<merged-up>")
LEFT = _Merge("<merged-left>")


@dataclass
class Paragraph:
    text: str
    kind: Literal["title", "heading", "body"] = "body"


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Layout:
    items: list[Paragraph | Table] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [i for i in self.items if isinstance(i, Paragraph)]

    def tables(self) -> list[Table]:
        return [i for i in self.items if isinstance(i, Table)]
