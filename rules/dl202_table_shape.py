from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES

_FORMAT = {"2019": "2019 年格式", "2021": "2021 年格式"}


class TableShape(Rule):
    """表格缺少规定的行或列，有无法识别的行，或数字连在一起无法分开

    每张表都有其格式（2019 年或 2021 年）规定的行和列。粘贴时删掉的行、重复的行、无法识别的行标签，
    或数字多于列数的行，都使表格无法按格式读取。网页存档等丢失了单元格分隔的文本中，一行的数字连成一串
    （如“640020470”），能拆成该行各单元格的方式不止一种时，不作猜测：该表报告一次，其合计关系与单元格
    不再核对，报告的其余部分照常检查。从 PDF 按列复制出的文本（一串行标签之后是多行的数字）同样无法确定各数字所在的单元格，
    也只报告一次。
    """

    code = "DL202"
    name = "table-shape"
    severity = Severity.ERROR
    examples = (
        Example(bad="", good="\t2.重复申请\t0\t0\t0\t0\t1\t0\t1\n", note="（删去表三“2.重复申请”一行）"),
        Example(bad="行政规范性文件3112\n", good="行政规范性文件\t3\t1\t12\n",
                note="（数字连在一起：可读作 3、1、12，也可读作 31、1、2 或 3、11、2）"),
    )

    def check(self, report: Report):
        for table in report.tables():
            name = TABLE_NAMES[table.number]
            fmt = _FORMAT.get(table.format, "")
            for issue in table.issues:
                message = {
                    "missing_row": f"{name}缺少“{issue.detail}”行",
                    "unknown_row": f"{name}有无法识别的行“{issue.detail}”",
                    "misplaced_row": f"{name}“{issue.detail}”行位置不对",
                    "duplicate_row": f"{name}“{issue.detail}”行重复出现",
                    "extra_row": f"{name}（{fmt}）不应有“{issue.detail}”行",
                    "missing_column": f"{name}表头缺少“{issue.detail}”列",
                    "extra_values": f"{name}有一行的数字多于列数（{issue.detail.replace('/', ' 个，应为 ')} 个）",
                    "unreadable": f"{name}无法解析：{issue.detail}",
                    "run_together": f"{name}的数字连在一起，无法可靠地分开各单元格（如"
                                    f"{f'“{issue.detail}”行的' if issue.detail else ''}“{issue.found}”）：已跳过该表的核对",
                    "apart": f"{name}的行标签与数字分开排列（如“{issue.detail}”行下有 "
                             f"{issue.found.replace('/', ' 个数字，应为 ')} 个，另有行没有数字），像是按列复制出的文本，"
                             f"无法确定各数字所在的单元格：已跳过该表的核对",
                }.get(issue.kind)
                if message:
                    row = issue.detail if "row" in issue.kind or issue.kind in ("run_together", "apart") else None
                    yield Problem(message, issue.span, table=name, row=row or None)
