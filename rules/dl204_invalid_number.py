from __future__ import annotations

from decimal import Decimal

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES, cell_ref
from disclosure_lint.template import load


class InvalidNumber(Rule):
    """单元格中的数字不符合该列要求

    文件件数、决定数量、申请数和案件数都是非负整数。只有“本年增/减”（2019 年格式）可以为负数，
    只有金额（收费金额、采购总金额）可以有小数。
    """

    code = "DL204"
    name = "invalid-number"
    severity = Severity.ERROR
    examples = (Example(bad="行政处罚\t-23", good="行政处罚\t23"),)

    def check(self, report: Report):
        spec = load().table2
        signed, amounts = set(spec["signed_columns"]), set(spec["amount_columns"])
        for table in report.tables():
            for row, cell in table.cells():
                if cell.kind == "text":
                    yield Problem(f"{cell_ref(table.number, row, cell)}应为数字，实为“{cell.raw}”", cell.span,
                                  table=TABLE_NAMES[table.number], row=row.label, column_label=cell.column)
                    continue
                if not cell.is_number:
                    continue
                fraction = isinstance(cell.value, Decimal) and cell.value != cell.value.to_integral_value()
                if cell.value < 0 and cell.column not in signed:
                    need = "不应为负数"
                elif fraction and cell.column not in amounts:
                    need = "应为整数"
                else:
                    continue
                yield Problem(f"{cell_ref(table.number, row, cell)}{need}，实为 {cell.raw}", cell.span,
                              table=TABLE_NAMES[table.number], row=row.label, column_label=cell.column)
