from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import numbers


class Balance(Rule):
    """表三勾稽关系不平：第一项加第二项之和不等于第三项加第四项之和

    表三左上角注明了勾稽关系：每一列，一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理。
    收到或结转来的每一件申请，要么本年办结，要么结转下年。
    """

    code = "DL303"
    name = "balance"
    severity = Severity.ERROR
    examples = (
        Example(bad="四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0",
                good="四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1",
                note="（本年新收 8、上年结转 1，办理结果总计 8，结转下年度必须为 1）"),
    )

    def check(self, report: Report):
        table = report.table(3)
        if table is None:
            return
        rows = [table.row(k) for k in ("new", "carried_in", "total", "carry_over")]
        if any(r is None for r in rows):
            return
        _new, _carried_in, _total, carry_over = rows
        for column in table.columns:
            values = numbers([r.cell(column) for r in rows])
            if values is None:
                continue
            a, b, c, d = values
            if a + b == c + d:
                continue
            cell = carry_over.cell(column)
            yield Problem(
                f"表三“{column}”列勾稽关系不平：一、本年新收 {a} + 二、上年结转 {b} = {a + b}，"
                f"应等于（七）总计 {c} + 四、结转下年度继续办理 {d} = {c + d}",
                cell.span, table="表三", row=carry_over.label, column_label=column,
            )
