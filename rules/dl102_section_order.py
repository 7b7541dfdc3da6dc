from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Problem, Rule, Severity
from disclosure_lint.rules._common import section_name


class SectionOrder(Rule):
    """各部分顺序不对

    六个部分的顺序是固定的，读者和审核人员才能在固定位置找到各部分内容。
    某部分出现在本应排在它后面的部分之后时，在该部分标题处报告。
    """

    code = "DL102"
    name = "section-order"
    severity = Severity.ERROR
    examples = ()

    def check(self, report: Report):
        for _i, section in enumerate(report.sections):
            if section.placement != "out_of_order":
                continue
            placed = [s for s in report.sections if s.placement == "expected"]
            before = max((s for s in placed if s.number < section.number), key=lambda s: s.number, default=None)
            after = min((s for s in placed if s.number > section.number), key=lambda s: s.number, default=None)
            if before is not None:
                where = f"，应位于{section_name(before.number)}之后"
            elif after is not None:
                where = f"，应位于{section_name(after.number)}之前"
            else:
                where = ""
            yield Problem(f"{section_name(section.number)}位置不对{where}", section.span)
