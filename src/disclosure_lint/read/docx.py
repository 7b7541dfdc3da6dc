"""The Word (.docx) reader: body paragraphs and table rows, with every character's paragraph and column.

Standard library only (zipfile + ElementTree): a small reader is about ten times faster than
python-docx, and sees what python-docx misses (a table inside a content control, a total that is
a field). What is read, in document order (`w:body`):

* a paragraph (`w:p`) -> a paragraph block; runs joined (`w:t`; `w:tab` as a tab; `w:br`, `w:cr`
  as a space; `w:noBreakHyphen` as "-"; `w:sym` and hidden (`w:vanish`) runs dropped);
* a table (`w:tbl`) -> one row block per `w:tr`, one cell per visible `w:tc`. `w:gridSpan` is one
  cell over several grid columns (like HTML colspan); a `w:vMerge` (or legacy `w:hMerge`)
  continuation is no cell at all (like rowspan), so a merged label never turns into blank cells,
  while an empty `w:tc` is a blank cell. A nested table's text goes into its cell; a cell's
  paragraphs are joined with a space. Rows with no text at all are dropped, as in the HTML reader.
* content controls (`w:sdt`, block, row, cell and run level), `w:customXml`, `w:smartTag`,
  hyperlinks and tracked insertions (`w:ins`, `w:moveTo`) are read as ordinary content; tracked
  deletions (`w:del`, `w:moveFrom`, deleted rows) are skipped;
* fields: a simple field (`w:fldSimple`) is its displayed text; a complex field (`w:fldChar`
  begin / separate / end) is the result between separate and end, never the instruction
  (`w:instrText`) — a table total computed by `=SUM(ABOVE)` reads as its number, not a blank;
* `mc:AlternateContent`: the first `mc:Choice` only. `mc:Fallback` repeats the same content for old
  readers (a text box is both a DrawingML `wps:txbx` in the Choice and a VML `v:textbox` in the
  Fallback), so reading it would double the text.
* text boxes (`w:txbxContent`): their paragraphs become paragraph blocks placed right after the
  paragraph that anchors them, or after the whole table when the anchor is in a table cell. A
  text box is a separate story: appending it to its anchor's text would glue unrelated words onto
  a heading or a number cell, and placing it after a table keeps the table's rows together, while
  dropping it would lose a title or note some templates put in a text box.

Automatic numbering (`w:numPr`, directly or through the paragraph's style and its `w:basedOn`
chain) is read as Word shows it: the list number (一、 （一） 1. ① 甲 …, rendered from the
numbering part: the level's `w:numFmt` and `w:lvlText`) stands in front of the paragraph's text
(a table cell's paragraph too), followed by a space unless the level's `w:suff` is "nothing". A
tab (Word's default) is shown as a space too: it is white space on the page, and "" would glue a
number to a text that starts with a digit ("1" and "2024年" read as 12024). Counters are kept per
abstract definition and level in document order, as Word does: `w:num` instances of one
`w:abstractNum` share them, an instance's `w:startOverride` restarts its level where the
instance first numbers a paragraph, and using a level restarts the deeper ones (`w:lvlRestart`
can say otherwise). A bullet, a level whose format is "none", a hidden number and anything that
does not resolve (no numbering part, a dangling `w:numId`, a level beyond 8) give no number, and
a numbering or styles part that is not well-formed XML is as good as missing. The number's
characters have no source text of their own: they all take the position of the paragraph's first
character, while the excerpt shows the whole displayed text (a caret under them marks the number).

Headers, footers, footnotes and comments are other parts of the package and are not read: they
are not part of the report's body (a page footer inside a table would only be noise).

Positions (`Position`, unit "paragraph"): `line` is the paragraph's number among all `w:p` of the
body in document order (table cells and text boxes included, `mc:Fallback` copies not), `column`
the 1-based character in that paragraph's text, and a body table's cell also carries
(table, row, column): the table's number among body tables, the `w:tr`'s number in it and the
cell's number among the row's visible cells.

Hostile files raise `UnreadableInput` before any harm: the member sizes and compression ratio are
checked from the zip directory before anything is inflated, `word/document.xml` (and the
relationships, numbering and styles parts, with a smaller cap) is inflated with a hard cap, and XML
with a DTD (entity expansion, external entities) is refused outright in any of them, whatever
encoding it hides in.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from io import BytesIO
from xml.etree import ElementTree

from disclosure_lint.document import Block, Document, Position, TextRun, row_excerpt
from disclosure_lint.read import UnreadableInput

DOCUMENT_PART = "word/document.xml"
NUMBERING_PART, STYLES_PART = "word/numbering.xml", "word/styles.xml"  # unless the relationships say otherwise
RELATIONSHIPS_PART = "word/_rels/document.xml.rels"
MAX_DOCUMENT_XML = 32 * 1024 * 1024  # inflated bytes; a 300-page report's document.xml is a few MB
MAX_PART_XML = 8 * 1024 * 1024  # numbering, styles, relationships: a few hundred KB at most
MAX_RATIO = 100  # deflated XML is 5-20x smaller; a bomb is ~1000x
_RATIO_FROM = 1024 * 1024  # below this size no ratio can hurt

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"  # "Strict Open XML" documents
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"

_CORRUPT = "Word 文档（.docx）已损坏，无法打开：请在 Word 或 WPS 中重新保存后再检查"
_HOSTILE = "，疑为恶意构造的文件，拒绝读取"
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_FALSE = frozenset({"0", "false", "off"})


class _Tags:
    """Clark names (`{namespace}local`) of the WordprocessingML elements read, for one namespace."""

    def __init__(self, ns: str) -> None:
        def w(local: str) -> str:
            return f"{{{ns}}}{local}"

        self.body, self.p, self.r, self.t, self.tbl, self.tr, self.tc = map(
            w, ("body", "p", "r", "t", "tbl", "tr", "tc"))
        self.tab, self.ptab, self.br, self.cr, self.no_break_hyphen = map(
            w, ("tab", "ptab", "br", "cr", "noBreakHyphen"))
        self.rpr, self.vanish, self.fld_char, self.ruby, self.ruby_base = map(
            w, ("rPr", "vanish", "fldChar", "ruby", "rubyBase"))
        self.tcpr, self.vmerge, self.hmerge, self.trpr, self.deleted = map(
            w, ("tcPr", "vMerge", "hMerge", "trPr", "del"))
        self.sdt, self.sdt_content, self.txbx = map(w, ("sdt", "sdtContent", "txbxContent"))
        self.ppr, self.pstyle, self.numpr, self.numid, self.ilvl = map(
            w, ("pPr", "pStyle", "numPr", "numId", "ilvl"))
        self.val, self.fld_char_type = w("val"), w("fldCharType")
        # Containers read as if their children stood in their place (block, row and cell level).
        self.transparent = frozenset(map(w, ("customXml", "ins", "moveTo")))
        # The same inside a paragraph.
        self.inline = frozenset(map(w, ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple",
                                        "dir", "bdo")))
        # Run children that may hold a text box.
        self.drawings = frozenset((w("drawing"), w("pict"), w("object"), MC_ALTERNATE))


class _Text:
    """One cell's (or paragraph's) text, assembled from the paragraphs and runs that make it."""

    __slots__ = ("gap", "run")

    def __init__(self) -> None:
        self.run = TextRun()
        self.gap: Position | None = None  # where the space between two paragraphs stands


class _Paragraph:
    """The paragraph being read: its number, the next column, and the text it adds to."""

    __slots__ = ("cell", "column", "number", "shown", "text")

    def __init__(self, text: _Text, number: int, cell: tuple[int, int, int] | None) -> None:
        self.text, self.number, self.column, self.cell = text, number, 1, cell
        self.shown = False  # anything added yet (text or a list number)

    def _separate(self) -> None:
        text = self.text
        if text.gap is not None:
            text.run.add(" ", text.gap)
            text.gap = None
        self.shown = True

    def add(self, piece: str) -> None:
        if not piece:
            return
        self._separate()
        self.text.run.add(piece, Position(self.number, self.column, None, self.cell, "paragraph"))
        self.column += len(piece)

    def add_number(self, label: str) -> None:
        """A list number: shown, but with no source text of its own, so every character of it is
        placed at the paragraph's first character and the paragraph's text keeps its columns."""
        if not label:
            return
        self._separate()
        at = Position(self.number, 1, None, self.cell, "paragraph")
        for char in label:
            self.text.run.add_char(char, at)

    def close(self) -> None:
        """The paragraph ends: a later paragraph of the same cell is separated by a space."""
        if self.shown:
            self.text.gap = Position(self.number, self.column, None, self.cell, "paragraph")


class _Reader:
    def __init__(self, tags: _Tags, numbering: _Numbering | None = None) -> None:
        self.w = tags
        self.numbering = numbering
        self.paragraphs = 0  # paragraphs numbered so far
        self.tables = 0  # body tables numbered so far
        # Open complex fields, innermost last: False while in the instruction, True in the result.
        self.fields: list[bool] = []

    # -- block level
    def children(self, parent):
        """The children of `parent`, looking through content controls and other transparent wrappers."""
        w = self.w
        for child in parent:
            tag = child.tag
            if tag == w.sdt:
                content = child.find(w.sdt_content)
                if content is not None:
                    yield from self.children(content)
            elif tag in w.transparent:
                yield from self.children(child)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    yield from self.children(choice)
            else:
                yield child

    def blocks(self, parent, out: list[Block], body: bool) -> None:
        """Paragraphs and tables of the body (or of a text box) as blocks, appended to `out`."""
        w = self.w
        for child in self.children(parent):
            if child.tag == w.p:
                text, deferred = _Text(), []
                number = self.paragraph(child, text, None, deferred)
                cell = text.run.cell(Position(number, 1, None, None, "paragraph"))
                if cell.text:
                    out.append(Block("paragraph", (cell,)))
                out.extend(deferred)
            elif child.tag == w.tbl:
                if body:
                    self.tables += 1
                self.table(child, out, self.tables if body else None)

    def table(self, table, out: list[Block], number: int | None) -> None:
        w = self.w
        deferred: list[Block] = []
        row_number = 0
        for row in self.children(table):
            if row.tag != w.tr or _deleted_row(row, w):
                continue
            row_number += 1
            cells: list[tuple[TextRun, Position]] = []
            for cell in self.children(row):
                if cell.tag != w.tc:
                    continue
                if _continuation(cell, w):
                    self.cell_content(cell, _Text(), None, deferred)  # numbers its paragraphs only
                    continue
                where = (number, row_number, len(cells) + 1) if number is not None else None
                fallback = Position(self.paragraphs + 1, 1, None, where, "paragraph")
                text = _Text()
                self.cell_content(cell, text, where, deferred)
                cells.append((text.run, fallback))
            texts = [run.text.strip() for run, _ in cells]
            if not any(texts):
                continue
            excerpt, starts = row_excerpt(texts)
            out.append(Block("row", tuple(run.cell(fallback, excerpt, at)
                                          for (run, fallback), at in zip(cells, starts))))
        out.extend(deferred)

    def cell_content(self, parent, text: _Text, where, deferred: list[Block]) -> None:
        """A table cell's paragraphs and nested tables, all into one text."""
        w = self.w
        saved, self.fields = self.fields, []  # a field never spans cells
        for child in self.children(parent):
            if child.tag == w.p:
                self.paragraph(child, text, where, deferred)
            elif child.tag == w.tbl:
                for row in self.children(child):
                    if row.tag == w.tr and not _deleted_row(row, w):
                        for cell in self.children(row):
                            if cell.tag == w.tc:
                                self.cell_content(cell, text if not _continuation(cell, w) else _Text(),
                                                  where, deferred)
        self.fields = saved

    # -- paragraph level
    def paragraph(self, p, text: _Text, where, deferred: list[Block]) -> int:
        self.paragraphs += 1
        paragraph = _Paragraph(text, self.paragraphs, where)
        if self.numbering is not None:
            paragraph.add_number(self.numbering.label(p.find(self.w.ppr)))
        self.inline(p, paragraph, deferred)
        paragraph.close()
        # A field whose instruction is still open at the paragraph's end is broken: forget it, so
        # that the rest of the document is not taken for instruction text.
        fields = self.fields
        while fields and not fields[-1]:
            fields.pop()
        return paragraph.number

    def inline(self, parent, paragraph: _Paragraph, deferred: list[Block]) -> None:
        w = self.w
        for child in parent:
            tag = child.tag
            if tag == w.r:
                self.run(child, paragraph, deferred)
            elif tag in w.inline:
                self.inline(child, paragraph, deferred)
            elif tag == w.sdt:
                content = child.find(w.sdt_content)
                if content is not None:
                    self.inline(content, paragraph, deferred)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.inline(choice, paragraph, deferred)
            # w:del, w:moveFrom (tracked deletions), w:pPr, bookmarks, proofing marks: nothing to read

    def run(self, r, paragraph: _Paragraph, deferred: list[Block]) -> None:
        w = self.w
        shown = True
        for child in r:
            tag = child.tag
            if tag == w.t:
                if shown and (not self.fields or all(self.fields)):
                    paragraph.add(child.text or "")
            elif tag == w.rpr:
                vanish = child.find(w.vanish)
                shown = vanish is None or vanish.get(w.val, "true").lower() in _FALSE
            elif tag == w.fld_char:
                kind = child.get(w.fld_char_type)
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif not shown or (self.fields and not all(self.fields)):
                continue
            elif tag == w.tab or tag == w.ptab:
                paragraph.add("\t")
            elif tag == w.br or tag == w.cr:
                paragraph.add(" ")
            elif tag == w.no_break_hyphen:
                paragraph.add("-")
            elif tag in w.drawings:
                for box in self.text_boxes(child):
                    self.text_box(box, deferred)
            elif tag == w.ruby:
                base = child.find(w.ruby_base)  # the annotated text, not the annotation (w:rt)
                if base is not None:
                    self.inline(base, paragraph, deferred)
            # w:instrText (field instructions), w:delText, w:sym, w:softHyphen, breaks: nothing to read

    def text_boxes(self, element):
        """The outermost text boxes inside a drawing, not looking into mc:Fallback copies."""
        for child in element:
            if child.tag == self.w.txbx:
                yield child
            elif child.tag != MC_FALLBACK:
                yield from self.text_boxes(child)

    def text_box(self, box, deferred: list[Block]) -> None:
        saved, self.fields = self.fields, []  # a separate story
        self.blocks(box, deferred, body=False)
        self.fields = saved


def _continuation(cell, w: _Tags) -> bool:
    """A cell that continues a merged cell above (vMerge) or to the left (legacy hMerge)."""
    properties = cell.find(w.tcpr)
    if properties is None:
        return False
    for tag in (w.vmerge, w.hmerge):
        merge = properties.find(tag)
        if merge is not None and merge.get(w.val, "continue") != "restart":
            return True
    return False


def _deleted_row(row, w: _Tags) -> bool:
    properties = row.find(w.trpr)
    return properties is not None and properties.find(w.deleted) is not None


# --------------------------------------------------------------------------- automatic numbering

LEVELS = 9  # w:ilvl 0..8
_INTEGER = re.compile(r"\s*[+-]?\d{1,10}\s*")
_INT32 = 2 ** 31
_PLACEHOLDER = re.compile(r"%([1-9])")
_STYLE_HOPS = 32  # w:basedOn chains and numbering style links followed at most this far
_NUMBER_SUFFIX = {"nothing": "", "space": " ", "tab": " "}  # a tab shows as white space


def _integer(element, attribute: str, low: int, high: int) -> int | None:
    """An integer attribute in [low, high], or None (absent, not a number, absurd)."""
    if element is None:
        return None
    value = element.get(attribute)
    if value is None or not _INTEGER.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def _on(element, attribute: str) -> bool:
    """An on/off property (`<w:isLgl/>`, `<w:vanish w:val="0"/>`)."""
    return element is not None and element.get(attribute, "true").lower() not in _FALSE


# Number formats (w:numFmt). Values outside a format's range are written in decimal, as Word does
# for most of them.
_CJK_DIGITS = "零一二三四五六七八九"
_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _counting(n: int, digits: str = _CJK_DIGITS, units: str = "十百千", bare_ten: bool = True) -> str:
    """1 一, 10 十, 11 十一, 20 二十, 101 一百零一, up to 9999 (legal forms: 壹拾, 壹佰…)."""
    if not 0 < n < 10000:
        return str(n)
    out, zero = [], False
    written = str(n)
    for i, char in enumerate(written):
        digit, place = int(char), len(written) - 1 - i
        if digit == 0:
            zero = True
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[digit] + (units[place - 1] if place else ""))
    text = "".join(out)
    return text[1:] if bare_ten and 10 <= n < 20 else text


def _ideograph_digits(n: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(n)) if n >= 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letter(n: int) -> str:
    """A B … Z AA BB … (Word repeats the letter); absurdly long repetitions in decimal."""
    if not 0 < n <= 26 * 20:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(first: int, count: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if 0 < n <= count else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[n - 1] if 0 < n <= len(symbols) else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: _full_width(str(n)),
    "decimalFullWidth2": lambda n: _full_width(str(n)),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),  # ① … ⑳
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),  # ⒈ … ⒛
    "decimalEnclosedParen": _enclosed(0x2474, 20),  # ⑴ … ⒇
    "ideographEnclosedCircle": _enclosed(0x3280, 10),  # ㊀ … ㊉
    "chineseCounting": _counting,
    "chineseCountingThousand": _counting,
    "japaneseCounting": _counting,
    "taiwaneseCounting": _counting,
    "taiwaneseCountingThousand": _counting,
    "chineseLegalSimplified": lambda n: _counting(n, _LEGAL_SIMPLIFIED, "拾佰仟", bare_ten=False),
    "ideographLegalTraditional": lambda n: _counting(n, _LEGAL_TRADITIONAL, "拾佰仟", bare_ten=False),
    "ideographDigital": _ideograph_digits,
    "taiwaneseDigital": _ideograph_digits,
    "japaneseDigitalTenThousand": _ideograph_digits,
    "ideographTraditional": _cycle(_STEMS),  # 甲 乙 丙 丁 …
    "ideographZodiac": _cycle(_BRANCHES),  # 子 丑 寅 卯 …
    "ideographZodiacTraditional": lambda n: _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if 0 < n <= 60 else str(n),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "ordinal": _ordinal,
}
_NO_NUMBER = frozenset({"none", "bullet"})


def _full_width(digits: str) -> str:
    """ASCII digits (and minus) as their full-width forms."""
    return digits.translate({cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)})


def _custom(pattern: str) -> Callable[[int], str] | None:
    """Word 2010's `w:numFmt w:val="custom" w:format="001, 002, 003, ..."`: zero-padded decimals."""
    first = pattern.split(",", 1)[0].strip()
    if first.isascii() and first.isdigit() and 1 < len(first) <= 10:
        width = len(first)
        return lambda n: f"{n:0{width}d}" if n >= 0 else str(n)
    return None


class _Level:
    """One level of a numbering definition (`w:lvl`)."""

    __slots__ = ("format", "hidden", "legal", "restart", "start", "style", "suffix", "text")

    def __init__(self, lvl, n: Callable[[str], str]) -> None:
        val = n("val")
        self.start = _integer(lvl.find(n("start")), val, -_INT32, _INT32 - 1)
        if self.start is None:
            self.start = 0  # the schema's default; Word always writes w:start
        self.format = _level_format(lvl, n)
        text = lvl.find(n("lvlText"))
        self.text = (text.get(val) or "") if text is not None else ""
        self.restart = _integer(lvl.find(n("lvlRestart")), val, 0, LEVELS)
        suffix = lvl.find(n("suff"))
        self.suffix = _NUMBER_SUFFIX.get(suffix.get(val, "tab") if suffix is not None else "tab", " ")
        self.legal = _on(lvl.find(n("isLgl")), val)
        properties = lvl.find(n("rPr"))
        self.hidden = properties is not None and _on(properties.find(n("vanish")), val)
        style = lvl.find(n("pStyle"))
        self.style = style.get(val) if style is not None else None

    def number(self, value: int, legal: bool = False) -> str:
        """`value` in this level's format; `legal`: in decimal (another level's number shown by a
        level with `w:isLgl`: "Section 1.01" under "ARTICLE I")."""
        if self.format is None:
            return ""
        return str(value) if legal else self.format(value)


def _level_format(lvl, n: Callable[[str], str]) -> Callable[[int], str] | None:
    """How a level writes its number; None for no number (a bullet, "none")."""
    candidates = [lvl.find(n("numFmt"))]
    alternate = lvl.find(MC_ALTERNATE)  # Word 2010+: a custom format, with a fallback for older readers
    if candidates[0] is None and alternate is not None:
        candidates = [branch.find(n("numFmt")) for branch in (alternate.find(MC_CHOICE), alternate.find(MC_FALLBACK))
                      if branch is not None]
    for element in candidates:
        if element is None:
            continue
        kind = element.get(n("val"), "decimal")
        if kind in _NO_NUMBER:
            return None
        if kind == "custom":
            custom = _custom(element.get(n("format"), ""))
            if custom is not None:
                return custom
            continue
        return _FORMATS.get(kind, str)
    return str  # the schema's default: decimal


class _List:
    """A numbering instance (`w:num`) resolved: the abstract definition whose counters it shares,
    its levels (the definition's, with the instance's `w:lvlOverride/w:lvl` in their place), when
    each level restarts (`w:lvlRestart` of the definition: Word ignores one in an override) and
    the levels it restarts at a value of its own (`w:startOverride`)."""

    __slots__ = ("key", "levels", "resets", "restarts")

    def __init__(self, key: str, definition: list[_Level | None], overrides: dict[int, _Level],
                 restarts: dict[int, int]) -> None:
        self.key, self.restarts = key, restarts
        self.levels = [overrides.get(i, level) for i, level in enumerate(definition)]
        self.resets = [level.restart if level is not None else None for level in definition]

    def start(self, level: int) -> int:
        """Where `level` starts, and starts again after a restart: the instance's
        `w:startOverride`, else the level's `w:start`."""
        restart = self.restarts.get(level)
        if restart is not None:
            return restart
        definition = self.levels[level]
        return definition.start if definition is not None else 0


class _Numbering:
    """Word's automatic numbering: the list number each paragraph shows, in document order."""

    def __init__(self, numbering, styles, tags: _Tags) -> None:
        self.w = tags
        ns = numbering.tag[1:].partition("}")[0]

        def n(local: str) -> str:
            return f"{{{ns}}}{local}"

        val = n("val")
        self.abstracts: dict[str, tuple[list[_Level | None], str | None]] = {}
        for abstract in numbering.iter(n("abstractNum")):
            levels: list[_Level | None] = [None] * LEVELS
            for lvl in abstract.iter(n("lvl")):
                ilvl = _integer(lvl, n("ilvl"), 0, LEVELS - 1)
                if ilvl is not None and levels[ilvl] is None:
                    levels[ilvl] = _Level(lvl, n)
            link = abstract.find(n("numStyleLink"))
            key = abstract.get(n("abstractNumId"))
            if key is not None and key not in self.abstracts:
                self.abstracts[key] = (levels, link.get(val) if link is not None else None)
        self.nums: dict[int, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        for num in numbering.iter(n("num")):
            number = _integer(num, n("numId"), 1, _INT32)
            abstract = num.find(n("abstractNumId"))
            if number is None or abstract is None or abstract.get(val) is None or number in self.nums:
                continue
            levels, restarts = {}, {}
            for override in num.iter(n("lvlOverride")):
                ilvl = _integer(override, n("ilvl"), 0, LEVELS - 1)
                if ilvl is None:
                    continue
                start = _integer(override.find(n("startOverride")), val, -_INT32, _INT32 - 1)
                if start is not None:
                    restarts[ilvl] = start
                lvl = override.find(n("lvl"))
                if lvl is not None:
                    levels[ilvl] = _Level(lvl, n)
            self.nums[number] = (abstract.get(val), levels, restarts)
        self.styles: dict[str, tuple[str | None, int | None, int | None]] = {}  # id: (basedOn, numId, ilvl)
        self.numbering_styles: dict[str, int] = {}  # a numbering style's id: its numId
        self.default_style: str | None = None
        if styles is not None:
            self._read_styles(styles)
        self.lists: dict[int, _List | None] = {}
        self.style_numbering: dict[str | None, tuple[int | None, int | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[tuple[int, int]] = set()  # (numId, level) that numbered a paragraph

    def _read_styles(self, styles) -> None:
        ns = styles.tag[1:].partition("}")[0]

        def n(local: str) -> str:
            return f"{{{ns}}}{local}"

        val = n("val")
        for style in styles.iter(n("style")):
            identifier, kind = style.get(n("styleId")), style.get(n("type"), "paragraph")
            if identifier is None:
                continue
            properties = style.find(n("pPr"))
            numbering = properties.find(n("numPr")) if properties is not None else None
            num_id = _integer(numbering.find(n("numId")), val, 0, _INT32) if numbering is not None else None
            ilvl = _integer(numbering.find(n("ilvl")), val, -_INT32, _INT32) if numbering is not None else None
            if kind == "paragraph" and identifier not in self.styles:
                based_on = style.find(n("basedOn"))
                self.styles[identifier] = (based_on.get(val) if based_on is not None else None, num_id, ilvl)
                if self.default_style is None and style.get(n("default"), "0").lower() in ("1", "true", "on"):
                    self.default_style = identifier
            elif kind == "numbering" and num_id is not None:
                self.numbering_styles.setdefault(identifier, num_id)

    # -- what a paragraph shows
    def label(self, properties) -> str:
        """The list number `w:p` with these properties (`w:pPr`, or None) shows, with what follows
        it; "" for none. Counts the paragraph whether or not its number shows."""
        w = self.w
        style, num_id, ilvl, hidden = self.default_style, None, None, False
        if properties is not None:
            named = properties.find(w.pstyle)
            if named is not None:
                style = named.get(w.val)
            numbering = properties.find(w.numpr)
            if numbering is not None:
                num_id = _integer(numbering.find(w.numid), w.val, 0, _INT32)
                ilvl = _integer(numbering.find(w.ilvl), w.val, -_INT32, _INT32)
            mark = properties.find(w.rpr)  # the paragraph mark's run properties: the number's too
            hidden = mark is not None and _on(mark.find(w.vanish), w.val)
        if num_id is None or ilvl is None:
            from_style, style_level = self._style_numbering(style)
            num_id = from_style if num_id is None else num_id
            ilvl = style_level if ilvl is None else ilvl
        if not num_id:  # none, or w:numId 0: numbering removed
            return ""
        numbered = self._list(num_id)
        if numbered is None:
            return ""
        if ilvl is None:  # the level linked to the paragraph's style (or one it is based on), else the first
            linked = {level.style: i for i, level in reversed(list(enumerate(numbered.levels)))
                      if level is not None and level.style is not None}
            ilvl = next((linked[name] for name in self._style_chain(style) if name in linked), 0)
        if not 0 <= ilvl < LEVELS or numbered.levels[ilvl] is None:
            return ""
        counters = self.counters.setdefault(numbered.key, [None] * LEVELS)
        if (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            if ilvl in numbered.restarts:  # where the instance first numbers the level
                counters[ilvl] = None
        current = counters[ilvl]
        counters[ilvl] = numbered.start(ilvl) if current is None else current + 1
        for higher in range(ilvl):  # a level shown before its parent: the parent stands at its start
            if counters[higher] is None:
                counters[higher] = numbered.start(higher)
        for deeper in range(ilvl + 1, LEVELS):
            # lvlRestart is a 1-based level: using it or a higher one restarts this one; 0 never,
            # absent (or not higher than this level) the level just above.
            restart = numbered.resets[deeper]
            if restart is None or restart > deeper or (restart and ilvl < restart):
                counters[deeper] = None
        level = numbered.levels[ilvl]
        if hidden or level.hidden or level.format is None:
            return ""

        def shown(match: re.Match) -> str:
            referred = int(match.group(1)) - 1
            definition = numbered.levels[referred]
            if definition is None:
                return ""
            value = counters[referred]  # a deeper level than the paragraph's: its next start
            return definition.number(numbered.start(referred) if value is None else value,
                                     level.legal and referred != ilvl)

        text = _PLACEHOLDER.sub(shown, level.text)
        return text + level.suffix if text else ""

    def _style_chain(self, style: str | None):
        """The paragraph style and the styles it is based on, nearest first (loops cut)."""
        seen: set[str] = set()
        while style is not None and style not in seen and len(seen) < _STYLE_HOPS and style in self.styles:
            seen.add(style)
            yield style
            style = self.styles[style][0]

    def _style_numbering(self, style: str | None) -> tuple[int | None, int | None]:
        """The numId and level a paragraph style (or a style it is based on) numbers with."""
        found = self.style_numbering.get(style)
        if found is None:
            num_id = ilvl = None
            for name in self._style_chain(style):
                _, style_num, style_level = self.styles[name]
                num_id = style_num if num_id is None else num_id
                ilvl = style_level if ilvl is None else ilvl
            found = self.style_numbering[style] = (num_id, ilvl)
        return found

    def _list(self, num_id: int) -> _List | None:
        if num_id in self.lists:
            return self.lists[num_id]
        resolved = None
        found = self.nums.get(num_id)
        if found is not None:
            key, overrides, restarts = found
            # An abstract definition may only point at a numbering style (w:numStyleLink), whose
            # numbering instance leads to the definition holding the levels.
            seen: set[str] = set()
            while key in self.abstracts and key not in seen and len(seen) < _STYLE_HOPS:
                seen.add(key)
                link = self.abstracts[key][1]
                linked = self.nums.get(self.numbering_styles.get(link, 0)) if link is not None else None
                if linked is None:
                    break
                key = linked[0]
            if key in self.abstracts:
                resolved = _List(key, self.abstracts[key][0], overrides, restarts)
        self.lists[num_id] = resolved
        return resolved


# ------------------------------------------------------------------------------------ the package


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise UnreadableInput(_CORRUPT) from error


def _part(package: zipfile.ZipFile, name: str, label: str, limit: int, required: bool = True) -> bytes | None:
    """A member of the package, inflated only after its declared size and ratio look sane, with a
    hard cap. `label` names it for the author (正文, 编号定义…); a missing optional part is None."""
    try:
        info = package.getinfo(name)
    except KeyError:
        if not required:
            return None
        raise UnreadableInput(f"文件不是有效的 Word 文档（.docx）：缺少{label}部分 {name}") from None
    if info.flag_bits & 0x1:
        raise UnreadableInput("Word 文档已加密（设有密码）：请去掉密码另存后再检查")
    limit_mb = limit // (1024 * 1024)
    if info.file_size > limit:
        raise UnreadableInput(f"Word 文档{label}（{name}）解压后有 {info.file_size // (1024 * 1024)} MB，"
                              f"超过上限 {limit_mb} MB{_HOSTILE}（压缩炸弹）")
    if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise UnreadableInput(f"Word 文档{label}（{name}）的压缩比异常（{ratio} 倍，正常文档不超过 "
                              f"{MAX_RATIO} 倍）{_HOSTILE}（压缩炸弹）")
    try:
        with package.open(info) as member:
            # Never more than the declared size (already checked) can be inflated, whatever the
            # compressed stream really holds: a lying header gets a truncated, unreadable part.
            xml = member.read(min(info.file_size, limit) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            ValueError) as error:
        raise UnreadableInput(_CORRUPT) from error
    if len(xml) > limit:
        raise UnreadableInput(f"Word 文档{label}（{name}）解压后超过上限 {limit_mb} MB{_HOSTILE}（压缩炸弹）")
    return xml


def _decode(xml: bytes, label: str = "正文", required: bool = True) -> str | None:
    """The XML as text, decoded here (not by the parser) so that no encoding can hide a DTD. An
    optional part that cannot be decoded is None; a DTD is refused in any part."""
    if xml.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif xml.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif xml.startswith(b"<\x00"):
        encoding = "utf-16-le"
    elif xml.startswith(b"\x00<"):
        encoding = "utf-16-be"
    else:
        declared = _DECLARED_ENCODING.match(xml)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        text = xml.decode(encoding)
    except LookupError:
        if not required:
            return None
        raise UnreadableInput(f"Word 文档{label}使用了无法识别的编码（{encoding}），文件可能已损坏：请重新保存后再检查") \
            from None
    except UnicodeDecodeError as error:
        if not required:
            return None
        raise UnreadableInput(_CORRUPT) from error
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise UnreadableInput(f"Word 文档{label}含有 DTD 声明（<!DOCTYPE>/<!ENTITY>），正常的 .docx 不会有{_HOSTILE}")
    return text


def _optional_text(package: zipfile.ZipFile, name: str, label: str) -> str | None:
    """An optional part's text, or None when it is missing or cannot be decoded; a hostile part
    is refused like the body."""
    xml = _part(package, name, label, MAX_PART_XML, required=False)
    return _decode(xml, label, required=False) if xml is not None else None


def _parse_part(text: str | None, root: str):
    """The root element of an optional WordprocessingML part (`root` its local name), or None when
    there is none, or it is not well-formed, or it is something else."""
    if text is None:
        return None
    try:
        element = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    namespace, _, local = element.tag[1:].partition("}")
    return element if element.tag.startswith("{") and namespace in (W_MAIN, W_STRICT) and local == root else None


def _targets(package: zipfile.ZipFile) -> dict[str, str]:
    """The numbering and styles parts the body's relationships name, by relationship kind."""
    text = _optional_text(package, RELATIONSHIPS_PART, "关系")
    found: dict[str, str] = {}
    if text is None:
        return found
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return found
    for relationship in root.iter(_RELATIONSHIP):
        kind = relationship.get("Type", "").rpartition("/")[2]
        target = relationship.get("Target", "")
        if kind not in ("numbering", "styles") or kind in found or not target \
                or relationship.get("TargetMode", "Internal") != "Internal":
            continue
        name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
        if not name.startswith("../"):
            found[kind] = name
    return found


def _numbering(package: zipfile.ZipFile, tags: _Tags, document: str) -> _Numbering | None:
    """The document's automatic numbering, or None when it has none that can be read. A body and
    styles without any `numPr` number nothing: the numbering part is then not even inflated."""
    targets = _targets(package)
    styles = _optional_text(package, targets.get("styles", STYLES_PART), "样式")
    if "numPr" not in document and (styles is None or "numPr" not in styles):
        return None
    numbering = _parse_part(_optional_text(package, targets.get("numbering", NUMBERING_PART), "编号定义"),
                            "numbering")
    if numbering is None:
        return None
    return _Numbering(numbering, _parse_part(styles, "styles"), tags)


def read_docx(path: str, data: bytes) -> Document:
    package = _open(data)
    text = _decode(_part(package, DOCUMENT_PART, "正文", MAX_DOCUMENT_XML))
    try:
        root = ElementTree.fromstring(text)  # a str: the parser reads UTF-8, whatever the prolog says
    except ElementTree.ParseError as error:
        line, column = error.position
        raise UnreadableInput(f"Word 文档正文（word/document.xml）不是有效的 XML（第 {line} 行第 {column} 列），"
                              "文件可能已损坏：请在 Word 或 WPS 中重新保存后再检查") from None
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    if namespace not in (W_MAIN, W_STRICT) or root.tag.rpartition("}")[2] != "document":
        raise UnreadableInput("文件不是有效的 Word 文档（.docx）：word/document.xml 不是文字处理文档")
    tags = _Tags(namespace)
    body = root.find(tags.body)
    blocks: list[Block] = []
    if body is not None:
        numbering = _numbering(package, tags, text)
        try:
            _Reader(tags, numbering).blocks(body, blocks, body=True)
        except RecursionError:
            raise UnreadableInput(f"Word 文档的结构嵌套过深（表格、文本框或内容控件层层相套）{_HOSTILE}") from None
    return Document(path=path, lines=(), blocks=tuple(blocks), encoding=None, kind="docx")
