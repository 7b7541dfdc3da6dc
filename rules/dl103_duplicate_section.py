from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Problem, Rule, Severity
from disclosure_lint.rules._common import section_name


class DuplicateSection(Rule):
    """同一部分出现两次

    六个部分各出现一次。重复的部分通常是粘贴上一年文本时留下的：保留一份，并把另一份的内容合并进来。
    """

    code = "DL103"
    name = "duplicate-section"
    severity = Severity.ERROR

    def check(self, report: Report):
        for i, section in enumerate(report.sections):
            if section.placement != "duplicate":
                continue
            first = next(s for s in report.sections[:i] if s.number == section.number)
            yield Problem(f"{section_name(section.number)}重复出现（第一次在{first.span.start.describe()}）",
                          section.span)
