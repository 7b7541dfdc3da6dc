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

Headers, footers, footnotes and comments are other parts of the package and are not read: they
are not part of the report's body (a page footer inside a table would only be noise).

Positions (`Position`, unit "paragraph"): `line` is the paragraph's number among all `w:p` of the
body in document order (table cells and text boxes included, `mc:Fallback` copies not), `column`
the 1-based character in that paragraph's text, and a body table's cell also carries
(table, row, column): the table's number among body tables, the `w:tr`'s number in it and the
cell's number among the row's visible cells.

Hostile files raise `UnreadableInput` before any harm: the member sizes and compression ratio are
checked from the zip directory before anything is inflated, `word/document.xml` is inflated with a
hard cap, and XML with a DTD (entity expansion, external entities) is refused outright, whatever
encoding it hides in.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from io import BytesIO
from xml.etree import ElementTree

from disclosure_lint.document import Block, Document, Position, TextRun, row_excerpt
from disclosure_lint.read import UnreadableInput

DOCUMENT_PART = "word/document.xml"
MAX_DOCUMENT_XML = 32 * 1024 * 1024  # inflated bytes; a 300-page report's document.xml is a few MB
MAX_RATIO = 100  # deflated XML is 5-20x smaller; a bomb is ~1000x
_RATIO_FROM = 1024 * 1024  # below this size no ratio can hurt

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"  # "Strict Open XML" documents
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

    __slots__ = ("run", "gap")

    def __init__(self) -> None:
        self.run = TextRun()
        self.gap: Position | None = None  # where the space between two paragraphs stands


class _Paragraph:
    """The paragraph being read: its number, the next column, and the text it adds to."""

    __slots__ = ("text", "number", "column", "cell")

    def __init__(self, text: _Text, number: int, cell: tuple[int, int, int] | None) -> None:
        self.text, self.number, self.column, self.cell = text, number, 1, cell

    def add(self, piece: str) -> None:
        if not piece:
            return
        text = self.text
        if text.gap is not None:
            text.run.add(" ", text.gap)
            text.gap = None
        text.run.add(piece, Position(self.number, self.column, None, self.cell, "paragraph"))
        self.column += len(piece)

    def close(self) -> None:
        """The paragraph ends: a later paragraph of the same cell is separated by a space."""
        if self.column > 1:
            self.text.gap = Position(self.number, self.column, None, self.cell, "paragraph")


class _Reader:
    def __init__(self, tags: _Tags) -> None:
        self.w = tags
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


# ------------------------------------------------------------------------------------ the package


def _document_xml(data: bytes) -> bytes:
    """word/document.xml, inflated only after its declared size and ratio look sane, with a hard cap."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise UnreadableInput(_CORRUPT) from error
    try:
        info = package.getinfo(DOCUMENT_PART)
    except KeyError:
        raise UnreadableInput("文件不是有效的 Word 文档（.docx）：缺少正文部分 word/document.xml") from None
    if info.flag_bits & 0x1:
        raise UnreadableInput("Word 文档已加密（设有密码）：请去掉密码另存后再检查")
    limit_mb = MAX_DOCUMENT_XML // (1024 * 1024)
    if info.file_size > MAX_DOCUMENT_XML:
        raise UnreadableInput(f"Word 文档正文（word/document.xml）解压后有 {info.file_size // (1024 * 1024)} MB，"
                              f"超过上限 {limit_mb} MB{_HOSTILE}（压缩炸弹）")
    if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise UnreadableInput(f"Word 文档正文（word/document.xml）的压缩比异常（{ratio} 倍，正常文档不超过 "
                              f"{MAX_RATIO} 倍）{_HOSTILE}（压缩炸弹）")
    try:
        with package.open(info) as member:
            # Never more than the declared size (already checked) can be inflated, whatever the
            # compressed stream really holds: a lying header gets a truncated, unreadable part.
            xml = member.read(min(info.file_size, MAX_DOCUMENT_XML) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            ValueError) as error:
        raise UnreadableInput(_CORRUPT) from error
    if len(xml) > MAX_DOCUMENT_XML:
        raise UnreadableInput(f"Word 文档正文（word/document.xml）解压后超过上限 {limit_mb} MB{_HOSTILE}（压缩炸弹）")
    return xml


def _decode(xml: bytes) -> str:
    """The XML as text, decoded here (not by the parser) so that no encoding can hide a DTD."""
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
        raise UnreadableInput(f"Word 文档正文使用了无法识别的编码（{encoding}），文件可能已损坏：请重新保存后再检查") \
            from None
    except UnicodeDecodeError as error:
        raise UnreadableInput(_CORRUPT) from error
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise UnreadableInput(f"Word 文档正文含有 DTD 声明（<!DOCTYPE>/<!ENTITY>），正常的 .docx 不会有{_HOSTILE}")
    return text


def read_docx(path: str, data: bytes) -> Document:
    text = _decode(_document_xml(data))
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
        try:
            _Reader(tags).blocks(body, blocks, body=True)
        except RecursionError:
            raise UnreadableInput(f"Word 文档的结构嵌套过深（表格、文本框或内容控件层层相套）{_HOSTILE}") from None
    return Document(path=path, lines=(), blocks=tuple(blocks), encoding=None, kind="docx")
