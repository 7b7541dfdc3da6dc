"""DL4xx (templates and years) and DL5xx (narrative against the tables): each rule fires on an
edited seed or an authored fixture (the example report, edited here) and stays quiet on the clean
ones. Precision first: the seeds raise exactly the findings rules.md expects of these families."""

from __future__ import annotations

import pytest
from conftest import example_text, lint_text, seed_text

from disclosure_lint.rule import Severity

FAMILIES = ("DL4", "DL5")

# rules.md, "Expected findings on the five seeds", restricted to DL4xx/DL5xx.
EXPECTED = {"fuqing": [], "minqing": [], "fuzhou": [], "shishi": [], "putian": ["DL503"]}


def findings(text: str, code: str | tuple[str, ...] = FAMILIES):
    select = (code,) if isinstance(code, str) else code
    return list(lint_text(text, select=select).findings)


def codes(text: str) -> list[str]:
    return [f.code for f in findings(text)]


def edited(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, f"fixture text not found: {old!r}"
    return text.replace(old, new, count)


# --------------------------------------------------------------------------- seeds and the example


def test_seed_findings_are_exactly_the_expected_ones(seed_key: str):
    assert codes(seed_text(seed_key)) == EXPECTED[seed_key]


def test_example_report_raises_nothing_from_these_families():
    assert codes(example_text()) == []


def test_putian_citation_fires_once_on_the_citation():
    (finding,) = findings(seed_text("putian"))
    assert finding.code == "DL503" and (finding.line, finding.column) == (5, 21)
    assert "国务院令第七十一号" in finding.message and "国务院令第711号" in finding.message


@pytest.mark.parametrize("key", ["fuzhou", "putian"])
def test_a_consistent_2021_format_report_raises_no_year_or_narrative_findings(key: str):
    text = seed_text(key).replace("国务院令第七十一号", "国务院令第711号")
    assert codes(text) == []


# --------------------------------------------------------------------------- DL401 stale-template


@pytest.mark.parametrize("key", ["fuqing", "minqing", "shishi"])
def test_2020_seed_redated_to_2022_fires_stale_template_and_stale_citation(key: str):
    text = seed_text(key).replace("2020", "2022")
    found = findings(text)
    assert sorted({f.code for f in found}) == ["DL401", "DL402"]
    (stale,) = [f for f in found if f.code == "DL401"]
    assert stale.severity == Severity.ERROR
    assert "2019年版格式" in stale.message and "2022年度报告应使用2021年版格式" in stale.message


def test_2021_format_in_a_2020_report_is_only_a_warning():
    text = seed_text("putian").replace("2023", "2020").replace("国务院令第七十一号", "国务院令第711号")
    (stale,) = findings(text, "DL401")
    assert stale.severity == Severity.WARNING and "2020年度报告应使用2019年版格式" in stale.message


def test_2019_style_other_row_in_the_example_fires():
    text = example_text()
    start = text.index("（六）其他处理")
    end = text.index("\t（七）总计")
    text = text[:start] + "（六）其他处理\t\t0\t0\t0\t0\t0\t0\t0\n" + text[end:]
    (stale,) = findings(text, "DL401")
    assert stale.table == "表三" and stale.severity == Severity.ERROR


def test_2019_format_seeds_for_2020_are_quiet():
    for key in ("fuqing", "minqing", "shishi"):
        assert findings(seed_text(key), "DL401") == []


# --------------------------------------------------------------------------- DL402 stale-citation


def test_stale_notice_in_a_2024_report_fires_on_the_citation():
    text = edited(example_text(), "（国办公开办函〔2021〕30号）", "（国办公开办函〔2019〕60号）")
    text = edited(text, "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知", "关于政府信息公开工作年度报告有关事项的通知")
    (finding,) = findings(text, "DL402")
    assert finding.line == 3 and "国办公开办函〔2019〕60号" in finding.message
    assert "国办公开办函〔2021〕30号" in finding.message


def test_the_stale_number_is_pointed_at_rather_than_the_title():
    text = seed_text("fuqing").replace("2020", "2022")
    (finding,) = findings(text, "DL402")
    assert finding.line == 8 and "国办公开办函〔2019〕60号" in finding.message


def test_citing_the_current_notice_as_well_is_quiet():
    text = edited(example_text(), "（国办公开办函〔2021〕30号）", "（国办公开办函〔2021〕30号，替代国办公开办函〔2019〕60号）")
    assert findings(text, "DL402") == []


def test_2019_notice_in_a_2020_report_is_quiet():
    assert findings(seed_text("minqing"), "DL402") == []


# --------------------------------------------------------------------------- DL403 year-mismatch


@pytest.mark.parametrize(("key", "old", "new", "line"), [
    ("fuqing", "2020 年政府信息公开工作年度报告", "2021 年政府信息公开工作年度报告", 18),
    ("minqing", "闽清县工业和信息化局2020年", "闽清县工业和信息化局2021年", 5),
    ("putian", "莆田市工业和信息化局 2023 年政府", "莆田市工业和信息化局 2024 年政府", 5),
])
def test_redating_only_the_title_fires_year_mismatch_on_the_stale_period(key, old, new, line):
    text = edited(seed_text(key), old, new)
    (finding,) = findings(text, "DL403")
    assert finding.line == line and finding.severity == Severity.ERROR
    assert "统计期限为" in finding.message and "与标题年度" in finding.message


def test_a_stale_title_is_pointed_at_when_the_period_is_newer():
    text = edited(example_text(), "示例市数据管理局2024年", "示例市数据管理局2023年")
    (finding,) = findings(text, "DL403")
    assert finding.line == 1 and "标题年度为2023年" in finding.message


def test_stale_statistics_period_in_the_example_fires():
    text = edited(example_text(), "自2024年1月1日至2024年12月31日", "自2023年1月1日至2023年12月31日")
    (finding,) = findings(text, "DL403")
    assert (finding.line, finding.column) == (3, 221)


def test_a_body_that_never_names_the_report_year_fires():
    text = edited(example_text(), "2024年，示例市数据管理局", "2023年，示例市数据管理局")
    text = edited(text, "本机关2024年度未收取", "本机关2023年度未收取")
    (finding,) = findings(text, "DL403")
    assert finding.line == 7 and "正文2处写作2023年" in finding.message


def test_consistently_redated_and_partly_other_years_are_quiet():
    assert findings(seed_text("fuqing").replace("2020", "2022"), "DL403") == []
    # one mention of another year beside the report year's is normal (plans, history)
    text = edited(example_text(), "全年组织业务培训2次", "2023年组织业务培训2次")
    assert findings(text, "DL403") == []
    # a report without title or period (福州) has nothing to compare the body with
    assert findings(seed_text("fuzhou"), "DL403") == []


# --------------------------------------------------------------------------- DL404 missing-fee-statement


@pytest.mark.parametrize(("key", "sentence"), [
    ("putian", "2023年，我局未收取信息处理费。"),
    ("fuzhou", "我局2025年度未收取信息公开处理费。"),
])
def test_removing_the_fee_sentence_from_a_2021_format_seed_fires(key: str, sentence: str):
    text = edited(seed_text(key), sentence, "")
    (finding,) = findings(text, "DL404")
    assert "信息处理费" in finding.message and finding.severity == Severity.WARNING


def test_fee_statement_fixture():
    text = edited(example_text(), "本机关2024年度未收取信息处理费。", "")
    (finding,) = findings(text, "DL404")
    assert finding.line == 80  # 六、其他需要报告的事项


@pytest.mark.parametrize("wording", ["本机关2024年度未收取信息公开处理费。",
                                     "2024年度本机关无向申请人收取政府信息公开费用的情况。",
                                     "本机关2024年度收取信息处理费0.12万元。"])
def test_other_wordings_of_the_fee_statement_are_quiet(wording: str):
    text = edited(example_text(), "本机关2024年度未收取信息处理费。", wording)
    assert findings(text, "DL404") == []


def test_2019_format_reports_need_no_fee_statement():
    for key in ("fuqing", "minqing", "shishi"):  # their section 六 reads 无。
        assert findings(seed_text(key), "DL404") == []


# --------------------------------------------------------------------------- DL405 late-publication


def test_web_publication_after_31_january_fires():
    text = edited(seed_text("minqing"), "发布时间:2021-01-13", "发布时间:2021-02-13")
    (finding,) = findings(text, "DL405")
    assert (finding.line, finding.column) == (3, 1)
    assert "2021年2月13日" in finding.message and "2021年1月31日" in finding.message


def test_signed_date_after_the_deadline_fires():
    text = edited(example_text(), "2025年1月20日", "2025年2月20日")
    (finding,) = findings(text, "DL405")
    assert finding.line == 85 and "文末署名日期" in finding.message


def test_publication_line_before_the_title_fires():
    text = "首页 > 政务公开 > 政府信息公开年报\n发布时间：2025-02-15 10:00  浏览次数：23\n" + example_text()
    (finding,) = findings(text, "DL405")
    assert finding.line == 2


def test_a_people_s_government_has_until_31_march():
    text = edited(example_text(), "示例市数据管理局2024年", "示例市人民政府2024年")
    assert findings(edited(text, "2025年1月20日", "2025年3月10日"), "DL405") == []
    (finding,) = findings(edited(text, "2025年1月20日", "2025年4月1日"), "DL405")
    assert "2025年3月31日" in finding.message


def test_chinese_numeral_signed_date():
    text = edited(example_text(), "2025年1月20日", "二〇二五年二月二十日")
    (finding,) = findings(text, "DL405")
    assert "2025年2月20日" in finding.message


def test_on_time_and_undated_reports_are_quiet():
    assert findings(seed_text("minqing"), "DL405") == []  # 2021-01-13 for 2020
    assert findings(example_text(), "DL405") == []


# --------------------------------------------------------------------------- DL501 text-table-mismatch


def test_fuzhou_application_count_changed_fires_with_both_figures_and_places():
    text = edited(seed_text("fuzhou"), "全年共受理依申请公开7件", "全年共受理依申请公开9件")
    (finding,) = findings(text, "DL501")
    assert (finding.line, finding.code, finding.severity) == (9, "DL501", Severity.ERROR)
    assert finding.message == ("正文第9行称“全年共受理依申请公开9件”，但表三“一、本年新收政府信息公开申请数量”行"
                               "“总计”列（第97行）为 7")
    assert finding.table == "表三" and finding.column_label == "总计"


@pytest.mark.parametrize(("old", "new", "table", "expected"), [
    ("制发规范性文件23份", "制发规范性文件25份", "表二", "为 23"),
    ("废止37份", "废止30份", "表二", "为 37"),
    ("现行有效规范性文件共18份", "现行有效规范性文件共19份", "表二", "为 18"),
    ("行政复议和行政诉讼0件", "行政复议和行政诉讼2件", "表四", "合计为 0"),
])
def test_each_fuzhou_figure_is_checked(old, new, table, expected):
    (finding,) = findings(edited(seed_text("fuzhou"), old, new), "DL501")
    assert finding.table == table and finding.message.endswith(expected)


def test_chinese_numeral_figures():
    text = seed_text("putian")
    assert findings(edited(text, "依申请公开政府信息 3 件", "依申请公开政府信息三件"), "DL501") == []
    (finding,) = findings(edited(text, "依申请公开政府信息 3 件", "依申请公开政府信息四件"), "DL501")
    assert "四件" in finding.message and "为 3" in finding.message


def test_example_figures_fire_when_edited():
    text = example_text()
    for old, new in [("全年共收到政府信息公开申请8件", "全年共收到政府信息公开申请十二件"),
                     ("制发行政规范性文件3件", "制发行政规范性文件4件"),
                     ("现行有效行政规范性文件12件", "现行有效行政规范性文件11件")]:
        assert [f.code for f in findings(edited(text, old, new), "DL501")] == ["DL501"], new


def test_decisions_are_checked_against_table_two():
    text = edited(example_text(), "全年发布政策解读9篇。", "全年发布政策解读9篇，作出行政处罚决定20件。")
    (finding,) = findings(text, "DL501")
    assert "行政处罚" in finding.message and finding.message.endswith("为 23")
    text = edited(example_text(), "全年发布政策解读9篇。", "全年发布政策解读9篇，作出行政许可决定156件。")
    assert findings(text, "DL501") == []


def test_received_plus_carried_in_is_accepted():
    text = edited(example_text(), "全年共收到政府信息公开申请8件", "全年共受理政府信息公开申请9件")
    assert findings(text, "DL501") == []  # 8 new + 1 carried in


def test_a_wrong_table_total_is_left_to_dl301():
    # the narrative agrees with the applicant columns; only the table's 总计 is off (DL301 says so)
    text = example_text().replace("一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t1\t0\t8",
                                  "一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t1\t0\t9")
    assert [f.code for f in findings(text, ("DL3", "DL5"))] == ["DL301", "DL303"]


def test_figures_that_do_not_name_a_table_cell_are_quiet():
    # 石狮: 依申请公开信息数 68 条 classifies information; 福州: 行政许可1项 is one of the 权责事项
    assert findings(seed_text("shishi"), "DL501") == []
    assert findings(seed_text("fuzhou"), "DL501") == []
    text = example_text()
    for old, new in [
        ("全年共收到政府信息公开申请8件，上年结转1件", "全年共收到政府信息公开申请8件，上年收到申请5件"),
        ("全年组织业务培训2次", "全年组织业务培训2次，历年累计受理政府信息公开申请30件"),
        ("全年发布政策解读9篇。", "全年发布政策解读9篇，公开行政许可事项5项。"),
        ("全年发布政策解读9篇。", "全年发布政策解读9篇，办理行政复议案件40件。"),  # not about 信息公开
        # part of the body: an office acting for the government, the government's own level
        ("全年共收到政府信息公开申请8件", "局办公室代表市政府受理政府信息公开申请3件"),
        ("全年共收到政府信息公开申请8件", "局机关本级收到政府信息公开申请3件"),
    ]:
        assert findings(edited(text, old, new), "DL501") == [], new
    # the same figure for the whole body is checked
    assert findings(edited(text, "全年共收到政府信息公开申请8件", "全局受理政府信息公开申请3件"), "DL501")


def test_a_blank_cell_leaves_the_figure_unchecked():
    text = seed_text("shishi").replace("2020 年未受理依申请公开", "2020 年共收到政府信息公开申请3件")
    text = text.replace("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0",
                        "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t—")
    assert findings(text, "DL501") == []


# --------------------------------------------------------------------------- DL502 narrative-sum


def test_putian_breakdown_that_does_not_add_up_fires():
    text = edited(seed_text("putian"), "其他主动公开类信息 7 条", "其他主动公开类信息 8 条")
    (finding,) = findings(text, "DL502")
    assert (finding.line, finding.severity) == (13, Severity.WARNING)
    assert "14 + 67 + 3 + 2 + 8 = 94条" in finding.message and "93条" in finding.message


def test_example_breakdown_fixture_fires_on_the_total():
    text = edited(example_text(), "全年共主动公开政府信息215条", "全年共主动公开政府信息205条")
    (finding,) = findings(text, "DL502")
    assert (finding.line, finding.column) == (9, 20)  # the stated total


def test_percentages():
    text = edited(example_text(), "其中机构职能类信息12条、政策文件类信息48条、工作动态类信息155条",
                  "其中机构职能类信息12条，占5.6%；政策文件类信息48条，占22.3%；工作动态类信息155条，占72.1%")
    assert findings(text, "DL502") == []
    text = edited(text, "占22.3%", "占32.3%")
    (finding,) = findings(text, "DL502")
    assert "22.3%" in finding.message and "32.3%" in finding.message


def test_a_short_sum_fires_only_when_the_list_is_exhaustive():
    # 莆田 lists a residual 其他主动公开类信息: the parts claim the whole, so 92 ≠ 93 is an error
    text = edited(seed_text("putian"), "其他主动公开类信息 7 条", "其他主动公开类信息 6 条")
    assert [f.code for f in findings(text, "DL502")] == ["DL502"]
    # “其中” often names only highlights: 12 + 48 < 300 without a residual part is not reported
    text = edited(example_text(), "全年共主动公开政府信息215条，其中机构职能类信息12条、政策文件类信息48条、工作动态类信息155条",
                  "全年共主动公开政府信息300条，其中政策文件类信息12条、政策解读类信息48条")
    assert findings(text, "DL502") == []


def test_partial_or_mixed_lists_are_quiet():
    text = example_text()
    for old, new in [
        ("工作动态类信息155条。", "工作动态类信息100条等。"),
        ("工作动态类信息155条。", "工作动态类信息100条、解读9篇。"),
        ("其中机构职能类信息12条、政策文件类信息48条、工作动态类信息155条", "其中政策文件类信息48条"),
    ]:
        assert findings(edited(text, old, new), "DL502") == [], new


@pytest.mark.parametrize(("sentence", "fires"), [
    ("共公开信息8条，其中A类信息5条、B类信息4条，同比增长10条。", True),
    ("全年主动公开政府信息三百条，其中政策文件一百条、其他信息一百条。", True),
    ("全年主动公开政府信息三百条，其中政策文件一百条、其他信息二百条。", False),
    ("共公开信息8条，其中A类信息5条、B类信息3条，共计8条。", False),
    ("共受理申请8件，其中自然人5件、法人3件，其中商业企业2件。", False),
    ("全年共主动公开政府信息215条，其中通过门户网站发布200条、通过微信公众号发布150条。", False),
    ("全年共主动公开政府信息1200条，其中政策文件32条、政策解读15条。", False),
])
def test_breakdown_sentences(sentence: str, fires: bool):
    text = edited(example_text(), "全年发布政策解读9篇。", "全年发布政策解读9篇。" + sentence)
    assert [f.code for f in findings(text, "DL502")] == (["DL502"] if fires else [])


def test_seed_breakdowns_that_add_up_are_quiet():
    for key in ("minqing", "fuzhou", "shishi", "putian"):
        assert findings(seed_text(key), "DL502") == []


# --------------------------------------------------------------------------- DL503 citation


def test_superseded_order_number_fires_with_the_reason():
    text = edited(example_text(), "国务院令第711号", "国务院令第492号")
    (finding,) = findings(text, "DL503")
    assert (finding.line, finding.column) == (3, 21) and "2007" in finding.message


@pytest.mark.parametrize("citation", ["国务院令第711号", "国令第711号", "国务院第711号令", "国务院令711号",
                                      "2019年4月3日中华人民共和国国务院令第711号修订"])
def test_correct_order_numbers_are_quiet(citation: str):
    text = edited(example_text(), "国务院令第711号", citation)
    assert findings(text, "DL503") == []


def test_a_wrong_number_written_in_digits_fires():
    text = edited(seed_text("putian"), "国务院令第七十一号", "国务院令第71号")
    (finding,) = findings(text, "DL503")
    assert "国务院令第71号" in finding.message


def test_a_wrong_number_in_the_narrative_fires_too():
    text = edited(example_text(), "扎实做好政府信息公开工作。",
                  "扎实做好政府信息公开工作，认真落实《中华人民共和国政府信息公开条例》（国务院令第492号）。")
    (finding,) = findings(text, "DL503")
    assert finding.line == 7


def test_the_right_number_under_the_wrong_issuer_fires():
    text = edited(example_text(), "国务院令第711号", "省政府令第711号")
    (finding,) = findings(text, "DL503")
    assert "省政府令第711号" in finding.message
