"""The PDF reader: text PDFs exported by Word and WPS -> paragraphs and table rows with positions.

pdfplumber (imported only here, and only when a PDF is read) gives the characters with their
boxes and finds ruled tables from the drawn lines. What the real exports need on top of that:

* WPS paints a white, unstroked rectangle behind every line of text (and behind every table
  cell). Those rectangles are dropped before tables are looked for; otherwise every paragraph is
  a one-cell "table".
* A table cut by a page break often loses the border at the cut (WPS draws no bottom line under
  the last row of a page, no top line over the first): every group of connected ruling lines is
  closed with its outer frame, so the last row and the first row are cells again.
* Table cells are found by pdfplumber's lines strategy, which keeps every blank cell and tells a
  blank cell ("" -> a blank `Cell`) from the continuation of a merged one (None -> no cell, as
  HTML's rowspan/colspan). A cell's text is the characters whose centre lies in its box.
* A table continued on the next page (nothing but page furniture between the two parts) is one
  table: a merged label cut by the page break (`（四）无` / `法提供`) is joined again, the empty
  remains of cut merged cells are no cells, a repeated header is dropped.
* Text is rebuilt from the characters, not from the extracted string: no space between two
  Chinese characters or next to full-width punctuation (justified text is spread with gaps:
  `总 计`, `邮 编`), a space where a visible gap separates anything else, so `0 0 0` stays three
  numbers. Lines of a cell are joined without a space; lines of a paragraph are joined, and a
  line that ends a sentence, is short, or is followed by an indented, heading-like or
  differently sized line ends the paragraph (a title wrapped over centred lines stays one).
* Page furniture is dropped anywhere: page numbers (`- 4 -`, `— 6 —`, `第 2 页 共 4 页`) and
  running headers and footers repeated on the pages' margins.
* Kangxi radicals and CJK compatibility ideographs (what some PDF fonts map their glyphs to) are
  folded to the ideographs they stand for, one character for one, so positions do not move.

Positions: `page`, `line` = the text line on that page (1-based, top to bottom, table lines
included: characters whose vertical centres are within a fraction of their size are one line),
`column` = the visible character's place in that line from the left (1-based), and for a table
cell `cell` = (table, row, column), 1-based, tables counted through the document and a table's
rows counted across its pages.

A scan (no text layer), an encrypted or damaged file, a file with too many pages or one that
takes too long is refused with `UnreadableInput`, in Chinese, saying what to provide instead.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO

import regex

from disclosure_lint.document import Block, Document, Position, TextRun, row_excerpt
from disclosure_lint.read import UnreadableInput

MAX_SECONDS = 30  # wall time for one file; a hostile or broken PDF is refused after it
MAX_PAGES = 300  # a report has a handful of pages; thousands are not a report

SCAN_MESSAGE = "扫描件，无文字层：请提供文字版 PDF（由 Word/WPS 直接导出）"
_SAVE_AGAIN = "请提供由 Word/WPS 直接导出的文字版 PDF，或改用 .docx"

# ------------------------------------------------------------------------------ characters

# CJK Radicals Supplement forms that NFKC leaves alone, mapped to the ideograph each stands for
# (Unicode's EquivalentUnifiedIdeograph.txt): PDF fonts map simplified-character glyphs to them.
_RADICALS_SUPPLEMENT = {
    "⺁": "厂", "⺆": "冂", "⺇": "几", "⺊": "卜", "⺌": "小", "⺍": "小", "⺗": "心", "⺜": "日",
    "⺝": "月", "⺟": "母", "⺠": "民", "⺧": "牛", "⺩": "王", "⺫": "目", "⺬": "示", "⺮": "竹",
    "⺳": "网", "⺶": "羊", "⺷": "羊", "⺼": "月", "⺽": "臼", "⻁": "虎", "⻄": "西", "⻅": "见",
    "⻆": "角", "⻉": "贝", "⻊": "足", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门", "⻕": "阜",
    "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "龟",
}


def _fold_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _RADICALS_SUPPLEMENT.items()}
    for first, last in ((0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(first, last + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    return table


_CJK_FOLD = _fold_table()


def fold_cjk(text: str) -> str:
    """Kangxi radicals, CJK compatibility ideographs and the common radical-supplement forms to the
    ideographs they stand for (⽂ -> 文, ⻓ -> 长); one character for one, nothing else touched
    (full-width punctuation stays as it is)."""
    return text.translate(_CJK_FOLD)


_IDEOGRAPH = regex.compile(r"[\p{Han}\u3005\u3007]")
# Punctuation set tight in Chinese text: CJK symbols, full-width punctuation (not full-width digits
# or letters: ０ ０ ０ are three numbers), curly quotes, dashes, dots.
_CJK_PUNCT = regex.compile(
    r"[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\uFFE0-\uFFEE"
    r"\u2018-\u201F\u2025\u2026\u2014\u2015\u00B7\u2027]")
_ALNUM = regex.compile(r"[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]")


def _tight(left: str, right: str) -> bool:
    """No space between these two characters, whatever the gap: two Chinese characters, or
    anything next to full-width punctuation (a gap there is justification, not a space)."""
    if _CJK_PUNCT.match(left) or _CJK_PUNCT.match(right):
        return True
    return bool(_IDEOGRAPH.match(left) and _IDEOGRAPH.match(right))


_SPACE_GAP = 0.2  # a gap wider than this fraction of the font size is a space (outside CJK)


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    line: int = 0
    column: int = 0

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


def _visible(raw: dict) -> str | None:
    text = raw.get("text") or ""
    if not text or text.isspace() or text.startswith("(cid:"):
        return None
    if not raw.get("upright", True):
        return None  # rotated text: watermarks and stamps, not the report's text
    return fold_cjk(text)


def _page_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Group a page's characters into text lines (top to bottom) and number them.

    A character joins the line being built when its vertical centre is within 0.4 of its size of
    the line's mean centre (a mean, not the first character: digits of another font sit a little
    lower than the Chinese text beside them, numbers in a larger size a little higher).
    """
    lines: list[list[_Char]] = []
    total = 0.0
    for ch in sorted(chars, key=lambda c: (c.mid, c.x0)):
        if lines and abs(ch.mid - total / len(lines[-1])) <= max(1.0, 0.4 * ch.size):
            lines[-1].append(ch)
            total += ch.mid
            continue
        lines.append([ch])
        total = ch.mid
    for number, line in enumerate(lines, 1):
        line.sort(key=lambda c: c.x0)
        for column, ch in enumerate(line, 1):
            ch.line, ch.column = number, column
    return lines


# ------------------------------------------------------------------------------ text assembly

Piece = tuple[str, Position]


def _position(ch: _Char, cell: tuple[int, int, int] | None) -> Position:
    return Position(ch.line, ch.column, page=ch.page, cell=cell)


def _assemble(lines: list[list[_Char]], cell: tuple[int, int, int] | None = None) -> list[Piece]:
    """The characters of consecutive lines as text pieces with their positions.

    Within a line: a space where a visible gap separates characters that are not tight (see
    `_tight`). Between lines: nothing, except a space between two letters or digits.
    """
    pieces: list[Piece] = []
    prev: _Char | None = None
    for line in lines:
        for i, ch in enumerate(line):
            if prev is not None:
                if i == 0:
                    space = bool(_ALNUM.match(prev.text[-1]) and _ALNUM.match(ch.text[0]))
                else:
                    gap = (ch.x0 - prev.x1) / max(min(ch.size, prev.size), 1.0)
                    space = gap > _SPACE_GAP and not _tight(prev.text[-1], ch.text[0])
                if space:
                    pieces.append((" ", Position(prev.line, prev.column + 1, page=prev.page, cell=cell)))
            pieces.append((ch.text, _position(ch, cell)))
            prev = ch
    return pieces


def _text(pieces: list[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def _run(pieces: list[Piece]) -> TextRun:
    run = TextRun()
    for text, position in pieces:
        run.add(text, position)
    return run


# ------------------------------------------------------------------------------ page structure


@dataclass(eq=False)
class _Line:
    """The characters of one page line that are not in a table."""

    page: int
    chars: list[_Char]
    page_height: float
    text: str = ""

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def size(self) -> float:
        sizes = sorted(c.size for c in self.chars)
        return sizes[len(sizes) // 2]


@dataclass(eq=False)
class _GridCell:
    bbox: tuple[float, float, float, float]
    row: int  # index in its part
    column: int  # index in its part's grid
    lines: list[list[_Char]] = field(default_factory=list)
    merged_into: _GridCell | None = None  # a fragment or remains of a cell cut by a page break
    number: tuple[int, int, int] | None = None

    @property
    def text(self) -> str:
        return _text(_assemble(self.lines))


@dataclass(eq=False)
class _Part:
    """One table, or the part of a table on one page."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[_GridCell | None]]
    page_lines: list[list[_Char]]
    table: int = 0
    row_offset: int = 0
    dropped_rows: set[int] = field(default_factory=set)

    @property
    def top(self) -> float:
        return self.bbox[1]

    def cells(self) -> Iterator[_GridCell]:
        for row in self.rows:
            yield from (c for c in row if c is not None)


_WHITE = 0.94


def _is_white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False  # a pattern
    if len(values) == 1:
        return values[0] >= _WHITE
    if len(values) == 3:
        return min(values) >= _WHITE
    if len(values) == 4:  # CMYK
        return max(values) <= 1 - _WHITE
    return False


def _keep_object(obj: dict) -> bool:
    """Everything but the white, unstroked boxes WPS paints behind text lines and cells."""
    if obj.get("object_type") not in ("rect", "curve"):
        return True
    if obj.get("stroke") or not obj.get("fill"):
        return True
    return not _is_white(obj.get("non_stroking_color"))


_TOLERANCE = 3.0
_MAX_EDGES = 4000


def _frames(edges: list[dict]) -> tuple[list[dict], list[dict]]:
    """The outer frame of every group of connected ruling lines, as extra lines for the table
    finder: a table cut by a page break often has no border at the cut."""
    n = len(edges)
    if n > _MAX_EDGES:
        return [], []  # a drawing, not a table: no frames (and no quadratic work)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [(e["x0"] - _TOLERANCE, e["top"] - _TOLERANCE, e["x1"] + _TOLERANCE, e["bottom"] + _TOLERANCE)
             for e in edges]
    order = sorted(range(n), key=lambda i: boxes[i][1])
    for a_at, a in enumerate(order):
        ax0, _atop, ax1, abottom = boxes[a]
        for b in order[a_at + 1:]:
            bx0, btop, bx1, _bbottom = boxes[b]
            if btop > abottom:
                break
            if bx0 <= ax1 and ax0 <= bx1:
                parent[find(a)] = find(b)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, edge in enumerate(edges):
        groups[find(i)].append(edge)
    vertical: list[dict] = []
    horizontal: list[dict] = []
    for group in groups.values():
        if sum(e["orientation"] == "v" for e in group) < 2 or sum(e["orientation"] == "h" for e in group) < 2:
            continue
        x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
        top, bottom = min(e["top"] for e in group), max(e["bottom"] for e in group)
        for y in (top, bottom):
            horizontal.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                               "width": x1 - x0, "height": 0})
        for x in (x0, x1):
            vertical.append({"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom,
                             "width": 0, "height": bottom - top})
    return vertical, horizontal


def _find_tables(page) -> list:
    ruled = page.filter(_keep_object)
    edges = [e for e in ruled.edges if e["orientation"] in ("h", "v")]
    vertical, horizontal = _frames(edges)
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}
    return ruled.find_tables(settings)


@dataclass(eq=False)
class _Page:
    number: int
    height: float
    items: list  # _Line and _Part in reading order
    lines: list[list[_Char]]  # every text line of the page, for blank cells' positions
    chars: int
    images: int


def _read_page(page, number: int) -> _Page:
    try:
        page = page.dedupe_chars()
    except (ValueError, KeyError, TypeError):
        pass  # fonts without the attributes deduplication compares: keep the characters as they are
    chars = []
    for raw in page.chars:
        text = _visible(raw)
        if text is None:
            continue
        chars.append(_Char(text, float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]),
                           float(raw.get("size") or (raw["bottom"] - raw["top"]) or 10.0), number))
    lines = _page_lines(chars)
    parts: list[_Part] = []
    placed: set[int] = set()
    if chars:
        by_mid = sorted(chars, key=lambda c: c.mid)
        mids = [c.mid for c in by_mid]
        for table in _find_tables(page):
            part = _part(table, number, lines, by_mid, mids, placed)
            if part is not None:
                parts.append(part)
    rest: dict[int, list[_Char]] = defaultdict(list)
    for ch in chars:
        if id(ch) not in placed:
            rest[ch.line].append(ch)
    items: list = [_Line(number, sorted(cs, key=lambda c: c.x0), float(page.height)) for _, cs in sorted(rest.items())]
    items += parts
    items.sort(key=lambda item: item.top)
    return _Page(number, float(page.height), items, lines, len(chars), len(page.images))


def _part(table, number: int, lines, by_mid: list[_Char], mids: list[float], placed: set[int]) -> _Part | None:
    rows: list[list[_GridCell | None]] = []
    for r, row in enumerate(table.rows):
        rows.append([None if bbox is None else _GridCell(tuple(map(float, bbox)), r, c)
                     for c, bbox in enumerate(row.cells)])
    cells = [c for row in rows for c in row if c is not None]
    if len(cells) < 2:
        return None  # a box around a paragraph, a shaded heading: text, not a table
    taken: list[tuple[_GridCell, list[_Char]]] = []
    for cell in cells:
        x0, top, x1, bottom = cell.bbox
        inside = [ch for ch in by_mid[bisect.bisect_left(mids, top):bisect.bisect_right(mids, bottom)]
                  if x0 <= (ch.x0 + ch.x1) / 2 <= x1 and id(ch) not in placed]
        taken.append((cell, inside))
        placed.update(id(ch) for ch in inside)
    if not any(inside for _, inside in taken):
        for _, inside in taken:
            placed.difference_update(id(ch) for ch in inside)
        return None
    for cell, inside in taken:
        grouped: dict[int, list[_Char]] = defaultdict(list)
        for ch in inside:
            grouped[ch.line].append(ch)
        cell.lines = [sorted(grouped[k], key=lambda c: c.x0) for k in sorted(grouped)]
    return _Part(number, tuple(map(float, table.bbox)), rows, lines)


# ------------------------------------------------------------------------------ page furniture

_PAGE_NUMBER = regex.compile(
    r"""^(?:
        [-—–－‒―~～·•_]+\d{1,4}[-—–－‒―~～·•_]+
      | 第\d+页(?:[,，/、]?共\d+页)?
      | 共\d+页[,，/、]?第\d+页
      | \d+/\d+
      | (?i:page)\d+(?:(?i:of)\d+)?
    )$""", regex.X)
_BARE_NUMBER = regex.compile(r"^\d{1,4}$")
_MARGIN = 0.12  # the top and bottom bands of a page where headers and footers sit


def _compact(text: str) -> str:
    return "".join(text.split())


def _in_margin(line: _Line) -> bool:
    return line.bottom < line.page_height * _MARGIN or line.top > line.page_height * (1 - _MARGIN)


def _drop_furniture(pages: list[_Page]) -> None:
    """Remove page numbers anywhere and running headers/footers repeated in the pages' margins."""
    repeated: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line):
                item.text = _text(_assemble([item.chars]))
                if _in_margin(item):
                    repeated[regex.sub(r"\d+", "#", _compact(item.text))].add(page.number)
    enough = max(2, len(pages) // 2)
    running = {key for key, on in repeated.items() if len(on) >= enough}
    for page in pages:
        kept = []
        for item in page.items:
            if isinstance(item, _Line):
                key = _compact(item.text)
                if _PAGE_NUMBER.match(key) or (_in_margin(item) and (
                        _BARE_NUMBER.match(key) or regex.sub(r"\d+", "#", key) in running)):
                    continue
            kept.append(item)
        page.items = kept


# ------------------------------------------------------------------------------ tables across pages

_NUMERIC = regex.compile(r"^[-+]?(?:\d[\d,]*)(?:\.\d+)?$")
_NUMBERED = regex.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．,，])")


def _bottom_cells(part: _Part) -> list[_GridCell]:
    """The cells of `part` that reach its bottom edge (the row cut by the page break), left to right."""
    bottom = part.bbox[3]
    return sorted((c for c in part.cells() if abs(c.bbox[3] - bottom) <= _TOLERANCE), key=lambda c: c.bbox[0])


def _root(cell: _GridCell) -> _GridCell:
    while cell.merged_into is not None:
        cell = cell.merged_into
    return cell


def _continue(previous: _Part, part: _Part, header: list[list[str]]) -> None:
    """`part` continues `previous` on the next page: drop a repeated header, then join what the
    page break cut (the rest of a merged label, the empty remains of merged cells)."""
    for r, row in enumerate(part.rows):
        texts = [_compact(c.text) for c in row if c is not None]
        if r < len(header) and texts == header[r] and not any(_NUMERIC.match(t) for t in texts):
            part.dropped_rows.add(r)
            continue
        _join_cut_row(previous, row)
        if not any(_compact(c.text) for c in row if c is not None and c.merged_into is None):
            part.dropped_rows.add(r)
        break


def _join_cut_row(previous: _Part, row: list[_GridCell | None]) -> None:
    """Join the first row of a continued part to the row the page break cut.

    A cell of the new part continues the cell above it when both have the same width and the one
    above reaches the page's table bottom. It is the rest of a merged label (`法提供` after
    `（四）无`, or the empty box WPS draws) when labels stand to the right of both; it is the rest of
    a wrapped row label (`具已获取信息`) when the row has no numbers and nothing follows either
    label. A label that starts with its own numbering (`（五）`, `3.`) is a new row, never a rest.
    """
    bottom = _bottom_cells(previous)
    cells = [c for c in row if c is not None]
    texts = [_compact(c.text) for c in cells]
    labels = [bool(t) and not _NUMERIC.match(t) for t in texts]
    has_values = any(_NUMERIC.match(t) for t in texts)
    for i, cell in enumerate(cells):
        above = next((c for c in bottom if abs(c.bbox[0] - cell.bbox[0]) <= _TOLERANCE
                      and abs(c.bbox[2] - cell.bbox[2]) <= _TOLERANCE), None)
        if above is None:
            continue
        cover = _root(above)
        if not _compact(cover.text):
            continue
        label_after = any(labels[i + 1:])
        cover_label_after = any(_compact(c.text) and not _NUMERIC.match(_compact(c.text))
                                for c in bottom if c.bbox[0] >= above.bbox[2] - _TOLERANCE)
        if not texts[i]:
            if label_after and cover_label_after:
                cell.merged_into = cover  # the empty rest of a merged label cell
        elif labels[i] and not _NUMBERED.match(texts[i]):
            if (label_after and cover_label_after) or not (label_after or cover_label_after or has_values):
                cover.lines = cover.lines + cell.lines
                cell.merged_into = cover
            elif not (label_after or cover_label_after) and above is cover:
                # A row cut with its numbers below the break: the label's start joins them here,
                # and the blank cells the row left above are no cells.
                rest = [c for c in bottom if c.bbox[0] >= above.bbox[2] - _TOLERANCE]
                if all(not _compact(c.text) for c in rest):
                    cell.lines = cover.lines + cell.lines
                    for c in (cover, *rest):
                        c.merged_into = cell


# ------------------------------------------------------------------------------ paragraphs

_SENTENCE_END = ("。", "！", "？", "!", "?")
_HEADING_LIKE = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[章节部分条]|\d+[、.．](?!\d))")


def _margins(lines: list[_Line]) -> tuple[float, float]:
    body = [line for line in lines if len(line.chars) >= 8] or lines
    lefts = Counter(round(line.x0) for line in body)
    rights = Counter(round(line.x1) for line in body)
    return float(lefts.most_common(1)[0][0]), float(rights.most_common(1)[0][0])


def _centred(line: _Line, left: float, right: float) -> bool:
    return line.x0 - left > line.size and abs((line.x0 + line.x1) - (left + right)) < 2 * line.size


def _breaks(a: _Line, b: _Line, left: float, right: float, body: float) -> bool:
    """Whether line `b` starts a new paragraph after line `a` (`body`: the body text's size)."""
    size = max(a.size, b.size)
    if a.text.rstrip().endswith(_SENTENCE_END):
        return True
    if abs(a.size - b.size) > 1.0:
        return True
    if a.page == b.page and b.top - a.bottom > 1.5 * size:
        return True
    if _HEADING_LIKE.match(_compact(b.text)):
        return True
    if (_centred(a, left, right) or a.size > body + 1.0) and _centred(b, left, right):
        return False  # a title wrapped over centred lines (its first may be full) is one paragraph
    if b.x0 - left > 0.8 * b.size:
        return True  # an indented first line, a centred or right-aligned line
    return a.x1 < right - 1.5 * a.size  # a line that stops short of the margin ends its paragraph


def _paragraph(lines: list[_Line]) -> Block:
    pieces = _assemble([line.chars for line in lines])
    return Block("paragraph", (_run(pieces).cell(pieces[0][1]),))


# ------------------------------------------------------------------------------ rows


def _fallback(part: _Part, cell: _GridCell) -> Position:
    """Where a blank cell is: the page line nearest its middle, before the first character right of it."""
    page_lines = part.page_lines
    middle = (cell.bbox[1] + cell.bbox[3]) / 2
    if not page_lines:
        return Position(1, 1, page=part.page, cell=cell.number)
    index = min(range(len(page_lines)),
                key=lambda i: abs(sum(c.mid for c in page_lines[i]) / len(page_lines[i]) - middle))
    column = 1 + sum(1 for c in page_lines[index] if (c.x0 + c.x1) / 2 < cell.bbox[0])
    return Position(index + 1, column, page=part.page, cell=cell.number)


def _rows(part: _Part) -> Iterator[Block]:
    for r, row in enumerate(part.rows):
        if r in part.dropped_rows:
            continue
        cells = [c for c in row if c is not None and c.merged_into is None]
        built = []
        for cell in cells:
            cell.number = (part.table, part.row_offset + r + 1, cell.column + 1)
            built.append(_assemble(cell.lines, cell.number))
        texts = [_text(p).strip() for p in built]
        if not any(texts):
            continue
        excerpt, starts = row_excerpt(texts)
        yield Block("row", tuple(_run(pieces).cell(_fallback(part, cell), excerpt, at)
                                 for cell, pieces, at in zip(cells, built, starts)))


# ------------------------------------------------------------------------------ the document


def _blocks(pages: list[_Page]) -> list[Block]:
    _drop_furniture(pages)
    lines = [item for page in pages for item in page.items if isinstance(item, _Line)]
    left, right = _margins(lines) if lines else (0.0, 0.0)
    sizes = Counter()
    for line in lines:
        sizes[round(line.size)] += len(line.chars)
    body = float(sizes.most_common(1)[0][0]) if sizes else 0.0
    # Paragraphs and table parts in reading order; rows are built last, since a part's cells can
    # still receive the rest of a label cut by the next page's break.
    order: list[list[_Line] | _Part] = []
    paragraph: list[_Line] = []
    previous: _Part | None = None  # the last item, when it was a table
    headers: dict[int, list[list[str]]] = {}
    table = 0
    for page in pages:
        for at, item in enumerate(page.items):
            if isinstance(item, _Line):
                if paragraph and _breaks(paragraph[-1], item, left, right, body):
                    order.append(paragraph)
                    paragraph = []
                paragraph.append(item)
                previous = None
                continue
            if paragraph:
                order.append(paragraph)
                paragraph = []
            if previous is not None and at == 0 and previous.page == page.number - 1:
                item.table, item.row_offset = previous.table, previous.row_offset + len(previous.rows)
                _continue(previous, item, headers[item.table])
            else:
                table += 1
                item.table = table
                headers[table] = [[_compact(c.text) for c in row if c is not None] for row in item.rows[:4]]
            order.append(item)
            previous = item
    if paragraph:
        order.append(paragraph)
    blocks: list[Block] = []
    for entry in order:
        if isinstance(entry, _Part):
            blocks.extend(_rows(entry))
        else:
            blocks.append(_paragraph(entry))
    return blocks


def _check_text(pages: list[_Page]) -> None:
    """A scan has (nearly) no characters and images on its pages; a PDF with no characters at all
    and no images has its text drawn as outlines."""
    text = sum(page.chars for page in pages)
    scanned = sum(1 for page in pages if page.images)
    if text < 10 * len(pages) and scanned * 2 >= len(pages):
        raise UnreadableInput(SCAN_MESSAGE)
    if text == 0:
        raise UnreadableInput(f"PDF 中没有可提取的文字（文字可能已转为曲线）：{_SAVE_AGAIN}")


def _read(path: str, data: bytes) -> Document:
    import pdfplumber  # only here: linting text never loads the PDF library

    with pdfplumber.open(BytesIO(data)) as pdf:
        count = len(pdf.pages)
        if count > MAX_PAGES:
            raise UnreadableInput(f"PDF 共 {count} 页，超过上限 {MAX_PAGES} 页，不像一份年度报告")
        if count == 0:
            raise UnreadableInput("PDF 没有页面：文件不完整，请重新下载或重新导出")
        pages = []
        garbled = 0
        for number, page in enumerate(pdf.pages, 1):
            garbled += sum(1 for c in page.chars if (c.get("text") or "").startswith("(cid:"))
            pages.append(_read_page(page, number))
            page.close()
        if garbled and garbled > sum(p.chars for p in pages):
            raise UnreadableInput(f"PDF 的字体没有文字编码，提取出的是乱码：{_SAVE_AGAIN}")
        _check_text(pages)
        blocks = _blocks(pages)
    return Document(path, (), tuple(blocks), None, kind="pdf")


def _password(error: BaseException | None) -> bool:
    """Whether pdfminer refused the file for want of a password (pdfplumber wraps its exception)."""
    seen = 0
    while error is not None and seen < 10:
        if type(error).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            return True
        wrapped = error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
        error, seen = wrapped or error.__cause__ or error.__context__, seen + 1
    return False


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no library's `except Exception` swallows it."""


@contextmanager
def _time_limit(seconds: float):
    """The shared time limit (`disclosure_lint.limits`: SIGALRM, in the main thread on POSIX;
    elsewhere no limit), raising `_Timeout` when this one expires. An enclosing limit (the batch's
    per-file one) that expires first passes through as itself."""
    from disclosure_lint.limits import TimeLimitExceeded, time_limit

    limit = time_limit(seconds)
    try:
        with limit:
            yield
    except TimeLimitExceeded as exceeded:
        if exceeded.limit is not limit:
            raise
        raise _Timeout from None


def read_pdf(path: str, data: bytes) -> Document:
    """The paragraphs and table rows of a text PDF, in reading order, with PDF positions.

    Raises `UnreadableInput` for a scan, an encrypted, damaged, oversized or too slow file: never
    a traceback.
    """
    try:
        with _time_limit(MAX_SECONDS):
            return _read(path, data)
    except UnreadableInput:
        raise
    except _Timeout:
        raise UnreadableInput(f"PDF 解析超时（超过 {MAX_SECONDS} 秒），文件可能过于复杂或已损坏：{_SAVE_AGAIN}") from None
    except RecursionError:
        raise UnreadableInput("PDF 结构嵌套过深，无法解析：文件可能已损坏，请重新导出") from None
    except MemoryError:
        raise UnreadableInput("PDF 过于庞大，解析时内存不足：请重新导出为普通文字 PDF") from None
    except Exception as error:  # pdfminer and pdfplumber raise many kinds on damaged files
        if _password(error):
            raise UnreadableInput("PDF 已加密，需要密码才能打开：请提供未加密的版本") from None
        raise UnreadableInput(f"PDF 文件已损坏或不完整，无法解析（{_problem(error)}）：请重新下载或重新导出") from None


def _problem(error: BaseException) -> str:
    """What went wrong, in words: pdfplumber wraps pdfminer's exception, which names it."""
    while type(error).__name__ == "PdfminerException" and error.args and isinstance(error.args[0], BaseException):
        error = error.args[0]
    name, message = type(error).__name__, str(error).strip()
    if name == "PSEOF" or "Unexpected EOF" in message:
        return "文件在中途截断"
    if "/Root" in message:
        return "找不到文档目录（/Root），文件可能被截断或不是 PDF"
    if name == "PDFSyntaxError":
        return f"PDF 语法错误：{message[:60]}"
    if name in ("PDFNoValidXRef", "PDFNoValidXRefWarning"):
        return "交叉引用表（xref）损坏"
    return f"{name}：{message.splitlines()[0][:60]}" if message else name
