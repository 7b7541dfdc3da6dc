from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity

_FORM = "应为“<机关名称><年度>年政府信息公开工作年度报告”"


class MissingTitle(Rule):
    """缺少标题，或标题未写明机关名称和年度

    标题应写明机关名称、年度和报告名称：<机关名称><年度>年政府信息公开工作年度报告。
    网页转载常常丢失标题，套用模板时又常常只留下年度。
    """

    code = "DL105"
    name = "missing-title"
    severity = Severity.WARNING
    examples = (
        Example(bad="2024年政府信息公开工作年度报告", good="示例市数据管理局2024年政府信息公开工作年度报告"),
    )

    def check(self, report: Report):
        title = report.title
        if title is None:
            first = report.preamble.span or (report.sections[0].span if report.sections else None)
            yield Problem(f"缺少标题：{_FORM}", first)
            return
        missing = [name for name, ok in (("机关名称", title.agency), ("年度", title.year)) if not ok]
        if missing:
            yield Problem(f"标题缺少{'和'.join(missing)}：{_FORM}", title.span)
