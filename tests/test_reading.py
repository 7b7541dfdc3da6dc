"""Reading: encodings, line ends, full-width digits and blank-cell marks.

Whatever the bytes look like, the model must hold the same values, and every position must point
into the original text (1-based line, 1-based character column) so that code frames show the
right place.
"""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest
from conftest import example_text, lint_text, seed_text

from disclosure_lint.document import fold
from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules

FAMILIES = ("DL0", "DL1", "DL2", "DL3")
TITLE = "示例市数据管理局2024年政府信息公开工作年度报告"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NEW_ROW = "一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t1\t0\t8"  # table 3 of the example


def lint_bytes(data: bytes, path: str = "report.txt"):
    return lint(path, all_rules(), data)


def positions(findings) -> list[tuple]:
    return [(f.code, f.line, f.column, f.length) for f in findings if f.code.startswith(FAMILIES)]


def model(report) -> list[tuple]:
    """Sections and every table cell: what the model holds and where it says it was found."""
    out = []
    for s in report.sections:
        out.append((s.number, s.placement, s.span.line, s.span.column, s.span.length))
        if s.table is not None:
            for row, c in s.table.cells():
                span = c.span and (c.span.line, c.span.column, c.span.length)
                out.append((s.number, row.key, row.span.line, c.column, c.kind, c.value, span))
    return out


def text_at(report, span) -> str:
    return report.source_lines[span.line - 1][span.column - 1 : span.column - 1 + span.length]


# ----------------------------------------------------------------------------------- encodings

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_example_decodes_the_same_in_every_encoding(encoding: str):
    text = example_text()
    reference = lint_text(text).report
    result = lint_bytes(ENCODINGS[encoding](text))
    report = result.report
    assert result.findings == ()
    assert report.title.text == TITLE
    assert (report.title.span.line, report.title.span.column) == (1, 1)  # a BOM is not a character
    assert report.source_lines[0] == TITLE
    assert list(report.source_lines) == text.split("\n")
    assert model(report) == model(reference)
    assert report.table(3).row("new").cell("自然人").value == 5


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-bom", "utf-16-le-bom"])
def test_seed_findings_do_not_depend_on_the_encoding(seed_key: str, encoding: str):
    text = seed_text(seed_key)
    reference = lint_text(text)
    result = lint_bytes(ENCODINGS[encoding](text))
    assert positions(result.findings) == positions(reference.findings)
    assert model(result.report) == model(reference.report)


# ----------------------------------------------------------------------------------- line ends


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_lone_cr_count_lines_like_lf(seed_key: str, ending: str):
    text = seed_text(seed_key).replace("\r\n", "\n")
    reference = lint_text(text)
    result = lint_text(text.replace("\n", ending))
    assert positions(result.findings) == positions(reference.findings)
    assert model(result.report) == model(reference.report)
    assert result.report.source_lines == reference.report.source_lines
    assert not any("\r" in line for line in result.report.source_lines)


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_ends_keep_table_positions_in_the_example(ending: str):
    text = example_text()
    line = text.split("\n").index(NEW_ROW) + 1
    report = lint_text(text.replace("\n", ending)).report
    cell = report.table(3).row("new").cell("总计")
    assert cell.value == 8
    assert (cell.span.line, cell.span.column) == (line, NEW_ROW.rindex("8") + 1)


def test_mixed_line_ends_count_each_break_once():
    text = example_text()
    lines = text.split("\n")
    # A lone CR is always followed by a CRLF here, so no CR + LF pair is formed by accident.
    mixed = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    assert mixed.count("\r\n") + mixed.replace("\r\n", "").count("\r") + mixed.replace("\r\n", "").count("\n") \
        == len(lines) - 1
    assert positions(lint_text(mixed).findings) == []
    assert model(lint_text(mixed).report) == model(lint_text(text).report)


# ----------------------------------------------------------------------------------- full-width digits


def test_full_width_digits_in_a_tab_table_are_numbers_at_their_own_place():
    text = example_text()
    wide_row = NEW_ROW.translate(FULL_WIDTH)  # 一、本年新收…\t\t５\t２\t０\t０\t１\t０\t８
    assert wide_row != NEW_ROW
    text = text.replace(NEW_ROW, wide_row, 1).replace("行政许可\t156", "行政许可\t１５６", 1)
    lines = text.split("\n")
    result = lint_text(text)
    assert positions(result.findings) == []  # still adds up: the digits are read as numbers

    row = result.report.table(3).row("new")
    line = lines.index(wide_row) + 1
    expected = {"自然人": 5, "商业企业": 2, "科研机构": 0, "社会公益组织": 0, "法律服务机构": 1, "其他": 0, "总计": 8}
    assert {c.column: c.value for c in row.cells} == expected
    natural = row.cell("自然人")
    assert (natural.span.line, natural.span.column) == (line, wide_row.index("５") + 1)
    assert text_at(result.report, natural.span) == "５"
    total = row.cell("总计")
    assert (total.span.line, total.span.column) == (line, wide_row.index("８") + 1)

    licensing = result.report.table(2).row("licensing").cells[0]
    assert licensing.value == 156
    licensing_line = next(n for n, s in enumerate(lines, 1) if s.startswith("行政许可\t１５６"))
    assert (licensing.span.line, licensing.span.column, licensing.span.length) == (licensing_line, 6, 3)
    assert text_at(result.report, licensing.span) == "１５６"


def test_full_width_digits_everywhere_read_like_ascii_in_every_layout(seed_key: str):
    text = seed_text(seed_key)
    reference = lint_text(text)
    wide = text.translate(FULL_WIDTH)
    result = lint_text(wide)
    # one character for one: the same values at the same lines and columns
    assert model(result.report) == model(reference.report)
    assert positions(result.findings) == positions(reference.findings)
    numbers = [c for s in result.report.sections if s.table for _, c in s.table.cells() if c.is_number]
    assert numbers
    for cell in numbers:
        written = text_at(result.report, cell.span)
        assert written == cell.raw
        assert all("０" <= ch <= "９" for ch in written if ch not in ".-+,"), written
        assert int(fold(written).replace(",", "")) == cell.value


@pytest.mark.parametrize(("key", "row", "written", "column", "value"), [
    ("example", "行政事业性收费\t1.25", "行政事业性收费\t１．２５", 0, Decimal("1.25")),
    ("example", "行政许可\t156", "行政许可\t１，１５６", 0, 1156),
    ("shishi", "行政许可\t12\t6\t6", "行政许可\t12\t－６\t6", 1, -6),  # 2019 本年增/减 may be negative
], ids=["decimal-point", "thousands-separator", "minus-sign"])
def test_full_width_point_separator_and_sign_are_part_of_the_number(key, row, written, column, value):
    text = example_text() if key == "example" else seed_text(key)
    assert row in text
    text = text.replace(row, written, 1)
    line = next(n for n, s in enumerate(text.split("\n"), 1) if s.startswith(written))
    result = lint_text(text)
    cell = next(r for r in result.report.table(2).rows if r.source_label == written.split("\t")[0]).cells[column]
    assert (cell.kind, cell.value) == ("number", value)
    assert text_at(result.report, cell.span) == written.split("\t")[column + 1]
    assert [f for f in result.findings if f.code.startswith("DL2") and f.line == line] == []


# ----------------------------------------------------------------------------------- blank marks


@pytest.mark.parametrize("mark", ["—", "/", "无", "——", "－"])
def test_blank_mark_in_a_tab_cell_is_blank_never_zero(mark: str):
    text = example_text()
    row_text = NEW_ROW.replace("\t\t5\t", f"\t\t{mark}\t", 1)
    text = text.replace(NEW_ROW, row_text, 1)
    line = text.split("\n").index(row_text) + 1
    result = lint_text(text)

    cell = result.report.table(3).row("new").cell("自然人")
    assert cell.kind == "blank" and cell.value is None
    assert (cell.span.line, cell.span.column) == (line, row_text.index(mark) + 1)
    assert text_at(result.report, cell.span) == mark

    found = [f for f in result.findings if f.code.startswith(FAMILIES)]
    assert [f.code for f in found] == ["DL203"]
    assert (found[0].line, found[0].column) == (line, row_text.index(mark) + 1)
    assert found[0].table == "表三" and found[0].column_label == "自然人"
    # Read as 0, the row would not add up (0+2+0+0+1+0 ≠ 8) and 0+1 ≠ 5+1 would break the balance:
    # neither identity may be judged on a blank.
    assert not {"DL301", "DL302", "DL303"} & {f.code for f in found}


def test_five_adjacent_dashes_in_table_four_are_one_finding():
    text = example_text()
    row = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    dashed = "—\t—\t—\t—\t—\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    assert row in text
    text = text.replace(row, dashed, 1)
    line = text.split("\n").index(dashed) + 1
    result = lint_text(text)
    cells = result.report.table(4).rows[0].cells
    assert [c.kind for c in cells[:5]] == ["blank"] * 5
    assert [c.value for c in cells[5:]] == [0] * 10
    found = [f for f in result.findings if f.code.startswith(FAMILIES)]
    assert [f.code for f in found] == ["DL203"]
    assert (found[0].line, found[0].column) == (line, 1)
    assert "行政复议" in found[0].message and "5" in found[0].message
    assert "DL304" not in {f.code for f in found}


@pytest.mark.parametrize("mark", ["—", "/"])
def test_blank_mark_in_a_pipe_cell_is_blank(mark: str):
    """福州's web layout: one cell per line ending in ` |`."""
    lines = seed_text("fuzhou").split("\n")
    label = lines.index("一、本年新收政府信息公开申请数量 |")
    assert lines[label + 1] == "7 |"
    lines[label + 1] = f"{mark} |"
    result = lint_text("\n".join(lines))
    cell = result.report.table(3).row("new").cell("自然人")
    assert cell.kind == "blank" and cell.value is None
    assert (cell.span.line, cell.span.column) == (label + 2, 1)
    blanks = [f for f in result.findings if f.code == "DL203"]
    assert [(f.line, f.column, f.column_label) for f in blanks] == [(label + 2, 1, "自然人")]


@pytest.mark.parametrize(("key", "label_line"), [("fuzhou", "一、本年新收政府信息公开申请数量 |"),
                                                 ("minqing", "一、本年新收政府信息公开申请数量")],
                         ids=["pipe-cells", "cell-per-line"])
def test_wu_in_a_cell_of_its_own_is_blank(key: str, label_line: str):
    lines = seed_text(key).split("\n")
    label = lines.index(label_line)
    first = next(i for i in range(label + 1, len(lines)) if lines[i].strip())
    lines[first] = lines[first].replace(lines[first].strip().rstrip("|").strip(), "无", 1)
    result = lint_text("\n".join(lines))
    cell = result.report.table(3).row("new").cell("自然人")
    assert cell.kind == "blank"
    assert cell.span is not None and cell.span.line == first + 1
    blanks = [f for f in result.findings if f.code == "DL203"]
    assert [(f.line, f.column_label) for f in blanks] == [(first + 1, "自然人")]
