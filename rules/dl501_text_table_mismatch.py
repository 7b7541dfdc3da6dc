from __future__ import annotations

from disclosure_lint.knowledge import FigureSpec, knowledge
from disclosure_lint.model import CellValue, Report, Table
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES


def _cells(table: Table, wanted: tuple[tuple[str, str], ...]) -> list[tuple[str, CellValue]] | None:
    """(row label, cell) for each wanted (row key, column); None when the table lacks one."""
    found = []
    for key, column in wanted:
        row = table.row(key)
        if row is None:
            return None
        try:
            found.append((row.label, row.cell(column)))
        except KeyError:
            return None
    return found


def _total(cells: list[tuple[str, CellValue]] | None):
    if cells is None or any(not c.is_number for _, c in cells):
        return None
    return sum(c.value for _, c in cells)


def _reference(table: Table, cells: list[tuple[str, CellValue]]) -> str:
    name = TABLE_NAMES[table.number]
    if table.number == 4:
        where = "".join(f"“{c.column}”" for _, c in cells)
    else:
        where = "、".join(f"“{label}”行“{c.column}”列" for label, c in cells)
    places = list(dict.fromkeys(c.span.start.describe() for _, c in sorted(
        (pair for pair in cells if pair[1].span), key=lambda pair: pair[1].span.start.sort_key)))
    at = f"（{'、'.join(places)}）" if places else ""
    return f"{name}{where}{at}{'合计' if len(cells) > 1 else ''}为 "


class TextTableMismatch(Rule):
    """正文所述数字与统计表不符

    正文常复述表中的数字：收到的政府信息公开申请数（表三“一、本年新收政府信息公开申请数量”的“总计”）、
    因政府信息公开被申请行政复议和提起行政诉讼的件数（表四）、制发、废止和现行有效的规范性文件件数、
    行政许可和行政处罚的处理决定数量（表二）。照搬往年报告或改了表格忘了改正文，两处就对不上。
    只检查明确指向表中某格的说法（短语在 rules/knowledge.json 中维护）：如“依申请公开信息数”是按公开方式
    对信息分类，不是申请件数，不会被当作申请数比较。
    """

    code = "DL501"
    name = "text-table-mismatch"
    severity = Severity.ERROR
    examples = (
        Example(bad="全年共收到政府信息公开申请6件", good="全年共收到政府信息公开申请8件",
                note="表三“一、本年新收政府信息公开申请数量”总计为 8（说的是连同上年结转的 9 件也算相符）"),
        Example(bad="现行有效行政规范性文件15件", good="现行有效行政规范性文件12件"),
    )

    def check(self, report: Report):
        specs: dict[str, FigureSpec] = {s.key: s for s in knowledge().figures}
        for figure in report.facts.figures:
            spec = specs.get(figure.key)
            table = report.table(spec.table) if spec else None
            if table is None:
                continue
            alternatives = [_cells(table, alt) for alt in spec.alternatives(table.format)]
            if not alternatives or alternatives[0] is None:
                continue
            expected = _total(alternatives[0])
            if expected is None:
                continue  # a blank cell: DL203 reports it, the figure cannot be checked
            if figure.value in {_total(cells) for cells in alternatives}:
                continue
            cells = alternatives[0]
            label, first = cells[0]
            yield Problem(
                f"正文{figure.span.start.describe()}称“{figure.text}”，但{_reference(table, cells)}{expected}",
                figure.span, table=TABLE_NAMES[table.number],
                row=label if table.number != 4 else None,
                column_label=first.column if len(cells) == 1 else None,
            )
