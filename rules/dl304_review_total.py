from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import numbers
from disclosure_lint.template import load


class ReviewTotal(Rule):
    """表四某项“总计”不等于其四项结果之和

    表四中三个“总计”（行政复议、未经复议直接起诉、复议后起诉）各等于其前面四项结果之和：
    结果维持 + 结果纠正 + 其他结果 + 尚未审结。
    """

    code = "DL304"
    name = "review-total"
    severity = Severity.ERROR
    examples = (
        Example(bad="1\t0\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
                good="1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"),
    )

    def check(self, report: Report):
        table = report.table(4)
        if table is None or not table.rows:
            return
        cells = table.rows[0].cells
        size = len(load().table4["block_columns"])  # each block: four outcomes, then their total
        for start in range(0, len(cells), size):
            block = cells[start : start + size]
            if len(block) < size:
                break
            parts, total = numbers(list(block[:-1])), block[-1]
            if parts is None or not total.is_number or total.value == sum(parts):
                continue
            name = total.column.split("·")[0]
            yield Problem(f"表四“{name}”的“总计”应为 {sum(parts)}（结果维持、结果纠正、其他结果、尚未审结之和），"
                          f"实为 {total.raw}", total.span, table="表四", row=name, column_label=total.column)
