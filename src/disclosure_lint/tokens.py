"""Tokenizing: a `Document`'s blocks -> the Lark tokens the grammars in grammar/*.lark consume.

Two custom lexers, both fed to Lark as token streams:

* `structure_tokens`: one token per block (TITLE, BOILERPLATE, H1…H6 for section headings, TEXT).
* `TableTokens`: the blocks of one section body, split into row labels, number cells and text
  fragments, whatever the layout (one cell per line, tab rows, labels wrapped mid-word, header
  words one character per line).

Every token's `start_pos` is the index of its block in the document and its line/column are the
original 1-based position, so the model can point back into the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex
from lark import Token

from disclosure_lint.document import Block, Cell, Document, Position, compact, fold
from disclosure_lint.numerals import numbering_value
from disclosure_lint.template import Template

NUMERALS = "一二三四五六七八九十"


class SourceToken(Token):
    """A Lark token that also knows the exact source position of its first character."""

    __slots__ = ("position",)
    position: Position


def _token(type_: str, value: str, index: int, cell: Cell, offset: int = 0) -> SourceToken:
    position = cell.position_at(offset)
    line, column = position.line, position.column
    token = SourceToken(type_, value, index, line, column, line, column + len(value), index)
    token.position = position
    return token


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    number: int  # which of the six sections the title names
    numeral: str | None  # the numeral written in front of it, if any
    separator: str
    title: str  # as written, markup removed


def match_heading(block: Block, template: Template) -> HeadingMatch | None:
    cells = [c for c in block.cells if c.text]
    if len(cells) != 1:
        return None
    text = compact(cells[0].text)
    if len(text) > template.heading_max_title + 4:
        return None
    exact = _exact_title(text, template)
    if exact is not None:
        return HeadingMatch(exact, None, "", text)
    m = template.heading.match(text)
    if m is None or m["numeral"] not in NUMERALS[:9]:
        return None
    title, separator = m["title"].rstrip("。:："), m["separator"]
    if len(title) > template.heading_max_title or template.not_headings.search(title):
        return None
    number = _exact_title(title, template)
    if number is None and separator:
        written = numbering_value(m["numeral"])
        candidates = [s.number for s in template.sections if s.pattern.search(title)]
        if written in candidates:
            number = written
        elif len(candidates) == 1:
            number = candidates[0]
    if number is None:
        return None
    return HeadingMatch(number, m["numeral"], separator, title)


def _exact_title(title: str, template: Template) -> int | None:
    for spec in template.sections:
        if title == spec.title or title in spec.variants:
            return spec.number
    return None


def _is_title(block: Block, template: Template) -> bool:
    text = compact(block.text)
    return (
        len(text) <= 60
        and not any(p in text for p in "，,。；;")
        and template.report_name.search(text) is not None
    )


def _is_agency_line(block: Block, template: Template) -> bool:
    text = compact(block.text)
    return 2 <= len(text) <= 30 and template.agency_suffix.search(text) is not None


@dataclass(frozen=True)
class StructureTokens:
    tokens: tuple[Token, ...]
    headings: dict[int, HeadingMatch]  # block index -> heading


def structure_tokens(document: Document, template: Template) -> StructureTokens:
    blocks = document.blocks
    headings = {i: h for i, b in enumerate(blocks) if (h := match_heading(b, template)) is not None}
    first_heading = min(headings, default=len(blocks))
    title_at = next((i for i in range(first_heading) if _is_title(blocks[i], template)), None)
    title_from = title_at
    if title_at is not None and title_at > 0 and _is_agency_line(blocks[title_at - 1], template):
        title_from = title_at - 1  # the agency's name on a line of its own above the title
    tokens = []
    for i, block in enumerate(blocks):
        if i in headings:
            type_ = f"H{headings[i].number}"
        elif title_from is not None and i < title_from:
            type_ = "BOILERPLATE"
        elif title_from is not None and title_from <= i <= title_at:
            type_ = "TITLE"
        else:
            type_ = "TEXT"
        tokens.append(_token(type_, block.text, i, block.cells[0]))
    return StructureTokens(tuple(tokens), headings)


# --------------------------------------------------------------------------- tables

_WORD = regex.compile(r"\S+")
_NUMBER = regex.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_NUMBERING = regex.compile(r"(?<=^|\))(\d+)[、.,，]")
VALUE_TYPES = frozenset({"NUM", "BLANK", "EMPTY", "TEXT_CELL"})
_ROW_WIDTH = {3: 7, 4: 15}  # cells in a row of table 3 and table 4 (table 2's vary by group)
_KNOWN_CLAUSES = frozenset({1, 5, 6, 8, 9})  # the clauses of Article 20 that table 2 reports
_GROUP_TYPES = frozenset({"T3_RESULTS", "T3_WITHHELD", "T3_UNABLE", "T3_UNPROCESSED",
                          *(f"T2_CLAUSE_{n}" for n in _KNOWN_CLAUSES)})
# A unit after a figure in a table cell (251000元) is dropped; the column says what it counts.
_UNIT = regex.compile(r"(?<=\d)(?:万元|元|件|条|个|项|次|人次)$")


@dataclass(frozen=True, slots=True)
class Piece:
    kind: str  # NUM, BLANK, EMPTY, TEXT_CELL or LABEL
    text: str
    cell: Cell
    offset: int  # into cell.text


def cell_pieces(cell: Cell, in_row: bool, template: Template) -> list[Piece]:
    """Split a cell into a label and the run of numbers (or blank marks) that ends it."""
    if not cell.text:
        return [Piece("EMPTY", "", cell, 0)] if in_row else []
    folded = fold(cell.text)
    words = [(m.start(), m.group()) for m in _WORD.finditer(folded)]
    values: list[Piece] = []
    while words:
        start, word = words[-1]
        if in_row and len(words) == 1 and _UNIT.search(word):
            word = _UNIT.sub("", word)
        left_is_number = len(words) > 1 and _is_value_word(words[-2][1], template)
        if _NUMBER.fullmatch(word):
            kind = "NUM"
        elif word in template.blank_marks or (word in template.blank_words and (
                (in_row and len(words) == 1) or values or left_is_number)):
            kind = "BLANK"  # 无 alone in a table cell, or next to numbers: 0 0 无 0
        elif values and left_is_number:
            kind = "TEXT_CELL"  # words among numbers where a number belongs: 0 若干 0
        else:
            break
        values.append(Piece(kind, cell.text[start : start + len(word)], cell, start))
        words.pop()
    values.reverse()
    if not words:
        return values
    label_end = words[-1][0] + len(words[-1][1])
    return [Piece("LABEL", cell.text[:label_end], cell, 0), *values]


def _is_value_word(word: str, template: Template) -> bool:
    return _NUMBER.fullmatch(word) is not None or word in template.blank_marks


def label_key(text: str) -> str:
    """A label as the classification patterns see it: compact, `1、` numbering as `1.`."""
    return _NUMBERING.sub(r"\1.", compact(text))


def classify_label(text: str, table: int, template: Template) -> str:
    key = label_key(text)
    if len(key) > 60 or key.endswith("。"):
        return "TEXT"  # prose in the section, not a table label
    if table == 2:
        group = template.table2_group.search(key)
        if group:
            clause = numbering_value(group["clause"])
            return f"T2_CLAUSE_{clause}" if clause in _KNOWN_CLAUSES else "TEXT"
        patterns = template.table2_rows
    elif table == 3:
        patterns = template.table3_rows
    else:
        return "TEXT"
    for row, pattern in patterns:
        if pattern.search(key):
            return f"T{table}_{row.upper()}"
    return "TEXT"


def _lone_blank_word(typed: list[tuple[str, Piece]], template: Template) -> bool:
    return len(typed) == 1 and typed[0][0] == "TEXT" and typed[0][1].cell.text in template.blank_words


def _next_type(typed_blocks, position: int) -> str | None:
    """The token type the next block starts with, if there is one."""
    following = typed_blocks[position + 1][1] if position + 1 < len(typed_blocks) else []
    return following[0][0] if following else None


class TableTokens:
    """The token stream of one table region (a section body), fed to Lark as an iterator.

    Text that follows a row's numbers is held back: if a label comes next it was the tail of a
    wrapped label or a split group label (dropped); if numbers come next it labels a row we do not
    know (UNKNOWN_ROW). The parser's error handler calls `skip_values` to drop the numbers of a row
    it could not place, so that they are not taken for the next row's.
    """

    def __init__(self, blocks: list[tuple[int, Block]], table: int, template: Template):
        self._blocks = blocks
        self._table = table
        self._template = template
        self._skipping = False
        self.skipped: list[Token] = []

    def skip_values(self) -> None:
        self._skipping = True

    def __iter__(self) -> Iterator[Token]:
        held: list[Token] = []
        after_value = False
        last_label = ""
        row_width = _ROW_WIDTH.get(self._table)
        since_label = 0  # cells seen since the last row label
        typed_blocks = [(index, self._block_pieces(block)) for index, block in self._blocks]
        for position, (index, typed) in enumerate(typed_blocks):
            block = self._blocks[position][1]
            if _lone_blank_word(typed, self._template) and _next_type(typed_blocks, position) != "TEXT":
                # 无 alone on a line is a blank cell (one cell per line layouts), unless text follows:
                # then it is the first character of a split label (无 / 法 / 提 / 供).
                typed = [("BLANK", typed[0][1])]
            for type_, piece in typed:
                if type_ == last_label and not after_value:
                    type_ = "TEXT"  # the wrapped tail of the label just seen, e.g. 内容仍不明确
                if (type_ == "TEXT" and after_value and row_width and since_label < row_width
                        and block.kind == "paragraph" and len(typed) == 1
                        and _next_type(typed_blocks, position) in ("NUM", "BLANK")):
                    # A word on its own line between the numbers of a row that is not complete yet
                    # stands where a number belongs (若干), in the layouts with one cell per line.
                    type_ = "TEXT_CELL"
                token = _token(type_, piece.text, index, piece.cell, piece.offset)
                if type_ in VALUE_TYPES:
                    since_label += 1
                    if held:
                        yield self._unknown_row(held)
                        held = []
                    after_value = True
                    if self._skipping:
                        self.skipped.append(token)
                        continue
                    yield token
                    continue
                self._skipping = False
                if type_ == "TEXT":
                    if after_value:
                        held.append(token)
                    else:
                        yield token
                    continue
                held = []
                after_value = False
                last_label = type_
                since_label = 0
                yield token

    @staticmethod
    def _unknown_row(held: list[SourceToken]) -> SourceToken:
        first = held[0]
        value = " ".join(str(t) for t in held)
        token = SourceToken("UNKNOWN_ROW", value, first.start_pos, first.line, first.column, first.end_line,
                            first.end_column, first.end_pos)
        token.position = first.position
        return token

    def _block_pieces(self, block: Block) -> list[tuple[str, Piece]]:
        in_row = block.kind == "row"
        pieces = [p for cell in block.cells for p in cell_pieces(cell, in_row, self._template)]
        typed = [
            (classify_label(p.text, self._table, self._template) if p.kind == "LABEL" else p.kind, p)
            for p in pieces
        ]
        if in_row:
            # Words in a cell after the row's first number stand where a number belongs (若干).
            first_value = next((i for i, (t, _) in enumerate(typed) if t in ("NUM", "BLANK")), len(typed))
            typed = [("TEXT_CELL" if t == "TEXT" and i > first_value else t, p) for i, (t, p) in enumerate(typed)]
            # Blank cells count only in the value zone after the row's last label; before it they
            # are the remains of merged label cells. A zone of blanks only is data after a row
            # label (a row left empty) and filler after header text. The builder trims filler at
            # either end of a zone as far as the row's columns require.
            last = max((i for i, (t, _) in enumerate(typed) if t not in VALUE_TYPES), default=-1)
            zone = typed[last + 1 :]
            last_type = typed[last][0] if last >= 0 else "TEXT"
            if all(t == "EMPTY" for t, _ in zone) and (last_type == "TEXT" or last_type in _GROUP_TYPES):
                zone = []
            typed = [(t, p) for t, p in typed[: last + 1] if t != "EMPTY"] + zone
        return typed
