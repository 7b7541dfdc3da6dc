from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import section_name


class MissingSection(Rule):
    """缺少必备部分

    规定格式要求六个部分依次出现：一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，
    四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及改进情况，六、其他需要报告的事项。
    缺少任何一部分，报告即不完整；即使没有可报告的内容，也应写出该部分并说明情况。
    """

    code = "DL101"
    name = "missing-section"
    severity = Severity.ERROR
    examples = (Example(bad="五、本年度工作展望", good="五、存在的主要问题及改进情况"),)

    def check(self, report: Report):
        present = {s.number for s in report.sections}
        for number in range(1, 7):
            if number in present:
                continue
            after = next((s for s in report.sections if s.number > number), None)
            where = f"，应位于{section_name(after.number)}之前" if after else ""
            span = after.span if after else (report.sections[-1].span if report.sections else None)
            yield Problem(f"缺少{section_name(number)}部分{where}", span)
