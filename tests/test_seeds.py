"""The five real seed reports give exactly the findings the rule catalogue expects of them
(/work/shared/docs/rules.md, "Expected findings on the five seeds"), at the places their text shows.

Only the families DL0-DL3 are asserted: the later families (DL4xx, DL5xx) belong to rules other
engineers are adding (莆田's DL503, for one), and must not make these tests fail or pass.
"""

from __future__ import annotations

import re

import pytest
from conftest import lint_text, seed_text

FAMILIES = ("DL0", "DL1", "DL2", "DL3")

EXPECTED = {
    "fuqing": set(),  # 福清 2020: clean
    "minqing": set(),  # 闽清 2020: clean
    "fuzhou": {"DL105", "DL106"},  # 福州 2025: title and preamble lost in the web copy
    "shishi": {"DL203", "DL104", "DL105"},  # 石狮 2020: blank 行政复议 cells, 六 renamed, no agency
    "putian": {"DL203"},  # 莆田 2023: blank 行政复议 cells (its DL503 is another family)
}

# The five 行政复议 columns of table 4 (report-format.md, "Table 4").
REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def foundation_findings(key: str):
    return [f for f in lint_text(seed_text(key)).findings if f.code.startswith(FAMILIES)]


def only(findings, code: str):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, f"expected exactly one {code}, got {[(f.line, f.message) for f in found]}"
    return found[0]


def line_of(text: str, predicate) -> int:
    """1-based number of the only line of `text` for which predicate(stripped line) holds."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if predicate(line.strip())]
    assert len(hits) == 1, f"test setup: expected one matching line, found {hits}"
    return hits[0]


def test_each_seed_has_exactly_the_expected_codes(seed_key: str):
    assert {f.code for f in foundation_findings(seed_key)} == EXPECTED[seed_key]


# ------------------------------------------------------------------------------------ 石狮 2020


def test_shishi_section_six_title_is_flagged_where_it_stands():
    text = seed_text("shishi")
    finding = only(foundation_findings("shishi"), "DL104")
    assert (finding.line, finding.column) == (120, 1)
    assert text.splitlines()[119].strip() == "六、需要说明的其他事项"  # the line the finding points at
    # expected vs found, as the catalogue asks of every message
    assert "六、其他需要报告的事项" in finding.message
    assert "六、需要说明的其他事项" in finding.message
    assert finding.severity.value == "warning"


def test_shishi_title_without_agency_is_flagged_on_the_title_line():
    text = seed_text("shishi")
    finding = only(foundation_findings("shishi"), "DL105")
    assert (finding.line, finding.column) == (3, 1)
    assert text.splitlines()[2].strip().endswith("年政府信息公开工作年度报告")
    assert "机关名称" in finding.message
    assert finding.severity.value == "warning"


@pytest.mark.parametrize("key", ["shishi", "putian"])
def test_blank_review_cells_are_one_finding_on_the_table_four_row(key: str):
    text = seed_text(key)
    # The table-4 data row: the line that holds only blanks and 10 zeros.
    row_line = line_of(text, lambda s: s.split() == ["0"] * 10)
    assert row_line == {"shishi": 96, "putian": 77}[key]

    finding = only(foundation_findings(key), "DL203")
    assert (finding.line, finding.column) == (row_line, 1)
    assert "行政复议" in finding.message
    assert re.search(r"5\s*个", finding.message), finding.message
    assert finding.table == "表四"
    for column in REVIEW_COLUMNS:
        assert column in finding.column_label
    assert finding.severity.value == "error"


def test_putian_blank_review_cells_are_blank_in_the_model_not_zero():
    report = lint_text(seed_text("putian")).report
    row = report.table(4).rows[0]
    review = [c for c in row.cells if c.column.startswith("行政复议·")]
    suits = [c for c in row.cells if not c.column.startswith("行政复议·")]
    assert [c.kind for c in review] == ["blank"] * 5
    assert all(c.value is None for c in review)
    assert [c.value for c in suits] == [0] * 10


# ------------------------------------------------------------------------------------ 福州 2025


def test_fuzhou_missing_title_and_preamble_facts_point_at_line_one():
    findings = foundation_findings("fuzhou")
    title = only(findings, "DL105")
    preamble = only(findings, "DL106")
    assert title.line == 1 and preamble.line == 1
    assert title.column == 1 and preamble.column == 1


def test_fuzhou_preamble_finding_lists_what_is_missing_and_not_the_contact_it_has():
    text = seed_text("fuzhou")
    # The web copy kept only the contact lines (邮编/电话/传真) above 一、总体情况.
    head = text[: text.index("一、总体情况")]
    assert "电话" in head and "统计期限" not in head
    message = only(foundation_findings("fuzhou"), "DL106").message
    assert "统计期限" in message
    assert "公开渠道" in message
    assert "联系方式" not in message


def test_fuzhou_title_finding_says_the_title_is_missing():
    assert "缺少标题" in only(foundation_findings("fuzhou"), "DL105").message


# ------------------------------------------------------------------------------------ all seeds


def test_no_seed_has_a_table_shape_or_identity_finding(seed_key: str):
    """The seeds' tables add up and have their full shape: no DL201/DL202/DL204 or DL3xx."""
    found = {f.code for f in foundation_findings(seed_key)}
    assert not found & {"DL201", "DL202", "DL204", "DL301", "DL302", "DL303", "DL304"}


def test_every_finding_points_inside_the_seed(seed_key: str):
    text = seed_text(seed_key)
    lines = text.replace("\r\n", "\n").split("\n")
    for f in foundation_findings(seed_key):
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= max(len(lines[f.line - 1]), 1), f
