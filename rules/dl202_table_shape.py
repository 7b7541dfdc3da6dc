from __future__ import annotations

from collections.abc import Iterator

import regex

from disclosure_lint.document import fold
from disclosure_lint.model import Report, Table
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import TABLE_NAMES
from disclosure_lint.template import load

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
            if table.unreadable is not None:
                yield Problem(f"{name}无法解析：{table.unreadable}", table.span, table=name)
                continue
            lost = table.cells_lost
            if lost is not None and lost.kind == "run_together":
                yield Problem(f"{name}的数字连在一起，无法可靠地分开各单元格（如"
                              f"{f'“{lost.row}”行的' if lost.row else ''}“{lost.digits}”）：已跳过该表的核对",
                              lost.span, table=name, row=lost.row or None)
            elif lost is not None:
                yield Problem(f"{name}的行标签与数字分开排列（如“{lost.row}”行下有 {lost.found} 个数字，应为 "
                              f"{lost.cells} 个，另有行没有数字），像是按列复制出的文本，无法确定各数字所在的单元格："
                              f"已跳过该表的核对", lost.span, table=name, row=lost.row or None)
            else:
                shape = {2: _table2, 3: _table3, 4: _overfull}[table.number]
                for message, span, row in shape(table, name):
                    yield Problem(message, span, table=name, row=row)
                for stray in table.strays:
                    message = {"unknown": f"{name}有无法识别的行“{stray.label}”",
                               "misplaced": f"{name}“{stray.label}”行位置不对",
                               "duplicate": f"{name}“{stray.label}”行重复出现"}[stray.kind]
                    yield Problem(message, stray.span, table=name, row=stray.label)


Shape = Iterator[tuple[str, object, str | None]]  # (message, span, row label)


def _overfull(table: Table, name: str, group: str | None = None) -> Shape:
    for row in table.rows:
        if row.overfull and row.group == group:
            yield f"{name}有一行的数字多于列数（{row.found_values} 个，应为 {len(row.cells)} 个）", row.span, None


def _table3(table: Table, name: str) -> Shape:
    spec = load().table3
    labels = spec["row_labels"]
    yield from _overfull(table, name)
    present = {r.key for r in table.rows}  # a misplaced row with numbers is read where it stands
    known = table.format in spec["other_rows"]
    expected = ["new", "carried_in", *spec["result_rows"], *(spec["other_rows"][table.format] if known else ()),
                "total", "carry_over"]
    for key in expected:
        if key not in present:
            yield f"{name}缺少“{labels[key]}”行", table.region, labels[key]
    if not known:
        yield f"{name}缺少“{labels['other']}”行", table.region, labels["other"]
    if "自然人" in table.header or "申请人" in table.header:
        for column in table.columns:
            if not _names(table.header, spec["column_labels"][column]):
                yield f"{name}表头缺少“{column}”列", table.region, None


def _table2(table: Table, name: str) -> Shape:
    spec = load().table2
    labels, patterns = spec["row_labels"], spec["column_patterns"]
    groups = {g["key"]: g for g in spec["groups"]}
    fmt_name = _FORMAT.get(table.format, "")
    for group in table.groups:
        allowed = groups[group.key]["rows"].get(group.format or "", [])
        if group.format:
            for key, span in group.rows:
                if key not in allowed:
                    yield f"{name}（{fmt_name}）不应有“{labels[key]}”行", span, labels[key]
        yield from _overfull(table, name, group.key)
        if group.format:
            found = {key for key, _ in group.rows}
            for key in allowed:
                if key not in found:
                    yield f"{name}缺少“{labels[key]}”行", group.span, labels[key]
            for column in groups[group.key]["columns"][group.format]:
                if not (regex.search(patterns[column], group.header) or _names(group.header, fold(column))):
                    yield f"{name}表头缺少“{column}”列", group.span, None
    if table.format in ("2019", "2021"):
        present = {g.key for g in table.groups}
        for group in spec["groups"]:
            if table.format in group["columns"] and group["key"] not in present:
                clause = f"第二十条第（{group['clause']}）项"
                yield f"{name}缺少“{clause}”行", table.region, clause


def _names(header: str, label: str) -> bool:
    """Whether a table's header names a column: the label's characters in order, other words allowed
    between them (a PDF's header cells wrap, and a text copy prints their lines side by side:
    `商业 科研` / `企业 机构`)."""
    return regex.search(".*?".join(map(regex.escape, label)), header) is not None
