"""`--format html`: one self-contained page for a batch of reports, for the reviewer who looks
rather than reads (docs/html-report.md).

The page opens from a USB stick: its CSS and its little JavaScript are inline, it loads no font,
image or script, and its Content-Security-Policy forbids the browser to fetch anything or to run
any script but the page's own (allowed by its hash). It reads without JavaScript; the script only
adds sorting of the summary grid and filtering by rule and severity.

* **Summary**: how many reports, clean and flagged; a grid of reports × rule families (DL0–DL6,
  then any plugin's), each count linking to the report; the most frequent rules across the batch.
* **Each report**: title, agency, year, source format and table format; its findings grouped by
  the section they are in, in report order — code (a link to the rule's explanation, which is on
  the page), message, place (`Finding.where()`), the source line or paragraph with the words
  marked, and for a wrong total the arithmetic (`5 + 2 + 0 + 0 + 1 + 0 = 8 ≠ 9`); beside them the
  section's table drawn from the model with the rows and columns of the national template, each
  finding's cells marked (blank, wrong total, text in a number cell) and numbered.
* **Rules**: every rule's summary, rationale and examples, the target of the code links.
* Printed, every report starts a page and the navigation is left out.

Which cells a finding marks (`_Marks`): the cells whose place is the finding's place
(`CellValue.span.start == Finding.position`) and, for a run of blank cells (DL203 "此处应有 5 个
数字"), the cells of the same row within the finding's span; when no cell is at the finding's
place, the cells its table, row and column labels name. A finding whose place is outside the
table but names a cell (the narrative contradicting a table, DL501) outlines that cell as a
reference instead of marking it.

Everything taken from a report is escaped (`html.escape`), so a report holding `<script>` shows it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from disclosure_lint import __version__
from disclosure_lint.lint import Result
from disclosure_lint.model import CellValue, Report, Row, Table, same_excerpt
from disclosure_lint.output.dump import SOURCE_FORMAT_NAMES, source_format
from disclosure_lint.output.statistics import rule_statistics
from disclosure_lint.rule import Finding, Rule, Severity

TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}
TABLE_NUMBERS = {name: number for number, name in TABLE_NAMES.items()}
# The built-in families, always shown in the grid (a plugin's families follow when they fire).
FAMILIES = {"DL0": "输入", "DL1": "结构", "DL2": "表格", "DL3": "表内勾稽", "DL4": "格式与年度",
            "DL5": "正文与表格", "DL6": "跨年度"}
TABLE_FORMAT_NAMES = {"2019": "2019 年版", "2021": "2021 年版", "mixed": "两种版本混用"}
SEVERITY_CLASS = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# How a marked cell is coloured, by what is wrong with it.
KIND_NAMES = {"total": "合计不符", "blank": "空白或缺少数字", "text": "数字格中是文字", "other": "其他问题"}
TOTAL_RULES = ("DL301", "DL302", "DL303", "DL304")
TOP_RULES = 10  # the most frequent rules listed in the summary
REPORT_LINKS = 12  # reports linked from each of those rules
EXCERPT_CONTEXT = 160  # characters kept either side of the marked words of a long paragraph


def esc(value: object) -> str:
    """Text from a report (or anything else) as HTML text or attribute value."""
    return html.escape(str(value), quote=True)


def family(code: str) -> str:
    """DL303 -> DL3; a plugin's FJ101 -> FJ1."""
    m = re.match(r"([A-Za-z]+)(\d)", code)
    return m.group(1) + m.group(2) if m else code


# ------------------------------------------------------------------------------ cells and findings


@dataclass
class _Marks:
    """Which parts of a report's tables its findings mark; finding numbers are indices into the
    report's findings."""

    cells: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # id(CellValue)
    refs: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # id(CellValue)
    rows: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # id(Row)
    absent: dict[tuple[int, str], list[int]] = field(default_factory=lambda: defaultdict(list))  # missing rows
    anchor: dict[int, str] = field(default_factory=dict)  # finding -> the element id of its first mark
    cell_of: dict[int, list[tuple[Table, Row, CellValue]]] = field(default_factory=lambda: defaultdict(list))
    ids: dict[int, str] = field(default_factory=dict)  # id(CellValue) or id(Row) -> its element id


def _named_table(report: Report, name: str | None) -> Table | None:
    number = TABLE_NUMBERS.get(name or "")
    return report.table(number) if number else None


def _inside(table: Table, position, report: Report | None = None) -> bool:
    """Whether a place is within the table's rows (a finding about the table itself), or, given
    the report, anywhere in the table's section from its heading on (where a missing row is
    reported: the table's header)."""
    starts = [table.span.start] + [r.span.start for r in table.rows] + [
        c.span.start for _, c in table.cells() if c.span is not None]
    if report is not None:
        starts += [s.span.start for s in report.sections if s.table is table]
    if any(same_excerpt(s, position) for s in starts):
        return True
    keys = [s.sort_key for s in starts if s.unit == position.unit]
    return bool(keys) and min(keys) <= position.sort_key <= max(keys)


def _template_rows(number: int) -> dict[str, str]:
    from disclosure_lint.template import load

    return load().raw["tables"][str(number)].get("row_labels", {})


def _by_labels(table: Table, finding: Finding) -> tuple[list[CellValue], Row | None, str | None]:
    """(cells, row, key of a missing row) that a finding's table, row and column labels name."""
    names = [n for n in (finding.column_label or "").split("、") if n]
    if table.number == 4:
        rows = list(table.rows)
    else:
        rows = [r for r in table.rows if finding.row in (r.label, r.source_label)]
    if not rows:
        key = next((k for k, label in _template_rows(table.number).items() if label == finding.row), None)
        return [], None, key
    row = rows[0]
    if not names:
        return [], row, None
    cells = list(row.cells)
    exact = [c for c in cells if c.column in names]
    if len(exact) == len(names):
        return exact, row, None
    # Table 4's labels name a block's columns by their last part (结果维持、…、总计): the run of
    # cells with those names, in the block the message names, blank ones preferred.
    n = len(names)
    starts = [i for i in range(len(cells) - n + 1)
              if all(cells[i + k].column.split("·")[-1] == names[k] for k in range(n))]
    if not starts:
        return [], row, None

    def preference(i: int) -> tuple[bool, bool]:
        block = cells[i].column.split("·")[0]
        return (f"“{block}”" not in finding.message,
                not all(c.kind in ("blank", "missing") for c in cells[i:i + n]))

    best = min(starts, key=preference)
    return cells[best:best + n], row, None


def _mark(report: Report, findings: Sequence[Finding], rid: str) -> _Marks:
    marks = _Marks()
    tables = list(report.tables())
    at: dict = defaultdict(list)  # a cell's place -> (table, row, cell)
    row_at: dict = defaultdict(list)
    for table in tables:
        for row in table.rows:
            row_at[row.span.start].append((table, row))
            for cell in row.cells:
                if cell.span is not None:
                    at[cell.span.start].append((table, row, cell))
    counter = 0

    def new_id() -> str:
        nonlocal counter
        counter += 1
        return f"{rid}-c{counter}"

    ids = marks.ids

    def hit(i: int, table: Table, row: Row, cell: CellValue) -> None:
        if i in marks.cells[id(cell)]:
            return
        marks.cells[id(cell)].append(i)
        marks.cell_of[i].append((table, row, cell))
        ids.setdefault(id(cell), new_id())
        marks.anchor.setdefault(i, ids[id(cell)])

    for i, f in enumerate(findings):
        p = f.position
        if p is None:
            continue
        found = at.get(p)
        if found:
            for table, row, cell in found:
                hit(i, table, row, cell)
            if f.length > 1:  # a run of cells in one row (DL203's adjacent blanks)
                table, row, _ = found[0]
                for cell in row.cells:
                    s = cell.span.start if cell.span is not None else None
                    if s is not None and same_excerpt(s, p) and p.offset <= s.offset < p.offset + f.length:
                        hit(i, table, row, cell)
            continue
        if p in row_at and not f.column_label:  # about a row (one that names a column: its cell, below)
            for table, row in row_at[p]:
                marks.rows[id(row)].append(i)
                ids.setdefault(id(row), new_id())
                marks.anchor.setdefault(i, ids[id(row)])
                if row.cells and all(c.kind == "missing" for c in row.cells):
                    for cell in row.cells:  # a row without its numbers: every cell is blank
                        hit(i, table, row, cell)
            continue
        table = _named_table(report, f.table)
        if table is None or not table.rows:
            continue
        cells, row, absent = _by_labels(table, f)
        inside = _inside(table, p)
        if absent is not None and _inside(table, p, report):
            marks.absent[(table.number, absent)].append(i)
            marks.anchor.setdefault(i, f"{rid}-t{table.number}-{absent}")
        elif cells and inside:
            for cell in cells:
                hit(i, table, row, cell)
        elif cells:
            for cell in cells:
                marks.refs[id(cell)].append(i)
                ids.setdefault(id(cell), new_id())
                marks.anchor.setdefault(i, ids[id(cell)])
        elif row is not None and inside:
            marks.rows[id(row)].append(i)
            ids.setdefault(id(row), new_id())
            marks.anchor.setdefault(i, ids[id(row)])
    return marks


def _number(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


def _sum(values) -> str:
    return " + ".join(_number(v) for v in values)


def _arithmetic(report: Report, finding: Finding, marked: list[tuple[Table, Row, CellValue]]) -> str | None:
    """The sum a wrong total breaks, as the reviewer checks it: `5 + 2 + 0 + 0 + 1 + 0 = 8 ≠ 9`."""
    if finding.code not in TOTAL_RULES or not marked:
        return None
    table, row, cell = marked[0]
    try:
        if finding.code == "DL301":
            from disclosure_lint.template import load

            total_column = load().table3["total_column"]
            parts = [row.cell(c) for c in table.columns if c != total_column]
            total = cell
        elif finding.code == "DL302":
            from disclosure_lint.rules._common import table3_result_rows

            keys = table3_result_rows(table) or []
            parts = [table.row(k).cell(cell.column) for k in keys if table.row(k) is not None]
            total = cell
        elif finding.code == "DL303":
            rows = [table.row(k) for k in ("new", "carried_in", "total", "carry_over")]
            a, b, c, d = (r.cell(cell.column) for r in rows)
            if not all(x.is_number for x in (a, b, c, d)):
                return None
            left, right = a.value + b.value, c.value + d.value
            if left == right:
                return None
            return (f"{_number(a.value)} + {_number(b.value)} = {_number(left)} ≠ "
                    f"{_number(c.value)} + {_number(d.value)} = {_number(right)}")
        else:  # DL304: the four results before the block's 总计
            index = next(k for k, c in enumerate(row.cells) if c is cell)
            parts = list(row.cells[index - 4:index])
            total = cell
    except (KeyError, AttributeError, StopIteration, ValueError, TypeError):
        return None
    if not parts or not all(p.is_number for p in parts) or not total.is_number:
        return None
    expected = sum(p.value for p in parts)
    if expected == total.value:
        return None
    return f"{_sum(p.value for p in parts)} = {_number(expected)} ≠ {_number(total.value)}"


def _cell_kind(cell: CellValue, finding_codes: Iterable[str]) -> str:
    if cell.kind in ("blank", "missing"):
        return "blank"
    if cell.kind == "text":
        return "text"
    if any(code in TOTAL_RULES for code in finding_codes):
        return "total"
    return "other"


# ------------------------------------------------------------------------------------- tables


class _TableWriter:
    """Draws one table of a report with its marks."""

    def __init__(self, rid: str, findings: Sequence[Finding], marks: _Marks):
        self.rid = rid
        self.findings = findings
        self.marks = marks
        self.ids = marks.ids

    def fid(self, i: int) -> str:
        return f"{self.rid}-f{i + 1}"

    def td(self, cell: CellValue | None, colspan: int = 1) -> str:
        span = f' colspan="{colspan}"' if colspan > 1 else ""
        if cell is None:
            return f'<td class="absent"{span}></td>'
        shown = esc(cell.raw) if cell.kind != "missing" else ""
        classes = {"blank": ["blank"], "missing": ["blank", "missing"], "text": ["text"]}.get(cell.kind, [])
        hits = self.marks.cells.get(id(cell)) if id(cell) in self.marks.cells else None
        refs = self.marks.refs.get(id(cell)) if id(cell) in self.marks.refs else None
        if not hits and not refs:
            return f'<td class="{" ".join(classes)}"{span}>{shown}</td>' if classes else f"<td{span}>{shown}</td>"
        numbers = hits or refs
        kind = _cell_kind(cell, (self.findings[i].code for i in numbers))
        classes = (["hit", f"k-{kind}"] if hits else ["ref"]) + classes
        tip = "；".join(f"{self.findings[i].code} {self.findings[i].message}" for i in numbers)
        links = "".join(f'<a class="fn" href="#{self.fid(i)}">{i + 1}</a>' for i in numbers)
        return (f'<td class="{" ".join(classes)}" id="{self.ids[id(cell)]}" '
                f'data-f="{" ".join(self.fid(i) for i in numbers)}" title="{esc(tip)}"{span}>'
                f'<span class="v">{shown}</span>{links}</td>')

    def label(self, text: str, row: Row | None, colspan: int = 1, key: str | None = None,
              table: int | None = None) -> str:
        span = f' colspan="{colspan}"' if colspan > 1 else ""
        numbers = []
        ident = ""
        if row is not None and id(row) in self.marks.rows:
            numbers = self.marks.rows[id(row)]
            ident = self.ids.get(id(row), "")
        elif key is not None and (table, key) in self.marks.absent:
            numbers = self.marks.absent[(table, key)]
            ident = f"{self.rid}-t{table}-{key}"
        if not numbers:
            extra = "" if row is not None or key is None else '<span class="gone">（缺）</span>'
            return f'<th class="rl"{span}>{esc(text)}{extra}</th>'
        links = "".join(f'<a class="fn" href="#{self.fid(i)}">{i + 1}</a>' for i in numbers)
        tip = "；".join(f"{self.findings[i].code} {self.findings[i].message}" for i in numbers)
        gone = '<span class="gone">（缺）</span>' if row is None else ""
        return (f'<th class="rl hit-row" id="{ident}" data-f="{" ".join(self.fid(i) for i in numbers)}" '
                f'title="{esc(tip)}"{span}>{esc(text)}{gone}{links}</th>')

    # -- the three tables

    def draw(self, table: Table) -> str:
        name = TABLE_NAMES.get(table.number, f"表{table.number}")
        fmt = TABLE_FORMAT_NAMES.get(table.format, "")
        caption = f"{name}{f'（{fmt}格式）' if fmt else ''}"
        if not table.rows:
            lost = table.cells_lost
            why = esc(table.unreadable or (lost and {"run_together": "数字连在一起", "apart": "行标签与数字分开排列"}
                                           [lost.kind]) or "没有可识别的行")
            return (f'<div class="tw"><p class="nodraw"><b>{esc(caption)}</b>：无法按单元格绘制'
                    f'（{why}）。</p></div>')
        body = {2: self.table2, 3: self.table3, 4: self.table4}[table.number](table)
        return (f'<div class="tw"><table class="t t{table.number}" data-table="{name}">'
                f"<caption>{esc(caption)}</caption>{body}</table></div>")

    def _rows_by_key(self, table: Table) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = defaultdict(list)
        for row in table.rows:
            found[row.key].append(row)
        return found

    def _extra_rows(self, table: Table, placed: set[int], width: int, label_span: int) -> list[str]:
        """Rows the model has and the template's layout did not place (a row of the other format,
        a repeated row): at the end, so that no cell of the report is left out."""
        out = []
        for row in table.rows:
            if id(row) in placed:
                continue
            cells = "".join(self.td(c) for c in row.cells[:width])
            out.append(f'<tr class="extra">{self.label(row.source_label or row.label, row, label_span)}{cells}</tr>')
        return out

    def table3(self, table: Table) -> str:
        from disclosure_lint.template import load

        spec = load().table3
        labels = spec["row_labels"]
        columns = list(spec["columns"])
        by_key = self._rows_by_key(table)
        other = spec["other_rows"].get(table.format)
        if other is None:  # unknown format: the rows the report has, the 2021 ones if none
            other = [k for k in ("other", "other_1", "other_2", "other_3") if k in by_key] or spec["other_rows"]["2021"]
        results = [*spec["result_rows"], *other, "total"]
        head = (f'<thead><tr><th class="corner" colspan="3" rowspan="3">{esc("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")}</th>'
                f'<th colspan="7">申请人情况</th></tr>'
                f'<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>'
                f'<tr>{"".join(f"<th>{esc(c)}</th>" for c in columns[1:6])}</tr></thead>')
        placed: set[int] = set()

        def values(row: Row | None) -> str:
            if row is None:
                return "".join(self.td(None) for _ in columns)
            out = []
            for column in columns:
                try:
                    out.append(self.td(row.cell(column)))
                except KeyError:
                    out.append(self.td(None))
            return "".join(out)

        def take(key: str) -> Row | None:
            rows = [r for r in by_key.get(key, ()) if id(r) not in placed]
            if rows:
                placed.add(id(rows[0]))
                return rows[0]
            return None

        body = []
        for key in ("new", "carried_in"):
            row = take(key)
            body.append(f"<tr>{self.label(labels[key], row, 3, key, 3)}{values(row)}</tr>")
        groups = {"withheld": 0, "unable": 0, "unprocessed": 0, "other": 0}
        for key in results:
            group = key.split("_")[0] if "_" in key else None
            if group in groups:
                groups[group] += 1
        opened: set[str] = set()
        for n, key in enumerate(results):
            row = take(key)
            cells = f'<th class="grp" rowspan="{len(results)}">{esc(labels["results"])}</th>' if n == 0 else ""
            group = key.split("_")[0] if "_" in key else None
            if group in groups:
                if group not in opened:
                    opened.add(group)
                    cells += f'<th class="grp" rowspan="{groups[group]}">{esc(labels[group])}</th>'
                cells += self.label(labels[key], row, 1, key, 3)
            else:
                cells += self.label(labels[key], row, 2, key, 3)
            body.append(f"<tr>{cells}{values(row)}</tr>")
        row = take("carry_over")
        body.append(f"<tr>{self.label(labels['carry_over'], row, 3, 'carry_over', 3)}{values(row)}</tr>")
        body += self._extra_rows(table, placed, len(columns), 3)
        return head + "<tbody>" + "".join(body) + "</tbody>"

    def table4(self, table: Table) -> str:
        from disclosure_lint.template import load

        spec = load().table4
        columns = spec["block_columns"]
        head = ('<thead><tr><th colspan="5" rowspan="2">行政复议</th><th colspan="10">行政诉讼</th></tr>'
                '<tr><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>'
                f'<tr>{"".join(f"<th>{esc(c)}</th>" for c in columns * 3)}</tr></thead>')
        body = []
        for row in table.rows:
            cells = "".join(self.td(c) for c in row.cells)
            marked = ""
            if id(row) in self.marks.rows:
                numbers = self.marks.rows[id(row)]
                links = "".join(f'<a class="fn" href="#{self.fid(i)}">{i + 1}</a>' for i in numbers)
                marked = f' class="hit-row" id="{self.ids.get(id(row), "")}"'
                cells += f"<td class=\"rowmark\">{links}</td>"
            body.append(f"<tr{marked}>{cells}</tr>")
        return head + "<tbody>" + "".join(body) + "</tbody>"

    def table2(self, table: Table) -> str:
        from disclosure_lint.template import load

        spec = load().table2
        fmt = table.format if table.format in ("2019", "2021") else None
        labels = spec["row_labels"]
        by_key = self._rows_by_key(table)
        placed: set[int] = set()
        body = []
        if fmt is None:  # unknown format: the groups as the report has them
            groups = []
            for row in table.rows:
                if not groups or groups[-1][0] != row.group:
                    groups.append((row.group, [c.column for c in row.cells], []))
                groups[-1][2].append(row.key)
            clause = {g["key"]: g["clause"] for g in spec["groups"]}
            layout = [(clause.get(g or "", "？"), columns, keys) for g, columns, keys in groups]
        else:
            layout = [(g["clause"], g["columns"][fmt], g["rows"][fmt]) for g in spec["groups"]
                      if fmt in g["columns"]]
        width = max((len(columns) for _, columns, _ in layout), default=1)
        for clause, columns, keys in layout:
            body.append(f'<tr class="clause"><th colspan="{width + 1}">第二十条第（{esc(clause)}）项</th></tr>')
            heads = [f"<th>{esc(c)}</th>" for c in columns]
            if heads and len(columns) < width:
                heads[-1] = f'<th colspan="{width - len(columns) + 1}">{esc(columns[-1])}</th>'
            body.append(f'<tr class="colhead"><th>信息内容</th>{"".join(heads)}</tr>')
            for key in keys:
                rows = [r for r in by_key.get(key, ()) if id(r) not in placed]
                row = rows[0] if rows else None
                if row is not None:
                    placed.add(id(row))
                text = "行政规范性文件" if key == "normative_documents" and fmt == "2021" else labels.get(key, key)
                cells = []
                for n, column in enumerate(columns):
                    colspan = width - len(columns) + 1 if n == len(columns) - 1 else 1
                    try:
                        cell = row.cell(column) if row is not None else None
                    except KeyError:
                        cell = None
                    cells.append(self.td(cell, colspan))
                body.append(f"<tr>{self.label(text, row, 1, key, 2)}{''.join(cells)}</tr>")
        body += self._extra_rows(table, placed, width, 1)
        return "<tbody>" + "".join(body) + "</tbody>"


# ------------------------------------------------------------------------------------- the page


def _excerpt(finding: Finding) -> str:
    """The source line, paragraph or table row with the finding's words marked."""
    p = finding.position
    if p is None or not p.excerpt:
        return ""
    text = p.excerpt
    start = min(max(p.offset, 0), len(text))
    end = min(start + max(finding.length, 1), len(text))
    if "\t" in text:
        return f'<div class="src">{_tab_row(text, start, end)}</div>'
    before, marked, after = text[:start], text[start:end], text[end:]
    if len(before) > EXCERPT_CONTEXT:
        before = "…" + before[-EXCERPT_CONTEXT:]
    if len(after) > EXCERPT_CONTEXT:
        after = after[:EXCERPT_CONTEXT] + "…"
    return f'<div class="src">{esc(before)}<mark>{esc(marked)}</mark>{esc(after)}</div>'


def _tab_row(text: str, start: int, end: int) -> str:
    """A text file's tab-separated table row as the other formats show one — cells separated by
    │, a marked blank cell as □ — with text[start:end] marked; leading empty cells (what a merged
    label cell leaves) are left out unless marked."""
    pieces: list[tuple[str, bool]] = []
    offset = 0
    for cell in text.split("\t"):
        if cell or start <= offset < end:
            if pieces:
                pieces.append((" │ ", False))
            if cell:
                pieces += [(ch, start <= offset + k < end) for k, ch in enumerate(cell)]
            else:
                pieces.append(("□", True))
        offset += len(cell) + 1
    out = []
    for marked, run in groupby(pieces, key=lambda piece: piece[1]):
        body = esc("".join(piece for piece, _ in run))
        out.append(f"<mark>{body}</mark>" if marked else body)
    return "".join(out)


def _report_facts(report: Report) -> dict[str, str]:
    facts = report.facts
    kind = source_format(report)
    agency = facts.agency or "（标题未写明）"
    if facts.agency and facts.agency_source == "default":
        agency += "（配置）"
    year = f"{facts.year}" if facts.year is not None else "（未写明）"
    return {
        "机关": agency,
        "年度": year,
        "文件格式": SOURCE_FORMAT_NAMES.get(kind or "", "未知"),
        "表格格式": TABLE_FORMAT_NAMES.get(facts.table_format or "", "未识别"),
        "文件": report.path,
    }


def _title(report: Report) -> str:
    if report.title is not None and report.title.text.strip():
        return report.title.text.strip()
    return "（无标题）"


def _section_of(report: Report, finding: Finding) -> int | None:
    """The index of the section a finding is in (the last whose heading is at or before it); -1
    before the first heading; None for a finding about the whole file."""
    p = finding.position
    if p is None:
        return None
    found = -1
    for n, section in enumerate(report.sections):
        if section.span.start.sort_key <= p.sort_key:
            found = n
    return found


class _Page:
    def __init__(self, results: Sequence[Result], rules: Sequence[type[Rule]]):
        self.results = results
        self.rules = rules
        self.rids = [f"r{n + 1}" for n in range(len(results))]

    def finding(self, rid: str, n: int, f: Finding, report: Report, marks: _Marks) -> str:
        sev = SEVERITY_CLASS[f.severity]
        fid = f"{rid}-f{n + 1}"
        parts = [f'<li class="f {sev}" id="{fid}" data-code="{esc(f.code)}" data-sev="{f.severity.value}">',
                 f'<div class="fh"><span class="n">{n + 1}</span><span class="sev">{f.severity.label}</span>'
                 f'<a class="code" href="#rule-{esc(f.code)}">{esc(f.code)}</a> '
                 f'<span class="msg">{esc(f.message)}</span></div>']
        calc = _arithmetic(report, f, marks.cell_of.get(n, []))
        if calc:
            parts.append(f'<div class="calc">{esc(calc)}</div>')
        meta = [f'位置 <span class="where">{esc(f.where())}</span>']
        labels = " · ".join(esc(x) for x in (f.table, f.row, f.column_label) if x)
        if labels:
            meta.append(labels)
        if n in marks.anchor:
            meta.append(f'<a class="goto" href="#{marks.anchor[n]}">表中位置</a>')
        parts.append(f'<div class="meta">{"；".join(meta)}</div>')
        if f.note:
            parts.append(f'<div class="note">{esc(f.note)}</div>')
        for related in getattr(f, "related", ()):  # a cross-year finding: last year's cell or paragraph
            where = related.where() if hasattr(related, "where") else ""
            said = f"：{esc(related.message)}" if getattr(related, "message", "") else ""
            parts.append(f'<div class="rel">对照 <span class="path">{esc(related.path)}</span> '
                         f'<span class="where">{esc(where)}</span>{said}</div>')
        parts.append(_excerpt(f))
        parts.append("</li>")
        return "".join(parts)

    def report(self, index: int, result: Result) -> str:
        rid = self.rids[index]
        report, findings = result.report, list(result.findings)
        marks = _mark(report, findings, rid)
        writer = _TableWriter(rid, findings, marks)
        status = ("clean", "未发现问题") if not findings else ("flagged", f"{len(findings)} 个问题")
        facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in _report_facts(report).items())
        out = [f'<section class="report {status[0]}" id="{rid}" data-findings="{len(findings)}">',
               f'<h2><span class="rn">{index + 1}</span>{esc(_title(report))}'
               f'<span class="status">{status[1]}</span></h2>',
               f'<dl class="facts">{facts}</dl>']
        if report.unreadable is not None:
            out.append(f'<p class="unreadable">无法读取：{esc(report.unreadable)}</p>')
        groups: dict[int | None, list[int]] = defaultdict(list)
        for n, f in enumerate(findings):
            groups[_section_of(report, f)].append(n)

        def listing(numbers: list[int]) -> str:
            if not numbers:
                return '<p class="none">本部分未发现问题</p>'
            return '<ol class="fl">' + "".join(
                self.finding(rid, n, findings[n], report, marks) for n in numbers) + "</ol>"

        if groups.get(None):
            out.append(f'<div class="part"><h3>整个文件</h3>{listing(groups[None])}</div>')
        if groups.get(-1):
            out.append(f'<div class="part"><h3>标题与前言</h3>{listing(groups[-1])}</div>')
        for n, section in enumerate(report.sections):
            placement = {"out_of_order": "（位置不对）", "duplicate": "（重复）"}.get(section.placement, "")
            table = writer.draw(section.table) if section.table is not None else ""
            out.append(f'<div class="part"><h3>{esc(section.heading.text)}{placement}</h3>'
                       f"{listing(groups.get(n, []))}{table}</div>")
        out.append('<p class="back"><a href="#summary">↑ 返回汇总</a></p></section>')
        return "".join(out)

    # -- summary

    def summary(self) -> str:
        results = self.results
        findings = [f for r in results for f in r.findings]
        flagged = sum(1 for r in results if r.findings)
        unreadable = sum(1 for r in results if r.report.unreadable is not None)
        by_sev = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        families = list(FAMILIES) + sorted({family(f.code) for f in findings} - set(FAMILIES))
        out = ['<section id="summary"><h2>汇总</h2>',
               f'<p class="counts">共 <b id="n-reports">{len(results)}</b> 份报告：'
               f'<b id="n-clean">{len(results) - flagged}</b> 份未发现问题，'
               f'<b id="n-flagged">{flagged}</b> 份有问题'
               + (f"（其中 <b id=\"n-unreadable\">{unreadable}</b> 份无法读取）" if unreadable else "")
               + f'；共 <b id="n-findings">{len(findings)}</b> 个问题：错误 <b id="n-error">{by_sev[Severity.ERROR]}</b>，'
               f'警告 <b id="n-warning">{by_sev[Severity.WARNING]}</b>，提示 <b id="n-info">{by_sev[Severity.INFO]}</b>。</p>']
        # the grid
        head = ['<th data-type="n">序号</th>', '<th>报告</th>', "<th>机关</th>", '<th data-type="n">年度</th>']
        head += [f'<th data-type="n" title="{esc(FAMILIES.get(fam, fam))}">{esc(fam)}<small>{esc(FAMILIES.get(fam, ""))}</small></th>'
                 for fam in families]
        head.append('<th data-type="n">合计</th>')
        rows = []
        for n, result in enumerate(results):
            rid = self.rids[n]
            report = result.report
            counts: dict[str, list[Finding]] = defaultdict(list)
            for f in result.findings:
                counts[family(f.code)].append(f)
            cells = [f'<td data-v="{n + 1}">{n + 1}</td>',
                     f'<td class="name"><a href="#{rid}">{esc(_title(report))}</a><br><small>{esc(report.path)}</small></td>',
                     f"<td>{esc(report.facts.agency or '')}</td>",
                     f'<td data-v="{report.facts.year or 0}">{esc(report.facts.year or "")}</td>']
            for fam in families:
                found = counts.get(fam, [])
                if not found:
                    cells.append('<td class="z" data-v="0"></td>')
                    continue
                worst = min((f.severity for f in found), key=_RANK.__getitem__)
                codes: dict[str, int] = defaultdict(int)
                for f in found:
                    codes[f.code] += 1
                tip = "、".join(f"{c}×{k}" for c, k in sorted(codes.items()))
                cells.append(f'<td class="c {SEVERITY_CLASS[worst]}" data-v="{len(found)}" title="{esc(tip)}">'
                             f'<a href="#{rid}">{len(found)}</a></td>')
            total = len(result.findings)
            cells.append(f'<td class="tot" data-v="{total}">{total or "✓"}</td>')
            rows.append(f'<tr class="{"flagged" if total else "clean"}">{"".join(cells)}</tr>')
        out.append('<div class="gw"><table id="grid" class="grid"><caption>各报告按规则族的问题数'
                   '<small>（点击表头排序）</small></caption>'
                   f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
        # the most frequent rules
        stats = sorted(rule_statistics(results), key=lambda s: (-s.count, s.code))[:TOP_RULES]
        if stats:
            summaries = {r.code: r.summary() for r in self.rules}
            items = []
            for s in stats:
                having = [n for n, r in enumerate(results) if any(f.code == s.code for f in r.findings)]
                links = "、".join(f'<a href="#{self.rids[n]}">{n + 1}</a>' for n in having[:REPORT_LINKS])
                more = f" 等 {len(having)} 份" if len(having) > REPORT_LINKS else ""
                items.append(f'<tr><td><a class="code" href="#rule-{esc(s.code)}">{esc(s.code)}</a></td>'
                             f"<td>{esc(summaries.get(s.code, s.name))}</td>"
                             f'<td class="num">{s.count}</td><td class="num">{s.files}</td>'
                             f'<td class="links">{links}{more}</td></tr>')
            out.append('<table class="top"><caption>最常见的问题</caption><thead><tr><th>规则</th><th>说明</th>'
                       '<th>次数</th><th>报告数</th><th>报告（序号）</th></tr></thead>'
                       f'<tbody>{"".join(items)}</tbody></table>')
        out.append("</section>")
        return "".join(out)

    def glossary(self) -> str:
        known = {r.code: r for r in self.rules}
        fired: dict[str, str] = {}
        for r in self.results:
            for f in r.findings:
                fired.setdefault(f.code, f.name)
        for code in fired:
            if code not in known:
                from disclosure_lint.registry import rule_by_code

                try:
                    rule = rule_by_code(code)
                except Exception:  # a broken registry must not lose the page
                    rule = None
                if rule is not None:
                    known[code] = rule
        out = ['<section id="rules"><h2>规则说明</h2><dl class="rules">']
        for code in sorted(set(known) | set(fired)):
            rule = known.get(code)
            if rule is None:
                out.append(f'<dt id="rule-{esc(code)}">{esc(code)} {esc(fired[code])}</dt><dd>（无说明）</dd>')
                continue
            body = [f"<p><b>{esc(rule.summary())}</b></p>"]
            if rule.rationale():
                body += [f"<p>{esc(p)}</p>" for p in rule.rationale().split("\n\n")]
            for example in rule.examples:
                body.append(f'<div class="ex"><div><span class="bad">错误示例</span>{esc(_shown(example.bad))}</div>'
                            f'<div><span class="good">正确示例</span>{esc(_shown(example.good))}</div>'
                            + (f'<div class="exn">{esc(example.note)}</div>' if example.note else "") + "</div>")
            out.append(f'<dt id="rule-{esc(code)}"><span class="code">{esc(code)}</span> {esc(rule.name)}'
                       f'<span class="sevl">{rule.severity.label}</span></dt><dd>{"".join(body)}</dd>')
        out.append("</dl></section>")
        return "".join(out)

    def filters(self) -> str:
        codes = sorted({f.code for r in self.results for f in r.findings})
        fams = sorted({family(c) for c in codes})
        options = ['<option value="">全部规则</option>']
        options += [f'<option value="{esc(fam)}">{esc(fam)} {esc(FAMILIES.get(fam, ""))}</option>' for fam in fams]
        options += [f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes]
        return ('<form id="filters" class="filters" hidden>'
                '<label>规则 <select id="flt-code">' + "".join(options) + "</select></label>"
                '<label><input type="checkbox" class="flt-sev" value="error" checked> 错误</label>'
                '<label><input type="checkbox" class="flt-sev" value="warning" checked> 警告</label>'
                '<label><input type="checkbox" class="flt-sev" value="info" checked> 提示</label>'
                '<label><input type="checkbox" id="flt-flagged"> 只看有问题的报告</label>'
                "</form>")

    def legend(self) -> str:
        items = "".join(f'<span class="lg"><span class="sw k-{k}"></span>{esc(v)}</span>' for k, v in KIND_NAMES.items())
        return (f'<p class="legend">表中标记：{items}<span class="lg"><span class="sw ref"></span>正文所述与之不符</span>'
                "（格中的小号数字是问题的序号）</p>")

    def render(self) -> str:
        reports = "".join(self.report(n, r) for n, r in enumerate(self.results))
        digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
        csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
               "img-src data:; base-uri 'none'; form-action 'none'")
        return (
            "<!DOCTYPE html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="disclosure-lint {esc(__version__)}">'
            "<title>政府信息公开工作年度报告检查结果</title>"
            f"<style>{CSS}</style></head><body>"
            '<header class="top"><h1>政府信息公开工作年度报告检查结果</h1>'
            f'<p class="by">disclosure-lint {esc(__version__)} · 格式依据 国办公开办函〔2019〕60号、〔2021〕30号 · '
            '<a href="#rules">规则说明</a></p></header>'
            f"{self.filters()}<main>{self.summary()}{self.legend()}{reports}{self.glossary()}</main>"
            f"<script>{SCRIPT}</script></body></html>\n"
        )


def _shown(text: str) -> str:
    return " │ ".join(cell for cell in text.strip().split("\t") if cell) or "（删去该内容）"


def render(results: Iterable[Result], rules: Iterable[type[Rule]] | None = None) -> str:
    """The HTML page for the results of a run. `rules` are the rules whose explanations the page
    carries (the selected ones; by default every registered rule); a rule that fired is explained
    whether it is among them or not."""
    if rules is None:
        from disclosure_lint.registry import all_rules

        rules = all_rules()
    return _Page(list(results), tuple(sorted(set(rules), key=lambda r: r.code))).render()


CSS = """
:root{--e:#cf1322;--w:#d48806;--i:#1677ff;--line:#bfbfbf;--muted:#595959}
*{box-sizing:border-box}
body{margin:0;font:14px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:#1f1f1f;background:#fafafa}
header.top{background:#8c1c13;color:#fff;padding:12px 24px}
header.top h1{margin:0;font-size:22px}header.top .by{margin:2px 0 0;font-size:12px;opacity:.9}header.top a{color:#fff}
main{padding:0 24px 40px;max-width:1500px;margin:0 auto}
.filters{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:6px 24px;display:flex;gap:16px;flex-wrap:wrap;font-size:13px}
h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #8c1c13;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px;color:#262626}
.counts{font-size:16px}.counts b{font-size:18px}
table{border-collapse:collapse;background:#fff}
caption{text-align:left;font-weight:bold;padding:4px 0}caption small{font-weight:normal;color:var(--muted);margin-left:6px}
.gw{overflow-x:auto}
.grid th,.grid td,.top th,.top td{border:1px solid var(--line);padding:3px 6px;font-size:13px}
.grid th{background:#f0f0f0;cursor:pointer;white-space:nowrap;vertical-align:bottom}
.grid th small{display:block;font-weight:normal;font-size:11px;color:var(--muted)}
.grid th[aria-sort=ascending]::after{content:" ▲"}.grid th[aria-sort=descending]::after{content:" ▼"}
.grid td{text-align:center}.grid td.name{text-align:left;max-width:420px}.grid td.name small{color:var(--muted)}
.grid td.c a{font-weight:bold;text-decoration:none;color:inherit;display:block}
.grid td.e{background:#fff1f0;color:var(--e)}.grid td.w{background:#fffbe6;color:#ad6800}.grid td.i{background:#e6f4ff;color:var(--i)}
.grid td.tot{font-weight:bold}.grid tr.clean td.tot{color:#389e0d}
.top{margin-top:16px}.top td.num{text-align:right}.top td.links a{margin-right:2px}
.legend{font-size:13px;color:var(--muted)}.lg{margin-right:14px;white-space:nowrap}
.sw{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin-right:4px;border:2px solid}
section.report{background:#fff;border:1px solid #e0e0e0;border-radius:4px;padding:4px 20px 12px;margin:24px 0;content-visibility:auto;contain-intrinsic-size:auto 1800px}
section.report h2{border-bottom-color:#d9d9d9}
.rn{display:inline-block;min-width:28px;margin-right:8px;color:#fff;background:#595959;border-radius:3px;text-align:center;font-size:14px}
.status{font-size:13px;font-weight:normal;margin-left:12px;padding:1px 8px;border-radius:10px;background:#fff1f0;color:var(--e)}
.clean .status{background:#f6ffed;color:#389e0d}
dl.facts{display:grid;grid-template-columns:max-content 1fr max-content 1fr max-content 1fr;gap:0 10px;margin:6px 0;font-size:13px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-all}
.unreadable{color:var(--e);font-weight:bold}
.part{border-top:1px dashed #e8e8e8}
.none{color:#8c8c8c;font-size:13px;margin:2px 0}
ol.fl{list-style:none;padding:0;margin:4px 0 8px}
li.f{border-left:4px solid var(--line);padding:4px 10px;margin:6px 0;background:#fcfcfc}
li.f.e{border-left-color:var(--e)}li.f.w{border-left-color:var(--w)}li.f.i{border-left-color:var(--i)}
.fh .n{display:inline-block;min-width:20px;height:20px;line-height:20px;border-radius:10px;background:#262626;color:#fff;text-align:center;font-size:12px;margin-right:6px}
.sev{font-size:12px;padding:0 5px;border-radius:3px;margin-right:6px;color:#fff;background:var(--line)}
li.e .sev{background:var(--e)}li.w .sev{background:var(--w)}li.i .sev{background:var(--i)}
a.code{font-family:Consolas,"DejaVu Sans Mono",monospace;font-weight:bold;color:#8c1c13}
.calc{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:15px;color:var(--e);margin:2px 0}
.meta{font-size:12px;color:var(--muted)}.where{font-family:Consolas,"DejaVu Sans Mono",monospace}
.note{font-size:12px;color:#ad6800}.rel{font-size:12px;color:#1d39c4}
.src{font-size:13px;background:#f5f5f5;padding:3px 6px;margin-top:3px;white-space:pre-wrap;word-break:break-all}
mark{background:#ffccc7;color:inherit;outline:1px solid var(--e)}
.tw{overflow-x:auto;margin:8px 0 12px}
table.t{font-size:12px}
table.t th,table.t td{border:1px solid #8c8c8c;padding:2px 5px}
table.t thead th,table.t tr.clause th,table.t tr.colhead th{background:#f5f5f5;font-weight:normal;text-align:center}
table.t th.rl,table.t th.grp{font-weight:normal;text-align:left;background:#fff}
table.t th.corner{font-size:11px;max-width:260px}
table.t td{text-align:center;min-width:34px;font-variant-numeric:tabular-nums}
table.t4 td{min-width:30px}
td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#f0f0f0 3px,#f0f0f0 5px)}
td.absent{background:#f5f5f5}
.gone{color:var(--e);margin-left:4px}
td.hit,th.hit-row{position:relative;font-weight:bold}
td.k-total,.sw.k-total{background:#ffa39e;border:2px solid #a8071a;color:#a8071a}
td.k-blank,.sw.k-blank{background:#ffe58f;border:2px solid #ad6800}
td.k-text,.sw.k-text{background:#ffbb96;border:2px solid #ad2102}
td.k-other,.sw.k-other{background:#d3adf7;border:2px solid #531dab}
th.hit-row{background:#fff1f0!important;outline:2px solid var(--e)}
td.ref,.sw.ref{outline:2px dashed var(--i);outline-offset:-3px}
td.off{background:inherit;border:1px solid #8c8c8c;font-weight:normal}
a.fn{font-size:9px;vertical-align:super;margin-left:1px;color:#fff;background:#262626;border-radius:6px;padding:0 3px;text-decoration:none;font-weight:normal}
.back{font-size:12px;text-align:right;margin:4px 0 0}
dl.rules dt{font-weight:bold;margin-top:14px}dl.rules dd{margin:2px 0 0 0;font-size:13px}
.sevl{font-weight:normal;font-size:12px;margin-left:8px;color:var(--muted)}
.ex{background:#f5f5f5;padding:4px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-all}
.bad,.good{font-size:11px;color:#fff;padding:0 4px;border-radius:3px;margin-right:6px}
.bad{background:var(--e)}.good{background:#389e0d}.exn{color:var(--muted)}
[hidden]{display:none!important}
@page{size:A4;margin:12mm}
@media print{
 body{background:#fff;font-size:10pt}
 header.top{background:none;color:#000;padding:0}header.top a{color:#000}
 .filters,.back,header.top .by a,.grid th::after{display:none!important}
 main{padding:0;max-width:none}
 section.report{break-before:page;border:0;padding:0;margin:0;content-visibility:visible}
 #rules{break-before:page}
 .tw,.gw{overflow:visible}
 table.t{font-size:7.5pt}table.t4{font-size:7pt}
 a{color:inherit;text-decoration:none}
 li.f,table.t tr{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
""".strip().replace("\n", "")

SCRIPT = """
(function(){
document.documentElement.setAttribute('data-js','on');
var grid=document.getElementById('grid');
if(grid){
 var heads=grid.tHead.rows[0].cells;
 Array.prototype.forEach.call(heads,function(th,i){
  th.tabIndex=0;
  var go=function(){sortBy(i,th);};
  th.addEventListener('click',go);
  th.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();go();}});
 });
}
function key(td,numeric){var v=td.getAttribute('data-v');if(v===null){v=td.textContent;}return numeric?parseFloat(v)||0:v;}
function sortBy(i,th){
 var body=grid.tBodies[0],rows=Array.prototype.slice.call(body.rows);
 var numeric=th.getAttribute('data-type')==='n';
 var dir=th.getAttribute('aria-sort')==='descending'?1:-1;
 if(!th.hasAttribute('aria-sort')&&!numeric){dir=1;}
 rows.sort(function(a,b){var x=key(a.cells[i],numeric),y=key(b.cells[i],numeric);
  var c=numeric?x-y:String(x).localeCompare(String(y),'zh-CN');
  return c*dir||(key(a.cells[0],true)-key(b.cells[0],true));});
 rows.forEach(function(r){body.appendChild(r);});
 Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
 th.setAttribute('aria-sort',dir===1?'ascending':'descending');
}
var form=document.getElementById('filters');
if(!form){return;}
form.hidden=false;
var code=document.getElementById('flt-code'),flagged=document.getElementById('flt-flagged');
var sevs=form.querySelectorAll('.flt-sev');
function apply(){
 var on={};Array.prototype.forEach.call(sevs,function(c){on[c.value]=c.checked;});
 var want=code.value;
 Array.prototype.forEach.call(document.querySelectorAll('li.f'),function(li){
  var c=li.getAttribute('data-code');
  li.hidden=!(on[li.getAttribute('data-sev')]&&(want===''||c===want||c.indexOf(want)===0&&want.length<c.length));
 });
 Array.prototype.forEach.call(document.querySelectorAll('[data-f]'),function(el){
  var shown=el.getAttribute('data-f').split(' ').some(function(id){var li=document.getElementById(id);return li&&!li.hidden;});
  el.classList.toggle('off',!shown);
 });
 Array.prototype.forEach.call(document.querySelectorAll('section.report'),function(s){
  s.hidden=flagged.checked&&!s.querySelector('li.f:not([hidden])');
 });
}
form.addEventListener('change',apply);
})();
""".strip()
