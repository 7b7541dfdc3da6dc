"""Layouts from text reports: a tab-layout text as it stands, or any report through its model.

`from_tab_text` keeps the text's own paragraphs and tab rows (the shipped examples are written
that way). `from_report` retypes a parsed report the way an author would have typed it into a
word processor: title, preamble, headings and prose as paragraphs, and the three statutory tables
as ruled tables with the national template's merged header and label cells, each cell holding
what the report's cell held (a blank stays blank).
"""

from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.model import Table as ModelTable
from disclosure_lint.template import load

from . import LEFT, UP, Layout, Paragraph, Table


def from_tab_text(text: str) -> Layout:
    """Paragraphs are the lines without tabs; consecutive tab lines are one table, whose leading
    empty fields under a filled one are the continuation of a vertically merged label cell."""
    layout = Layout()
    rows: list[list[str]] = []

    def close_table() -> None:
        if rows:
            width = max(len(r) for r in rows)
            layout.items.append(Table([r + [""] * (width - len(r)) for r in rows]))
            rows.clear()

    for line in text.splitlines():
        if "\t" not in line:
            close_table()
            if line.strip():
                layout.items.append(Paragraph(line.strip(), _kind(line.strip(), layout)))
            continue
        fields = [f.strip() for f in line.split("\t")]
        if rows and fields[0] == "" and rows[-1][0] not in ("",) and any(fields[1:]):
            above = rows[-1]
            label_width = next(i for i, f in enumerate(fields) if f)
            if all(above[i] != "" for i in range(label_width)) and label_width < 2:
                fields[0] = UP
        rows.append(fields)
    close_table()
    return layout


def _kind(text: str, layout: Layout) -> str:
    if not layout.items:
        return "title"
    if len(text) <= 30 and text[:1] in "一二三四五六" and text[1:2] == "、":
        return "heading"
    return "body"


def from_report(report: Report) -> Layout:
    layout = Layout()
    if report.title is not None:
        layout.items.append(Paragraph(report.title.text, "title"))
    layout.items += [Paragraph(c.text) for c in report.preamble.passage.cells]
    for section in report.sections:
        layout.items.append(Paragraph(section.heading.text, "heading"))
        if section.table is not None:
            layout.items.append(_TABLES[section.number](section.table))
        elif section.number not in (2, 3, 4):
            layout.items += [Paragraph(c.text) for c in section.passage.cells]
    return layout


def _raw(cell) -> str:
    return "" if cell.kind in ("blank", "missing") and cell.raw in ("", None) else cell.raw


def _table2(table: ModelTable) -> Table:
    spec = load().table2
    clause = {g["key"]: g["clause"] for g in spec["groups"]}
    width = 1 + max(len(r.cells) for r in table.rows)
    rows: list[list[str]] = []
    group = None
    for row in table.rows:
        if row.group != group:
            group = row.group
            rows.append([f"第二十条第（{clause[group]}）项"] + [LEFT] * (width - 1))
            header = ["信息内容"] + [c.column for c in row.cells]
            rows.append(_span_right(header, width))
        label = "行政规范性文件" if row.key == "normative_documents" and table.format == "2021" else row.label
        rows.append(_span_right([label] + [_raw(c) for c in row.cells], width))
    return Table(rows)


def _span_right(cells: list[str], width: int) -> list[str]:
    """A row narrower than the table: its last cell spans the rest (how Word lays table 2 out)."""
    return cells + [LEFT] * (width - len(cells))


def _table3(table: ModelTable) -> Table:
    spec = load().table3
    labels = spec["row_labels"]
    columns = spec["columns"]
    rows = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", LEFT, LEFT, "申请人情况", *[LEFT] * 6],
        [UP, UP, UP, "自然人", "法人或其他组织", LEFT, LEFT, LEFT, LEFT, "总计"],
        [UP, UP, UP, UP, *columns[1:6], UP],
    ]
    groups = {"withheld", "unable", "unprocessed", "other"}
    in_results = False
    open_group = None
    for row in table.rows:
        values = [_raw(c) for c in row.cells]
        if row.key in ("new", "carried_in", "carry_over"):
            rows.append([row.label, LEFT, LEFT, *values])
            continue
        first = UP if in_results else labels["results"]
        in_results = True
        group = row.key.split("_")[0] if "_" in row.key else None
        if row.key == "total":
            rows.append([first, row.label, LEFT, *values])
        elif group in groups and row.key != "other":
            second = UP if open_group == group else labels[group]
            open_group = group
            rows.append([first, second, row.label, *values])
        else:
            rows.append([first, row.label, LEFT, *values])
    return Table(rows)


def _table4(table: ModelTable) -> Table:
    spec = load().table4
    (row,) = table.rows
    header_1 = ["行政复议", LEFT, LEFT, LEFT, LEFT, "行政诉讼", *[LEFT] * 9]
    header_2 = [UP, LEFT, LEFT, LEFT, LEFT, "未经复议直接起诉", *[LEFT] * 4, "复议后起诉", *[LEFT] * 4]
    header_3 = list(spec["block_columns"]) * 3
    return Table([header_1, header_2, header_3, [_raw(c) for c in row.cells]])


_TABLES = {2: _table2, 3: _table3, 4: _table4}
