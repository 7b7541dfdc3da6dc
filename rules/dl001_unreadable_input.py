from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Problem, Rule, Severity


class UnreadableInput(Rule):
    """文件无法读取，或不是政府信息公开工作年度报告

    The input could not be read or decoded (a binary file, an unknown encoding), or it is text
    with none of the six sections of the national format in it — not a report at all. Nothing
    else is checked on such an input. Save the report as UTF-8 or GB18030 text, or check that the
    right file was given.

    Bad: a PDF renamed to .txt, a spreadsheet export, an unrelated notice.
    Good: the report's text, UTF-8 or GB18030, with its six sections.
    """

    code = "DL001"
    name = "unreadable-input"
    severity = Severity.ERROR
    needs_report = False

    def check(self, report: Report):
        if report.unreadable:
            yield Problem(f"无法读取文件：{report.unreadable}", None)
        elif not report.sections:
            yield Problem("不是政府信息公开工作年度报告：找不到规定的六个部分中的任何一个"
                          "（一、总体情况 … 六、其他需要报告的事项）", None)
