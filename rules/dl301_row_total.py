from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import cell_ref, numbers
from disclosure_lint.template import load


class RowTotal(Rule):
    """表三某行的“总计”不等于六类申请人之和

    表三中每一行的“总计”等于六类申请人之和：自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。
    """

    code = "DL301"
    name = "row-total"
    severity = Severity.ERROR
    examples = (
        Example(bad="一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t1\t0\t9",
                good="一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t1\t0\t8"),
    )

    def check(self, report: Report):
        table = report.table(3)
        if table is None:
            return
        total_column = load().table3["total_column"]  # the others are the six kinds of applicant
        applicants = [c for c in table.columns if c != total_column]
        for row in table.rows:
            if not row.cells:
                continue
            parts = numbers([row.cell(c) for c in applicants])
            total = row.cell(total_column)
            if parts is None or not total.is_number or total.value == sum(parts):
                continue
            yield Problem(f"{cell_ref(3, row, total)}应为 {sum(parts)}（六类申请人之和），实为 {total.raw}",
                          total.span, table="表三", row=row.label, column_label=total_column)
