"""The Word (.docx) reader: the examples as Word documents, the constructs Word writes, hostile files.

Documents are written by tests/docgen/docx.py (real packages that Word and LibreOffice open). The
examples must give exactly the findings of their text, placed in Word's terms (a paragraph number,
or a table's cell); every construct a stdlib reader can get wrong (content controls, tracked
changes, fields, alternate content, merged cells) has a test whose wrong reading would show; and
hostile packages are refused before they cost memory.
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLES, example_text
from docgen import LEFT, UP, Layout, Paragraph, Table
from docgen.docx import (
    W,
    abstract_num,
    body,
    deleted,
    document_xml,
    docx_bytes,
    field,
    field_simple,
    ins,
    lvl,
    num,
    numbered_docx_bytes,
    numbering_xml,
    p,
    package,
    paragraph,
    r,
    runs,
    sdt,
    style,
    styles_xml,
    t,
    table,
    tbl,
    tc,
    text_box,
    tr,
    with_declared_size,
    with_flag_bits,
    write_docx,
    zip_bomb,
)
from docgen.html import to_html
from docgen.layout import from_report, from_tab_text

from disclosure_lint.document import Document
from disclosure_lint.lint import lint, load_report
from disclosure_lint.output.frame import frame_lines
from disclosure_lint.read import UnreadableInput, read_bytes
from disclosure_lint.read.docx import W_STRICT, read_docx
from disclosure_lint.read.html import read_html
from disclosure_lint.registry import all_rules

TITLE = "示例市数据管理局2024年政府信息公开工作年度报告"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
MB = 1024 * 1024


def read(*content: str) -> Document:
    return read_docx("test.docx", package(document_xml(body(*content))))


def texts(document: Document) -> list[list[str]]:
    return [[c.text for c in b.cells] for b in document.blocks]


def rows(document: Document) -> list[list[str]]:
    return [[c.text for c in b.cells] for b in document.blocks if b.kind == "row"]


def findings(path: Path | str, data: bytes | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint(str(path), all_rules(), data).findings]


def write_example(name: str, tmp_path: Path, **kwargs) -> Path:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(docx_bytes(from_tab_text(example_text(name)), **kwargs))
    return path


def table_values(report) -> list[tuple]:
    return [(s.number, row.key, c.column, c.kind, c.value)
            for s in report.sections if s.table is not None for row, c in s.table.cells()]


def paragraph_numbers(data: bytes, text: str) -> list[int]:
    """Independently of the reader: the numbers of the `w:p` whose text is `text`, counting every
    paragraph of word/document.xml in document order."""
    root = ElementTree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    return [i for i, para in enumerate(root.iter(f"{{{W}}}p"), 1) if "".join(para.itertext()) == text]


# ----------------------------------------------------------------------------------- the examples


def test_clean_example_as_word_is_clean_and_holds_the_same_values(tmp_path: Path):
    path = write_example("2024-report", tmp_path)
    result = lint(str(path), all_rules())
    assert result.findings == ()
    report = result.report
    assert report.title.text == TITLE
    assert (report.title.span.start.line, report.title.span.start.unit) == (1, "paragraph")
    assert report.table(3).row("new").cell("总计").value == 8
    assert table_values(report) == table_values(load_report(str(EXAMPLES / "2024-report.txt")))


def test_defective_example_gives_the_text_findings_placed_in_word_terms(tmp_path: Path):
    path = write_example("2024-report-defects", tmp_path)
    data = path.read_bytes()
    found = lint(str(path), all_rules()).findings
    assert [(f.code, f.message) for f in found] == findings(EXAMPLES / "2024-report-defects.txt")
    assert [f.code for f in found] == ["DL105", "DL301", "DL303", "DL203", "DL104"]
    by_code = {f.code: f for f in found}

    # The five blank 行政复议 cells: table 4 of the report is the third table of the document; its
    # data row is the fourth row and the first blank is its first cell.
    blank = by_code["DL203"]
    assert blank.position.cell == (3, 4, 1)
    assert blank.position.unit == "paragraph"
    shown = blank.as_dict()
    assert shown["line"] is None
    assert shown["cell"] == {"table": 3, "row": 4, "column": 1}
    assert shown["paragraph"] == blank.position.line >= 1
    assert blank.where() == "第3个表格第4行第1列"
    # The code frame shows the row with its blank cells marked.
    _, (_, source, _), (_, caret, _) = frame_lines(blank.position, blank.length, blank.note)
    assert source.startswith("□ │ □ │ □ │ □ │ □ │ 0 │ 0")
    assert caret.startswith("^")

    # The wrong total is the 9 in the ninth cell of table 3's fourth row, in paragraph n.
    total = by_code["DL301"]
    assert total.position.cell == (2, 4, 9)
    assert total.position.excerpt[total.position.offset] == "9"
    assert total.position.excerpt.startswith("一、本年新收政府信息公开申请数量 │ □ │ 5 │ 2")
    assert total.as_dict()["paragraph"] == total.position.line
    numbers_of_9 = paragraph_numbers(data, "9")
    assert total.position.line in numbers_of_9

    # A paragraph finding names the paragraph, not a cell.
    heading = by_code["DL104"]
    assert heading.position.cell is None
    assert heading.as_dict()["line"] is None and "cell" not in heading.as_dict()
    assert [heading.as_dict()["paragraph"]] == paragraph_numbers(data, "六、需要说明的其他事项")
    assert heading.where() == f"第{heading.position.line}段"


def test_example_totals_written_as_fields_read_as_their_numbers(tmp_path: Path):
    """Word computes table totals with =SUM fields: the result is the cell's value, never a blank
    (python-docx read such a total as empty) and never the instruction."""
    def number_as_field(text: str) -> str:
        return p(field("=SUM(LEFT)", text)) if NUMBER.fullmatch(text) else paragraph(text)

    path = write_example("2024-report", tmp_path, cell=number_as_field)
    assert "=SUM(LEFT)" in zipfile.ZipFile(path).read("word/document.xml").decode()
    result = lint(str(path), all_rules())
    assert result.findings == ()
    assert table_values(result.report) == table_values(load_report(str(EXAMPLES / "2024-report.txt")))


def test_example_numbers_in_simple_fields_and_content_controls(tmp_path: Path):
    def wrapped(text: str) -> str:
        if NUMBER.fullmatch(text):
            return sdt(p(field_simple("=SUM(LEFT)", text)))
        return p(sdt(r(text=text), tag="label"))

    assert findings(write_example("2024-report", tmp_path, cell=wrapped)) == []


def test_the_seam_reads_a_docx_by_its_content():
    data = docx_bytes(from_tab_text(example_text()))
    for name in ("report.docx", "report", "-", "report.txt"):
        document = read_bytes(name, data)
        assert document.kind == "docx"
        assert document.lines == () and document.encoding is None
        assert document.blocks[0].cells[0].text == TITLE


# ------------------------------------------------------------------------------- content controls


def test_table_inside_a_block_content_control_is_read():
    document = read(paragraph("前文"), sdt(table([["a", "b"], ["1", "2"]])), paragraph("后文"))
    assert texts(document) == [["前文"], ["a", "b"], ["1", "2"], ["后文"]]
    assert document.blocks[2].cells[1].position.cell == (1, 2, 2)


def test_row_cell_and_run_content_controls_are_read():
    rows_xml = tbl(
        tr(tc(paragraph("标签")), tc(paragraph("数"))),
        sdt(tr(tc(paragraph("规章")), sdt(tc(p(runs("共"), sdt(r(text="3")), runs("件")))))),
        f"<w:customXml w:element='row'>{tr(tc(paragraph('其他')), tc(paragraph('0')))}</w:customXml>",
        columns=2,
    )
    document = read(rows_xml)
    assert texts(document) == [["标签", "数"], ["规章", "共3件"], ["其他", "0"]]
    assert [c.position.cell for c in document.blocks[1].cells] == [(1, 2, 1), (1, 2, 2)]


# --------------------------------------------------------------------------------- tracked changes


def test_tracked_insertions_are_read_and_deletions_skipped():
    document = read(p(runs("全年收到申请"), ins(r(text="8")), deleted("9"), runs("件。")))
    assert texts(document) == [["全年收到申请8件。"]]
    cell = document.blocks[0].cells[0]
    assert cell.position_at(6).column == 7  # the inserted 8 is the seventh character
    assert cell.position_at(7).column == 8  # the deleted 9 takes no column


def test_moved_text_is_read_once_and_deleted_rows_are_skipped():
    moved = ('<w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>'
             '<w:moveTo w:id="4" w:author="a"><w:r><w:t>新位置</w:t></w:r></w:moveTo>')
    deleted_row = ('<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>'
                   f'<w:tc>{p(deleted("删去的行"))}</w:tc></w:tr>')
    document = read(p(moved), tbl(tr(tc(paragraph("第一行"))), deleted_row, tr(tc(paragraph("第二行")))))
    assert texts(document) == [["新位置"], ["第一行"], ["第二行"]]
    assert document.blocks[2].cells[0].position.cell == (1, 2, 1)


# ------------------------------------------------------------------------------------------ fields


def test_simple_field_reads_as_its_displayed_text():
    assert texts(read(p(runs("第"), field_simple("PAGE", "3"), runs("页")))) == [["第3页"]]


def test_complex_field_reads_as_its_result_not_its_instruction():
    document = read(p(runs("共"), field("=SUM(ABOVE)", "12", split_result=True), runs("件")))
    assert texts(document) == [["共12件"]]
    # Columns count only what is shown: the instruction takes none.
    cell = document.blocks[0].cells[0]
    assert [cell.position_at(i).column for i in range(4)] == [1, 2, 3, 4]


def test_a_field_total_in_a_table_cell_is_its_number_not_a_blank():
    document = read(table([["合计", "8"]], cell=lambda v: p(field("=SUM(ABOVE)", v)) if v == "8" else paragraph(v)))
    assert rows(document) == [["合计", "8"]]


def test_field_without_result_is_blank_and_nested_fields_show_the_outer_result():
    begin, separate, end = (r(f'<w:fldChar w:fldCharType="{k}"/>') for k in ("begin", "separate", "end"))
    instruction = r('<w:instrText xml:space="preserve"> IF </w:instrText>')
    nested = begin + instruction + begin + instruction + separate + r(text="内") + end + separate + r(text="外") + end
    document = read(table([["甲", "乙"]], cell=lambda v: p(field("=A1", None)) if v == "乙" else paragraph(v)),
                    p(runs("结果："), nested, runs("。")))
    assert texts(document) == [["甲", ""], ["结果：外。"]]


def test_a_broken_field_does_not_hide_the_rest_of_the_document():
    begin = r('<w:fldChar w:fldCharType="begin"/>') + r("<w:instrText>PAGE</w:instrText>")
    assert texts(read(p(runs("甲"), begin), paragraph("乙"))) == [["甲"], ["乙"]]


# ---------------------------------------------------------------------------- alternate content


def test_text_box_is_read_once_after_its_paragraph():
    data = package(document_xml(body(p(runs("锚点"), text_box("文本框内容")), paragraph("下一段"))))
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("文本框内容") == 2  # in mc:Choice and again in mc:Fallback
    document = read_docx("t.docx", data)
    assert texts(document) == [["锚点"], ["文本框内容"], ["下一段"]]
    # Numbered in document order: the anchor's paragraph, the text box's, the next one.
    assert [b.line for b in document.blocks] == [1, 2, 3]


def test_text_box_in_a_table_cell_comes_after_the_table():
    cell = p(runs("甲"), text_box("注：单位为件"))
    document = read(tbl(tr(tc(cell), tc(paragraph("1"))), tr(tc(paragraph("乙")), tc(paragraph("2"))), columns=2),
                    paragraph("后文"))
    assert texts(document) == [["甲", "1"], ["乙", "2"], ["注：单位为件"], ["后文"]]


def test_alternate_content_in_a_paragraph_and_in_the_body_reads_the_choice_only():
    def alternate(choice: str, fallback: str) -> str:
        return (f'<mc:AlternateContent><mc:Choice Requires="w14">{choice}</mc:Choice>'
                f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")

    document = read(p(runs("甲"), alternate(r(text="乙"), r(text="乙")), runs("丙")),
                    alternate(paragraph("选"), paragraph("选")), paragraph("后"))
    assert texts(document) == [["甲乙丙"], ["选"], ["后"]]
    assert [b.line for b in document.blocks] == [1, 2, 3]  # fallback copies are not numbered


def test_a_table_in_a_text_box_is_not_a_body_table():
    box = text_box(content=table([["框", "1"]]) + paragraph("框注"))
    document = read(p(runs("锚"), box), table([["表", "2"]]))
    assert texts(document) == [["锚"], ["框", "1"], ["框注"], ["表", "2"]]
    assert document.blocks[1].cells[0].position.cell is None
    assert document.blocks[3].cells[0].position.cell == (1, 1, 1)


def test_hidden_text_tabs_breaks_and_symbols():
    document = read(
        p(r('<w:rPr><w:vanish/></w:rPr>', t("隐藏"))),
        p(r(t("a"), "<w:tab/>", t("b"), "<w:br/>", t("c"), "<w:noBreakHyphen/>", t("d"),
            '<w:sym w:font="Wingdings" w:char="F0FE"/>', "<w:cr/>", t("e")),
          r('<w:rPr><w:vanish w:val="0"/></w:rPr>', t("显示"))),
    )
    assert texts(document) == [["a\tb c-d e显示"]]
    assert document.blocks[0].line == 2  # the hidden paragraph still counts


# ---------------------------------------------------------------------------------- merged cells


def test_merged_cells_give_no_cells_and_blank_cells_stay():
    layout_rows = [["甲", "乙", LEFT], [UP, "1", "2"], ["", "3", ""]]
    document = read(paragraph("前"), table(layout_rows))
    assert rows(document) == [["甲", "乙"], ["1", "2"], ["", "3", ""]]
    blank = document.blocks[3].cells[0]
    assert blank.position.cell == (1, 3, 1)
    assert (blank.position.excerpt, blank.position.offset) == ("□ │ 3 │ □", 0)
    assert document.blocks[3].cells[2].position.offset == 8
    # Paragraphs: 前, 甲, 乙, the merged continuation's empty paragraph, 1, 2, then the blank.
    assert blank.position.line == 7


@pytest.mark.parametrize("source", ["tab layout", "typed tables"])
def test_merges_read_the_same_as_the_html_table(source: str):
    """rowspan/colspan in HTML and vMerge/gridSpan in Word are the same table: the same rows."""
    if source == "tab layout":
        layout = from_tab_text(example_text("2024-report-defects"))
    else:
        layout = from_report(load_report(str(EXAMPLES / "2024-report-defects.txt")))
    tables = layout.tables()
    assert any(cell is UP for table_ in tables for row in table_.rows for cell in row)
    if source == "typed tables":
        assert any(cell is LEFT for table_ in tables for row in table_.rows for cell in row)
    html = read_html("t.html", to_html(layout).encode("utf-8"))
    word = read_docx("t.docx", docx_bytes(layout))
    assert rows(word) == rows(html)
    assert [b.text for b in word.blocks if b.kind == "paragraph"] == [p.text for p in layout.paragraphs()]


def test_an_empty_cell_without_a_paragraph_and_a_nested_table():
    nested = tbl(tr(tc(paragraph("内1")), tc(paragraph("内2"))), columns=2)
    document = read(tbl(tr(tc(paragraph("外"), nested), "<w:tc/>"), columns=2), tbl(tr(tc(paragraph("二")))))
    assert texts(document) == [["外 内1 内2", ""], ["二"]]
    assert document.blocks[0].cells[0].position_at(2).cell == (1, 1, 1)  # nested text: the outer cell
    assert document.blocks[0].cells[0].position_at(2).line == 2
    assert document.blocks[1].cells[0].position.cell == (2, 1, 1)  # a nested table is not counted


# ------------------------------------------------------------------------------------- positions


def test_position_at_maps_each_character_of_a_cell_built_from_runs_and_paragraphs():
    cell_xml = tc(p(r(text="本年"), r(text="新收")), p(runs("共"), field_simple("=1", "12"), runs("件")))
    document = read(paragraph("标题"), tbl(tr(tc(paragraph("标签")), cell_xml), columns=2))
    cell = document.blocks[1].cells[1]
    assert cell.text == "本年新收 共12件"
    where = [(cell.position_at(i).line, cell.position_at(i).column) for i in range(len(cell.text))]
    # 标题 is paragraph 1, 标签 2, 本年新收 3, 共12件 4; the space stands for the paragraph break.
    assert where == [(3, 1), (3, 2), (3, 3), (3, 4), (3, 5), (4, 1), (4, 2), (4, 3), (4, 4)]
    assert {cell.position_at(i).cell for i in range(len(cell.text))} == {(1, 1, 2)}
    assert {cell.position_at(i).unit for i in range(len(cell.text))} == {"paragraph"}
    ones = cell.position_at(6)
    assert ones.excerpt == "标签 │ 本年新收 共12件"
    assert ones.excerpt[ones.offset] == "1"
    assert cell.position_at(6).describe() == "第1个表格第1行第2列"


def test_paragraph_positions_skip_leading_white_space():
    document = read(p(runs("\u3000\u3000正文"), runs("第二句")))
    cell = document.blocks[0].cells[0]
    assert cell.text == "正文第二句"
    assert (cell.position.line, cell.position.column, cell.position.cell) == (1, 3, None)
    assert cell.position.excerpt == "正文第二句"
    assert cell.position_at(2).column == 5


# ------------------------------------------------------------------------------ document variants


def test_strict_open_xml_and_other_encodings_are_read():
    xml = document_xml(body(paragraph("标题"), table([["a", "1"]])))
    strict = xml.replace(W, W_STRICT)
    assert texts(read_docx("s.docx", package(strict))) == [["标题"], ["a", "1"]]
    utf16 = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert texts(read_docx("u.docx", package(utf16))) == [["标题"], ["a", "1"]]
    gb = xml.replace('encoding="UTF-8"', 'encoding="GB18030"').encode("gb18030")
    assert texts(read_docx("g.docx", package(gb))) == [["标题"], ["a", "1"]]


def test_write_docx_writes_a_file(tmp_path: Path):
    layout = Layout([Paragraph(TITLE, "title"), Table([["甲", "1"]]), Paragraph("正文")])
    path = write_docx(layout, tmp_path / "t.docx")
    assert texts(read_docx(str(path), path.read_bytes())) == [[TITLE], ["甲", "1"], ["正文"]]


# ---------------------------------------------------------------------------------- hostile files


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = zip_bomb(200 * MB)  # 200 MB of zeros, about 200 KB compressed
    assert len(data) < MB
    return data


def refused(data: bytes) -> tuple[str, int]:
    """The reader's refusal and the peak memory it allocated meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableInput) as raised:
            read_docx("hostile.docx", data)
        return str(raised.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_is_refused_before_inflating(bomb: bytes):
    message, peak = refused(bomb)
    assert "压缩炸弹" in message and "200 MB" in message
    assert peak < 50 * MB


def test_zip_bomb_with_a_lying_size_inflates_no_more_than_declared(bomb: bytes):
    message, peak = refused(with_declared_size(bomb, "word/document.xml", MB))
    assert "损坏" in message
    assert peak < 50 * MB


def test_huge_declared_size_and_ratio_are_refused_from_the_directory():
    data = package(document_xml(body(paragraph("正文"))))
    message, peak = refused(with_declared_size(data, "word/document.xml", 3 * 1024 * MB))
    assert "3072 MB" in message and "压缩炸弹" in message
    assert peak < 50 * MB
    message, _ = refused(with_declared_size(data, "word/document.xml", 20 * MB))
    assert "压缩比" in message


LAUGHS = ('<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + f']>\n<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16", "cp500"])
def test_billion_laughs_is_refused_in_any_encoding(encoding: str):
    """No encoding hides a DTD from the check: UTF-16, or an ASCII prolog naming EBCDIC, in which
    the bytes `<!DOCTYPE` never occur."""
    xml = LAUGHS.format(encoding=encoding)
    if encoding == "cp500":
        prolog, _, rest = xml.partition("\n")
        data = (prolog + "\n").encode("ascii") + rest.encode("cp500")
        assert b"<!DOCTYPE" not in data and b"<!ENTITY" not in data
    else:
        data = xml.encode(encoding.lower())
    message, peak = refused(package(data))
    assert "DTD" in message
    assert peak < 50 * MB


def test_external_entities_are_refused():
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    message, _ = refused(package(xml))
    assert "DTD" in message


def test_truncated_and_foreign_packages_are_refused(tmp_path: Path):
    data = docx_bytes(from_tab_text(example_text()))
    message, _ = refused(data[: len(data) // 2])
    assert "损坏" in message
    message, _ = refused(b"not a zip at all")
    assert "损坏" in message
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    message, _ = refused(buffer.getvalue())
    assert "word/document.xml" in message
    # Linted as a file, the refusal reaches the report's author.
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: len(data) // 2])
    report = load_report(str(path))
    assert report.unreadable and "损坏" in report.unreadable


def test_encrypted_malformed_and_foreign_xml_are_refused():
    data = package(document_xml(body(paragraph("正文"))))
    assert "加密" in refused(with_flag_bits(data, "word/document.xml", 0x1))[0]
    assert "不是有效的 XML" in refused(package(document_xml(body("<w:p><w:r>"))))[0]
    assert "不是文字处理文档" in refused(package('<worksheet xmlns="urn:x"><sheetData/></worksheet>'))[0]


def test_deep_nesting_is_refused_not_a_crash():
    depth = 5000
    nested = "<w:sdt><w:sdtContent>" * depth + paragraph("正文") + "</w:sdtContent></w:sdt>" * depth
    assert "嵌套过深" in refused(package(document_xml(body(nested))))[0]
    # A sane depth is read.
    assert texts(read("<w:sdt><w:sdtContent>" * 20 + paragraph("正文") + "</w:sdtContent></w:sdt>" * 20)) == [["正文"]]


# ----------------------------------------------------------------------------- automatic numbering


def numbered(*paragraphs: str, definitions: tuple[str, ...] = (), styles: bool | str = True,
             numbering: str | bytes | None = None) -> Document:
    """The paragraphs read from a package whose numbering part holds `definitions` (or is `numbering`)."""
    part = numbering if numbering is not None else numbering_xml(*definitions)
    return read_docx("n.docx", package(document_xml(body(*paragraphs)), styles=styles, numbering=part))


def shown(document: Document) -> list[str]:
    return [" | ".join(c.text for c in b.cells) for b in document.blocks]


# The report's three list levels, as Word and WPS write them: 一、 （一） 1.
REPORT_LEVELS = (lvl(0, "chineseCounting", "%1、", suff="nothing"),
                 lvl(1, "chineseCounting", "（%2）", suff="nothing"),
                 lvl(2, "decimal", "%3.", suff="nothing"))


def typed_numbers_gone(data: bytes) -> None:
    """The draft really uses automatic numbering: no heading, sub-item or row label has its number typed."""
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert "numPr" in xml
    for typed in ("一、总体情况", "六、", "（一）主动公开", "（三）不予公开", "1.属于国家秘密", "一、本年新收"):
        assert typed not in xml


@pytest.mark.parametrize("suffix", ["nothing", None, "space"])
def test_clean_example_with_automatic_numbering_is_clean_and_holds_the_same_values(suffix: str | None):
    """Headings numbered by their style, sub-items and table row labels by direct numbering: the
    report reads as its text does (the numbers were dropped before: a false DL104 and lost rows)."""
    data = numbered_docx_bytes(from_tab_text(example_text()), heading_suffix=suffix)
    typed_numbers_gone(data)
    result = lint("n.docx", all_rules(), data)
    assert result.findings == ()
    assert table_values(result.report) == table_values(load_report(str(EXAMPLES / "2024-report.txt")))
    gap = "" if suffix == "nothing" else " "
    assert [s.heading.text for s in result.report.sections][:2] == [f"一、{gap}总体情况", f"二、{gap}主动公开政府信息情况"]
    # Row labels as displayed: the table's levels are followed by a space, a tab and nothing.
    table_rows = rows(read_docx("n.docx", data))
    assert ["一、 本年新收政府信息公开申请数量", "", "5"] in [row[:3] for row in table_rows]
    assert any(row[:3] == ["（三） 不予公开", "1.属于国家秘密", "0"] for row in table_rows)


def test_defective_example_with_automatic_numbering_gives_the_text_findings_in_the_same_places():
    layout = from_tab_text(example_text("2024-report-defects"))
    data = numbered_docx_bytes(layout, heading_suffix="nothing")
    typed_numbers_gone(data)
    found = lint("n.docx", all_rules(), data).findings
    assert [(f.code, f.message) for f in found] == findings(EXAMPLES / "2024-report-defects.txt")
    # The same places as the typed draft's: the same paragraphs and cells, the number's column 1.
    typed = lint("t.docx", all_rules(), docx_bytes(layout)).findings
    assert [f.position for f in found] == [f.position for f in typed]
    heading = next(f for f in found if f.code == "DL104")
    assert heading.position.column == 1 and heading.position.excerpt == "六、需要说明的其他事项"
    _, (_, source, _), (_, caret, _) = frame_lines(heading.position, heading.length, heading.note)
    assert source == "六、需要说明的其他事项" and caret.startswith("^^^^")  # under 六、: the number


def test_a_heading_number_followed_by_a_tab_reads_with_a_space():
    """Word's default: a tab after the number. It shows as white space, so the heading quoted in a
    finding shows it too; every finding is otherwise the text's."""
    data = numbered_docx_bytes(from_tab_text(example_text("2024-report-defects")))
    found = [(f.code, f.message) for f in lint("n.docx", all_rules(), data).findings]
    expected = [(code, message.replace("实为“六、需要", "实为“六、 需要"))
                for code, message in findings(EXAMPLES / "2024-report-defects.txt")]
    assert found == expected
    assert any("实为“六、 需要说明的其他事项”" in message for _, message in found)


@pytest.mark.parametrize(("fmt", "expected"), [
    ("decimal", "1 2 3 10 11 20"),
    ("chineseCounting", "一 二 三 十 十一 二十"),
    ("chineseCountingThousand", "一 二 三 十 十一 二十"),
    ("japaneseCounting", "一 二 三 十 十一 二十"),
    ("ideographTraditional", "甲 乙 丙 癸 11 20"),
    ("ideographZodiac", "子 丑 寅 酉 戌 20"),
    ("decimalFullWidth", "１ ２ ３ １０ １１ ２０"),
    ("decimalEnclosedCircle", "① ② ③ ⑩ ⑪ ⑳"),
    ("decimalEnclosedParen", "⑴ ⑵ ⑶ ⑽ ⑾ ⒇"),
    ("ideographEnclosedCircle", "㊀ ㊁ ㊂ ㊉ 11 20"),
    ("chineseLegalSimplified", "壹 贰 叁 壹拾 壹拾壹 贰拾"),
    ("ideographDigital", "一 二 三 一〇 一一 二〇"),
    ("upperLetter", "A B C J K T"),
    ("lowerLetter", "a b c j k t"),
    ("upperRoman", "I II III X XI XX"),
    ("lowerRoman", "i ii iii x xi xx"),
    ("decimalZero", "01 02 03 10 11 20"),
    ("aFormatFromTheFuture", "1 2 3 10 11 20"),  # unknown: decimal
    (None, "1 2 3 10 11 20"),  # no w:numFmt: the schema's decimal
])
def test_each_number_format(fmt: str | None, expected: str):
    document = numbered(*(p(runs("项"), num_id=1, ilvl=0) for _ in range(20)),
                        definitions=(abstract_num(1, lvl(0, fmt, "%1", suff="nothing")), num(1, 1)))
    texts_ = shown(document)
    assert all(text.endswith("项") for text in texts_)
    assert " ".join(texts_[i - 1][:-1] for i in (1, 2, 3, 10, 11, 20)) == expected


def test_chinese_counting_beyond_twenty_and_letters_beyond_z():
    document = numbered(*(p(runs("项"), num_id=n, ilvl=0) for n in (1, 1, 1, 1, 2, 2)),
                        definitions=(abstract_num(1, lvl(0, "chineseCounting", "%1、", start=99, suff="nothing")),
                                     abstract_num(2, lvl(0, "upperLetter", "%1.", start=26, suff="nothing")),
                                     num(1, 1), num(2, 2)))
    assert shown(document) == ["九十九、项", "一百、项", "一百零一、项", "一百零二、项", "Z.项", "AA.项"]


@pytest.mark.parametrize(("text", "expected"), [
    ("%1、", "三、"), ("（%1）", "（三）"), ("(%1)", "(三)"), ("%1.", "三."), ("第%1章", "第三章"),
    ("第%1条　", "第三条　"), ("%1", "三"), ("附件", "附件"), ("%1.%2", "三.2"), ("%2）", "2）"),
    ("%1-%2-%3", "三-2-"),  # a deeper level not defined: nothing for it
])
def test_level_text_patterns(text: str, expected: str):
    """%n is level n's number in level n's own format: the heading above is 三 (chineseCounting) and
    this paragraph, at level 1, is its second sub-item (decimal)."""
    definitions = (abstract_num(1, lvl(0, "chineseCounting", "%1、", start=3, suff="nothing"),
                                lvl(1, "decimal", text, suff="nothing")), num(1, 1))
    document = numbered(p(runs("章"), num_id=1, ilvl=0), p(runs("甲"), num_id=1, ilvl=1),
                        p(runs("乙"), num_id=1, ilvl=1), definitions=definitions)
    assert shown(document)[2] == f"{expected}乙"


@pytest.mark.parametrize(("suffix", "expected"), [(None, "一、 总体情况"), ("tab", "一、 总体情况"),
                                                  ("space", "一、 总体情况"), ("nothing", "一、总体情况")])
def test_what_follows_the_number(suffix: str | None, expected: str):
    document = numbered(p(runs("总体情况"), num_id=1, ilvl=0),
                        definitions=(abstract_num(1, lvl(0, "chineseCounting", "%1、", suff=suffix)), num(1, 1)))
    assert shown(document) == [expected]


def test_the_number_is_placed_at_the_paragraphs_first_character():
    document = numbered(paragraph("标题"), p(runs("\u3000总体"), runs("情况"), num_id=1, ilvl=0),
                        definitions=(abstract_num(1, lvl(0, "chineseCounting", "%1、", suff="space")), num(1, 1)))
    cell = document.blocks[1].cells[0]
    assert cell.text == "一、 \u3000总体情况"
    where = [(cell.position_at(i).line, cell.position_at(i).column) for i in range(len(cell.text))]
    # The number and its space have no source text: all at column 1; the paragraph's own text keeps
    # its columns (the ideographic space is its column 1).
    assert where == [(2, 1), (2, 1), (2, 1), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5)]
    assert cell.position == cell.position_at(0)
    assert [(cell.position_at(i).excerpt, cell.position_at(i).offset) for i in (0, 1, 4)] == [
        ("一、 \u3000总体情况", 0), ("一、 \u3000总体情况", 1), ("一、 \u3000总体情况", 4)]


def test_numbered_table_cells_and_a_cell_of_several_paragraphs():
    definitions = (abstract_num(1, *REPORT_LEVELS), num(1, 1))
    cell = tc(p(runs("不予公开"), num_id=1, ilvl=1), p(runs("属于国家秘密"), num_id=1, ilvl=2),
              p(runs("其他法律行政法规禁止公开"), num_id=1, ilvl=2))
    # An empty numbered paragraph still shows its number, apart from the next paragraph's text.
    note = tc(p(num_id=1, ilvl=2), paragraph("注"))
    document = numbered(tbl(tr(tc(p(runs("本年度办理结果"), num_id=1, ilvl=0)), cell, tc(paragraph("0")), note),
                            columns=4), definitions=definitions)
    assert texts(document) == [["一、本年度办理结果", "（一）不予公开 1.属于国家秘密 2.其他法律行政法规禁止公开", "0",
                                "3. 注"]]
    second = document.blocks[0].cells[1]
    two = second.position_at(second.text.index("2."))  # the number of the cell's third paragraph
    assert (two.line, two.column, two.cell) == (4, 1, (1, 1, 2))
    assert two.excerpt[two.offset:].startswith("2.其他")


def test_a_higher_level_restarts_the_deeper_ones():
    definitions = (abstract_num(1, *REPORT_LEVELS), num(1, 1))
    levels = (0, 1, 1, 2, 2, 1, 2, 0, 1, 2, 0, 2)
    document = numbered(*(p(runs("项"), num_id=1, ilvl=level) for level in levels), definitions=definitions)
    assert [t[:-1] for t in shown(document)] == [
        "一、", "（一）", "（二）", "1.", "2.", "（三）", "1.", "二、", "（一）", "1.", "三、", "1."]


def test_level_restart_after_a_chosen_level_or_never():
    """w:lvlRestart names a 1-based level: level 2 restarting after level 1 (ilvl 0) goes on through
    level 1 paragraphs; 0 never restarts."""
    definitions = (abstract_num(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"),
                                lvl(2, "lowerLetter", "(%3)", restart=1), lvl(3, "decimal", "%4)", restart=0)),
                   num(1, 1))
    levels = (0, 1, 2, 3, 1, 2, 3, 0, 1, 2, 3)
    document = numbered(*(p(runs("x"), num_id=1, ilvl=level) for level in levels), definitions=definitions)
    assert [t[:-2] for t in shown(document)] == [
        "1.", "1.1", "(a)", "1)", "1.2", "(b)", "2)", "2.", "2.1", "(a)", "3)"]


def test_start_and_start_override_and_instances_sharing_a_definition():
    """w:start is honoured; an instance with w:startOverride restarts the shared counter where it
    first numbers a paragraph; the other instance of the same definition then goes on from there
    (as Word does: the counters belong to the abstract definition)."""
    definitions = (abstract_num(1, lvl(0, "decimal", "%1.", start=5, suff="nothing")),
                   num(1, 1), num(2, 1, starts={0: 1}), num(3, 1))
    ids = (1, 1, 2, 2, 1, 3)
    document = numbered(*(p(runs("项"), num_id=i, ilvl=0) for i in ids), definitions=definitions)
    assert shown(document) == ["5.项", "6.项", "1.项", "2.项", "3.项", "4.项"]


def test_separate_definitions_count_separately_and_an_override_may_replace_a_level():
    definitions = (abstract_num(1, lvl(0, "decimal", "%1.", suff="nothing")),
                   abstract_num(2, lvl(0, "decimal", "%1.", suff="nothing")),
                   num(1, 1), num(2, 2),
                   num(3, 1, starts={0: 8}, levels={0: lvl(0, "upperRoman", "%1)", suff="nothing")}))
    document = numbered(*(p(runs("项"), num_id=i, ilvl=0) for i in (1, 2, 1, 2, 3, 3)), definitions=definitions)
    assert shown(document) == ["1.项", "1.项", "2.项", "2.项", "VIII)项", "IX)项"]


def test_a_level_shown_before_its_parent_counts_the_parent_from_its_start():
    definitions = (abstract_num(1, lvl(0, "decimal", "%1.", start=3), lvl(1, "decimal", "%1.%2.")), num(1, 1))
    document = numbered(*(p(runs("x"), num_id=1, ilvl=level) for level in (1, 0, 1)), definitions=definitions)
    assert shown(document) == ["3.1. x", "4. x", "4.1. x"]


def test_legal_numbering_shows_the_levels_above_in_decimal():
    definitions = (abstract_num(1, lvl(0, "upperRoman", "ARTICLE %1"),
                                lvl(1, "decimalZero", "Section %1.%2", legal=True)), num(1, 1))
    document = numbered(p(runs("x"), num_id=1, ilvl=0), p(runs("y"), num_id=1, ilvl=1), definitions=definitions)
    assert shown(document) == ["ARTICLE I x", "Section 1.01 y"]


def test_numbering_from_paragraph_styles():
    """Headings numbered by their style (Word's heading numbering): the style's w:numPr, a style
    based on it, the level linked to the style (w:pStyle), and w:numId 0 to switch it off."""
    definitions = (abstract_num(1, lvl(0, "chineseCounting", "%1、", style="Heading1", suff="nothing"),
                                lvl(1, "chineseCounting", "（%2）", style="Heading2", suff="nothing"),
                                lvl(2, "decimal", "%3.", style="Heading3", suff="nothing")), num(1, 1))
    styles = styles_xml(style("Heading1", based_on="Normal", num_id=1),  # no w:ilvl: the linked level
                        style("Heading2", based_on="Heading1"),  # the numId from Heading1, the level linked
                        style("MyHeading", based_on="Heading2"),  # linked through the style it is based on
                        style("Heading3", based_on="Heading1", ilvl=2))
    document = numbered(p(runs("总体情况"), style="Heading1"), p(runs("主动公开"), style="Heading2"),
                        p(runs("依申请公开"), style="MyHeading"), p(runs("细目"), style="Heading3"),
                        p(runs("不编号"), style="Heading1", num_id=0),
                        p(runs("主动公开政府信息情况"), style="Heading1"), p(runs("规章"), style="Heading1", ilvl=1),
                        paragraph("正文"), definitions=definitions, styles=styles)
    assert shown(document) == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "1.细目", "不编号",
                               "二、主动公开政府信息情况", "（一）规章", "正文"]


def test_a_default_paragraph_style_with_numbering_and_a_numbering_style_link():
    definitions = (abstract_num(1, lvl(0, "decimal", "%1.", suff="nothing")), num(1, 1),
                   abstract_num(2, style_link="ReportList"), num(2, 2),
                   abstract_num(3, lvl(0, "chineseCounting", "%1、", suff="nothing")), num(3, 3))
    styles = styles_xml(style("Body", num_id=1, default=True), style("ReportList", kind="numbering", num_id=3))
    document = numbered(p(runs("甲")), p(runs("乙"), num_id=2, ilvl=0), p(runs("丙")), p(runs("丁"), num_id=3, ilvl=0),
                        definitions=definitions, styles=styles)
    # num 2's definition only links to the numbering style, whose instance (num 3) has the levels:
    # nums 2 and 3 share one list.
    assert shown(document) == ["1.甲", "一、乙", "2.丙", "二、丁"]


def test_bullets_and_unnumbered_levels_show_no_number():
    definitions = (abstract_num(1, lvl(0, "decimal", "%1.", suff="nothing"), lvl(1, "bullet", "\uf06c"),
                                lvl(2, "none", "%3、")), num(1, 1))
    levels = (0, 1, 1, 2, 0)
    document = numbered(*(p(runs("项"), num_id=1, ilvl=level) for level in levels), definitions=definitions)
    assert shown(document) == ["1.项", "项", "项", "项", "2.项"]


def test_a_custom_format_written_for_word_2010_and_its_fallback():
    custom = ('<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>'
              '</mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>')
    unknown = custom.replace("001, 002, 003, ...", "Ⅰ, Ⅱ, Ⅲ, ...").replace('w:val="decimal"', 'w:val="upperRoman"')
    definitions = (abstract_num(1, lvl(0, None, "%1.", suff="nothing", extra=custom)),
                   abstract_num(2, lvl(0, None, "%1.", suff="nothing", extra=unknown)), num(1, 1), num(2, 2))
    document = numbered(p(runs("项"), num_id=1, ilvl=0), p(runs("项"), num_id=2, ilvl=0), p(runs("项"), num_id=2, ilvl=0),
                        definitions=definitions)
    assert shown(document) == ["001.项", "I.项", "II.项"]


def test_hidden_numbers_and_an_empty_numbered_paragraph():
    definitions = (abstract_num(1, lvl(0, "decimal", "%1.", suff="nothing"),
                                lvl(1, "decimal", "(%2)", suff="nothing", extra="<w:rPr><w:vanish/></w:rPr>")),
                   num(1, 1))
    document = numbered(p(runs("甲"), num_id=1, ilvl=0), p(runs("乙"), num_id=1, ilvl=0, mark="<w:vanish/>"),
                        p(runs("丙"), num_id=1, ilvl=1), p(num_id=1, ilvl=0), definitions=definitions)
    # Word shows the number of an empty list paragraph: the stray "3." is on the page.
    assert shown(document) == ["1.甲", "乙", "丙", "3."]


def test_the_numbering_part_the_relationships_name():
    data = package(document_xml(body(p(runs("项"), num_id=1, ilvl=0))), numbering_part="numbering2.xml",
                   numbering=numbering_xml(abstract_num(1, lvl(0, "decimal", "%1.", suff="nothing")), num(1, 1)))
    assert "word/numbering2.xml" in zipfile.ZipFile(BytesIO(data)).namelist()
    assert texts(read_docx("n.docx", data)) == [["1.项"]]


NUMBERED = (p(runs("总体情况"), num_id=1, ilvl=0), p(runs("主动公开"), num_id=1, ilvl=1))
GOOD = (abstract_num(1, *REPORT_LEVELS), num(1, 1))


@pytest.mark.parametrize("broken", [
    "no numbering part",
    "not XML",
    "not a numbering part",
    "undecodable",
    "a numId that is not defined",
    "an instance of a missing definition",
    "levels out of range",
    "absurd values",
    "style cycles",
])
def test_missing_or_broken_numbering_gives_no_number_and_no_crash(broken: str):
    paragraphs, definitions, numbering, styles = NUMBERED, GOOD, None, True
    expected = ["总体情况", "主动公开"]
    if broken == "no numbering part":
        document = read_docx("n.docx", package(document_xml(body(*paragraphs))))
        assert shown(document) == expected
        return
    if broken == "not XML":
        numbering = numbering_xml(*GOOD)[:-20]
    elif broken == "not a numbering part":
        numbering = numbering_xml(*GOOD).replace("w:numbering", "w:styles")
    elif broken == "undecodable":
        numbering = numbering_xml(*GOOD).replace('encoding="UTF-8"', 'encoding="x-no-such-codec"')
    elif broken == "a numId that is not defined":
        paragraphs = (p(runs("总体情况"), num_id=7, ilvl=0), p(runs("主动公开"), num_id="abc", ilvl=1))
    elif broken == "an instance of a missing definition":
        definitions = (abstract_num(1, *REPORT_LEVELS), num(1, 9))
    elif broken == "levels out of range":
        paragraphs = (p(runs("总体情况"), num_id=1, ilvl=9), p(runs("主动公开"), num_id=1, ilvl=-1))
    elif broken == "absurd values":
        # A start beyond any counter, levels beyond 8, a lvlRestart of nonsense, a lvlText without a
        # level: the start is taken as absent (0), the rest ignored.
        definitions = (abstract_num(1, lvl(0, "chineseCounting", "%1、", start="9" * 40, suff="nothing"),
                                    lvl(1, "decimal", "（%2）", restart="x", suff="nothing"), lvl(99, "decimal", "%9")),
                       num(1, 1), num("1" * 30, 1))
        expected = ["0、总体情况", "（1）主动公开"]
    elif broken == "style cycles":
        definitions = (abstract_num(1, style_link="L1"), num(1, 1), abstract_num(2, style_link="L2"), num(2, 2))
        styles = styles_xml(style("A", based_on="B"), style("B", based_on="A"), style("L1", kind="numbering", num_id=2),
                            style("L2", kind="numbering", num_id=1))
        paragraphs = (p(runs("总体情况"), style="A"), p(runs("主动公开"), num_id=1, ilvl=0))
    document = numbered(*paragraphs, definitions=definitions, numbering=numbering, styles=styles)
    assert shown(document) == expected


def test_a_hostile_numbering_part_is_refused_like_the_body():
    xml = document_xml(body(*NUMBERED))
    laughs = LAUGHS.format(encoding="UTF-8").replace("w:document", "w:numbering")
    message, peak = refused(package(xml, numbering=laughs))
    assert "DTD" in message and "编号定义" in message
    assert peak < 50 * MB
    data = with_declared_size(package(xml, numbering=numbering_xml(*GOOD)), "word/numbering.xml", 3 * 1024 * MB)
    message, peak = refused(data)
    assert "word/numbering.xml" in message and "压缩炸弹" in message
    assert peak < 50 * MB
    # A package with no numbered paragraph never inflates its numbering part.
    plain = package(document_xml(body(paragraph("正文"))), numbering=laughs)
    assert texts(read_docx("n.docx", plain)) == [["正文"]]
