from __future__ import annotations

from disclosure_lint.model import Report, Row
from disclosure_lint.rule import Example, PairRule, Problem, Severity
from disclosure_lint.rules._cross_year import number, previous_label, related, shown, where

IN_FORCE_ROWS = ("regulations", "normative_documents")  # 2021 format, 第二十条第（一）项
ITEM_ROWS = ("licensing", "other_services", "punishment", "coercion", "fees")  # 2019 format, 第二十条第（五）（六）（八）项
ISSUED, REPEALED, IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"
LAST_YEAR_ITEMS, CHANGE = "上一年项目数量", "本年增/减"


def _cell(row: Row | None, column: str):
    if row is None:
        return None
    try:
        return row.cell(column)
    except KeyError:  # the row has no such column: the other format
        return None


class InForceChain(PairRule):
    """表二的现行有效件数（2019年版格式：上一年项目数量）与上一年度报告接不上

    规章和行政规范性文件的现行有效件数逐年接续：本年度的现行有效件数 = 上一年度报告的现行有效件数 + 本年制发件数
    − 本年废止件数（2021年版格式，表二第二十条第（一）项）。2019年版格式的“上一年项目数量”是上一年末的项目数：
    本年度的上一年项目数量 = 上一年度报告的上一年项目数量 + 上一年度报告的本年增/减（第二十条第（五）（六）（八）项）。
    接不上时，或是本年度的制发、废止或现行有效件数填错，或是上一年度的数字有误，请对照规范性文件目录核实。
    一份是2019年版格式、一份是2021年版格式时，两种格式都有的栏目才比较（两者没有共同的栏目，即不比较）；
    任一方空白、填了“—”或表格无法读出时不作猜测。
    """

    code = "DL602"
    name = "in-force-chain"
    severity = Severity.WARNING
    example_pairs = (("2024-report", "2023-report"), ("2020-report", "2019-report"))
    examples = (
        Example(bad="行政规范性文件\t3\t1\t13", good="行政规范性文件\t3\t1\t12",
                note="上一年度报告（examples/2023-report.txt）现行有效 10 件，本年制发 3 件、废止 1 件，应为 12 件"),
        Example(bad="行政规范性文件\t2\t0\t9", good="行政规范性文件\t2\t0\t10", base="2023-report",
                note="改的是上一年度报告（examples/2023-report.txt）：9 + 3 − 1 = 11，而本年度报告为 12"),
        Example(bad="行政许可\t41\t3\t296", good="行政许可\t42\t3\t296", base="2020-report",
                note="2019年版格式（examples/2020-report.txt 与 2019-report.txt）：上一年度报告上一年项目数量 40，本年增/减 2，"
                     "本年度的上一年项目数量应为 42"),
    )

    def check(self, report: Report, previous: Report):
        this, last = report.table(2), previous.table(2)
        if this is None or last is None or not this.cells_readable or not last.cells_readable:
            return
        label = previous_label(previous)
        for key in IN_FORCE_ROWS:
            row, before = this.row(key), last.row(key)
            now_cell, issued_cell, repealed_cell = _cell(row, IN_FORCE), _cell(row, ISSUED), _cell(row, REPEALED)
            then_cell = _cell(before, IN_FORCE)
            values = [number(c) for c in (now_cell, issued_cell, repealed_cell, then_cell)]
            if any(v is None for v in values):
                continue
            now, issued, repealed, then = values
            expected = then + issued - repealed
            if now == expected:
                continue
            yield Problem(
                f"表二“{row.label}”行“{IN_FORCE}”为 {now_cell.raw}（{where(report, now_cell.span)}），"
                f"按{label}的现行有效件数 {then_cell.raw}（{where(previous, then_cell.span)}）"
                f"加本年制发 {issued_cell.raw}、减本年废止 {repealed_cell.raw}，应为 {shown(expected)}",
                now_cell.span, table="表二", row=row.label, column_label=IN_FORCE,
                related=(related(previous, then_cell.span, f"{label}表二“{before.label}”行“{IN_FORCE}”：{then_cell.raw}"),),
            )
        for key in ITEM_ROWS:
            row, before = this.row(key), last.row(key)
            now_cell = _cell(row, LAST_YEAR_ITEMS)
            then_cell, change_cell = _cell(before, LAST_YEAR_ITEMS), _cell(before, CHANGE)
            values = [number(c) for c in (now_cell, then_cell, change_cell)]
            if any(v is None for v in values):
                continue
            now, then, change = values
            expected = then + change
            if now == expected:
                continue
            yield Problem(
                f"表二“{row.label}”行“{LAST_YEAR_ITEMS}”为 {now_cell.raw}（{where(report, now_cell.span)}），"
                f"按{label}的上一年项目数量 {then_cell.raw}（{where(previous, then_cell.span)}）"
                f"加其本年增/减 {change_cell.raw}（{where(previous, change_cell.span)}），应为 {shown(expected)}",
                now_cell.span, table="表二", row=row.label, column_label=LAST_YEAR_ITEMS,
                related=(
                    related(previous, then_cell.span, f"{label}表二“{before.label}”行“{LAST_YEAR_ITEMS}”：{then_cell.raw}"),
                    related(previous, change_cell.span, f"{label}表二“{before.label}”行“{CHANGE}”：{change_cell.raw}"),
                ),
            )
