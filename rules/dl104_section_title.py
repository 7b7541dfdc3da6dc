from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.template import load
from disclosure_lint.rules._common import part


class SectionTitle(Rule):
    """部分的编号或标题与规定格式不符

    Each section is numbered 一、 to 六、 and titled as the national format titles it, so that
    reports can be read and compared side by side. The accepted variants are listed in
    grammar/template.json (e.g. 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况, the
    2019 format's wording).
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
