from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, PairRule, Problem, Severity
from disclosure_lint.rules._cross_year import number, previous_label, related, where


class CarryOver(PairRule):
    """表三“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致

    上一年度结转下年度继续办理的申请，就是本年度的上年结转申请：表三“二、上年结转政府信息公开申请数量”的每一列
    应等于同一机关上一年度报告表三“四、结转下年度继续办理”的同一列。不一致时，或是本年度漏计、多计了结转的申请，
    或是上一年度报告的数字有误，请核对两年的申请办理台账。逐列比较，两份报告都填了数字的列才比较：任一方空白、
    填了“—”或表格无法读出时不作猜测。需要同一机关上一年度的报告：同时检查两年的报告（机关和年度取自标题或落款、
    统计期限），或用 --previous 指定上一年度报告。
    """

    code = "DL601"
    name = "carry-over"
    severity = Severity.ERROR
    examples = (
        Example(bad="二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0",
                good="二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
                note="上一年度报告（examples/2023-report.txt）结转下年度继续办理 1 件（自然人）"),
        Example(bad="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2",
                good="四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1", base="2023-report",
                note="改的是上一年度报告（examples/2023-report.txt）：结转 2 件，本年度报告只接收了 1 件"),
    )

    def check(self, report: Report, previous: Report):
        this, last = report.table(3), previous.table(3)
        if this is None or last is None or not this.cells_readable or not last.cells_readable:
            return
        carried_in, carried_out = this.row("carried_in"), last.row("carry_over")
        if carried_in is None or carried_out is None:
            return
        label = previous_label(previous)
        for column in this.columns:
            try:
                cell, before = carried_in.cell(column), carried_out.cell(column)
            except KeyError:
                continue
            now, then = number(cell), number(before)
            if now is None or then is None or now == then:
                continue
            yield Problem(
                f"表三“{carried_in.label}”行“{column}”列为 {cell.raw}（{where(report, cell.span)}），"
                f"而{label}表三“{carried_out.label}”行“{column}”列为 {before.raw}（{where(previous, before.span)}）："
                "本年度的上年结转应等于上一年度的结转下年度继续办理",
                cell.span, table="表三", row=carried_in.label, column_label=column,
                related=(related(previous, before.span,
                                 f"{label}表三“{carried_out.label}”行“{column}”列：{before.raw}"),),
            )
