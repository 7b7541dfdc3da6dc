"""DL502 reads prose that splits one total more than once ("其中自然人…，法人或其他组织…；共办理…，结转…")
breakdown by breakdown, checks stated shares against their counts, and stays quiet where the prose is
ambiguous. Every sentence here is invented and added to the shipped example report (an invented agency)."""

from __future__ import annotations

import json

import pytest
from conftest import example_text, lint_text

from disclosure_lint.facts import ReportFacts
from disclosure_lint.knowledge import compile_knowledge, knowledge_text

ANCHOR = "全年发布政策解读9篇。"  # section 一, line 15 of the example report; the sentences go after it


def report_with(sentence: str) -> str:
    text = example_text()
    assert ANCHOR in text
    return text.replace(ANCHOR, ANCHOR + sentence, 1)


def findings(sentence: str):
    return list(lint_text(report_with(sentence), select=("DL502",)).findings)


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`."""
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in the report")


def breakdowns(sentence: str, total: int, known=None):
    report = lint_text(report_with(sentence), select=("DL502",)).report
    facts = ReportFacts(report, known) if known else report.facts
    (enum,) = [e for e in facts.enumerations if e.total == total]
    return enum.breakdowns


PARALLEL = "共受理政府信息公开申请64件，其中自然人58件，法人或其他组织6件；共办理57件，结转下一年7件。"


# --------------------------------------------------------------------------- one total, two breakdowns


def test_parallel_breakdowns_that_both_hold_are_quiet():
    # 58 + 6 = 64 and 57 + 7 = 64; adding all four (128) would be a false alarm
    assert findings(PARALLEL) == []
    found = breakdowns(PARALLEL, 64)
    assert [(b.name, [p.value for p in b.parts], b.checked) for b in found] == [
        ("按申请人分", [58, 6], True), ("按办理结果分", [57, 7], True)]


def test_the_wrong_breakdown_fires_once_and_is_pointed_at():
    sentence = PARALLEL.replace("法人或其他组织6件", "法人或其他组织5件")
    (finding,) = findings(sentence)
    assert (finding.line, finding.column) == where(report_with(sentence), "自然人58件")
    assert "“按申请人分”的2项之和为 58 + 5 = 63件，与所述总数 64件 不符" in finding.message

    sentence = PARALLEL.replace("共办理57件", "共办理59件")
    (finding,) = findings(sentence)
    assert (finding.line, finding.column) == where(report_with(sentence), "共办理59件")
    assert "59 + 7 = 66件" in finding.message and "64件" in finding.message


def test_when_no_breakdown_confirms_the_total_the_total_is_pointed_at():
    # both breakdowns add up to 64, the total says 65: the total is the odd one out
    sentence = PARALLEL.replace("64件", "65件")
    (finding,) = findings(sentence)  # 按申请人分 covers everyone (其他组织); 办理 + 结转 alone may be partial
    assert (finding.line, finding.column) == where(report_with(sentence), "65件")
    assert "58 + 6 = 64件" in finding.message and "65件" in finding.message


def test_a_restated_total_starts_a_new_breakdown():
    # 50 + 6 may be highlights; 已办结 restates the total, so 57 + 7 is checked on its own, not added on
    sentence = "共受理申请64件，其中甲类申请50件、乙类申请6件，已办结57件、结转下年度7件。"
    assert findings(sentence) == []
    assert [b.sum for b in breakdowns(sentence, 64)] == [56, 64]
    (finding,) = findings(sentence.replace("已办结57件", "已办结58件"))
    assert "58 + 7 = 65件" in finding.message


def test_parts_of_nothing_stay_in_the_breakdown_they_end():
    (only,) = breakdowns("共公开信息20条，其中甲类信息20条、乙类信息0条、其他信息0条。", 20)
    assert [p.value for p in only.parts] == [20, 0, 0]


def test_a_semicolon_separates_breakdowns_only_where_commas_separate_parts():
    # 、 between parts, ； between groups: two runs, the second not clearly of this total
    assert findings("共制发文件55件，其中甲类文件20件、乙类文件30件；丙类文件10件、丁类文件45件。") == []
    # ； alone separates the parts: one list, and 20 + 30 + 10 > 55
    (finding,) = findings("共制发文件55件，其中甲类文件20件；乙类文件30件；丙类文件10件。")
    assert "20 + 30 + 10 = 60件" in finding.message


# --------------------------------------------------------------------------- the 莆田-like single breakdown


SINGLE = "全年共主动公开政府信息87条，其中机构职能类信息11条、工作动态类信息52条、政策解读类信息9条、人事类信息8条、其他主动公开类信息7条。"


def test_a_single_breakdown_that_adds_up_is_quiet():
    assert findings(SINGLE) == []
    (only,) = breakdowns(SINGLE, 87)
    assert only.sum == 87 and only.exhaustive


def test_a_single_breakdown_that_does_not_add_up_fires_on_the_total():
    sentence = SINGLE.replace("其他主动公开类信息7条", "其他主动公开类信息8条")
    (finding,) = findings(sentence)
    assert (finding.line, finding.column) == where(report_with(sentence), "87条")
    assert "其后所列5项之和为 11 + 52 + 9 + 8 + 8 = 88条，与所述总数 87条 不符" in finding.message
    # short of the total: reported because 其他… claims the rest ...
    assert len(findings(SINGLE.replace("其他主动公开类信息7条", "其他主动公开类信息6条"))) == 1
    # ... and not when the list may name only highlights
    assert findings(SINGLE.replace("其他主动公开类信息7条", "财政类信息6条")) == []


# --------------------------------------------------------------------------- shares


@pytest.mark.parametrize(("sentence", "fires"), [
    ("共受理申请50件，其中，依申请公开的自然人申请15件，占30%。", False),
    ("共受理申请50件，其中，依申请公开的自然人申请16件，占30%。", True),
    ("共受理申请50件，其中自然人15件，占比30%，法人或其他组织35件，占比70%。", False),
    ("共受理申请50件，其中自然人15件，占比32%，法人或其他组织35件，占比70%。", True),
    ("共受理申请50件，其中自然人15件，占总数的30％；法人或其他组织35件，占总数的70％。", False),
    ("共受理申请50件，其中自然人15件，占总数的30％；法人或其他组织35件，占总数的60％。", True),
    ("共受理申请49件，其中自然人7件，占14.3%。", False),  # 14.29 rounded
    ("共受理申请49件，其中自然人7件，占14.2%。", False),  # 14.29 cut short
    ("共受理申请49件，其中自然人7件，占14.1%。", True),
    ("共受理申请49件，其中自然人7件，占14%。", False),
    ("共受理申请49件，其中自然人7件，占16%。", True),
])
def test_a_share_is_checked_against_its_count_and_the_total(sentence: str, fires: bool):
    assert len(findings(sentence)) == int(fires)


def test_a_wrong_share_names_the_figures_and_points_at_the_part():
    sentence = "共受理申请50件，其中，依申请公开的自然人申请16件，占30%。"
    (finding,) = findings(sentence)
    assert (finding.line, finding.column) == where(report_with(sentence), "16件")
    assert "“依申请公开的自然人申请16件”占总数 50件 的 32%，文中写作 30%" in finding.message


OUTCOMES = "共受理申请120件，其中予以公开80件，占66.7%；部分公开20件，占16.7%；不予公开11件，占9.2%；结转下年度9件，占7.5%。"


def test_shares_that_do_not_add_up_to_100_percent():
    assert findings(OUTCOMES) == []  # 66.7 + 16.7 + 9.2 + 7.5 = 100.1: rounding
    (finding,) = findings(OUTCOMES.replace("占9.2%", "占19.2%"))
    assert (finding.line, finding.column) == where(report_with(OUTCOMES), "11件")
    assert "文中写作 19.2%（该组各项占比合计 110.1%）" in finding.message


@pytest.mark.parametrize("sentence", [
    "共受理申请3件，其中自然人1件，占33.3%；法人1件，占33.3%；其他组织1件，占33.3%。",  # 99.9
    "共受理申请3件，其中自然人1件，占33%；法人1件，占33%；其他组织1件，占34%。",  # evened out to 100
])
def test_rounded_shares_are_quiet(sentence: str):
    assert findings(sentence) == []


def test_shares_of_highlights_do_not_make_a_list_complete():
    # every part states a share, but 20% + 5% is plainly a selection: 60 + 15 < 300 is not an error
    assert findings("共公开信息300条，其中政策文件60条，占20%；政策解读15条，占5%。") == []


# --------------------------------------------------------------------------- ambiguous prose: silence


@pytest.mark.parametrize("sentence", [
    # 等: the list is open
    "共受理申请64件，其中自然人58件、法人或其他组织9件等。",
    # a figure of another unit runs on: not a plain breakdown
    "共受理申请64件，其中自然人58件、法人9件、其他组织9家。",
    "共受理申请64件，其中自然人58件，涉及群众90人，法人或其他组织9件。",
    # after the parts add up, further figures of the unit may count something else
    "全年共主动公开政府信息93条，其中甲类信息14条、乙类信息79条，更新目录100条、清理过期信息50条。",
    # last year's carry-over is mentioned: 办结 and 结转 count a larger total
    "共受理申请64件，其中自然人58件，法人或其他组织6件，上年结转3件，办结60件，结转7件。",
    # a nested 其中 belongs to the part before it
    "共受理申请64件，其中自然人58件、法人6件，其中商业企业5件、其他组织4件。",
    # the total is the last of two counts: 其中 may split both
    "共办理议案建议12件、提案8件，其中主办15件、协办5件。",
    # a share of another whole
    "共受理申请50件，其中自然人16件，占全市的30%。",
])
def test_ambiguous_prose_is_quiet(sentence: str):
    assert findings(sentence) == []


def test_dimensions_are_data():
    """A maintainer who adds a way of splitting a total to knowledge.json makes its breakdowns checked."""
    sentence = "共受理申请64件，其中自然人58件、法人或其他组织6件，省内申请40件、省外申请30件。"
    assert findings(sentence) == []  # 40 + 30 after a complete run: not clearly about the total
    raw = json.loads(knowledge_text())
    raw["enumeration"]["dimensions"].append({"key": "region", "name": "按地域分", "labels": "^省[内外]"})
    later = breakdowns(sentence, 64, compile_knowledge(raw))[1]
    assert (later.name, later.checked, later.sum) == ("按地域分", True, 70)
    assert breakdowns(sentence, 64)[1].checked is False
