"""The intermediate form every reader produces: blocks of cells with their source positions.

A `.txt`, `.html`, `.docx` or `.pdf` reader turns its input into a `Document`; everything after
reading (tokens, grammar, model, rules) sees only this, so a new input format needs a reader and
nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# U+FF01..U+FF5E are the full-width forms of ASCII '!'..'~'; U+3000 and NBSP are spaces. The
# mapping is one character to one character, so a folded string has the same length as the
# original and every offset into it is an offset into the source.
_WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20})


def fold(text: str) -> str:
    """Full-width digits, letters and brackets to ASCII, odd spaces to ' '; length preserved."""
    return text.translate(_WIDTH_FOLD)


def compact(text: str) -> str:
    """Folded text without any white space or markdown emphasis, for matching labels."""
    return "".join(fold(text).replace("**", "").split())


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column (in characters) of the original input."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Cell:
    """A stretch of text in the source: a paragraph, or one cell of a table row."""

    text: str  # as in the source, outer white space stripped
    line: int
    column: int

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def position(self) -> Position:
        return Position(self.line, self.column)

    def position_at(self, offset: int) -> Position:
        """The source position of character `offset` of this cell (cells never span lines)."""
        return Position(self.line, self.column + offset)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (one cell) or a table row (cells in order, blank cells kept as empty text)."""

    kind: Literal["paragraph", "row"]
    cells: tuple[Cell, ...]

    @property
    def line(self) -> int:
        return self.cells[0].line

    @property
    def position(self) -> Position:
        return self.cells[0].position

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if c.text)


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    lines: tuple[str, ...]  # the decoded source, for code frames
    blocks: tuple[Block, ...]
    encoding: str
