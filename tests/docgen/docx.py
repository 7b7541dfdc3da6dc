"""Writing a `Layout` as a real Word document (.docx), with the standard library only.

`write_docx(layout, path)` writes the package Word and LibreOffice open: [Content_Types].xml,
_rels/.rels, word/document.xml, word/styles.xml and word/_rels/document.xml.rels. Table merges are
real merges: `UP` is a `w:vMerge` continuation (the cell above gets `w:vMerge w:val="restart"`),
`LEFT` widens the cell to its left with `w:gridSpan`; a blank cell is an empty `w:tc`.

The lower-level helpers build the WordprocessingML constructs a reader must handle — content
controls, tracked changes, simple and complex fields, `mc:AlternateContent` with a text box — as
XML strings, so a test can put them anywhere: `package(document_xml(body(...)))` gives the bytes.

Automatic numbering: `lvl`, `abstract_num` and `num` build word/numbering.xml (`numbering_xml`,
passed to `package(numbering=...)`), `p(..., num_id=, ilvl=)` numbers a paragraph, and `style` /
`styles_xml` give styles that number their paragraphs. `numbered_docx_bytes(layout)` writes a
layout the way an author's draft has it: the typed 一、 （一） 1. replaced by automatic numbering.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterable
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from disclosure_lint.numerals import chinese_number

from . import LEFT, UP, Layout, Paragraph, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
STYLES = {"title": "Title", "heading": "Heading1"}

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""

RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="SimSun"/><w:sz w:val="24"/><w:lang w:eastAsia="zh-CN"/>
</w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>
<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>"""


# ----------------------------------------------------------------------------- inline content


def t(text: str) -> str:
    """A `w:t` (spaces preserved)."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(*content: str, text: str | None = None) -> str:
    """A run: `r(text="abc")`, or a run of raw children (`r(t("a"), "<w:tab/>", t("b"))`)."""
    inner = "".join(content) + (t(text) if text is not None else "")
    return f"<w:r>{inner}</w:r>"


def runs(text: str) -> str:
    """`text` as one run; a tab becomes `w:tab`, a newline `w:br`."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(t(piece))
    return r(*parts)


def p(*content: str, style: str | None = None, num_id: int | str | None = None, ilvl: int | str | None = None,
      mark: str = "") -> str:
    """A paragraph of raw inline content (runs, fields, controls); `num_id` and `ilvl` make it an
    automatically numbered paragraph (`w:numPr`), `mark` is raw paragraph-mark run properties."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties += num_pr(num_id, ilvl)
    if mark:
        properties += f"<w:rPr>{mark}</w:rPr>"
    properties = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{properties}{''.join(content)}</w:p>"


def num_pr(num_id: int | str | None = None, ilvl: int | str | None = None) -> str:
    """`w:numPr` with the level and numbering instance given (none: no element)."""
    if num_id is None and ilvl is None:
        return ""
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    instance = f'<w:numId w:val="{num_id}"/>' if num_id is not None else ""
    return f"<w:numPr>{level}{instance}</w:numPr>"


def paragraph(text: str, kind: str = "body") -> str:
    return p(runs(text) if text else "", style=STYLES.get(kind))


def sdt(*content: str, tag: str = "control") -> str:
    """A content control around block, row, cell or run content."""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/></w:sdtPr>'
            f"<w:sdtContent>{''.join(content)}</w:sdtContent></w:sdt>")


def ins(*content: str) -> str:
    """A tracked insertion of runs."""
    return f'<w:ins w:id="1" w:author="审核人" w:date="2025-01-10T09:00:00Z">{"".join(content)}</w:ins>'


def deleted(text: str) -> str:
    """A tracked deletion of `text` (a run of `w:delText`)."""
    return (f'<w:del w:id="2" w:author="审核人" w:date="2025-01-10T09:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def field_simple(instruction: str, result: str) -> str:
    return f'<w:fldSimple w:instr="{escape(instruction)}">{r(text=result)}</w:fldSimple>'


def field(instruction: str, result: str | None, split_result: bool = False) -> str:
    """A complex field: begin, instruction, separate, result runs, end (no result: no separate)."""
    parts = [r('<w:fldChar w:fldCharType="begin"/>'),
             r(f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>')]
    if result is not None:
        parts.append(r('<w:fldChar w:fldCharType="separate"/>'))
        pieces = list(result) if split_result else [result]
        parts.extend(r(text=piece) for piece in pieces)
    parts.append(r('<w:fldChar w:fldCharType="end"/>'))
    return "".join(parts)


def text_box(text: str = "", content: str | None = None) -> str:
    """A run holding a floating text box the way Word 2010+ writes it: DrawingML in mc:Choice, the
    same text again as a VML text box in mc:Fallback. `content`: raw block XML instead of `text`."""
    inner = paragraph(text) if content is None else content
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"'
        ' locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1800000" cy="400000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="1800000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:rect style="width:141.75pt;height:31.5pt">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


# ------------------------------------------------------------------------------------- tables


def tc(*content: str, span: int = 1, vmerge: str | None = None) -> str:
    """A cell; `vmerge` "restart" starts a vertical merge, "continue" continues one."""
    properties = ""
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        properties += "<w:vMerge/>"
    properties = f"<w:tcPr>{properties}</w:tcPr>" if properties else ""
    return f"<w:tc>{properties}{''.join(content) or '<w:p/>'}</w:tc>"


def tr(*cells: str, grid_after: int = 0) -> str:
    properties = f'<w:trPr><w:gridAfter w:val="{grid_after}"/></w:trPr>' if grid_after else ""
    return f"<w:tr>{properties}{''.join(cells)}</w:tr>"


def tbl(*rows: str, columns: int = 1) -> str:
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(columns))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def table(rows: list[list[str]], cell: Callable[[str], str] = paragraph) -> str:
    """A layout table: `UP` continues the merge of the cell above, `LEFT` widens the cell to its left.
    `cell` writes a cell's text as its content (a paragraph by default; a test may write a field)."""
    width = max((len(row) for row in rows), default=1)
    out = []
    for i, row in enumerate(rows):
        cells = []
        j = 0
        while j < len(row):
            value = row[j]
            if value is LEFT:  # a stray LEFT at the start of a row: nothing to widen
                j += 1
                continue
            if value is UP:
                # One continuation as wide as the merged cell it continues (its first row's span).
                k = i - 1
                while k > 0 and rows[k][j] is UP:
                    k -= 1
                span = _span(rows[k], j)
                cells.append(tc(span=span, vmerge="continue"))
            else:
                span = _span(row, j)
                below = rows[i + 1][j] if i + 1 < len(rows) and j < len(rows[i + 1]) else None
                content = cell(value) if value else ""
                cells.append(tc(content, span=span, vmerge="restart" if below is UP else None))
            j += span
        out.append(tr(*cells, grid_after=width - len(row)))
    return tbl(*out, columns=width)


def _span(row: list[str], j: int) -> int:
    span = 1
    while j + span < len(row) and row[j + span] is LEFT:
        span += 1
    return span


# -------------------------------------------------------------------------- automatic numbering


def lvl(ilvl: int | str, fmt: str | None = "decimal", text: str | None = "%1.", start: int | str | None = 1,
        suff: str | None = None, restart: int | None = None, legal: bool = False, style: str | None = None,
        extra: str = "") -> str:
    """A numbering level (`w:lvl`) as Word writes it; None leaves an element out (`fmt` None: no
    `w:numFmt`, the schema's decimal), `extra` is raw XML added to the level."""
    parts = []
    if start is not None:
        parts.append(f'<w:start w:val="{start}"/>')
    if fmt is not None:
        parts.append(f'<w:numFmt w:val="{fmt}"/>')
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if style is not None:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if legal:
        parts.append("<w:isLgl/>")
    if suff is not None:
        parts.append(f'<w:suff w:val="{suff}"/>')
    if text is not None:
        parts.append(f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/>')
    parts.append('<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>')
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}{extra}</w:lvl>'


def abstract_num(abstract_id: int | str, *levels: str, style_link: str | None = None) -> str:
    """An abstract numbering definition; `style_link`: its levels are those of a numbering style."""
    link = f'<w:numStyleLink w:val="{style_link}"/>' if style_link else ""
    return (f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
            f"{link}{''.join(levels)}</w:abstractNum>")


def num(num_id: int | str, abstract_id: int | str, starts: dict[int, int] | None = None,
        levels: dict[int, str] | None = None) -> str:
    """A numbering instance; `starts` restart levels (`w:startOverride`), `levels` replace them."""
    overrides = []
    for ilvl in sorted({*(starts or {}), *(levels or {})}):
        inner = ""
        if starts and ilvl in starts:
            inner += f'<w:startOverride w:val="{starts[ilvl]}"/>'
        if levels and ilvl in levels:
            inner += levels[ilvl]
        overrides.append(f'<w:lvlOverride w:ilvl="{ilvl}">{inner}</w:lvlOverride>')
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{"".join(overrides)}</w:num>'


def numbering_xml(*definitions: str) -> str:
    """word/numbering.xml: the abstract definitions first, then the instances (Word's order)."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    ordered = sorted(definitions, key=lambda d: not d.startswith("<w:abstractNum"))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:numbering {declarations}>{"".join(ordered)}</w:numbering>')


def style(style_id: str, based_on: str | None = None, num_id: int | str | None = None,
          ilvl: int | str | None = None, kind: str = "paragraph", default: bool = False) -> str:
    """A style (`w:style`) for `styles_xml`, optionally numbered (`w:pPr/w:numPr`)."""
    flags = ' w:default="1"' if default else ""
    inner = f'<w:name w:val="{style_id}"/>'
    if based_on:
        inner += f'<w:basedOn w:val="{based_on}"/>'
    numbering = num_pr(num_id, ilvl)
    if numbering:
        inner += f"<w:pPr>{numbering}</w:pPr>"
    return f'<w:style w:type="{kind}"{flags} w:styleId="{style_id}">{inner}</w:style>'


def styles_xml(*styles: str) -> str:
    """The standard styles plus `styles` (a later style of the same id is ignored by readers: the
    standard ones come last, so these win)."""
    head, _, tail = STYLES_XML.partition("</w:docDefaults>")
    return f"{head}</w:docDefaults>{''.join(styles)}{tail}"


# ------------------------------------------------------------------------------------ package


def body(*content: str) -> str:
    return "".join(content)


def document_xml(content: str) -> str:
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document {declarations}><w:body>{content}{section}</w:body></w:document>')


def package(document: str | bytes, styles: bool | str = True, extra: Iterable[tuple[str, bytes]] = (),
            numbering: str | bytes | None = None, numbering_part: str = "numbering.xml") -> bytes:
    """The bytes of a .docx holding `document` as word/document.xml; `styles` may be the styles
    part's XML; `numbering` is the numbering part, written as word/`numbering_part` and named by
    the body's relationships."""
    buffer = BytesIO()
    types, targets = CONTENT_TYPES, []
    if styles:
        targets.append(("styles", "styles.xml"))
    if numbering is not None:
        targets.append(("numbering", numbering_part))
        types = types.replace("</Types>", f'<Override PartName="/word/{numbering_part}" ContentType='
                              '"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\n'
                              "</Types>")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        if targets:
            archive.writestr("word/_rels/document.xml.rels", document_rels(targets))
        if styles:
            archive.writestr("word/styles.xml", styles if isinstance(styles, str) else STYLES_XML)
        if numbering is not None:
            archive.writestr(f"word/{numbering_part}", numbering)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def document_rels(targets: Iterable[tuple[str, str]]) -> str:
    """word/_rels/document.xml.rels naming (kind, target) parts: ("styles", "styles.xml")…"""
    lines = [f'<Relationship Id="rId{i}" Target="{escape(target)}" Type="{RELATIONSHIP_TYPES}/{kind}"/>'
             for i, (kind, target) in enumerate(targets, 1)]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n'
            + "\n".join(lines) + "\n</Relationships>")


def layout_xml(layout: Layout, cell: Callable[[str], str] = paragraph) -> str:
    parts = []
    for item in layout.items:
        if isinstance(item, Paragraph):
            parts.append(paragraph(item.text, item.kind))
        elif isinstance(item, Table):
            parts.append(table(item.rows, cell))
            parts.append("<w:p/>")  # Word needs a paragraph between two tables, or it joins them
    return document_xml(body(*parts))


def docx_bytes(layout: Layout, cell: Callable[[str], str] = paragraph) -> bytes:
    return package(layout_xml(layout, cell))


def write_docx(layout: Layout, path) -> Path:
    path = Path(path)
    path.write_bytes(docx_bytes(layout))
    return path


# ------------------------------------------------------------- a layout with automatic numbering

# The numbers a report types in front of headings, sub-items and row labels, and the level of
# the report's lists that writes them instead: 一、 （一） 1.
TYPED_NUMBERS = (
    (re.compile(r"([一二三四五六七八九十]+)、"), 0),
    (re.compile(r"（([一二三四五六七八九十]+)）"), 1),
    (re.compile(r"(\d+)\.(?=[\u4e00-\u9fff])"), 2),
)
# Each list's levels: level 0 一、, level 1 （一）, level 2 1., with the number suffixes Word and
# WPS write (None: Word's default, a tab). The headings' suffix is chosen by the test.
REPORT_LISTS = {"body": (1, (None, "nothing", "space")), "table": (2, ("space", None, "nothing"))}


class AutoNumbering:
    """Turns the typed numbers of a layout into Word's automatic numbering, as an author's draft
    has them: section headings numbered by their style (Heading1 linked to level 0 of the body's
    list), sub-items and row labels by a direct `w:numPr`. Word's counters give the typed values;
    where they would not (a number skipped or repeated), the paragraph restarts the list at the
    typed value with a new instance (`w:startOverride`), as Word's "Set Numbering Value" does."""

    def __init__(self, heading_suffix: str | None = None) -> None:
        self.definitions: list[str] = []
        self.current: dict[str, int] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.next_id = 1
        for name, (abstract_id, suffixes) in REPORT_LISTS.items():
            heading = "Heading1" if name == "body" else None
            self.definitions.append(abstract_num(
                abstract_id,
                lvl(0, "chineseCounting", "%1、", suff=heading_suffix if heading else suffixes[0], style=heading),
                lvl(1, "chineseCounting", "（%2）", suff=suffixes[1]),
                lvl(2, "decimal", "%3.", suff=suffixes[2])))
            self.current[name] = self._instance(abstract_id)
            self.counters[name] = [None, None, None]
        self.heading_num = self.current["body"]

    def _instance(self, abstract_id: int, starts: dict[int, int] | None = None) -> int:
        num_id, self.next_id = self.next_id, self.next_id + 1
        self.definitions.append(num(num_id, abstract_id, starts))
        return num_id

    def paragraph(self, text: str, kind: str = "body", where: str = "body") -> str:
        """The paragraph for `text`, its typed number (if any) replaced by automatic numbering."""
        style = STYLES.get(kind)
        for pattern, level in TYPED_NUMBERS:
            m = pattern.match(text)
            if m is None or (level == 0 and where == "body" and kind != "heading"):
                continue
            typed = int(m.group(1)) if m.group(1).isdigit() else chinese_number(m.group(1))
            counters = self.counters[where]
            expected = 1 if counters[level] is None else counters[level] + 1
            if typed != expected:
                self.current[where] = self._instance(REPORT_LISTS[where][0], {level: typed})
            counters[level] = typed
            counters[level + 1:] = [None] * (len(counters) - level - 1)
            num_id = self.current[where]
            rest = text[m.end():]
            if kind == "heading" and num_id == self.heading_num:
                return p(runs(rest), style=style)  # numbered by its style
            return p(runs(rest), style=style, num_id=num_id, ilvl=level)
        return p(runs(text) if text else "", style=style)

    def numbering(self) -> str:
        return numbering_xml(*self.definitions)

    def styles(self) -> str:
        return styles_xml(style("Heading1", based_on="Normal", num_id=self.heading_num))


def numbered_docx_bytes(layout: Layout, heading_suffix: str | None = None) -> bytes:
    """The layout as a draft with automatic numbering instead of typed numbers (`AutoNumbering`);
    `heading_suffix` is what follows a heading's number (`w:suff`; None: Word's default, a tab)."""
    auto = AutoNumbering(heading_suffix)
    parts = []
    for item in layout.items:
        if isinstance(item, Paragraph):
            parts.append(auto.paragraph(item.text, item.kind))
        elif isinstance(item, Table):
            parts.append(table(item.rows, lambda text: auto.paragraph(text, where="table")))
            parts.append("<w:p/>")
    return package(document_xml(body(*parts)), styles=auto.styles(), numbering=auto.numbering())


# ------------------------------------------------------------------------------ hostile packages


def zip_bomb(size: int, name: str = "word/document.xml") -> bytes:
    """A package whose `name` inflates to `size` zero bytes, written in chunks (little memory)."""
    buffer = BytesIO()
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        with archive.open(name, "w", force_zip64=size >= 1 << 31) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
            member.write(bytes(size % len(chunk)))
    return buffer.getvalue()


def with_declared_size(data: bytes, name: str, file_size: int) -> bytes:
    """The package with the uncompressed size of `name` in its central directory replaced: a header
    that lies about what the member inflates to."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", out, at + 28)
        if out[at + 46:at + 46 + name_length].decode("utf-8") == name:
            struct.pack_into("<I", out, at + 24, file_size)
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 46 + name_length + extra_length + comment_length)
    raise KeyError(name)


def with_flag_bits(data: bytes, name: str, flags: int) -> bytes:
    """The package with the general-purpose flags of `name` set (bit 0: encrypted)."""
    out = bytearray(data)
    # (signature, offset of the name's length, of the name, of the flags): central, then local header
    for signature, length_at, name_at, flags_at in ((b"PK\x01\x02", 28, 46, 8), (b"PK\x03\x04", 26, 30, 6)):
        at = out.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", out, at + length_at)[0]
            if out[at + name_at:at + name_at + length].decode("utf-8") == name:
                struct.pack_into("<H", out, at + flags_at, struct.unpack_from("<H", out, at + flags_at)[0] | flags)
            at = out.find(signature, at + 4)
    return bytes(out)
