from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Rule, Severity


class InternalError(Rule):
    """检查出错或超时，部分检查结果缺失

    检查这份文件时，某条规则出错（程序缺陷），或读取、解析文件时出错，或整份文件的检查超过了时限
    （`--timeout`，默认 60 秒），或检查它的工作进程意外终止。出错的规则（或整份文件）的结果因此缺失，
    其他规则的结果照常报告；只要出现此问题，退出码即为 2，不会被误当作“未发现问题”。

    这通常不是报告本身的问题，而是本工具的问题：请附上文件和消息报告此问题；超时的文件可用更长的
    `--timeout` 重试。此问题总会报告，不受 select、ignore、per-file-ignores 和 severity 设置影响。
    """

    code = "DL000"
    name = "internal-error"
    severity = Severity.ERROR
    needs_report = False

    def check(self, report: Report):
        # The findings are made by the runner (`disclosure_lint.lint`), where a rule or a file fails.
        return iter(())
