from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES, section_name

TABLE4 = (
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
    "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t"
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
)


class MissingTable(Rule):
    """第二、三、四部分缺少统计表，或表格无法识别

    第二、三、四部分以三张法定统计表报告数字。只用文字描述，或表格粘贴后丢失了行列标签，读者就无从核对数字。
    """

    code = "DL201"
    name = "missing-table"
    severity = Severity.ERROR
    examples = (
        Example(bad="本年度未发生因政府信息公开引起的行政复议、行政诉讼。\n",
                good=TABLE4, note="（第四部分只有文字、没有表四）"),
    )

    def check(self, report: Report):
        for number in (2, 3, 4):
            section = report.section(number)
            if section is None or section.body_blocks == 0:
                continue  # DL101 / DL107 say so
            if section.table is None or (not section.table.rows and section.table.unreadable is not None):
                yield Problem(f"{section_name(number)}中没有可识别的{TABLE_NAMES[number]}", section.span,
                              table=TABLE_NAMES[number])
