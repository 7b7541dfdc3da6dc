from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import cell_ref, numbers, table3_result_rows


class ResultTotal(Rule):
    """表三“（七）总计”不等于各项办理结果之和

    In table 3, （七）总计 of each column is the sum of the 办理结果 rows: （一）予以公开,
    （二）部分公开, the eight rows of （三）不予公开, the three of （四）无法提供, the five of
    （五）不予处理, and （六）其他处理 (one row in the 2019 format, three in the 2021 format).
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
