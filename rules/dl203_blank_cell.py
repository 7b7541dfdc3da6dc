from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES, run_span


class BlankCell(Rule):
    """应填数字的单元格为空，或填了“—”“/”“无”

    三张表的每个单元格都应填数字；没有数据时格式要求填 0。空白或“—”与复制时丢失的数字无从区分，
    也使表格的合计关系无法核对。同一行中相邻的空白单元格合并为一条问题报告。
    """

    code = "DL203"
    name = "blank-cell"
    severity = Severity.ERROR
    examples = (
        Example(bad="行政许可\t—", good="行政许可\t156"),
    )

    def check(self, report: Report):
        for table in report.tables():
            name = TABLE_NAMES[table.number]
            for row in table.rows:
                where = name if table.number == 4 else f"{name}“{row.label}”行"
                expected = len(row.cells)
                if row.found_values < expected and all(c.kind == "missing" for c in row.cells):
                    found = "没有数字" if row.found_values == 0 else f"只有 {row.found_values} 个数字"
                    yield Problem(f"{where}{found}，应有 {expected} 个（无数据应填 0）", row.span,
                                  table=name, row=row.label, note=f"此处应有 {expected} 个数字")
                    continue
                for run in _blank_runs(row.cells):
                    columns = "、".join(c.column.split("·")[-1] for c in run)
                    shown = "”“".join(sorted({c.raw for c in run if c.raw}))
                    holds = f"填的是“{shown}”" if shown else "为空"
                    if table.number == 4:
                        block = run[0].column.split("·")[0]
                        subject = f"{name}“{block}”{len(run)}个单元格" if len(run) > 1 else f"{name}“{run[0].column}”"
                        message = f"{subject}{holds}（{columns}），无数据应填 0" if len(run) > 1 else f"{subject}{holds}，无数据应填 0"
                    elif len(run) > 1:
                        message = f"{where}{len(run)}个单元格{holds}（{columns}），无数据应填 0"
                    else:
                        message = f"{where}“{run[0].column}”列{holds}，无数据应填 0"
                    yield Problem(message, run_span(run), table=name, row=row.label,
                                  column_label=columns, note=f"此处应有 {len(run)} 个数字")


def _blank_runs(cells):
    """Adjacent blank cells, split where table 4's blocks (行政复议 | 诉讼…) change."""
    run = []
    for cell in cells:
        same_block = run and run[-1].column.split("·")[:-1] == cell.column.split("·")[:-1]
        if cell.kind == "blank" and (not run or same_block):
            run.append(cell)
            continue
        if run:
            yield run
        run = [cell] if cell.kind == "blank" else []
    if run:
        yield run
