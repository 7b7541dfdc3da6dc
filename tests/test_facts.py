"""Report facts (disclosure_lint.facts): computed once when the model is built, read by DL4xx/DL5xx.

Real inputs: the shipped example report and the five seeds (skipped when the corpus is absent).
"""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import example_text, lint_text, seed_text

from disclosure_lint.facts import ReportFacts
from disclosure_lint.knowledge import compile_knowledge, knowledge, knowledge_text
from disclosure_lint.lint import load_report
from disclosure_lint.numerals import chinese_number, numbering_value, parse_number


def facts_of(text: str) -> ReportFacts:
    return lint_text(text, select=("DL0",)).report.facts


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("text", "value"), [
    ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("七十一", 71), ("七百一十一", 711), ("一百零五", 105),
    ("两", 2), ("两千", 2000), ("一万二千", 12000), ("二〇二五", 2025), ("零", 0),
])
def test_chinese_numerals(text: str, value: int):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "三安", "abc", "第七"])
def test_not_chinese_numerals(text: str):
    assert chinese_number(text) is None


def test_parse_number_takes_digits_and_numerals():
    assert parse_number("93") == 93 and parse_number("十二") == 12 and parse_number("x") is None


def test_numbering_numerals_are_one_to_ninety_nine_only():
    assert [numbering_value(n) for n in ("一", "九", "十", "十一", "二十", "二十三")] == [1, 9, 10, 11, 20, 23]
    assert [numbering_value(n) for n in ("四四", "", "百", "二〇")] == [None, None, None, None]


# --------------------------------------------------------------------------- knowledge is data


def test_knowledge_is_loaded_from_the_package_data():
    raw = json.loads(knowledge_text())
    known = knowledge()
    assert known.raw == raw
    assert known.format_for_year(2019).key == "2019" and known.format_for_year(2020).key == "2019"
    assert known.format_for_year(2021).key == "2021" and known.format_for_year(2030).key == "2021"
    assert known.format_for_year(2018) is None
    assert known.notice("notice_2019").number == "国办公开办函〔2019〕60号"
    assert known.notice("notice_2021").number == "国办公开办函〔2021〕30号"
    statute = known.statute("ogi_regulations")
    assert statute.number == 711 and 492 in statute.superseded
    assert known.deadline(2024, government=False) == datetime.date(2025, 1, 31)
    assert known.deadline(2024, government=True) == datetime.date(2025, 3, 31)


def test_a_new_format_notice_is_a_data_change():
    """A maintainer adds a notice and its format to knowledge.json; the code needs no change."""
    raw = json.loads(knowledge_text())
    raw["formats"][-1]["last_year"] = 2026
    raw["formats"].append({"key": "2027", "name": "2027年版格式", "notice": "notice_2027", "first_year": 2027,
                           "last_year": None})
    raw["notices"].append({"key": "notice_2027", "format": "2027", "number": "国办公开办函〔2027〕1号",
                           "number_pattern": "国办公开办函〔2027〕1号", "title": "新格式", "title_pattern": "新格式通知"})
    known = compile_knowledge(raw)
    assert known.format_for_year(2026).key == "2021" and known.format_for_year(2027).key == "2027"
    report = lint_text(example_text().replace("国办公开办函〔2021〕30号", "国办公开办函〔2027〕1号")).report
    assert [c.key for c in ReportFacts(report, known).citations if c.kind == "notice"][-1] == "notice_2027"


# --------------------------------------------------------------------------- the example report


def test_example_report_facts():
    facts = facts_of(example_text())
    assert facts.year == 2024
    assert facts.title_year.year == 2024 and facts.title_year.span.line == 1
    assert [(m.year, m.span.line) for m in facts.period_years] == [(2024, 3), (2024, 3)]
    assert facts.body_year_counts() == {2024: 2}
    assert facts.table_format == "2021"
    assert [(n, f) for n, f, _ in facts.table_formats] == [(2, "2021"), (3, "2021")]
    assert facts.agency == "示例市数据管理局" and facts.government_report is False
    assert facts.publication_date.date == datetime.date(2025, 1, 20)
    assert facts.publication_date.kind == "signed" and facts.publication_date.span.line == 85
    statute = next(c for c in facts.citations if c.kind == "statute")
    assert (statute.key, statute.number, statute.text) == ("ogi_regulations", 711, "国务院令第711号")
    assert {c.key for c in facts.citations if c.kind == "notice"} == {"notice_2021"}
    figures = {f.key: (f.value, f.span.line) for f in facts.figures}
    assert figures == {"applications_received": (8, 11), "normative_issued": (3, 9),
                       "normative_repealed": (1, 9), "normative_in_force": (12, 9)}
    (enum,) = facts.enumerations
    assert (enum.total, enum.unit, [p.value for p in enum.parts]) == (215, "条", [12, 48, 155])
    assert [p.label for p in enum.parts] == ["机构职能类信息", "政策文件类信息", "工作动态类信息"]


def test_unreadable_report_has_empty_facts():
    report = load_report("x.pdf", b"%PDF-1.4 broken")
    assert report.unreadable is not None
    assert report.facts.year is None and report.facts.table_format is None and report.facts.citations == ()


def test_years_inside_titles_dates_and_comparisons_are_not_body_years():
    text = example_text().replace(
        "扎实做好政府信息公开工作。",
        "扎实做好政府信息公开工作，落实《2019年政务公开工作要点》，自2019年5月15日起施行的条例，较2023年增长。",
    )
    assert facts_of(text).body_year_counts() == {2024: 2}


def test_a_publication_line_before_the_title_is_kept():
    facts = facts_of("首页 > 政务公开 > 政府信息公开年报\n发布时间：2025-02-15 10:00  浏览次数：23\n" + example_text())
    web = [d for d in facts.publication_dates if d.kind == "web"]
    assert [(d.date, d.span.line) for d in web] == [(datetime.date(2025, 2, 15), 2)]
    assert facts.publication_date.kind == "web"  # a shown web date wins over the signed date


def test_people_s_government_reports_are_recognised_by_agency():
    text = example_text().replace("示例市数据管理局2024年", "示例市人民政府2024年")
    assert facts_of(text).government_report is True
    text = example_text().replace("示例市数据管理局2024年", "示例市人民政府办公室2024年")
    assert facts_of(text).government_report is False
    text = example_text().replace("示例市数据管理局2024年", "平潭综合实验区2024年")
    assert facts_of(text).government_report is True


# --------------------------------------------------------------------------- the seeds


def test_fuqing_2020_facts():
    facts = facts_of(seed_text("fuqing"))
    assert facts.year == 2020 and facts.table_format == "2019"
    assert {m.year for m in facts.period_years} == {2020}
    assert [c.text for c in facts.citations if c.form == "number"] == ["国办公开办函〔2019〕60号"]
    assert facts.publication_dates == ()
    assert [(f.key, f.value) for f in facts.figures] == [("applications_received", 0)]


def test_minqing_2020_web_publication_date():
    facts = facts_of(seed_text("minqing"))
    assert facts.year == 2020 and facts.table_format == "2019"
    assert [(d.date, d.kind, d.span.line) for d in facts.publication_dates] == [
        (datetime.date(2021, 1, 13), "web", 3)]
    (enum,) = facts.enumerations
    assert (enum.total, [p.value for p in enum.parts]) == (11, [0, 5, 6, 0])


def test_fuzhou_2025_without_title_takes_the_year_from_the_body():
    facts = facts_of(seed_text("fuzhou"))
    assert facts.title_year is None and facts.period_years == () and facts.year == 2025
    assert facts.table_format == "2021" and facts.government_report is None
    figures = {f.key: (f.value, f.text, f.span.line) for f in facts.figures}
    assert figures["applications_received"] == (7, "全年共受理依申请公开7件", 9)
    assert figures["reviews_and_suits"][0] == 0
    assert figures["normative_issued"][0] == 23 and figures["normative_repealed"][0] == 37
    assert figures["normative_in_force"][0] == 18
    # 行政许可1项 is one of the 权责事项 (powers), not a count of 行政许可 decisions
    assert "licensing_decisions" not in figures
    (enum,) = facts.enumerations
    assert enum.total == 141 and sum(p.value for p in enum.parts) == 141 and enum.parts[0].label == "行政许可"


def test_shishi_information_by_disclosure_mode_is_not_an_application_count():
    facts = facts_of(seed_text("shishi"))
    assert facts.figures == ()  # 依申请公开信息数 68 条 classifies information
    (enum,) = facts.enumerations
    assert (enum.total, [p.value for p in enum.parts]) == (137, [6, 68, 63])
    assert facts.agency is None and facts.government_report is None
    assert [c.key for c in facts.citations] == ["notice_2019"]  # cited by its title


def test_putian_2023_citation_in_chinese_numerals():
    facts = facts_of(seed_text("putian"))
    assert facts.year == 2023 and facts.table_format == "2021"
    (statute,) = [c for c in facts.citations if c.kind == "statute"]
    assert statute.number == 71 and statute.text == "国务院令第七十一号"
    assert (statute.span.line, statute.span.column) == (5, 21)
    assert [(f.key, f.value) for f in facts.figures] == [("applications_received", 3)]
    (enum,) = facts.enumerations
    assert (enum.total, [p.value for p in enum.parts]) == (93, [14, 67, 3, 2, 7])
