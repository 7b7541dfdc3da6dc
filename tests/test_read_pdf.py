"""The PDF reader: a report exported as a text PDF reads as the same report.

The shipped examples are written as PDFs (tests/docgen/pdf.py, reportlab) in the ways Word and WPS
export them — ruled tables with merged and blank cells, page numbers, the white boxes WPS paints
behind text, a table running across pages — and must give the text's blocks and findings, with
positions in PDF terms (page, line on the page, table cell). Scans, damaged, encrypted, huge and
slow files are refused in words. The real published PDFs are read and checked against facts read
off their rendered pages by hand.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
import regex
from conftest import REAL, example_text, lint_text
from docgen import UP, Layout, Paragraph, Table
from docgen.layout import from_tab_text
from docgen.pdf import write_pdf

from disclosure_lint.document import BLANK_MARK, compact, fold
from disclosure_lint.lint import lint
from disclosure_lint.read import UnreadableInput, read_bytes
from disclosure_lint.read import pdf as pdf_reader
from disclosure_lint.read.pdf import SCAN_MESSAGE, fold_cjk, read_pdf
from disclosure_lint.registry import all_rules

EXAMPLES = ("2024-report", "2024-report-defects")
# The variants a reader meets: a Word-like export; WPS's white boxes behind every line and cell,
# with a running header; tables cut across pages (at different rows, so that merged label cells,
# plain rows and group headers all meet a page break), with the page number between the parts.
VARIANTS = {
    "plain": {},
    "wps": {"wps_white_boxes": True, "running_header": "示例市数据管理局政府信息公开工作年度报告"},
    "split-12": {"wps_white_boxes": True, "rows_per_page": 12},
    "split-10": {"rows_per_page": 10},
    "split-repeated-header": {"rows_per_page": 14, "repeat_header": True},
}


def lint_pdf(path: Path):
    return lint(str(path), all_rules())


def findings(result) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in result.findings]


def blocks(data: bytes, path: str) -> list[str]:
    return [compact(b.text) for b in read_bytes(path, data).blocks]


def table_cells(report, number: int) -> dict[str, list[str]]:
    return {row.key: [c.raw for c in row.cells] for row in report.table(number).rows}


# ------------------------------------------------------------------------------ examples


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_as_pdf_reads_as_the_text(tmp_path: Path, name: str, variant: str):
    text = example_text(name)
    path = write_pdf(from_tab_text(text), tmp_path / f"{name}.pdf", **VARIANTS[variant])
    document = read_pdf(str(path), path.read_bytes())
    assert document.kind == "pdf" and document.lines == () and document.encoding is None
    # The same paragraphs and rows, in the same order, with the same text.
    assert [compact(b.text) for b in document.blocks] == blocks(text.encode("utf-8"), "report.txt")
    # Prose stays paragraphs (WPS's white boxes must not turn them into one-column tables).
    prose = [b for b in document.blocks if "。" in b.text]
    assert prose and all(b.kind == "paragraph" for b in prose)
    assert not any(compact(b.text).strip("-").isdigit() for b in document.blocks if b.kind == "paragraph")
    # And so the same findings, word for word.
    assert findings(lint_pdf(path)) == findings(lint_text(text))


def test_a_table_runs_across_pages_with_the_page_number_between(tmp_path: Path):
    text = example_text("2024-report-defects")
    path = write_pdf(from_tab_text(text), tmp_path / "split.pdf", rows_per_page=12)
    document = read_pdf(str(path), path.read_bytes())
    rows = [b for b in document.blocks if b.kind == "row" and b.cells[0].origin.cell[0] == 2]
    pages = sorted({c.origin.page for b in rows for c in b.cells if c.text})
    assert len(pages) == 3, pages  # table 3 of the report is on three pages: one table to the reader
    numbers = [b.cells[0].origin.cell[1] for b in rows]
    assert numbers == sorted(numbers) and len(numbers) == 28
    # The merged label cell cut by the break leaves no cell at the top of the next part.
    first_on_next_page = next(b for b in rows if b.cells[0].origin.page == pages[1])
    assert compact(first_on_next_page.cells[0].text) == "6.属于四类过程性信息"


def test_a_title_wrapped_over_two_centred_lines_is_one_title(tmp_path: Path):
    text = example_text().replace("示例市数据管理局", "示例省示例市数据管理和政务服务中心（示例市大数据局）")
    path = write_pdf(from_tab_text(text), tmp_path / "long-title.pdf")
    document = read_pdf(str(path), path.read_bytes())
    title = document.blocks[0].cells[0]
    assert title.text == text.splitlines()[0]
    assert title.position_at(len(title.text) - 1).line == 2  # it did wrap
    result = lint_pdf(path)
    assert result.report.title.agency == fold("示例省示例市数据管理和政务服务中心（示例市大数据局）")
    assert findings(result) == findings(lint_text(text))


def test_pdf_findings_say_where_in_pdf_terms(tmp_path: Path):
    path = write_pdf(from_tab_text(example_text("2024-report-defects")), tmp_path / "defects.pdf")
    found = {f.code: f for f in lint_pdf(path).findings}
    title = found["DL105"].position
    assert (title.page, title.line, title.column, title.cell) == (1, 1, 1, None)
    total = found["DL301"].position  # the 9 in the 总计 column of row 一
    assert total.cell == (2, 4, 9) and total.excerpt[total.offset] == "9"
    blank = found["DL203"].position  # the first of the five blank 行政复议 cells of table 4
    assert blank.page == 4 and blank.cell == (3, 4, 1)
    assert blank.excerpt.startswith(f"{BLANK_MARK} │ {BLANK_MARK}") and blank.excerpt[blank.offset] == BLANK_MARK
    described = found["DL203"].as_dict()
    assert described["page"] == 4 and described["cell"] == {"table": 3, "row": 4, "column": 1}
    assert found["DL203"].where() == f"第4页第{blank.line}行"
    for finding in found.values():
        p = finding.position
        assert p.page is not None and p.excerpt[p.offset] in (finding.position.excerpt[p.offset], BLANK_MARK)


def _cut_label_layout(text: str, head: str, tail: str, label: str) -> tuple[Layout, int]:
    """The example with one merged label of table 3 written in two cells, cut where the page breaks."""
    layout = from_tab_text(text)
    table = [t for t in layout.items if isinstance(t, Table)][1]
    at = next(i for i, row in enumerate(table.rows) if row[0] == label)
    table.rows[at][0], table.rows[at + 1][0] = head, tail
    return layout, at + 1


def test_a_merged_label_cut_by_the_page_break_is_joined(tmp_path: Path):
    text = example_text("2024-report-defects")
    layout, rows = _cut_label_layout(text, "（四）无", "法提供", "（四）无法提供")
    path = write_pdf(layout, tmp_path / "cut.pdf", rows_per_page=rows)
    document = read_pdf(str(path), path.read_bytes())
    row = next(b for b in document.blocks if "1.本机关不掌握相关政府信息" in b.text)
    label = row.cells[0]
    assert label.text == "（四）无法提供"
    pages = {label.position_at(i).page for i in range(len(label.text))}
    assert len(pages) == 2  # every character still points at its own page
    assert findings(lint_pdf(path)) == findings(lint_text(text))


@pytest.mark.parametrize("numbers_below", [False, True])
def test_a_row_cut_by_the_page_break_is_one_row(tmp_path: Path, numbers_below: bool):
    text = example_text("2024-report-defects")
    layout = from_tab_text(text)
    table = [t for t in layout.items if isinstance(t, Table)][1]
    at = next(i for i, row in enumerate(table.rows) if row[1].startswith("5.要求行政机关确认"))
    head, rest = table.rows[at], list(table.rows[at])
    values = head[2:]
    head[1], rest[1] = "5.要求行政机关确认或重新出", "具已获取信息"
    if numbers_below:
        head[2:] = [""] * len(values)
    else:
        rest[2:] = [""] * len(values)
    rest[0] = UP
    table.rows.insert(at + 1, rest)
    path = write_pdf(layout, tmp_path / "cut-row.pdf", rows_per_page=at + 1)
    document = read_pdf(str(path), path.read_bytes())
    row = next(b for b in document.blocks if "重新出" in b.text)
    assert compact(row.text) == "5.要求行政机关确认或重新出具已获取信息" + "".join(values)
    assert findings(lint_pdf(path)) == findings(lint_text(text))


def test_fake_bold_text_drawn_twice_is_read_once(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "bold.pdf"
    write_pdf(Layout([Paragraph("x")]), path)  # registers the font
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 16)
    for dx in (0, 0.3):  # WPS's bold for a font without a bold face: the text twice, shifted
        page.drawString(100 + dx, 700, "示例市数据管理局2024年政府信息公开工作年度报告")
    page.save()
    (block,) = read_pdf(str(path), path.read_bytes()).blocks
    assert block.text == "示例市数据管理局2024年政府信息公开工作年度报告"


# ------------------------------------------------------------------------------ characters


def test_kangxi_radicals_and_compatibility_ideographs_fold_one_for_one():
    assert fold_cjk("⽂件⼀览") == "文件一览"
    assert fold_cjk("⻓江⻔户⻘年⻝品⻢路⻋辆⻅面⻆度") == "长江门户青年食品马路车辆见面角度"
    assert fold_cjk("\uf900\ufa0c\U0002f800") == "\u8c48\u5140\u4e3d"  # compatibility ideographs
    kept = "（一）第711号，“三安全一稳定”：０１２《条例》—"
    assert fold_cjk(kept) == kept  # full-width punctuation and digits are not NFKC'd
    sample = "⽂\u2f00⻓\uf900（"
    assert len(fold_cjk(sample)) == len(sample)


def _pdf_with_unicode_map(lines: list[list[tuple[bytes, int]]], unicode: dict[int, int]) -> bytes:
    """A one-page PDF whose font maps byte codes to `unicode` (a ToUnicode CMap), as PDF fonts
    that name glyphs by Kangxi radicals do. Each line is (string, gap before it in 1/1000 em)."""
    cmap = "\n".join(f"<{code:02X}> <{cp:04X}>" for code, cp in sorted(unicode.items()))
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(unicode)} beginbfchar\n{cmap}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
    content = b""
    for i, line in enumerate(lines):
        shown = b" ".join(b"%d (%s)" % (-gap, s) for s, gap in line)
        content += b"BT /F1 12 Tf 72 %d Td [%s] TJ ET\n" % (720 - 30 * i, shown)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /KangxiTest /FirstChar 32 /LastChar 90 /Widths [%s] "
        b"/ToUnicode 6 0 R >>" % b" ".join([b"1000"] * 59),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_pdf_text_is_folded_and_justified_gaps_are_not_spaces_but_numbers_stay_apart():
    unicode = {0x41: 0x2F42, 0x42: 0x4EF6, 0x43: 0x2F00, 0x44: 0x2ED3, 0x45: 0x6C5F, 0x46: 0xFF0C,
               0x47: 0x603B, 0x48: 0x8BA1, 0x49: 0x3002, 0x4A: 0xFF10, 0x30: 0x30, 0x31: 0x31, 0x20: 0x20}
    data = _pdf_with_unicode_map([
        [(b"AB", 0), (b"F", 500), (b"C", 500), (b"DE", 0), (b"I", 0)],  # ⽂件 ， ⼀⻓江。 (justified)
        [(b"J", 0), (b"J", 600), (b"J", 600)],  # ０ ０ ０: full-width digits are numbers too
        [(b"G", 0), (b"H", 800)],  # 总    计: a justified gap between two characters
        [(b"G H", 0)],  # a real space glyph between two Chinese characters
        [(b"0", 0), (b"0", 600), (b"1", 600), (b"F", 400), (b"G", 400)],  # 0 0 1 ， 总: three numbers
    ], unicode)
    texts = [b.text for b in read_pdf("folded.pdf", data).blocks]
    assert texts == ["文件，一长江。", "０ ０ ０", "总计", "总计", "0 0 1，总"]


# ------------------------------------------------------------------------------ refused


def _scan(tmp_path: Path) -> Path:
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 800, 24):  # lines of "text", as a scanner sees them
        draw.rectangle((70, y, 550, y + 10), fill=40)
    png = tmp_path / "page.png"
    image.save(png)
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawImage(str(png), 0, 0, width=A4[0], height=A4[1])
    page.save()
    return path


def test_a_scan_is_refused_as_a_scan(tmp_path: Path):
    path = _scan(tmp_path)
    with pytest.raises(UnreadableInput, match="扫描件"):
        read_pdf(str(path), path.read_bytes())
    (finding,) = lint_pdf(path).findings
    assert finding.code == "DL001" and SCAN_MESSAGE in finding.message


def test_a_pdf_without_text_or_images_is_refused(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "empty.pdf"
    page = canvas.Canvas(str(path))
    page.line(50, 50, 500, 500)  # drawings only: text turned into outlines looks like this
    page.save()
    with pytest.raises(UnreadableInput, match="没有可提取的文字"):
        read_pdf(str(path), path.read_bytes())


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_pdf_is_refused_in_words(tmp_path: Path, keep: float):
    path = write_pdf(from_tab_text(example_text()), tmp_path / "whole.pdf")
    data = path.read_bytes()
    with pytest.raises(UnreadableInput, match="损坏或不完整") as raised:
        read_pdf("broken.pdf", data[: int(len(data) * keep)])
    assert "Traceback" not in str(raised.value)
    (finding,) = lint("broken.pdf", all_rules(), data[: int(len(data) * keep)]).findings
    assert finding.code == "DL001"


def test_a_password_protected_pdf_is_refused(tmp_path: Path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    page.drawString(72, 720, "Annual report")
    page.save()
    with pytest.raises(UnreadableInput, match="已加密"):
        read_pdf(str(path), path.read_bytes())


def test_too_many_pages_are_refused(tmp_path: Path, monkeypatch):
    path = write_pdf(from_tab_text(example_text()), tmp_path / "report.pdf")
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(UnreadableInput, match="超过上限 2 页"):
        read_pdf(str(path), path.read_bytes())


def test_a_slow_pdf_times_out_and_the_previous_alarm_handler_comes_back(tmp_path: Path, monkeypatch):
    path = write_pdf(from_tab_text(example_text()), tmp_path / "report.pdf")

    def slow(path, data):
        time.sleep(5)

    def mine(signum, frame):
        pass

    monkeypatch.setattr(pdf_reader, "_read", slow)
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", 0.2)
    previous = signal.signal(signal.SIGALRM, mine)
    try:
        started = time.monotonic()
        with pytest.raises(UnreadableInput, match="解析超时"):
            read_pdf(str(path), path.read_bytes())
        assert time.monotonic() - started < 3
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_the_pdf_reader_is_not_loaded_for_text():
    import subprocess
    import sys

    code = ("import sys; from disclosure_lint.read import read_bytes; read_bytes('a.txt', '一、总体情况'.encode()); "
            "print('pdfplumber' in sys.modules, 'disclosure_lint.read.pdf' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


# ------------------------------------------------------------------------------ real PDFs

real = pytest.mark.skipif(not (REAL / "huaian-szf-2024.pdf").is_file(),
                          reason=f"real corpus not found at {REAL} (clone ../shared beside this repository)")

TABLE_4_ROW = "cases"


@real
def test_real_hongze_2023_wps_export():
    # WPS export: white boxes behind every line and cell; table 3's last row on page 3 has no
    # bottom border and page 3's first row no top border (checked on the rendered pages).
    result = lint_pdf(REAL / "hongze-qzf-2023.pdf")
    report = result.report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.title.agency == "洪泽区人民政府" and report.title.year == 2023
    table2 = table_cells(report, 2)
    assert table2["normative_documents"] == ["0", "5", "5"] and table2["punishment"] == ["4119"]
    assert table2["fees"] == ["7730.28"]
    table3 = table_cells(report, 3)
    assert report.table(3).format == "2019" and len(table3) == 23
    assert table3["new"] == ["21", "0", "0", "0", "0", "0", "21"]
    assert table3["unable_1"] == ["10", "0", "0", "0", "0", "0", "10"]  # the row that lost its border
    assert table3["unable_2"] == ["3", "0", "0", "0", "0", "0", "3"]
    assert table3["total"] == ["21", "0", "0", "0", "0", "0", "21"]
    assert table_cells(report, 4)[TABLE_4_ROW] == ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0",
                                                    "5", "0", "0", "0", "0"]
    # Each finding checked against the page: no publication channel in the preamble; table 3
    # with one （六）其他处理 row (2019 format) in a 2023 report; table 4's 总计 cells 0 where 10+1
    # and 5 stand before them.
    assert [f.code for f in result.findings] == ["DL106", "DL401", "DL304", "DL304"]


@real
def test_real_hongze_2024():
    result = lint_pdf(REAL / "hongze-qzf-2024.pdf")
    report = result.report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    table3 = table_cells(report, 3)
    assert report.table(3).format == "2019" and len(table3) == 23
    assert table3["new"] == ["95", "0", "0", "0", "0", "0", "95"]
    assert table3["withheld_3"] == ["1", "0", "0", "0", "0", "0", "1"]
    document = read_pdf(str(REAL / "hongze-qzf-2024.pdf"), (REAL / "hongze-qzf-2024.pdf").read_bytes())
    labels = [c.text for b in document.blocks if b.kind == "row" for c in b.cells]
    assert "3.危及“三安全一稳定”" in labels  # its "3." is in another font, set a little lower
    assert table3["unable_1"] == ["31", "0", "0", "0", "0", "0", "31"]
    assert table3["unable_2"] == ["1", "0", "0", "0", "0", "0", "1"]  # first row of page 4
    assert table_cells(report, 4)[TABLE_4_ROW] == ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1",
                                                    "2", "0", "1", "0", "3"]
    # Page 1 says 区政府办代表区政府受理…申请 17 件: the government's own applications, while table 3
    # (95) may cover the whole district; not a contradiction a reviewer would sign, so no DL501.
    assert [f.code for f in result.findings] == ["DL106", "DL401"]
    assert next(f for f in result.findings if f.code == "DL401").position.page == 3


@real
def test_real_huaian_2024_merged_label_cut_by_the_page_break():
    path = REAL / "huaian-szf-2024.pdf"
    document = read_pdf(str(path), path.read_bytes())
    unable = next(b for b in document.blocks if b.kind == "row" and "本机关不掌握" in b.text)
    assert unable.cells[0].text == "（四）无法提供"  # （四）无 on page 4, 法提供 on page 5
    assert {unable.cells[0].position_at(i).page for i in range(7)} == {4, 5}
    result = lint_pdf(path)
    report = result.report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    table3 = table_cells(report, 3)
    assert report.table(3).format == "2021" and len(table3) == 25
    assert table3["new"] == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert table3["unable_2"] == ["11", "0", "0", "0", "0", "0", "11"]
    assert table3["total"] == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert table3["carry_over"] == ["103", "0", "0", "0", "0", "0", "103"]
    assert table_cells(report, 2)["punishment"] == ["3985758"]
    assert table_cells(report, 4)[TABLE_4_ROW] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26",
                                                    "12", "1", "1", "6", "20"]
    # Checked on page 1: the preamble names no website or column where the report is published.
    assert [f.code for f in result.findings] == ["DL106"]


@real
@pytest.mark.parametrize("name", ["huaian-szf-2024", "hongze-qzf-2023", "hongze-qzf-2024"])
def test_real_pdfs_drop_page_numbers_and_keep_every_table_3_row(name: str):
    path = REAL / f"{name}.pdf"
    document = read_pdf(str(path), path.read_bytes())
    texts = [compact(b.text) for b in document.blocks]
    assert not any(compact(b.text).strip("-—").isdigit() for b in document.blocks if b.kind == "paragraph")
    assert not [c.text for b in document.blocks for c in b.cells if regex.search(r"\p{Han} \p{Han}", c.text)]
    labels = sum(1 for t in texts if t.startswith(("一、本年新收", "二、上年结转", "四、结转下年度")))
    assert labels == 3
