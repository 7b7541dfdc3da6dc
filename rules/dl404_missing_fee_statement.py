from __future__ import annotations

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


class MissingFeeStatement(Rule):
    """第六部分未报告信息处理费的收取情况

    2021 年版格式（国办公开办函〔2021〕30号）要求在“六、其他需要报告的事项”中报告依据
    《政府信息公开信息处理费管理办法》收取信息处理费的情况；没有收取也要写明，如
    “本机关全年未收取信息处理费”。
    """

    code = "DL404"
    name = "missing-fee-statement"
    severity = Severity.WARNING
    examples = (Example(bad="本机关2024年度未收取任何费用。", good="本机关2024年度未收取信息处理费。"),)

    def check(self, report: Report):
        known = knowledge()
        facts = report.facts
        table_format = facts.table_format
        if table_format not in ("2019", "2021"):
            expected = facts.expected_format()
            table_format = expected.key if expected else None
        if table_format not in known.fee_statement_formats:
            return
        section = report.section(6)
        if section is None or known.fee_statement.search(section.passage.squeezed):
            return
        yield Problem("第六部分未报告信息处理费的收取情况：2021年版格式要求写明本年度收取信息处理费的情况，"
                      "未收取也应写明（如“本机关全年未收取信息处理费”）", section.span)
