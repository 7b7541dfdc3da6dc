"""The intermediate form every reader produces: blocks of cells with their source positions.

A `.txt`, `.html`, `.docx` or `.pdf` reader turns its input into a `Document`; everything after
reading (tokens, grammar, model, rules) sees only this, so a new input format needs a reader and
nothing else. Every character of a cell's text maps back to a place in the source, in the terms
of its format (`Position`): a text or HTML file's line and column, a PDF's page and line on the
page, a Word document's paragraph or table cell.
"""

from __future__ import annotations

import bisect
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


SourceKind = Literal["text", "html", "pdf", "docx"]
BLANK_MARK = "□"  # how a blank table cell is shown in a code frame


class Position:
    """Where one character is in the source, in its format's terms.

    text, HTML: `line` and `column` of the file. PDF: `page`, the `line` on that page and the
    `column` in that line. Word: `line` is the paragraph's number in document order (`unit` is
    "paragraph"). A Word or PDF table cell also names its table, row and column (`cell`, 1-based).

    `excerpt` is what a person recognises around the character (the file's line for text, the
    cell's or paragraph's text elsewhere, a table row with its cells separated) and `offset` is
    the character's index in it; they are for code frames and take no part in comparisons.

    A value: never changed once made. It is a plain slotted class rather than a frozen dataclass
    because one is made for every token and cell, and a frozen dataclass costs 4x as much to make.
    """

    __slots__ = ("cell", "column", "excerpt", "line", "offset", "page", "unit")
    line: int
    column: int
    page: int | None
    cell: tuple[int, int, int] | None
    unit: Literal["line", "paragraph"]
    excerpt: str
    offset: int

    def __init__(self, line: int, column: int, page: int | None = None, cell: tuple[int, int, int] | None = None,
                 unit: Literal["line", "paragraph"] = "line", excerpt: str = "", offset: int = 0) -> None:
        self.line = line
        self.column = column
        self.page = page
        self.cell = cell
        self.unit = unit
        self.excerpt = excerpt
        self.offset = offset

    def _key(self) -> tuple:
        return (self.line, self.column, self.page, self.cell, self.unit)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Position) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Position(line={self.line}, column={self.column}, page={self.page}, cell={self.cell}, "
                f"unit={self.unit!r})")

    def __reduce__(self):  # pickled across worker processes
        return (Position, (self.line, self.column, self.page, self.cell, self.unit, self.excerpt, self.offset))

    def describe(self) -> str:
        """The place in words, for messages: 第12行, 第3页第12行, 第5段, 第2个表格第3行第4列."""
        if self.cell is not None and self.unit == "paragraph":
            table, row, column = self.cell
            return f"第{table}个表格第{row}行第{column}列"
        if self.page is not None:
            return f"第{self.page}页第{self.line}行"
        return f"第{self.line}{'段' if self.unit == 'paragraph' else '行'}"

    def as_dict(self) -> dict:
        """The position for JSON: line and column of a file or PDF page, a Word paragraph, and
        the page and table cell where they apply."""
        found: dict = {"paragraph" if self.unit == "paragraph" else "line": self.line, "column": self.column}
        if self.page is not None:
            found["page"] = self.page
        if self.cell is not None:
            found["cell"] = dict(zip(("table", "row", "column"), self.cell))
        return found

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.page or 0, self.line, self.column)

    def shifted(self, offset: int) -> Position:
        """The position `offset` characters further along the same stretch of source text."""
        # Direct construction: this is on every token's path, and dataclasses.replace costs 3x.
        return Position(self.line, self.column + offset, self.page, self.cell, self.unit, self.excerpt,
                        self.offset + offset)

    def in_excerpt(self, excerpt: str, offset: int) -> Position:
        """The same place, shown at `offset` in `excerpt`."""
        return Position(self.line, self.column, self.page, self.cell, self.unit, excerpt, offset)


@dataclass(frozen=True, slots=True)
class Cell:
    """A stretch of text in the source: a paragraph, or one cell of a table row.

    `origin` is the position of the text's first character (of the cell itself when it is
    blank). Where the source positions do not advance one column per character — an HTML entity,
    an inline tag, lines joined into one paragraph — `jumps` records, as (offset in text,
    position of that character), where a new run of one-to-one characters begins.
    """

    text: str  # as in the source, outer white space stripped
    origin: Position
    jumps: tuple[tuple[int, Position], ...] = ()

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def line(self) -> int:
        return self.origin.line

    @property
    def column(self) -> int:
        return self.origin.column

    @property
    def position(self) -> Position:
        return self.origin

    def position_at(self, offset: int) -> Position:
        """The source position of character `offset` of this cell's text."""
        if not self.jumps or offset < self.jumps[0][0]:
            return self.origin.shifted(offset) if offset else self.origin
        i = bisect.bisect_right(self.jumps, offset, key=lambda jump: jump[0]) - 1
        start, position = self.jumps[i]
        return position.shifted(offset - start)

    def slice(self, start: int, end: int) -> Cell:
        """The cell holding text[start:end], with the same positions for the same characters."""
        origin = self.position_at(start)
        jumps = tuple((at - start, self.position_at(at)) for at, _ in self.jumps if start < at < end)
        return Cell(self.text[start:end], origin, jumps)

    def stripped(self) -> Cell:
        """This cell without the white space around its text."""
        text = self.text
        lead = len(text) - len(text.lstrip())
        return self.slice(lead, len(text.rstrip())) if text.strip() else self.slice(0, 0)


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
    lines: tuple[str, ...]  # the decoded source of a text or HTML file (empty for PDF and Word)
    blocks: tuple[Block, ...]
    encoding: str | None
    kind: SourceKind = "text"


class TextRun:
    """Builds one cell's text piece by piece, recording where each piece came from.

    Readers of formats where text is assembled (HTML: tags and entities; PDF and Word: lines,
    runs and fields) append each piece with the position of its first character; `cell()`
    strips the outer white space and returns the cell with exact positions for every character.
    """

    __slots__ = ("_jumps", "_length", "_parts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._jumps: list[tuple[int, Position]] = []
        self._length = 0

    def add(self, text: str, position: Position) -> None:
        """Append `text`, whose characters advance one column each from `position`."""
        if not text:
            return
        self._jumps.append((self._length, position))
        self._parts.append(text)
        self._length += len(text)

    def add_char(self, char: str, position: Position) -> None:
        """Append one character that stands for a longer stretch of source (an entity, a tag)."""
        self.add(char, position)

    def __bool__(self) -> bool:
        return self._length > 0

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def cell(self, fallback: Position, excerpt: str | None = None, excerpt_offset: int = 0) -> Cell:
        """The stripped cell; `fallback` places it when it holds no text (a blank cell).

        `excerpt` replaces the excerpt of every position (a table row shown with all its cells),
        the cell's text starting at `excerpt_offset` in it; by default the excerpt is the text.
        """
        text = self.text
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        shown = stripped if excerpt is None else excerpt
        if not stripped:
            return Cell("", fallback.in_excerpt(shown, excerpt_offset))
        jumps = []
        for at, position in self._jumps:
            # Drop jumps inside the stripped white space; shift the rest to the stripped text.
            relative = at - lead
            if relative <= 0:
                first = (0, position.shifted(-relative))
                jumps = [first]
            elif relative < len(stripped):
                jumps.append((relative, position))
        jumps = _merge_runs(jumps)
        rebased = tuple((at, p.in_excerpt(shown, excerpt_offset + at)) for at, p in jumps)
        return Cell(stripped, rebased[0][1], rebased[1:])


def _merge_runs(jumps: list[tuple[int, Position]]) -> list[tuple[int, Position]]:
    """Drop jumps that continue the previous run exactly (adjacent text pieces of one line)."""
    merged: list[tuple[int, Position]] = []
    for at, position in jumps:
        if merged:
            start, previous = merged[-1]
            if (previous.page, previous.cell, previous.unit, previous.line) == (
                    position.page, position.cell, position.unit, position.line) \
                    and previous.column + (at - start) == position.column:
                continue
        merged.append((at, position))
    return merged


def row_excerpt(texts: list[str]) -> tuple[str, list[int]]:
    """A table row as a person reads it — cells separated by │, a blank one shown as □ — and
    where each cell's text starts in it."""
    shown, starts, offset = [], [], 0
    for i, text in enumerate(texts):
        if i:
            shown.append(" │ ")
            offset += 3
        starts.append(offset)
        piece = text if text else BLANK_MARK
        shown.append(piece)
        offset += len(piece)
    return "".join(shown), starts
