from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Problem, Rule, Severity


class UnreadableInput(Rule):
    """文件无法读取，或不是政府信息公开工作年度报告

    文件无法读取或解码（二进制文件、无法识别的编码），或者是文本但找不到规定格式六个部分中的任何一个——
    根本不是年度报告。对这样的输入不再做其他检查。请将报告另存为 UTF-8 或 GB18030 文本，或确认传入的是正确的文件。

    错误示例：改了扩展名的 PDF、表格导出文件、无关的通知。
    正确示例：报告正文文本（UTF-8 或 GB18030），含六个部分。
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
