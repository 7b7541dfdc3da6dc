from __future__ import annotations

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES

_OTHER_2021 = (
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
    "\t3.其他\t0\t0\t0\t0\t0\t0\t0"
)


class StaleTemplate(Rule):
    """统计表沿用了不适用于本年度的格式

    年度报告的表格格式由国务院办公厅政府信息与政务公开办公室的通知规定：2019、2020 年度报告用
    2019 年版格式（国办公开办函〔2019〕60号），2021 年度起用 2021 年版格式（国办公开办函〔2021〕30号）。
    2021 年版表二改为“本年制发件数、本年废止件数、现行有效件数”等栏目，表三“（六）其他处理”分为三项。
    照搬往年报告时最容易把旧表格一并带入。请按本年度适用的格式重新填制表二、表三。
    2019/2020 年度报告用了 2021 年版表格只作警告。格式与年度的对应关系在 rules/knowledge.json 中维护。
    """

    code = "DL401"
    name = "stale-template"
    severity = Severity.ERROR
    examples = (
        Example(bad="（六）其他处理\t\t0\t0\t0\t0\t0\t0\t0", good=_OTHER_2021,
                note="2024 年度报告的表三用了 2019 年版的“（六）其他处理”单行"),
    )

    def check(self, report: Report):
        known = knowledge()
        facts = report.facts
        expected = facts.expected_format()
        if expected is None:
            return
        stale = [(number, fmt, span) for number, fmt, span in facts.table_formats if fmt != expected.key]
        if not stale:
            return
        found = known.format(stale[0][1])
        if found is None:
            return
        tables = "、".join(TABLE_NAMES[number] for number, _, _ in stale)
        found_notice, expected_notice = known.notice(found.notice), known.notice(expected.notice)
        yield Problem(
            f"{tables}为{found.name}（{found_notice.number}），{facts.report_label}应使用"
            f"{expected.name}（{expected_notice.number}）",
            stale[0][2],
            table=TABLE_NAMES[stale[0][0]],
            severity=None if found.first_year < expected.first_year else Severity.WARNING,
        )
