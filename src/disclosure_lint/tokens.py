"""Tokenizing: a `Document`'s blocks -> the Lark tokens the grammars in grammar/*.lark consume.

Two custom lexers, both fed to Lark as token streams:

* `structure_tokens`: one token per block (TITLE, BOILERPLATE, H1…H6 for section headings, TEXT),
  after laying the blocks out as the grammar expects them: page numbers dropped, a report saved on
  one line cut at its section headings, a saved page's header fields and breadcrumb made front
  matter.
* `TableTokens`: the blocks of one section body, split into row labels, number cells and text
  fragments, whatever the layout (one cell per line, tab rows, labels wrapped mid-word, header
  words one character per line, rows run together on one line, PDF text with labels printed beside
  their rows).

Every token's `start_pos` is the index of its block in `StructureTokens.blocks` (the document's blocks as
laid out) and its line/column are the
original 1-based position, so the model can point back into the source.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex
from lark import Token

from disclosure_lint.document import Block, Cell, Document, Position, compact, fold
from disclosure_lint.numerals import numbering_value
from disclosure_lint.template import Template

NUMERALS = "一二三四五六七八九十"


class _Memo(dict):
    """A bounded memo for the tokenizer's pure functions of a cell's text. The same labels and
    numbers recur in every report of a batch (the template is national), so most lookups hit."""

    def __init__(self, limit: int = 100_000):
        super().__init__()
        self.limit = limit

    def keep(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


_HEADINGS = _Memo()


class SourceToken(Token):
    """A Lark token that also knows the exact source position of its first character.

    `joined`: a number that ran into the text beside it (`规章000`) or that no one writes as one
    number (`000`): it may hold the digits of several cells. `field`: where in a table row's cells
    it stands, when it starts a cell.
    """

    __slots__ = ("field", "joined", "position")
    position: Position
    joined: bool
    field: tuple[int, int] | None  # in a table row: (index of the cell it starts, the row's cell count)


def _token(type_: str, value: str, index: int, cell: Cell, offset: int = 0, joined: bool = False) -> SourceToken:
    return source_token(type_, value, index, cell.position_at(offset), joined)


def source_token(type_: str, value: str, index: int, position: Position, joined: bool = False) -> SourceToken:
    line, column = position.line, position.column
    token = SourceToken(type_, value, index, line, column, line, column + len(value), index)
    token.position = position
    token.joined = joined
    token.field = None
    return token


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    number: int  # which of the six sections the title names
    numeral: str | None  # the numeral written in front of it, if any
    separator: str
    title: str  # as written, markup removed


def match_heading(block: Block, template: Template, text: str | None = None) -> HeadingMatch | None:
    """The section heading a block is, if it is one; `text`: the block's compact text, if known."""
    if sum(1 for c in block.cells if c.text) != 1:
        return None
    text = compact(block.text) if text is None else text
    if len(text) > template.heading_max_title + 4:
        return None
    key = (template, text)
    if key not in _HEADINGS:
        _HEADINGS.keep(key, _heading(text, template))
    return _HEADINGS[key]


def _heading(text: str, template: Template) -> HeadingMatch | None:
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
    blocks: tuple[Block, ...]  # the blocks the tokens index: the document's, as laid out for the grammar


class _BlockFacts:
    """Each block's compact text and heading match, computed once per document: the layout steps
    below ask for them repeatedly while they cut and drop blocks."""

    def __init__(self, template: Template):
        self._template = template
        self._texts: dict[int, str] = {}
        self._headings: dict[int, HeadingMatch | None] = {}

    def text(self, block: Block) -> str:
        key = id(block)
        if key not in self._texts:
            self._texts[key] = compact(block.text)
        return self._texts[key]

    def heading(self, block: Block) -> HeadingMatch | None:
        key = id(block)
        if key not in self._headings:
            self._headings[key] = match_heading(block, self._template, self.text(block))
        return self._headings[key]


def structure_tokens(document: Document, template: Template) -> StructureTokens:
    """One token per block, in the grammar's order: front matter, the title, the preamble, the sections.

    A saved web page's front matter can stand after its title (a crawler's `标题:` field, then its
    other fields and the page's breadcrumb): it is tokenized as BOILERPLATE before the TITLE.
    """
    seen = _BlockFacts(template)
    blocks = _layout(document.blocks, template, seen)
    first_heading = next((i for i, b in enumerate(blocks) if seen.heading(b)), len(blocks))
    title_at = next((i for i in range(first_heading) if _is_title(_title_value(blocks[i], template), template)),
                    None)
    if title_at is None:
        title_at = _title_in_breadcrumb(blocks, first_heading, template)
    title_from = title_at
    front: list[int] = []  # front matter after the title
    if title_at is not None:
        blocks[title_at] = _title_value(blocks[title_at], template)
        if title_at > 0 and _is_agency_line(blocks[title_at - 1], template):
            title_from = title_at - 1  # the agency's name on a line of its own above the title
        # A running header repeats the title on every page: it is not the report's text.
        titles = {compact(blocks[title_at].text),
                  "".join(compact(b.text) for b in blocks[title_from : title_at + 1])}
        blocks = [b for i, b in enumerate(blocks) if i <= title_at or seen.text(b) not in titles]
        first_heading = next((i for i, b in enumerate(blocks) if seen.heading(b)), len(blocks))
        front = _front_matter(blocks, title_at, first_heading, template)
    headings = {i: h for i, b in enumerate(blocks) if (h := seen.heading(b)) is not None}
    tokens = []
    for i, block in enumerate(blocks):
        if i in headings:
            type_ = f"H{headings[i].number}"
        elif title_from is not None and (i < title_from or i in front):
            type_ = "BOILERPLATE"
        elif title_from is not None and title_from <= i <= title_at:
            type_ = "TITLE"
        else:
            type_ = "TEXT"
        tokens.append(_token(type_, block.text, i, block.cells[0]))
    if front:  # the grammar's order, not the page's: front matter comes before the title
        tokens.sort(key=lambda t: t.type != "BOILERPLATE")
    return StructureTokens(tuple(tokens), headings, tuple(blocks))


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The folded text without white space, and where each of its characters is in `text`."""
    folded = fold(text)
    kept = [i for i, ch in enumerate(folded) if not ch.isspace()]
    return "".join(folded[i] for i in kept), kept


def _cut(cell: Cell, offsets) -> list[Cell]:
    """The cell cut at these offsets of its text, each piece stripped, empty pieces dropped."""
    bounds = [0, *sorted({o for o in offsets if 0 < o < len(cell.text)}), len(cell.text)]
    pieces = (cell.slice(a, b).stripped() for a, b in itertools.pairwise(bounds))
    return [p for p in pieces if p.text]


def _paragraphs(cells: list[Cell]) -> list[Block]:
    return [Block("paragraph", (c,)) for c in cells]


def _layout(blocks: tuple[Block, ...], template: Template, seen: _BlockFacts) -> list[Block]:
    """The blocks as the grammar should see them: page furniture (page numbers) dropped, and
    paragraphs that run section headings into their text (a report saved on one line) cut at them.

    Only sections no heading line names are looked for inside running text, so a report laid out
    line by line is left as it is.
    """
    kept = [b for b in blocks if not template.layout.page_furniture.match(seen.text(b))]
    found = {h.number for b in kept if (h := seen.heading(b)) is not None}
    wanted = [s for s in template.sections if s.number not in found]
    if not wanted:
        return kept
    inline = _inline_heading_pattern(tuple(spec.inline for spec in wanted))
    laid_out: list[Block] = []
    for block in kept:
        if block.kind != "paragraph":
            laid_out.append(block)
            continue
        cell = block.cells[0]
        squeezed, where = _squeeze(cell.text)
        matches = list(inline.finditer(squeezed))
        # Titles next to one another, a character apart at most, are a list (本报告包括一、总体情况
        # 二、…), not headings: a heading has its section's text after it.
        listed = {k for k in range(len(matches) - 1) if matches[k + 1].start() - matches[k].end() <= 1}
        headings = [m for k, m in enumerate(matches) if k not in listed and k - 1 not in listed]
        cuts = [where[i] for m in headings for i in (m.start(), m.end()) if i < len(where)]
        laid_out.extend(_paragraphs(_cut(cell, cuts)) if cuts else [block])
    return laid_out


@cache
def _inline_heading_pattern(alternatives: tuple[str, ...]) -> regex.Pattern:
    """Section headings inside running text (SectionSpec.inline). Not a title listed in the preamble
    (一、总体情况；二、…) or quoted."""
    return regex.compile(f"(?<![{NUMERALS}])(?:{'|'.join(alternatives)})(?![、,;。”》)])")


def _title_value(block: Block, template: Template) -> Block:
    """The block without a header field's name in front of the title (`标题: …`)."""
    squeezed, where = _squeeze(block.cells[0].text)
    m = template.layout.title_field.match(squeezed)
    if block.kind != "paragraph" or m is None or m.end() >= len(squeezed):
        return block
    return Block("paragraph", (block.cells[0].slice(where[m.end()], len(block.cells[0].text)),))


def _title_in_breadcrumb(blocks: list[Block], end: int, template: Template) -> int | None:
    """Where the title stands in a saved page's breadcrumb (当前位置：首页 … <title> 来源：…) when
    no line is the title: that block is cut around it (in place) and its index returned."""
    field = template.layout.front_matter_field
    for i in range(end):
        cell = blocks[i].cells[0]
        if blocks[i].kind != "paragraph" or not field.match(compact(cell.text)):
            continue
        for m in _WORD.finditer(cell.text):
            if m.start() > 0 and _is_title(Block("paragraph", (cell.slice(m.start(), m.end()),)), template):
                blocks[i : i + 1] = _paragraphs(_cut(cell, [m.start(), m.end()]))
                return i + 1
    return None


_BUTTON_WORD = 8  # the longest word of a web page's row of buttons and links (微信 微博 全真版 文件下载)


def _front_matter(blocks: list[Block], title_at: int, end: int, template: Template) -> list[int]:
    """Indices of the front matter between the title and the preamble; `blocks` is cut in place
    where a page's breadcrumb runs into the preamble.

    A saved page's header (fields, then a separator line such as `==== 正文 ====`, no sentence) is
    front matter up to the separator; then every block that begins with a field (当前位置：,
    来源：) is, up to the first sentence in it, and so are the page's buttons after such a field
    (微信 微博 全真版).
    """
    field, separator = template.layout.front_matter_field, template.layout.separator_line
    sentence = template.layout.sentence
    separators = [i for i in range(title_at + 1, end) if separator.match(compact(blocks[i].text))]
    front = list(range(title_at + 1, separators[0] + 1)) if separators else []
    if any(sentence.search(fold(blocks[i].text)) for i in front):
        front = []  # running text above the line: it is the report's, not a saved page's header
    i = front[-1] + 1 if front else title_at + 1
    while i < end and blocks[i].kind == "paragraph":
        cell = blocks[i].cells[0]
        words = [(m.start(), fold(m.group())) for m in _WORD.finditer(cell.text)]
        buttons = bool(front) and all(len(w) <= _BUTTON_WORD and not sentence.search(w) for _, w in words)
        if not buttons and not field.match(compact(cell.text)):
            break
        front.append(i)
        running = [at for at, w in words if sentence.search(w)]
        if running and running[0] > 0:  # the preamble begins with the first word that is running text
            blocks[i : i + 1] = _paragraphs(_cut(cell, [running[0]]))
            break
        i += 1
    return front


# --------------------------------------------------------------------------- tables

_WORD = regex.compile(r"\S+")
_NUMBER = regex.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_NUMBERING = regex.compile(r"(?<=^|\))(\d+)[、.,，]")
VALUE_TYPES = frozenset({"NUM", "BLANK", "EMPTY", "TEXT_CELL", "CELLS"})
_ROW_WIDTH = {3: 7, 4: 15}  # cells in a row of table 3 and table 4 (table 2's vary by group)
_KNOWN_CLAUSES = frozenset({1, 5, 6, 8, 9})  # the clauses of Article 20 that table 2 reports
_GROUP_TYPES = frozenset({"T3_RESULTS", "T3_WITHHELD", "T3_UNABLE", "T3_UNPROCESSED",
                          *(f"T2_CLAUSE_{n}" for n in _KNOWN_CLAUSES)})
# A unit after a figure in a table cell (251000元) is dropped; the column says what it counts.
_UNIT = regex.compile(r"(?<=\d)(?:万元|元|件|条|个|项|次|人次)$")
# A number run into the label before it, where a copy lost the cells' separators (规章000).
_GLUED = regex.compile(r"(?<=[^\d.,+\-])\d+(?:\.\d+)?$")
_LEADING_ZERO = regex.compile(r"0\d+")


class Piece(NamedTuple):
    kind: str  # NUM, BLANK, EMPTY, TEXT_CELL or LABEL
    text: str
    cell: Cell
    offset: int  # into cell.text
    joined: bool = False  # a number that may hold several cells' digits (see SourceToken)
    field: tuple[int, int] | None = None  # see SourceToken


_SPLITS = _Memo()
_LABELS = _Memo()


def cell_pieces(cell: Cell, in_row: bool, template: Template, field: tuple[int, int] | None = None) -> list[Piece]:
    """Split a cell into a label and the run of numbers (or blank marks) that ends it; `field`: the
    cell's place in its table row, given to the piece that starts it."""
    key = (template, in_row, cell.text)
    split = _SPLITS.get(key)
    if split is None:
        split = _SPLITS.keep(key, tuple(_split(cell.text, in_row, template)))
    return [Piece(kind, text, cell, offset, joined, None if offset else field) for kind, text, offset, joined in split]


def _split(text: str, in_row: bool, template: Template) -> Iterator[tuple[str, str, int, bool]]:
    """(kind, text, offset, joined) of each piece of a cell's text: a label, then its values."""
    if not text:
        if in_row:
            yield "EMPTY", "", 0, False
        return
    folded = fold(text)
    words = [(m.start(), m.group()) for m in _WORD.finditer(folded)]
    values: list[tuple[str, str, int, bool]] = []
    while words:
        start, word = words[-1]
        if in_row and len(words) == 1 and _UNIT.search(word):
            word = _UNIT.sub("", word)
        left_is_number = len(words) > 1 and _is_value_word(words[-2][1], template)
        joined = False
        if _NUMBER.fullmatch(word):
            kind = "NUM"
            joined = _LEADING_ZERO.fullmatch(word) is not None
        elif word in template.blank_marks or (word in template.blank_words and (
                (in_row and len(words) == 1) or values or left_is_number)):
            kind = "BLANK"  # 无 alone in a table cell, or next to numbers: 0 0 无 0
        elif values and left_is_number:
            kind = "TEXT_CELL"  # words among numbers where a number belongs: 0 若干 0
        else:
            glued = None if in_row else _GLUED.search(word)
            if glued:
                at = start + glued.start()
                values.append(("NUM", text[at : start + len(word)], at, True))
                words[-1] = (start, word[: glued.start()])
            break
        values.append((kind, text[start : start + len(word)], start, joined))
        words.pop()
    values.reverse()
    if words:
        yield "LABEL", text[: words[-1][0] + len(words[-1][1])], 0, False
    yield from values


def _is_value_word(word: str, template: Template) -> bool:
    return _NUMBER.fullmatch(word) is not None or word in template.blank_marks


def label_key(text: str) -> str:
    """A label as the classification patterns see it: compact, `1、` numbering as `1.`."""
    return _NUMBERING.sub(r"\1.", compact(text))


def classify_label(text: str, table: int, template: Template) -> str:
    """The token type of a label: a row or group of the table, or TEXT."""
    memo = (template, table, text)
    found = _LABELS.get(memo)
    if found is None:
        found = _LABELS.keep(memo, _classify(text, table, template))
    return found


def _classify(text: str, table: int, template: Template) -> str:
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


class CellsToken(SourceToken):
    """A run of a row's cells (NUM, BLANK, EMPTY, TEXT_CELL tokens) as one token: the grammar says
    where a row's cells stand, not how many there are (the builder puts them under the columns),
    and one token instead of seven or fifteen keeps the parser's work proportional to the rows."""

    __slots__ = ("cells",)
    cells: tuple[SourceToken, ...]


def _cells_token(cells: list[SourceToken]) -> CellsToken:
    first = cells[0]
    token = CellsToken("CELLS", " ".join(cells), first.start_pos, first.line, first.column, first.end_line,
                       first.end_column, first.end_pos)
    token.position, token.joined, token.field, token.cells = first.position, False, first.field, tuple(cells)
    return token


def each_cell(tokens) -> Iterator[Token]:
    """The tokens, each CELLS token replaced by the cells it holds."""
    for token in tokens:
        if token.type == "CELLS":
            yield from token.cells
        else:
            yield token


def _lone_blank_word(typed: list[tuple[str, Piece]], template: Template) -> bool:
    return len(typed) == 1 and typed[0][0] == "TEXT" and typed[0][1].cell.text in template.blank_words


def _next_type(typed_blocks, position: int) -> str | None:
    """The token type the next block starts with, if there is one."""
    following = typed_blocks[position + 1][1] if position + 1 < len(typed_blocks) else []
    return following[0][0] if following else None


_NUMBERS_END = regex.compile(r"(?<=\d)(?=[\p{Han}(])")


def _cut_at_labels(block: Block, labels: regex.Pattern | None) -> list[Block]:
    """A paragraph that holds table rows, cut where their labels start (and after a clause label,
    before its header); any other block as it is.

    It holds rows when most of its pieces that hold digits end with them: a label and its numbers
    (`规章000行政规范性文件693665`, `（四）无法提供 1.本机关不掌握… 31 0 0`), not a sentence
    that names rows (`其中（一）予以公开8件，（二）部分公开2件。`). Words after a row's last
    number then begin the next row even when the template knows no such label (a group label that
    lost its numbering: `…0 0 0 不予公开 1.属于国家秘密…`)."""
    if block.kind != "paragraph" or labels is None:
        return [block]
    cell = block.cells[0]
    squeezed, where = _squeeze(cell.text)
    matches = list(labels.finditer(squeezed))
    if not matches:
        return [block]
    bounds = [0, *(m.start() for m in matches), len(squeezed)]
    pieces = [squeezed[a:b] for a, b in itertools.pairwise(bounds) if any(ch.isdigit() for ch in squeezed[a:b])]
    rows = sum(1 for p in pieces if p[-1].isdigit())
    if not rows or 2 * rows < len(pieces):
        return [block]
    cuts = []
    for k, m in enumerate(matches):
        cuts.append(m.start())
        if m.groupdict().get("group"):
            cuts.append(m.end())
            continue
        after = _NUMBERS_END.search(squeezed, m.end(), bounds[k + 2])
        if after and not any(ch.isdigit() for ch in squeezed[after.start() : bounds[k + 2]]):
            cuts.append(after.start())  # words with no number after them: not a cell (若干) but a label
    return _paragraphs(_cut(cell, [where[i] for i in cuts if i < len(where)]))


class TableTokens:
    """The token stream of one table region (a section body), fed to Lark as an iterator.

    A paragraph is first cut where row labels start in it, so that rows run together on one line
    (a report saved without its line breaks) or a group label printed beside its first row
    (`（四）无法提供   1.本机关不掌握…`) are read as separate rows.

    Text that follows a row's numbers is held back: if a label comes next it was the tail of a
    wrapped label or a split group label (dropped); if numbers come next it labels a row we do not
    know (UNKNOWN_ROW). A group label that comes after rows ordered after it is the merged label
    cell a PDF prints beside (or in the middle of) its rows: it is text. The parser's error handler
    calls `skip_values` to drop the numbers of a row it could not place, so that they are not taken
    for the next row's.
    """

    def __init__(self, blocks: list[tuple[int, Block]], table: int, template: Template):
        labels = template.row_label_starts.get(table)
        self._blocks = [(index, piece) for index, block in blocks for piece in _cut_at_labels(block, labels)]
        self._table = table
        self._template = template
        self._skipping = False
        self.skipped: list[Token] = []
        keys = list(template.raw["tables"][str(table)].get("row_labels", {}))
        self._order = {f"T{table}_{key.upper()}": i for i, key in enumerate(keys)}
        groups = (*template.raw["tables"][str(table)].get("group_rows", ()), "other") if table == 3 else ()
        self._groups = {f"T3_{key.upper()}" for key in groups}

    def skip_values(self) -> None:
        self._skipping = True

    def __iter__(self) -> Iterator[Token]:
        held: list[Token] = []
        after_value = False
        last_label = ""
        furthest = -1  # the latest row in the template's order seen so far
        row_width = _ROW_WIDTH.get(self._table)
        since_label = 0  # cells seen since the last row label
        cells: list[SourceToken] = []  # the row's cells so far, passed on as one CELLS token
        typed_blocks = [(index, self._block_pieces(block)) for index, block in self._blocks]
        for position, (index, typed) in enumerate(typed_blocks):
            block = self._blocks[position][1]
            if _lone_blank_word(typed, self._template) and _next_type(typed_blocks, position) != "TEXT":
                # 无 alone on a line is a blank cell (one cell per line layouts), unless text follows:
                # then it is the first character of a split label (无 / 法 / 提 / 供).
                typed = [("BLANK", typed[0][1])]
            for k, (type_, piece) in enumerate(typed):
                following = typed[k + 1][0] if k + 1 < len(typed) else _next_type(typed_blocks, position)
                if type_ == last_label and (not after_value or following not in VALUE_TYPES):
                    # The wrapped tail of the label just seen (内容仍不明确), before or after its
                    # numbers; with numbers of its own it is the row again.
                    type_ = "TEXT"
                if (type_ == "TEXT" and after_value and row_width and since_label < row_width
                        and block.kind == "paragraph" and len(typed) == 1
                        and _next_type(typed_blocks, position) in ("NUM", "BLANK")):
                    # A word on its own line between the numbers of a row that is not complete yet
                    # stands where a number belongs (若干), in the layouts with one cell per line.
                    type_ = "TEXT_CELL"
                if type_ in self._groups and self._order[type_] < furthest and following not in VALUE_TYPES:
                    type_ = "TEXT"  # a merged label cell printed beside its rows
                token = _token(type_, piece.text, index, piece.cell, piece.offset, piece.joined)
                token.field = piece.field
                if type_ in VALUE_TYPES:
                    since_label += 1
                    if held:
                        if cells:
                            yield _cells_token(cells)
                            cells = []
                        yield self._unknown_row(held)
                        held = []
                    after_value = True
                    if self._skipping:
                        self.skipped.append(token)
                    else:
                        cells.append(token)
                    continue
                self._skipping = False
                if type_ == "TEXT" and after_value:
                    held.append(token)
                    continue
                if cells:
                    yield _cells_token(cells)
                    cells = []
                if type_ == "TEXT":
                    yield token
                    continue
                held = []
                after_value = False
                last_label = type_
                furthest = max(furthest, self._order.get(type_, -1))
                since_label = 0
                yield token
        if cells:
            yield _cells_token(cells)

    @staticmethod
    def _unknown_row(held: list[SourceToken]) -> SourceToken:
        first = held[0]
        return source_token("UNKNOWN_ROW", " ".join(str(t) for t in held), first.start_pos, first.position)

    def _block_pieces(self, block: Block) -> list[tuple[str, Piece]]:
        in_row = block.kind == "row"
        width = len(block.cells)
        pieces = [p for i, cell in enumerate(block.cells)
                  for p in cell_pieces(cell, in_row, self._template, (i, width) if in_row else None)]
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
