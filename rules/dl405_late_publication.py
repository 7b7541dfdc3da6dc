from __future__ import annotations

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


def _day(date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


class LatePublication(Rule):
    """报告显示的发布日期晚于法定公布期限

    《政府信息公开条例》第四十九条：各级行政机关（部门）应于每年1月31日前公布本机关上一年度的年度报告；
    县级以上地方人民政府的本级政府年度报告于每年3月31日前公布。报告网页的“发布时间”或文末署名日期晚于
    期限，说明报告公布迟了。机关类型按标题中的机关名称判断（规则在 rules/knowledge.json 中维护）；
    机关名称不明时按较晚的3月31日计。
    """

    code = "DL405"
    name = "late-publication"
    severity = Severity.WARNING
    examples = (Example(bad="2025年2月20日", good="2025年1月20日"),)

    def check(self, report: Report):
        known = knowledge()
        facts = report.facts
        shown = facts.publication_date
        if shown is None or facts.year is None:
            return
        government = facts.government_report
        deadline = known.deadline(facts.year, government is not False)
        if shown.date <= deadline:
            return
        if government is None:
            who = "机关名称不明，按较晚的期限计"
        else:
            rule = known.deadlines["government" if government else "department"]
            who = f"{rule['label']}应于次年{rule['month']}月{rule['day']}日前公布"
        what = "发布时间" if shown.kind == "web" else "文末署名日期"
        yield Problem(f"报告{what}为{_day(shown.date)}，晚于{facts.year}年度报告的公布期限{_day(deadline)}（{who}）",
                      shown.span)
