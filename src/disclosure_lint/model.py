"""The report model: typed and immutable. Rules read this and never look at the source text.

Built by `disclosure_lint.build` from the parse trees of grammar/structure.lark and
grammar/tables.lark. The model records what the source holds, the shape of each table included
(its header words, the rows it has, the rows the grammar could not place); whether that shape is
right is for the rules to say. Report-level facts are a later stage (`disclosure_lint.facts`),
attached by `disclosure_lint.lint`; this module does not know them.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

import regex

from disclosure_lint.document import Cell, Position, fold

_NOT_SPACE = regex.compile(r"\S+")
_SENTENCE_END = frozenset("。；;：:！!？?）)")

Placement = Literal["expected", "out_of_order", "duplicate"]
TableFormat = Literal["2019", "2021", "unknown", "both"]  # table 4 is the same in both
CellKind = Literal["number", "blank", "text", "missing"]


@dataclass(frozen=True, slots=True)
class Span:
    """Where something is in the source: a start position and its width in characters."""

    start: Position
    length: int = 1

    @property
    def line(self) -> int:
        return self.start.line

    @property
    def column(self) -> int:
        return self.start.column

    def through(self, last: Span) -> Span:
        """From this span's start to the end of `last` when both are in one excerpt (one line,
        one table row); this span alone otherwise."""
        if not same_excerpt(self.start, last.start) or last.start.offset < self.start.offset:
            return self
        return Span(self.start, last.start.offset + last.length - self.start.offset)


def same_excerpt(a: Position, b: Position) -> bool:
    return (a.page, a.unit) == (b.page, b.unit) and a.excerpt == b.excerpt and (
        a.line == b.line or a.excerpt is b.excerpt)


@dataclass(frozen=True)
class Passage:
    """Running text made of source cells, joined so that sentences wrapped across lines read as one.

    `text` is width-folded; `position_of` maps any offset in it back to the source.
    """

    text: str
    _starts: tuple[int, ...] = field(repr=False)
    _cells: tuple[Cell, ...] = field(repr=False)

    @staticmethod
    def of(cells: list[Cell] | tuple[Cell, ...]) -> Passage:
        parts: list[str] = []
        starts: list[int] = []
        offset = 0
        previous = None
        for cell in cells:
            text = cell.text
            # A line that stops mid-sentence was wrapped by the PDF extractor: it is joined directly.
            if previous is not None and (len(previous) < 20 or previous[-1] in _SENTENCE_END):
                parts.append("\n")
                offset += 1
            starts.append(offset)
            parts.append(fold(text))
            offset += len(text)  # folding keeps the length
            previous = text
        return Passage("".join(parts), tuple(starts), tuple(cells))

    def _locate(self, offset: int) -> tuple[int, int]:
        """(index of the cell holding text[offset], offset in that cell's text)."""
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        cell = self._cells[i]
        return i, min(max(offset - self._starts[i], 0), max(len(cell.text) - 1, 0))

    def position_of(self, offset: int) -> Position:
        if not self._cells:
            return Position(1, 1)
        i, local = self._locate(offset)
        return self._cells[i].position_at(local)

    def span_of(self, start: int, end: int) -> Span:
        """A span for text[start:end], cut at the end of the cell it starts in."""
        if not self._cells:
            return Span(Position(1, 1))
        i, local = self._locate(start)
        j, last = self._locate(max(start, end - 1))
        cell = self._cells[i]
        length = last - local + 1 if i == j else len(cell.text) - local
        return Span(cell.position_at(local), max(length, 1))

    @property
    def cells(self) -> tuple[Cell, ...]:
        return self._cells

    @cached_property
    def _squeezed(self) -> tuple[str, tuple[int, ...]]:
        runs = [m.span() for m in _NOT_SPACE.finditer(self.text)]
        kept = tuple(itertools.chain.from_iterable(range(a, b) for a, b in runs))
        return "".join(self.text[a:b] for a, b in runs), kept

    @property
    def squeezed(self) -> str:
        """The text without any white space (PDF extraction scatters spaces inside words)."""
        return self._squeezed[0]

    def finditer(self, pattern: regex.Pattern) -> Iterator[tuple[regex.Match, Span]]:
        """Matches of `pattern` in the squeezed text, each with its span in the source."""
        squeezed, kept = self._squeezed
        for m in pattern.finditer(squeezed):
            if m.end() > m.start():
                yield m, self.span_of(kept[m.start()], kept[m.end() - 1] + 1)

    def search(self, pattern: regex.Pattern) -> tuple[regex.Match, Span] | None:
        return next(self.finditer(pattern), None)

    def squeezed_span(self, start: int, end: int) -> Span:
        """The source span of squeezed[start:end] (e.g. one group of a `finditer` match)."""
        kept = self._squeezed[1]
        if not kept:
            return Span(self.position_of(0))
        start = min(max(start, 0), len(kept) - 1)
        end = max(min(end, len(kept)), start + 1)
        return self.span_of(kept[start], kept[end - 1] + 1)


@dataclass(frozen=True)
class Title:
    text: str  # the title as written (an agency line above it included)
    span: Span
    agency: str | None  # what stands before the year, if anything
    year: int | None
    year_span: Span | None


@dataclass(frozen=True)
class Fact:
    """A fact found in the text, e.g. the statistics period, with where it was found."""

    text: str
    span: Span
    # The named groups of the template's pattern that found it, e.g. the period's start and end
    # years: (name, text, span).
    groups: tuple[tuple[str, str, Span], ...] = ()


@dataclass(frozen=True)
class Preamble:
    passage: Passage
    span: Span | None  # first line of the preamble, None when there is none
    statistics_period: Fact | None
    publication_place: Fact | None
    contact: Fact | None


@dataclass(frozen=True)
class Heading:
    text: str  # as written
    numeral: str | None  # the numeral written in front of the title, None if unnumbered
    separator: str  # what follows the numeral (、 is the format's)
    title: str  # the title without its numbering
    span: Span


@dataclass(frozen=True)
class CellValue:
    column: str  # canonical column label
    kind: CellKind  # number; blank (empty, —, /, 无); text (若干); missing (too few or too many cells)
    raw: str
    value: int | Decimal | None
    span: Span | None

    @property
    def is_number(self) -> bool:
        return self.kind == "number"


@dataclass(frozen=True)
class Row:
    key: str  # canonical key, e.g. "withheld_3"
    label: str  # canonical label, e.g. "3.危及“三安全一稳定”"
    source_label: str  # the label as written (first fragment)
    span: Span
    cells: tuple[CellValue, ...]
    group: str | None = None  # table 2: the clause group, e.g. "clause_5"
    found_values: int = 0  # how many cells the source gave the row (cells all `missing` when it is not their number)

    def cell(self, column: str) -> CellValue:
        for c in self.cells:
            if c.column == column:
                return c
        raise KeyError(column)

    @property
    def overfull(self) -> bool:
        """The source gave the row more cells than it has columns (so none could be placed)."""
        return self.found_values > len(self.cells) and all(c.kind == "missing" for c in self.cells)


@dataclass(frozen=True)
class StrayRow:
    """A row the grammar could not place where it stands: a label nobody knows, a known row out of
    its place, or a row the table already has."""

    kind: Literal["unknown", "misplaced", "duplicate"]
    label: str  # the canonical label of a known row; the text as written of an unknown one
    span: Span
    key: str | None = None  # a known row's key


@dataclass(frozen=True)
class CellsLost:
    """Why the source does not say which number is in which cell of a table.

    `run_together`: a row's numbers ran into one another (a copy lost the separators) and can be
    cut in more than one way — `digits` holds them. `apart`: a copy printed the labels apart from
    the numbers (column by column): one row holds `found` numbers for its `cells` cells while
    another holds none."""

    kind: Literal["run_together", "apart"]
    row: str  # the canonical label of the row where it shows ("" for table 4's one row)
    span: Span
    key: str | None = None
    digits: str = ""
    found: int = 0
    cells: int = 0


@dataclass(frozen=True)
class Group:
    """Table 2: one clause of Article 20 as the source has it — its header and every row found."""

    key: str  # clause_1, clause_5, …
    span: Span  # the clause label
    header: str  # the header words (compact; a year written before a column label reads 本年)
    format: str | None  # whose columns its rows were read with; None when neither format fits
    rows: tuple[tuple[str, Span], ...]  # (row key, where) of every row found, of its format or not


@dataclass(frozen=True)
class Table:
    number: int  # 2, 3 or 4 — the section it belongs to
    format: TableFormat
    rows: tuple[Row, ...]  # the rows read, in the template's order
    columns: tuple[str, ...]  # table 3 and 4; table 2's columns vary per group (see each row)
    span: Span
    region: Span | None = None  # where the table's region starts (the section body's first block)
    header: str = ""  # tables 3 and 4: the header words (compact)
    groups: tuple[Group, ...] = ()  # table 2: its clauses as found
    strays: tuple[StrayRow, ...] = ()
    cells_lost: CellsLost | None = None  # the cells cannot be known: the table then has no rows
    unreadable: str | None = None  # the table grammar could not read the region at all

    @property
    def cells_readable(self) -> bool:
        """False when the source does not say which number is in which cell (it has no rows)."""
        return self.cells_lost is None

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def cells(self) -> Iterator[tuple[Row, CellValue]]:
        for r in self.rows:
            for c in r.cells:
                yield r, c


@dataclass(frozen=True)
class Section:
    number: int  # canonical identity 1..6, from its title
    heading: Heading
    placement: Placement
    passage: Passage  # the body's paragraphs as running text
    span: Span  # the heading
    table: Table | None = None
    body_blocks: int = 0  # how many blocks the body has (table rows included)


@dataclass(frozen=True)
class Report:
    path: str
    source_lines: tuple[str, ...]
    encoding: str | None
    title: Title | None
    preamble: Preamble
    sections: tuple[Section, ...]
    unreadable: str | None = None  # why the input could not be read, if it could not
    # Web-page lines before the title (发布时间, 来源, navigation): kept for the facts they may hold.
    front_matter: Passage = field(default_factory=lambda: Passage.of([]))
    # The facts stage's view of this model (`disclosure_lint.facts.ReportFacts`: years, table
    # format, publication date, citations, narrative figures), attached by `disclosure_lint.lint`
    # and computed lazily, each fact when a rule first asks; None for a model built on its own.
    facts: Any = None

    @property
    def is_report(self) -> bool:
        return self.unreadable is None and bool(self.sections)

    def section(self, number: int) -> Section | None:
        """The section with this identity, preferring the one in its expected place."""
        found = [s for s in self.sections if s.number == number]
        for s in found:
            if s.placement == "expected":
                return s
        return found[0] if found else None

    def table(self, number: int) -> Table | None:
        section = self.section(number)
        return section.table if section else None

    def tables(self) -> Iterator[Table]:
        """Every table the report has, misplaced and repeated sections' included."""
        return (s.table for s in self.sections if s.table is not None)

