"""Cross-year checks (DL601–DL603) and the pairing they run on (issue 11).

The example pairs are examples/2024-report.txt with examples/2023-report.txt (2021 format, 示例市数据管理局)
and examples/2020-report.txt with examples/2019-report.txt (2019 format, 示例县市场监督管理局): each pair
is consistent, so every finding here comes from the one edit a test makes. The real pair is
淮安市洪泽区人民政府's 2023 and 2024 reports (../shared/corpus/real), checked by hand against the PDFs.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REAL, example_text, lint_text
from test_rule_examples import lint_pair

from disclosure_lint.lint import cross_check, lint, load_report
from disclosure_lint.model import CellsLost
from disclosure_lint.pairing import (
    AliasError,
    CrossYearOptions,
    Identity,
    Unidentified,
    identify,
    normalise_agency,
    pair_identities,
    resolve_aliases,
)
from disclosure_lint.registry import all_rules, rules_with_prefix
from disclosure_lint.rule import Severity
from disclosure_lint.rules.dl601_carry_over import CarryOver
from disclosure_lint.rules.dl602_in_force_chain import InForceChain

THIS, LAST = example_text("2024-report"), example_text("2023-report")
THIS_2019, LAST_2019 = example_text("2020-report"), example_text("2019-report")
AGENCY = "示例市数据管理局"
DL6 = rules_with_prefix("DL6")


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def cell_at(text: str, label: str, index: int) -> tuple[int, int]:
    """(line, column) of the index-th number of the tab row starting with `label` (columns 1-based,
    a tab one column: the text reader's terms)."""
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith(label):
            cells = line.split("\t")
            numbers = [i for i, c in enumerate(cells) if c and c != label and not c.startswith(("（", "三、"))]
            i = numbers[index]
            return n, len("\t".join(cells[:i])) + (1 if i else 0) + 1
    raise AssertionError(label)


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def cross(findings) -> list:
    return [f for f in findings if f.code.startswith("DL6")]


def retitled(text: str, agency: str | None = None, year: int | None = None) -> str:
    """The example report as another agency's or another year's (title, statistics period, body, signature)."""
    if agency is not None:
        text = text.replace(AGENCY, agency)
    if year is not None:
        own = int(re.search(r"(20\d\d)年政府信息公开工作年度报告", text).group(1))
        text = text.replace(f"{own + 1}年1月", f"{year + 1}年1月").replace(str(own), str(year))
    return text


# --------------------------------------------------------------------------- consistent pairs


@pytest.mark.parametrize(("this", "last"), [(THIS, LAST), (THIS_2019, LAST_2019)], ids=["2021-format", "2019-format"])
def test_consistent_pairs_raise_nothing_in_either_order(this: str, last: str):
    checked, previous, pairing = lint_pair(this, last)
    assert pairing.pairs() == [(0, 1)] and checked.findings == () and previous.findings == ()
    results = [lint(p, all_rules(), t.encode()) for p, t in (("b/last.txt", last), ("a/this.txt", this))]
    checked, pairing = cross_check(results, all_rules())
    assert pairing.pairs() == [(1, 0)] and all(r.findings == () for r in checked)


def test_single_report_lint_never_runs_the_cross_year_rules():
    bad = edit(THIS, "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1", "二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3")
    assert cross(lint_text(bad).findings) == []
    assert "DL601" in [f.code for f in lint_pair(bad, LAST)[0].findings]


# --------------------------------------------------------------------------- DL601


CARRIED_IN = "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"


def test_carry_over_is_reported_column_by_column_where_it_is():
    bad = edit(THIS, f"{CARRIED_IN}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_IN}\t\t1\t0\t0\t0\t2\t0\t3")
    checked, _, _ = lint_pair(bad, LAST, this_path="r/2024.txt", last_path="r/2023.txt")
    found = [f for f in checked.findings if f.code == "DL601"]
    assert [f.column_label for f in found] == ["法律服务机构", "总计"]
    for f, index, now in zip(found, (4, 6), ("2", "3")):
        assert (f.line, f.column) == cell_at(bad, CARRIED_IN, index)
        assert f.severity is Severity.ERROR and f.table == "表三" and f.row == CARRIED_IN
        line, column = cell_at(LAST, CARRIED_OUT, index)
        # both numbers, both files, both places
        then = "0" if index == 4 else "1"
        assert f"为 {now}（r/2024.txt 第{f.line}行第{f.column}列）" in f.message
        assert f"表三“{CARRIED_OUT}”行“{f.column_label}”列为 {then}（r/2023.txt 第{line}行第{column}列）" in f.message
        assert [(r.path, r.position.line, r.position.column) for r in f.related] == [("r/2023.txt", line, column)]
        shown = f.as_dict()["related"]
        assert shown == [{"path": "r/2023.txt", "line": line, "column": column, "message": f.related[0].message}]


def test_carry_over_edit_of_last_years_report_points_at_this_years_cell():
    bad_last = edit(LAST, f"{CARRIED_OUT}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_OUT}\t\t0\t1\t0\t0\t0\t0\t1")
    found = [f for f in lint_pair(THIS, bad_last)[0].findings if f.code == "DL601"]
    assert [(f.column_label, f.line, f.column) for f in found] == [
        ("自然人", *cell_at(THIS, CARRIED_IN, 0)), ("商业企业", *cell_at(THIS, CARRIED_IN, 1))]


def test_carry_over_skips_blank_cells_on_either_side():
    blank_this = edit(THIS, f"{CARRIED_IN}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_IN}\t\t—\t0\t0\t0\t0\t0\t1")
    blank_last = edit(LAST, f"{CARRIED_OUT}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_OUT}\t\t1\t0\t0\t0\t0\t0\t")
    assert "DL601" not in [f.code for f in lint_pair(blank_this, LAST)[0].findings]
    # the blank 总计 is unknowable, the other columns still agree: nothing to report
    assert "DL601" not in [f.code for f in lint_pair(THIS, blank_last)[0].findings]
    # a real difference in another column is still found next to a blank one
    both = edit(blank_this, "\t—\t0\t0\t0\t0\t0\t1", "\t—\t0\t0\t0\t0\t1\t1")
    assert [f.column_label for f in lint_pair(both, LAST)[0].findings if f.code == "DL601"] == ["其他"]


def test_unreadable_tables_are_never_compared():
    report = load_report("this.txt", edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t5").encode())
    previous = load_report("last.txt", LAST.encode())
    assert list(CarryOver().check(report, previous))

    def unreadable(r, number):
        sections = tuple(replace(s, table=replace(s.table, rows=(), cells_lost=CellsLost("run_together", "", s.table.span)))
                         if s.number == number else s for s in r.sections)
        return replace(r, sections=sections)

    assert list(CarryOver().check(unreadable(report, 3), previous)) == []
    assert list(CarryOver().check(report, unreadable(previous, 3))) == []
    bad2 = load_report("this.txt", edit(THIS, "行政规范性文件\t3\t1\t12", "行政规范性文件\t3\t1\t15").encode())
    assert list(InForceChain().check(bad2, previous))
    assert list(InForceChain().check(unreadable(bad2, 2), previous)) == []


# --------------------------------------------------------------------------- DL602


def test_in_force_chain_2021_format_for_both_rows():
    bad = edit(THIS, "规章\t0\t0\t0", "规章\t1\t0\t0")  # issued one, still none in force
    bad = edit(bad, "行政规范性文件\t3\t1\t12", "行政规范性文件\t3\t1\t13")
    found = [f for f in lint_pair(bad, LAST, this_path="2024.txt", last_path="2023.txt")[0].findings
             if f.code == "DL602"]
    assert [(f.row, f.column_label, f.line, f.column) for f in found] == [
        ("规章", "现行有效件数", line_of(bad, "规章\t"), len("规章\t1\t0\t") + 1),
        ("规范性文件", "现行有效件数", line_of(bad, "行政规范性文件\t"), len("行政规范性文件\t3\t1\t") + 1)]
    regulation, normative = found
    assert regulation.severity is Severity.WARNING
    assert "为 0" in regulation.message and "现行有效件数 0" in regulation.message and "应为 1" in regulation.message
    assert "为 13（2024.txt" in normative.message and "现行有效件数 10（2023.txt" in normative.message
    assert "加本年制发 3、减本年废止 1，应为 12" in normative.message
    assert [(r.path, r.position.line) for r in normative.related] == [("2023.txt", line_of(LAST, "行政规范性文件\t"))]


def test_in_force_chain_2019_format_uses_last_years_change():
    bad_last = edit(LAST_2019, "其他对外管理服务事项\t12\t-1\t60", "其他对外管理服务事项\t12\t-2\t60")
    found = [f for f in lint_pair(THIS_2019, bad_last, this_path="2020.txt", last_path="2019.txt")[0].findings
             if f.code == "DL602"]
    assert len(found) == 1
    f = found[0]
    assert (f.row, f.column_label) == ("其他对外管理服务事项", "上一年项目数量")
    assert (f.line, f.column) == (line_of(THIS_2019, "其他对外管理服务事项"), len("其他对外管理服务事项\t") + 1)
    assert "上一年项目数量 12" in f.message and "本年增/减 -2" in f.message and "应为 10" in f.message
    row = line_of(LAST_2019, "其他对外管理服务事项")
    assert [(r.path, r.position.line, r.position.column) for r in f.related] == [
        ("2019.txt", row, len("其他对外管理服务事项\t") + 1), ("2019.txt", row, len("其他对外管理服务事项\t12\t") + 1)]


def test_across_formats_only_what_both_state_is_compared():
    # 2024 (2021 format) paired with a 2019-format report: table 2 has nothing in common
    # (DL602 quiet), table 3's carry-over rows are the same in both formats (DL601 compares them)
    last = retitled(LAST_2019, year=2023).replace("示例县市场监督管理局", AGENCY)
    checked, _, pairing = lint_pair(THIS, last)
    assert pairing.pairs() == [(0, 1)]
    assert cross(checked.findings) == []
    moved = edit(last, f"{CARRIED_OUT}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_OUT}\t\t2\t0\t0\t0\t0\t0\t2")
    assert [f.code for f in cross(lint_pair(THIS, moved)[0].findings)] == ["DL601", "DL601"]
    worse = edit(THIS, "行政规范性文件\t3\t1\t12", "行政规范性文件\t3\t1\t99")
    assert "DL602" not in [f.code for f in lint_pair(worse, last)[0].findings]


# --------------------------------------------------------------------------- DL603

PROBLEMS_2024 = "（一）存在的主要问题。一是政策解读形式较为单一，图解、视频等解读占比不高；二是依申请公开答复文书的规范性仍有提升空间。"
PROBLEMS_2023 = "（一）存在的主要问题。一是政务数据开放目录更新不够及时，部分栏目信息更新滞后；二是政府信息公开申请答复的说理还不够充分。"


def test_copied_paragraph_is_reported_once_where_it_is_with_last_years_place():
    bad = edit(THIS, PROBLEMS_2024, PROBLEMS_2023)
    found = [f for f in lint_pair(bad, LAST, this_path="2024.txt", last_path="2023.txt")[0].findings
             if f.code == "DL603"]
    assert len(found) == 1
    f = found[0]
    assert (f.line, f.column) == (line_of(bad, "（一）存在的主要问题"), 1) and f.severity is Severity.WARNING
    assert "第五部分" in f.message and "100% 的文字与上一年度相同（阈值 80%）" in f.message
    assert f"2023.txt 第{line_of(LAST, '（一）存在的主要问题')}行第1列" in f.message
    assert [(r.path, r.position.line) for r in f.related] == [("2023.txt", line_of(LAST, "（一）存在的主要问题"))]


def test_near_copy_share_and_configured_threshold():
    # last year's paragraph with a few words changed (and a year, which does not count)
    near = PROBLEMS_2023.replace("不够及时", "还不及时").replace("二是", "二是2024年")
    bad = edit(THIS, PROBLEMS_2024, near)
    found = [f for f in lint_pair(bad, LAST)[0].findings if f.code == "DL603"]
    assert len(found) == 1
    share = int(found[0].message.split("% 的文字")[0].rsplit("，", 1)[1])
    assert 80 <= share < 100
    strict = CrossYearOptions(copied_text_threshold=1.0)
    assert "DL603" not in [f.code for f in lint_pair(bad, LAST, options=strict)[0].findings]
    loose = CrossYearOptions(copied_text_threshold=0.5)
    half = edit(THIS, PROBLEMS_2024, PROBLEMS_2023.split("；")[0] + "；二是政策解读的形式还不够丰富，互动回应有待加强。")
    assert "DL603" not in [f.code for f in lint_pair(half, LAST)[0].findings]
    assert "DL603" in [f.code for f in lint_pair(half, LAST, options=loose)[0].findings]


def test_template_boilerplate_updated_figures_and_page_footers_are_not_copies():
    # section 六 says the same every year (the fee statement, 无其他需要报告的事项): not a copy
    fee = "本机关严格执行《政府信息公开信息处理费管理办法》，{}年度未向申请人收取信息处理费。本机关没有其他需要报告的事项。"
    this = edit(THIS, "本机关2024年度未收取信息处理费。本机关无其他需要报告的事项。", fee.format(2024))
    last = edit(LAST, "本机关2023年度未收取信息处理费。本机关无其他需要报告的事项。", fee.format(2023))
    assert "DL603" not in [f.code for f in lint_pair(this, last)[0].findings]
    # … while the same sentence about anything else is
    other = "本机关严格执行《示例市政务数据共享管理办法》，{}年度向各部门共享政务数据目录，按季度开展共享质量评估。"
    this = edit(THIS, "本机关2024年度未收取信息处理费。本机关无其他需要报告的事项。", other.format(2024))
    last = edit(LAST, "本机关2023年度未收取信息处理费。本机关无其他需要报告的事项。", other.format(2023))
    assert [f.line for f in lint_pair(this, last)[0].findings if f.code == "DL603"] == [line_of(this, "本机关严格执行")]
    # a paragraph in last year's words whose figures were updated is revised, not stale
    updated = edit(THIS, "（二）依申请公开。全年共收到政府信息公开申请8件，上年结转1件，均在法定期限内答复，结转下年度继续办理1件。",
                   "（二）依申请公开。全年共收到政府信息公开申请8件，已办结8件，结转下年度继续办理1件。")
    assert "DL603" not in [f.code for f in lint_pair(updated, LAST)[0].findings]
    same_figures = edit(THIS, "（二）依申请公开。全年共收到政府信息公开申请8件，上年结转1件，均在法定期限内答复，结转下年度继续办理1件。",
                        "（二）依申请公开。全年共收到政府信息公开申请6件，已办结5件，结转下年度继续办理1件。")
    assert "DL603" in [f.code for f in lint_pair(same_figures, LAST)[0].findings]
    # a web page's footer saved into section 六 of both years
    footer = "\n\n主办单位：示例市数据管理局 网站标识码：9999000001 版权所有：示例市数据管理局 技术支持：示例网络科技有限公司\n"
    checked, _, _ = lint_pair(THIS + footer, LAST + footer)
    assert "DL603" not in [f.code for f in checked.findings]


# --------------------------------------------------------------------------- pairing


def paired_paths(results, pairing) -> dict[str, str | None]:
    paths = [r.report.path for r in results]
    return {paths[e.index]: (paths[e.previous] if e.previous is not None else None) for e in pairing.entries}


def test_unpaired_report_is_not_cross_checked_and_says_why():
    bad = edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7")
    results, pairing = cross_check([lint("2024.txt", all_rules(), bad.encode())], all_rules())
    assert cross(results[0].findings) == [] and pairing.pairs() == []
    assert pairing.entries[0].note == f"输入中没有{AGENCY}2023年度报告，未作跨年度检查"
    assert pairing.warnings() == []


def test_reports_of_different_agencies_are_not_paired():
    other = retitled(LAST, agency="示例市统计局")
    bad = edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7")
    checked, _, pairing = lint_pair(bad, other)
    assert pairing.pairs() == [] and cross(checked.findings) == []


def test_a_gap_of_two_years_is_not_paired():
    older = retitled(LAST, year=2022)
    assert "2022年政府信息公开工作年度报告" in older and "统计期限自2022年1月1日" in older
    bad = edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7")
    checked, _, pairing = lint_pair(bad, older)
    assert pairing.pairs() == [] and cross(checked.findings) == []
    assert "最近的是2022年度报告" in pairing.entries[0].note and "相隔 2 年" in pairing.entries[0].note


def test_two_reports_claiming_the_same_agency_and_year_are_reported_not_chosen():
    copy = edit(LAST, f"{CARRIED_OUT}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_OUT}\t\t1\t0\t0\t0\t0\t0\t1\n")
    results = [lint(p, all_rules(), t.encode()) for p, t in
               (("2023-a.txt", LAST), ("2024.txt", THIS), ("2023-b.txt", copy))]
    _, pairing = cross_check(results, all_rules())
    assert pairing.pairs() == []
    assert "无法确定哪一份是上一年度报告" in pairing.entries[1].note
    [dup] = pairing.duplicates
    assert (dup.agency, dup.year, dup.indices, dup.ambiguous_for) == (AGENCY, 2023, (0, 2), (1,))
    [warning] = pairing.warnings()
    assert warning.startswith("2023-a.txt、2023-b.txt 都是示例市数据管理局2023年度报告") and "2024.txt 未作跨年度检查" in warning
    assert pairing.as_dict()["duplicates"] == [{"agency": AGENCY, "year": 2023, "paths": ["2023-a.txt", "2023-b.txt"],
                                                "left_unpaired": ["2024.txt"]}]
    # two copies of this year's report: each is checked against last year's, nothing is ambiguous
    results = [lint(p, all_rules(), t.encode()) for p, t in (("a.txt", THIS), ("b.txt", THIS), ("c.txt", LAST))]
    _checked, pairing = cross_check(results, all_rules())
    assert pairing.pairs() == [(0, 2), (1, 2)] and pairing.warnings() == []
    assert [(d.indices, d.ambiguous_for) for d in pairing.duplicates] == [((0, 1), ())]


def test_agency_from_the_signature_and_year_from_the_statistics_period():
    no_title_agency = edit(THIS, f"{AGENCY}2024年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告")
    report = load_report("x.txt", no_title_agency.encode())
    identity = identify(report)
    assert (identity.agency, identity.year, identity.agency_source, identity.year_source) == (AGENCY, 2024, "signature", "title")
    no_year = edit(THIS, f"{AGENCY}2024年政府信息公开工作年度报告", f"{AGENCY}政府信息公开工作年度报告")
    identity = identify(load_report("y.txt", no_year.encode()))
    assert (identity.year, identity.year_source) == (2024, "statistics_period")
    assert "DL601" in [f.code for f in lint_pair(edit(no_title_agency, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7"), LAST)[0].findings]


def test_a_report_without_agency_or_stated_year_is_not_paired():
    nameless = edit(THIS, f"{AGENCY}2024年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告")
    nameless = nameless.replace(f"\n\n{AGENCY}\n2025年1月20日\n", "\n")
    assert isinstance(identify(load_report("n.txt", nameless.encode())), Unidentified)
    yearless = edit(THIS, f"{AGENCY}2024年政府信息公开工作年度报告", f"{AGENCY}政府信息公开工作年度报告")
    yearless = edit(yearless, "统计期限自2024年1月1日至2024年12月31日", "统计期限为本年度")
    found = identify(load_report("y.txt", yearless.encode()))
    assert isinstance(found, Unidentified) and "年度" in found.reason
    assert lint_pair(yearless, LAST)[2].pairs() == []


def test_agency_names_are_normalised_and_aliases_followed():
    assert normalise_agency(" 示例市　数据管理局 ") == AGENCY
    assert normalise_agency("“示例市ＡＩ办”") == "示例市AI办"
    spaced = edit(LAST, f"{AGENCY}2023年", "示例市 数据管理局 2023年")
    assert lint_pair(THIS, spaced)[2].pairs() == [(0, 1)]
    old = retitled(LAST, agency="示例市大数据中心")
    assert lint_pair(THIS, old)[2].pairs() == []
    renamed = CrossYearOptions(agency_aliases=(("示例市大数据中心", "示例市数据局"), ("示例市数据局", AGENCY)))
    _checked, _, pairing = lint_pair(THIS, old, options=renamed)
    assert pairing.pairs() == [(0, 1)] and pairing.entries[1].identity.renamed_from == "示例市大数据中心"
    assert resolve_aliases([("A", "B"), ("B", "C")]) == {"A": "C", "B": "C"}
    with pytest.raises(AliasError):
        resolve_aliases([("A", "B"), ("B", "A")])


def test_place_prefix_is_suggested_not_guessed():
    short = retitled(LAST, agency="数据管理局").replace("示例市数据管理局", "数据管理局")
    longer = retitled(LAST, agency="某省示例市数据管理局")
    for last in (short, longer):
        pairing = lint_pair(THIS, last)[2]
        assert pairing.pairs() == []
    pairing = lint_pair(THIS, longer)[2]
    assert "只差地名前缀" in pairing.entries[0].note and "agency-aliases" in pairing.entries[0].note


def test_explicit_previous_pairs_whatever_the_titles_say_and_warns():
    other = retitled(LAST, agency="示例市统计局", year=2021)
    bad = edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7")
    checked, _, pairing = lint_pair(bad, other, this_path="draft.txt", last_path="2021.txt", explicit=True)
    assert pairing.pairs() == [(0, 1)] and pairing.entries[0].explicit
    assert "DL601" in [f.code for f in checked.findings]
    assert pairing.warnings() == [
        "draft.txt 是示例市数据管理局的报告，--previous 2021.txt 是示例市统计局的报告，仍按指定比较",
        "draft.txt 是2024年度报告，--previous 2021.txt 是2021年度报告，不是相邻年度，仍按指定比较"]
    assert lint_pair(THIS, LAST, explicit=True)[2].warnings() == []


def test_selection_severity_and_options_per_path():
    bad = edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7")
    results = [lint(p, all_rules(), t.encode()) for p, t in (("2024.txt", bad), ("2023.txt", LAST))]
    without = tuple(r for r in all_rules() if not r.code.startswith("DL6"))
    checked, pairing = cross_check(results, without)
    assert pairing.pairs() == [(0, 1)] and cross(checked[0].findings) == []
    checked, _ = cross_check(results, lambda path: DL6, severity=lambda path: (lambda code, s: Severity.INFO))
    assert {f.severity for f in cross(checked[0].findings)} == {Severity.INFO}
    assert checked[0].findings == tuple(sorted(checked[0].findings, key=lambda f: f.sort_key))


def test_findings_without_related_places_keep_their_json_keys():
    result = lint("d.txt", all_rules(), example_text("2024-report-defects").encode())
    assert result.findings and all("related" not in f.as_dict() for f in result.findings)


def test_the_pairing_as_dump_shows_it():
    _checked, _, pairing = lint_pair(THIS, LAST, this_path="2024.txt", last_path="2023.txt")
    shown = pairing.as_dict()
    assert shown["pairs"] == [{"report": "2024.txt", "previous": "2023.txt"}]
    assert pairing.report_dict(0) == {
        "path": "2024.txt", "agency": AGENCY, "year": 2024, "agency_as_written": AGENCY, "agency_source": "title",
        "year_source": "title", "renamed_from": None, "previous": "2023.txt", "explicit": False, "note": None}
    assert shown["reports"][1]["previous"] is None and "2022年度报告" in shown["reports"][1]["note"]


# --------------------------------------------------------------------------- a directory


def _directory() -> dict[str, str]:
    """path -> text: three agencies over several years, one with a gap, one renamed."""
    files = {}
    for year in (2021, 2022, 2023, 2024):
        files[f"reports/sj-{year}.txt"] = retitled(THIS, year=year)
    for year in (2022, 2023, 2025):
        files[f"reports/tj/{year}.txt"] = retitled(THIS, agency="示例市统计局", year=year)
    files["reports/hb-2022.txt"] = retitled(THIS, agency="示例县环境与国土资源局", year=2022)
    for year in (2023, 2024):
        files[f"reports/zr-{year}.txt"] = retitled(THIS, agency="示例县自然资源与生态环境局", year=year)
    return files


EXPECTED = {
    "reports/sj-2021.txt": None, "reports/sj-2022.txt": "reports/sj-2021.txt",
    "reports/sj-2023.txt": "reports/sj-2022.txt", "reports/sj-2024.txt": "reports/sj-2023.txt",
    "reports/tj/2022.txt": None, "reports/tj/2023.txt": "reports/tj/2022.txt", "reports/tj/2025.txt": None,
    "reports/hb-2022.txt": None, "reports/zr-2023.txt": "reports/hb-2022.txt", "reports/zr-2024.txt": "reports/zr-2023.txt",
}


@pytest.fixture(scope="module")
def directory_results():
    return [lint(path, all_rules(), text.encode()) for path, text in _directory().items()]


def test_a_directory_is_paired_correctly_in_any_order(directory_results):
    options = CrossYearOptions(agency_aliases=(("示例县环境与国土资源局", "示例县自然资源与生态环境局"),))
    for seed in range(8):
        shuffled = list(directory_results)
        random.Random(seed).shuffle(shuffled)
        checked, pairing = cross_check(shuffled, all_rules(), options=options)
        assert paired_paths(shuffled, pairing) == EXPECTED
        for result in checked:  # every copy of the example continues the last: DL602 only on the paired ones
            codes = {f.code for f in cross(result.findings)}
            assert ("DL602" in codes) == (EXPECTED[result.report.path] is not None), result.report.path
            assert "DL601" not in codes
    gap = next(e for e in pairing.entries if e.path == "reports/tj/2025.txt")
    assert "最近的是2023年度报告" in gap.note


class CountingName(str):
    """An agency name that counts how often it is hashed or compared: what any pairing must do to
    it, so the count reveals the algorithm's growth without trusting its own bookkeeping."""

    touched = 0

    def __hash__(self):
        CountingName.touched += 1
        return str.__hash__(self)

    def __eq__(self, other):
        CountingName.touched += 1
        return str.__eq__(self, other)


def _synthetic(n: int) -> tuple[list[str], list]:
    """n report identities: agencies of 1–8 consecutive or gapped years, duplicates, unknowns."""
    rng = random.Random(n)
    paths, identities, agency = [], [], 0
    while len(identities) < n:
        agency += 1
        name = CountingName(f"示例{agency}局")
        start = rng.randint(2010, 2020)
        for year in range(start, start + rng.randint(1, 8)):
            if rng.random() < 0.1:
                continue  # a gap
            for _ in range(2 if rng.random() < 0.05 else 1):  # a duplicate now and then
                identities.append(Identity(name, year, name, "title", "title"))
                paths.append(f"{agency}/{year}-{len(paths)}.txt")
        if rng.random() < 0.05:
            identities.append(Unidentified("标题和落款都没有写明机关名称"))
            paths.append(f"unknown-{len(paths)}.txt")
    order = list(range(len(identities)))
    rng.shuffle(order)
    return [paths[i] for i in order][:n], [identities[i] for i in order][:n]


def test_pairing_is_linear_in_the_number_of_reports():
    counts = {}
    for n in (2000, 4000):
        paths, identities = _synthetic(n)
        CountingName.touched = 0
        pairing = pair_identities(paths, identities)
        counts[n] = (CountingName.touched, pairing.operations)
        # correct as well as fast: each report paired with the one report of its agency's previous year
        keys: dict = {}
        for i, identity in enumerate(identities):
            if isinstance(identity, Identity):
                keys.setdefault(identity.key, []).append(i)
        for entry in pairing.entries:
            identity = identities[entry.index]
            if not isinstance(identity, Identity):
                assert entry.previous is None
                continue
            before = keys.get((identity.agency, identity.year - 1), [])
            assert entry.previous == (before[0] if len(before) == 1 else None)
    touched, operations = counts[2000]
    assert touched <= 12 * 2000 and operations <= 10 * 2000
    assert counts[4000][0] <= 2.3 * touched and counts[4000][1] <= 2.3 * operations


def test_many_copies_of_one_report_pair_in_linear_time():
    name = CountingName("示例局")
    for n in (1000, 2000):
        CountingName.touched = 0
        pairing = pair_identities([f"{i}.txt" for i in range(n)], [Identity(name, 2024, name, "title", "title")] * n)
        assert len(pairing.duplicates) == 1 and pairing.pairs() == []
        assert CountingName.touched <= 12 * n


# --------------------------------------------------------------------------- configuration


def test_configuration_keys(tmp_path):
    from disclosure_lint.config import ConfigError, resolve, show

    (tmp_path / ".disclosure-lint.toml").write_text(
        'copied-text-threshold = 0.6\n[agency-aliases]\n"示例市大数据中心" = "示例市数据管理局"\n', encoding="utf-8")
    settings = resolve(tmp_path / "r.txt")
    assert settings.cross_year == CrossYearOptions((("示例市大数据中心", AGENCY),), 0.6)
    assert settings.cross_year.aliases == {"示例市大数据中心": AGENCY}
    shown = show(settings)
    assert 'agency-aliases = {"示例市大数据中心" = "示例市数据管理局"}' in shown and "copied-text-threshold = 0.6" in shown
    assert resolve(tmp_path / "r.txt", isolated=True).cross_year == CrossYearOptions()
    for text, words in (("copied-text-threshold = 0\n", "大于 0、不大于 1"), ("copied-text-threshold = 1.5\n", "大于 0"),
                        ('copied-text-threshold = "80%"\n', "“80%”"), ("copied-text-threshold = true\n", "True"),
                        ('[agency-aliases]\n"A局" = ""\n', "非空字符串"), ('agency-aliases = ["A局"]\n', "应为表"),
                        ('[agency-aliases]\n"A局" = "B局"\n"B局" = "A局"\n', "循环")):
        (tmp_path / ".disclosure-lint.toml").write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as error:
            resolve(tmp_path / "r.txt")
        assert words in str(error.value) and error.value.key.startswith(("agency-aliases", "copied-text-threshold"))


# --------------------------------------------------------------------------- the real pair


HONGZE_2023, HONGZE_2024 = REAL / "hongze-qzf-2023.pdf", REAL / "hongze-qzf-2024.pdf"
HONGZE_ALIAS = CrossYearOptions(agency_aliases=(("洪泽区人民政府", "淮安市洪泽区人民政府"),))


@pytest.fixture(scope="module")
def hongze():
    if not (HONGZE_2023.is_file() and HONGZE_2024.is_file()):
        pytest.skip(f"real corpus not found at {REAL}")
    return [lint(str(p), all_rules()) for p in (HONGZE_2024, HONGZE_2023)]


def test_real_pair_needs_an_alias_and_says_so(hongze):
    checked, pairing = cross_check(hongze, all_rules())
    assert pairing.pairs() == []  # 淮安市洪泽区人民政府 (2024 title) vs 洪泽区人民政府 (2023 title)
    assert "只差地名前缀" in pairing.entries[0].note and str(HONGZE_2023) in pairing.entries[0].note
    assert [cross(r.findings) for r in checked] == [[], []]


@pytest.mark.parametrize("how", ["alias", "previous"])
def test_real_pair_findings_checked_by_hand(hongze, how):
    """Checked against `pdftotext -layout` of both PDFs:
    DL601 — 2024's 二、上年结转 is 0 in every column, as 2023's 四、结转下年度继续办理: quiet.
    DL602 — 规章 0 + 0 − 0 = 0; 行政规范性文件 2023 现行有效 5 + 2024 制发 3 − 废止 0 = 8 = 2024's: quiet.
    DL603 — 2024 一（三） (page 2, line 1) repeats 2023 一（三）'s body (page 1, line 23) but for 新增…报备
    and 审核报备; 2024 一（四） (page 2, line 6) is 2023 一（四） (page 2, line 4) with two phrases cut
    and one moved: both reported. Not reported: 一（一）, whose first sentence is copied but whose
    figures are new (2428 条, 7 期); 五's improvement paragraph (一是 and 三是 verbatim, 二是 new: 56%);
    六's fee statement, identical but prescribed."""
    if how == "alias":
        checked, pairing = cross_check(hongze, all_rules(), options=HONGZE_ALIAS)
        assert pairing.pairs() == [(0, 1)] and pairing.warnings() == []
    else:
        checked, pairing = cross_check(hongze[:1], all_rules(), previous=hongze[1].report)
        assert pairing.warnings() == [f"{HONGZE_2024} 是淮安市洪泽区人民政府的报告，--previous {HONGZE_2023} 是洪泽区人民政府的报告，"
                                      "仍按指定比较"]
    found = cross(checked[0].findings)
    assert [(f.code, f.where(), [(r.path, r.where()) for r in f.related]) for f in found] == [
        ("DL603", "第2页第1行", [(str(HONGZE_2023), "第1页第23行")]),
        ("DL603", "第2页第6行", [(str(HONGZE_2023), "第2页第4行")]),
    ]
    shares = [int(f.message.split("% 的文字")[0].rsplit("，", 1)[1]) for f in found]
    assert all(85 <= s < 100 for s in shares), shares
    assert "(三)政府信息管理情况" in found[0].message and "(四)政府信息公开平台建设情况" in found[1].message
    # the same pair at a lower threshold also reports 五's improvement paragraph, and only that
    checked, _ = cross_check(hongze, all_rules(), options=replace(HONGZE_ALIAS, copied_text_threshold=0.5))
    found = cross(checked[0].findings)
    assert [f.where() for f in found] == ["第2页第1行", "第2页第6行", "第4页第28行"]
    assert found[2].position.excerpt.startswith("针对存在问题，2025 年我们将切实抓好以下工作")
    assert found[2].related[0].where() == "第4页第22行" and "56% 的文字" in found[2].message


def test_an_unreadable_previous_file_is_said_and_not_compared(tmp_path):
    scan = tmp_path / "2023.pdf"
    scan.write_bytes(b"%PDF-1.4 not really")
    results = [lint("2024.txt", all_rules(), edit(THIS, f"{CARRIED_IN}\t\t1", f"{CARRIED_IN}\t\t7").encode())]
    checked, pairing = cross_check(results, all_rules(), previous=load_report(str(scan)))
    assert pairing.pairs() == [] and cross(checked[0].findings) == []
    [warning] = pairing.warnings()
    assert warning.startswith(f"--previous {scan} 不是可读的年度报告") and warning.endswith("未作跨年度检查")


def test_sarif_gives_last_years_cell_as_a_related_location(tmp_path, monkeypatch):
    import json

    from disclosure_lint.output import sarif

    bad = edit(THIS, f"{CARRIED_IN}\t\t1\t0\t0\t0\t0\t0\t1", f"{CARRIED_IN}\t\t1\t0\t0\t0\t2\t0\t3")
    monkeypatch.chdir(tmp_path)
    checked, last, _ = lint_pair(bad, LAST, this_path="r/2024.txt", last_path="r/2023.txt")
    log = json.loads(sarif.render([checked, last], all_rules()))
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "DL601"]
    assert len(results) == 2
    for result, index in zip(results, (4, 6)):
        (related,) = result["relatedLocations"]
        line, column = cell_at(LAST, CARRIED_OUT, index)
        assert related["physicalLocation"]["artifactLocation"]["uri"] == "r/2023.txt"
        assert related["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
        assert CARRIED_OUT in related["message"]["text"]
    schema_path = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
    from jsonschema.validators import validator_for

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(log)
