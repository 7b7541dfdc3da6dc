"""Structure: the six sections, their order, titles and content, and what is not a report at all.

The seed edits cut each real report at its section heading lines (found by their text) and put the
blocks back together moved, deleted or repeated. Only families DL0-DL3 are compared, so that rules
other engineers are adding (DL4xx, DL5xx) cannot change the outcome.
"""

from __future__ import annotations

import random

import pytest
from conftest import example_text, lint_text, seed_text

from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules

FAMILIES = ("DL0", "DL1", "DL2", "DL3")

CANONICAL = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}
# What a heading line starts with, distinct from table-3 row labels such as 三、本年度办理结果 or
# 四、结转下年度继续办理 (石狮 titles its 六 六、需要说明的其他事项).
HEADING_START = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理",
    4: "四、政府信息公开行政复议",
    5: "五、存在的主要问题",
    6: "六、",
}


def foundation(text: str) -> list:
    return [f for f in lint_text(text).findings if f.code.startswith(FAMILIES)]


def of(findings, code: str) -> list:
    return [f for f in findings if f.code == code]


def heading_lines(text: str) -> dict[int, int]:
    """Section number -> 0-based index of its heading line, found by the line's text."""
    lines = text.split("\n")
    found = {}
    for number, start in HEADING_START.items():
        hits = [i for i, line in enumerate(lines) if line.replace("**", "").strip().startswith(start)]
        assert len(hits) == 1, f"test setup: heading {start!r} found on lines {[i + 1 for i in hits]}"
        found[number] = hits[0]
    assert sorted(found.values()) == list(found.values()), "test setup: seed headings out of order"
    return found


def cut(text: str) -> tuple[str, dict[int, str]]:
    """(text before 一, {number: the section's heading line and body}); every block ends in a newline."""
    if not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")[:-1]
    at = heading_lines(text)
    bounds = [at[n] for n in range(1, 7)] + [len(lines)]
    head = "".join(line + "\n" for line in lines[: bounds[0]])
    blocks = {n: "".join(line + "\n" for line in lines[bounds[n - 1] : bounds[n]]) for n in range(1, 7)}
    return head, blocks


def assemble(head: str, blocks: dict[int, str], order: list[int]) -> str:
    return head + "".join(blocks[n] for n in order)


def line_number(text: str, start: str, occurrence: int = 0) -> int:
    hits = [n for n, line in enumerate(text.split("\n"), 1) if line.replace("**", "").strip().startswith(start)]
    return hits[occurrence]


# ------------------------------------------------------------------------------- the seeds as they are


def test_seed_sections_are_the_six_heading_lines_and_nothing_else(seed_key: str):
    """Row labels of table 3 on a line of their own (闽清, 福州: 一、本年新收…, 三、本年度办理结果,
    四、结转下年度继续办理) and sub-items of 一 are not section headings."""
    text = seed_text(seed_key)
    report = lint_text(text).report
    expected = heading_lines(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.placement for s in report.sections] == ["expected"] * 6
    assert [s.span.line for s in report.sections] == [expected[n] + 1 for n in range(1, 7)]


def test_cutting_and_reassembling_a_seed_changes_nothing(seed_key: str):
    """The edits below are only meaningful if the cut itself is lossless."""
    text = seed_text(seed_key)
    head, blocks = cut(text)
    rebuilt = assemble(head, blocks, [1, 2, 3, 4, 5, 6])
    assert rebuilt.rstrip("\n") == text.rstrip("\n")
    assert [(f.code, f.line, f.column) for f in foundation(rebuilt)] == [
        (f.code, f.line, f.column) for f in foundation(text)]


# ------------------------------------------------------------------------------- moved sections

SWAPS = {
    "3-after-4": [1, 2, 4, 3, 5, 6],
    "1-after-2": [2, 1, 3, 4, 5, 6],
    "5-after-6": [1, 2, 3, 4, 6, 5],
    "2-at-end": [1, 3, 4, 5, 6, 2],
}


@pytest.mark.parametrize("swap", list(SWAPS))
def test_a_moved_section_is_out_of_order_not_missing(seed_key: str, swap: str):
    order = SWAPS[swap]
    head, blocks = cut(seed_text(seed_key))
    original = {f.code for f in foundation(assemble(head, blocks, [1, 2, 3, 4, 5, 6]))}
    text = assemble(head, blocks, order)
    findings = foundation(text)

    # The section that now stands after one that should follow it.
    moved = next(n for i, n in enumerate(order) if any(m > n for m in order[:i]))
    order_findings = of(findings, "DL102")
    assert len(order_findings) == 1, [(f.line, f.message) for f in order_findings]
    finding = order_findings[0]
    assert CANONICAL[moved] in finding.message
    assert finding.line == line_number(text, HEADING_START[moved])
    assert of(findings, "DL101") == []
    assert of(findings, "DL103") == []
    # Moving a whole section changes nothing else: its table and title are still read.
    assert {f.code for f in findings} - {"DL102"} == original


@pytest.mark.parametrize("order", [[6, 1, 2, 3, 4, 5], [4, 1, 2, 3, 5, 6]], ids=["6-first", "4-first"])
def test_one_section_moved_to_the_front_is_one_order_finding(order: list[int]):
    head, blocks = cut(example_text())
    text = assemble(head, blocks, order)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL102"], [(f.line, f.message) for f in findings]
    assert CANONICAL[order[0]] in findings[0].message.split("位置不对")[0]
    assert findings[0].line == line_number(text, HEADING_START[order[0]])


# ------------------------------------------------------------------------------- deleted sections


@pytest.mark.parametrize("number", range(1, 7))
def test_a_deleted_section_is_reported_missing_by_name(seed_key: str, number: int):
    head, blocks = cut(seed_text(seed_key))
    original = {f.code for f in foundation(assemble(head, blocks, [1, 2, 3, 4, 5, 6]))}
    text = assemble(head, blocks, [n for n in range(1, 7) if n != number])
    findings = foundation(text)

    missing = of(findings, "DL101")
    assert len(missing) == 1, [(f.line, f.message) for f in missing]
    assert CANONICAL[number] in missing[0].message
    assert of(findings, "DL102") == [] and of(findings, "DL103") == []
    # Deleting a section can only take findings away (its own), never add new ones elsewhere.
    assert {f.code for f in findings} - {"DL101"} <= original


# ------------------------------------------------------------------------------- repeated sections


@pytest.mark.parametrize("number", range(1, 7))
def test_a_repeated_section_is_a_duplicate(seed_key: str, number: int):
    head, blocks = cut(seed_text(seed_key))
    order = [n for k in range(1, 7) for n in ([k, k] if k == number else [k])]
    text = assemble(head, blocks, order)
    findings = foundation(text)

    duplicates = of(findings, "DL103")
    assert len(duplicates) == 1, [(f.line, f.message) for f in duplicates]
    assert CANONICAL[number] in duplicates[0].message
    assert duplicates[0].line == line_number(text, HEADING_START[number], occurrence=1)
    assert of(findings, "DL101") == [] and of(findings, "DL102") == []


# ------------------------------------------------------------------------------- not a report

NEWS = """各地陆续公布2024年政府信息公开工作年度报告

本报讯（记者 李明）连日来，多地政府门户网站陆续发布年度报告，晒出一年来政务公开“成绩单”。
一、公开数量稳步增长
记者梳理发现，多数部门主动公开信息数量较上年有所增加，政策解读形式更加多样。
二、依申请公开更加规范
不少地方完善了申请受理、答复流程，答复时限明显缩短，群众满意度持续提升。
业内人士表示，下一步应在提升公开质量上下功夫，让群众看得到、看得懂、用得上。
"""


def lint_bytes(data: bytes, path: str = "input.txt"):
    return lint(path, all_rules(), data).findings


NOT_REPORTS = {
    "empty": b"",
    "blank-lines": b"  \n\n\t\n",
    "nul-bytes": b"\x00\x01\x02binary\x00\xff\xfe" * 64,
    "random-bytes": random.Random(20240101).randbytes(4096),
    "random-bytes-without-nul": bytes(b for b in random.Random(7).randbytes(4096) if b),
    "pdf-renamed-txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "chinese-news": NEWS.encode("utf-8"),
    "chinese-news-gb18030": NEWS.encode("gb18030"),
}


@pytest.mark.parametrize("name", list(NOT_REPORTS))
def test_anything_that_is_not_a_report_is_exactly_one_dl001(name: str):
    findings = lint_bytes(NOT_REPORTS[name])
    assert [f.code for f in findings] == ["DL001"]
    assert findings[0].line == 1 and findings[0].column == 1
    assert findings[0].message


def test_gb18030_copy_of_the_example_lints_clean():
    result = lint("2024-report.txt", all_rules(), example_text().encode("gb18030"))
    assert result.findings == ()
    assert result.report.encoding.lower().replace("-", "") == "gb18030"
    assert [s.number for s in result.report.sections] == [1, 2, 3, 4, 5, 6]


# ------------------------------------------------------------------------------- DL104 titles


@pytest.mark.parametrize("written", ["二．主动公开政府信息情况", "二.主动公开政府信息情况",
                                     "二 主动公开政府信息情况", "三、主动公开政府信息情况"])
def test_numbering_deviation_is_dl104(written: str):
    text = example_text().replace("二、主动公开政府信息情况\n", written + "\n", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL104"]
    finding = findings[0]
    assert finding.line == line_number(text, written)
    assert "二、主动公开政府信息情况" in finding.message and written in finding.message


def test_renamed_section_six_is_dl104():
    text = example_text().replace("六、其他需要报告的事项", "六、需要说明的其他事项", 1)
    assert [f.code for f in foundation(text)] == ["DL104"]


@pytest.mark.parametrize("variant", [
    ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题及改进措施"),
    ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
])
def test_accepted_title_variants_are_not_dl104(variant: tuple[str, str]):
    canonical, written = variant
    text = example_text().replace(canonical + "\n", written + "\n", 1)
    assert written in text
    report = lint_text(text).report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert foundation(text) == []


def test_markdown_bold_heading_is_still_the_section():
    text = example_text().replace("二、主动公开政府信息情况\n", "**二、主动公开政府信息情况**\n", 1)
    assert foundation(text) == []


# ------------------------------------------------------------------------------- DL105 title


def test_title_without_agency_is_dl105():
    text = example_text().replace("示例市数据管理局2024年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL105"]
    assert (findings[0].line, findings[0].column) == (1, 1)
    assert "机关名称" in findings[0].message


NO_YEAR = "示例市数据管理局政府信息公开工作年度报告"


def test_title_without_year_is_dl105_naming_the_year():
    text = example_text().replace("示例市数据管理局2024年政府信息公开工作年度报告", NO_YEAR, 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL105"]
    assert (findings[0].line, findings[0].column) == (1, 1)
    assert "年度" in findings[0].message.split("：")[0]


def test_title_without_year_does_not_claim_the_agency_is_missing():
    text = example_text().replace("示例市数据管理局2024年政府信息公开工作年度报告", NO_YEAR, 1)
    finding = next(f for f in foundation(text) if f.code == "DL105")
    assert "机关名称" not in finding.message.split("：")[0], finding.message
    assert lint_text(text).report.title.agency == "示例市数据管理局"


def test_no_title_at_all_is_dl105():
    text = example_text().replace("示例市数据管理局2024年政府信息公开工作年度报告\n", "", 1)
    assert [f.code for f in foundation(text)] == ["DL105"]


def test_agency_on_its_own_line_above_the_title_is_a_full_title():
    """福清 writes the agency on the line above `2020 年政府信息公开工作年度报告`."""
    text = example_text().replace("示例市数据管理局2024年政府信息公开工作年度报告",
                                  "示例市数据管理局\n2024 年政府信息公开工作年度报告", 1)
    assert foundation(text) == []
    assert lint_text(text).report.title.agency == "示例市数据管理局"


# ------------------------------------------------------------------------------- DL106 preamble

FACTS = {
    "统计期限": "本报告所列数据的统计期限自2024年1月1日至2024年12月31日。",
    "公开渠道": "本报告电子版可在示例市人民政府门户网站（https://www.shili.example.gov.cn）“政府信息公开年报”栏目查阅或下载。",
    "联系方式": "如对本报告有疑问，请与示例市数据管理局办公室联系（地址：示例市人民路100号，邮编：999001，电话：0999-1234567）。",
}


@pytest.mark.parametrize("removed", [("统计期限",), ("公开渠道",), ("联系方式",), ("统计期限", "联系方式"),
                                     ("统计期限", "公开渠道", "联系方式")])
def test_preamble_finding_lists_exactly_the_missing_facts(removed: tuple[str, ...]):
    text = example_text()
    for name in removed:
        assert FACTS[name] in text
        text = text.replace(FACTS[name], "", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL106"]
    message = findings[0].message
    for name in FACTS:
        assert (name in message) == (name in removed), (name, message)
    assert findings[0].line == 3  # the preamble's first line


# ------------------------------------------------------------------------------- DL107 content


def section_body(text: str, number: int) -> str:
    start = text.index(CANONICAL[number] + "\n")
    end = text.index(CANONICAL[number + 1] + "\n")
    return text[start:end]


def test_section_one_reduced_to_wu_is_dl107():
    text = example_text()
    text = text.replace(section_body(text, 1), CANONICAL[1] + "\n\n无。\n\n", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL107"]
    assert CANONICAL[1] in findings[0].message
    assert findings[0].line == line_number(text, CANONICAL[1])


def test_section_five_reduced_to_wu_is_dl107():
    text = example_text()
    text = text.replace(section_body(text, 5), CANONICAL[5] + "\n\n无。\n\n", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL107"]
    assert CANONICAL[5] in findings[0].message


def test_section_five_with_problems_but_no_improvements_is_dl107():
    text = example_text()
    problems = ("（一）存在的主要问题。一是政策解读形式较为单一，图解、视频等解读占比不高；"
                "二是依申请公开答复文书的规范性仍有不足。")
    text = text.replace(section_body(text, 5), f"{CANONICAL[5]}\n\n{problems}\n\n", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL107"]
    assert "改进" in findings[0].message


def test_section_five_problems_worded_with_youdai_tisheng_still_lack_improvements():
    text = example_text()
    problems = ("（一）存在的主要问题。一是信息发布的及时性有待提升；二是政策解读质量有待加强，"
                "解读形式还需完善。")
    text = text.replace(section_body(text, 5), f"{CANONICAL[5]}\n\n{problems}\n\n", 1)
    assert [f.code for f in foundation(text)] == ["DL107"]


def test_section_five_with_improvements_but_no_problems_is_dl107():
    text = example_text()
    measures = "（一）改进措施。下一步，我局将丰富解读形式，重要政策文件同步推出图解或视频解读，并组织业务培训。"
    text = text.replace(section_body(text, 5), f"{CANONICAL[5]}\n\n{measures}\n\n", 1)
    findings = foundation(text)
    assert [f.code for f in findings] == ["DL107"]
    assert "问题" in findings[0].message.split("未见")[-1]


# ------------------------------------------------------------------------------- not headings


@pytest.mark.parametrize("sub_item", ["（二）主动公开政府信息情况", "(二)主动公开政府信息情况",
                                      "（三）收到和处理政府信息公开申请情况"])
def test_sub_item_of_section_one_is_not_a_section_heading(sub_item: str):
    text = example_text().replace("一、总体情况\n\n", f"一、总体情况\n\n{sub_item}\n\n", 1)
    report = lint_text(text).report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.placement for s in report.sections] == ["expected"] * 6
    assert report.sections[1].span.line == line_number(text, "二、主动公开政府信息情况")
    assert foundation(text) == []


def test_table_three_row_labels_on_a_line_of_their_own_are_not_headings():
    text = example_text()
    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
              "四、结转下年度继续办理"]
    for label in labels:
        assert label + "\t" in text
        text = text.replace(label + "\t", label + "\n\t", 1)
    report = lint_text(text).report
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.placement for s in report.sections] == ["expected"] * 6
    for label in labels:
        assert line_number(text, label) not in {s.span.line for s in report.sections}
    assert report.table(3).row("new").cell("总计").value == 8
    assert report.table(3).row("carry_over").cell("总计").value == 1
    assert foundation(text) == []
