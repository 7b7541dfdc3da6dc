from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import part
from disclosure_lint.template import load


class SectionTitle(Rule):
    """部分的编号或标题与规定格式不符

    各部分按“一、”至“六、”编号，标题与规定格式一致，报告之间才便于对照阅读。
    可接受的变体列在 grammar/template.json 中（如 2019 年格式的“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”）。
    """

    code = "DL104"
    name = "section-title"
    severity = Severity.WARNING
    examples = (
        Example(bad="六、需要说明的其他事项", good="六、其他需要报告的事项"),
        Example(bad="二．主动公开政府信息情况", good="二、主动公开政府信息情况", note="编号后应为顿号"),
    )

    def check(self, report: Report):
        template = load()
        for section in report.sections:
            spec = template.section(section.number)
            heading = section.heading
            title_ok = heading.title == spec.title or heading.title in spec.variants
            numbering_ok = heading.numeral == spec.numeral and heading.separator == "、"
            if title_ok and numbering_ok:
                continue
            yield Problem(f"{part(section.number)}标题应为“{spec.canonical_heading}”，实为“{heading.text}”",
                          section.span)
