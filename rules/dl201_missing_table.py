from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES, section_name


class MissingTable(Rule):
    """第二、三、四部分缺少统计表，或表格无法识别

    Sections 二, 三 and 四 report their figures in the three statutory tables. A section that
    describes them in prose only, or whose table lost its labels when it was pasted, gives
    readers no numbers to check.
    """

    code = "DL201"
    name = "missing-table"
    severity = Severity.ERROR
    examples = (
        Example(bad="第二十条第（九）项", good="第二十条第（一）项",
                note="（表二的分组标题无法识别时；示例为把第一组改成不存在的项）"),
    )

    def check(self, report: Report):
        for number in (2, 3, 4):
            section = report.section(number)
            if section is None or section.body_blocks == 0:
                continue  # DL101 / DL107 say so
            if section.table is None or (not section.table.rows and any(
                    i.kind == "unreadable" for i in section.table.issues)):
                yield Problem(f"{section_name(number)}中没有可识别的{TABLE_NAMES[number]}", section.span,
                              table=TABLE_NAMES[number])
