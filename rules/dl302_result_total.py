from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import cell_ref, numbers, table3_result_rows


class ResultTotal(Rule):
    """表三“（七）总计”不等于各项办理结果之和

    表三每一列的“（七）总计”等于各项办理结果之和：（一）予以公开，（二）部分公开，（三）不予公开的 8 行，
    （四）无法提供的 3 行，（五）不予处理的 5 行，以及（六）其他处理（2019 年格式 1 行，2021 年格式 3 行）。
    """

    code = "DL302"
    name = "result-total"
    severity = Severity.ERROR
    examples = (
        Example(bad="\t（七）总计\t5\t2\t0\t0\t1\t1\t9", good="\t（七）总计\t5\t2\t0\t0\t1\t0\t8",
                note="（“其他”列与“总计”列各多 1：该行自身的总计仍然相符，只有办理结果之和不符）"),
    )

    def check(self, report: Report):
        table = report.table(3)
        total_row = table.row("total") if table else None
        keys = table3_result_rows(table) if table else None
        if total_row is None or keys is None or any(table.row(k) is None for k in keys):
            return
        for total in total_row.cells:
            parts = numbers([table.row(k).cell(total.column) for k in keys])
            if parts is None or not total.is_number or total.value == sum(parts):
                continue
            yield Problem(f"{cell_ref(3, total_row, total)}应为 {sum(parts)}（各办理结果之和），实为 {total.raw}",
                          total.span, table="表三", row=total_row.label, column_label=total.column)
