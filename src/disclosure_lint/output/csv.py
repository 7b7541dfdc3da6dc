"""`disclosure-lint dump --format csv`: every report's table cells as one spreadsheet.

One row per report and cell, for researchers and assessors who put fifty departments' tables side
by side: the report (path, agency, year, source format, table format), the cell (table, row,
column) and what it holds (value, kind, the text as written, its place). UTF-8 with a byte-order
mark so that Excel opens it as UTF-8 (without one it guesses the ANSI code page, GBK on a Chinese
Windows, and shows mojibake), CRLF line ends, quoted where needed by the csv module; pandas reads
it with `pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)`.

* `value` is the number (`12`, `1.25`, `-3`); empty for a blank, missing or text cell — never a
  0 that the report did not write. `kind` says which: `number`, `blank` (empty, —, /, 无),
  `text` (若干: the words in `raw`), `missing` (the row had too few or too many numbers).
* A report without readable tables still gets one row, so that no report drops out of a batch:
  `kind` `unreadable` (the file could not be read; the reason in `raw`), `no_table` (no table was
  recognised), or, for a table whose cells cannot be told apart, `run_together` / `apart`.
* Text cells that a spreadsheet would run as a formula (starting with =, +, -, @) get a leading
  apostrophe — CSV injection — except in `value`, which holds numbers only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from disclosure_lint.model import Report, Span
from disclosure_lint.output.dump import cell_value, source_format

TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}
COLUMNS = ("path", "agency", "year", "file_format", "table_format", "table", "group", "row_key", "row",
           "column", "value", "kind", "raw", "place")
BOM = "\ufeff"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str | None) -> str:
    """Text a spreadsheet shows as text, not as a formula it runs."""
    text = "" if text is None else str(text)
    if len(text) > 1 and text.startswith(_FORMULA) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _place(span: Span | None) -> str:
    """Where the cell is, in the source's terms: 第41行第31列 (text, web page: line and character
    column of the file; not `41:31`, which Excel would turn into a time), 第3页第12行 (PDF),
    第2个表格第5行第3列 (Word)."""
    if span is None:
        return ""
    p = span.start
    if p.page is None and p.unit == "line":
        return f"第{p.line}行第{p.column}列"
    return p.describe()


def rows(report: Report) -> Iterable[dict[str, str]]:
    """The report's rows of the spreadsheet, as dicts keyed by `COLUMNS`."""
    facts = report.facts
    base = {
        "path": _safe(report.path),
        "agency": _safe(facts.agency or ""),
        "year": "" if facts.year is None else str(facts.year),
        "file_format": source_format(report) or "",
        "table_format": facts.table_format or "",
    }
    blank = dict.fromkeys(COLUMNS, "")
    if report.unreadable is not None:
        yield {**blank, **base, "kind": "unreadable", "raw": _safe(report.unreadable)}
        return
    tables = list(report.tables())
    if not tables:
        yield {**blank, **base, "kind": "no_table"}
        return
    for table in tables:
        name = TABLE_NAMES.get(table.number, str(table.number))
        if not table.rows:
            lost = table.cells_lost
            kind = lost.kind if lost else "no_table"
            detail = (lost.digits or lost.row) if lost else (table.unreadable or "")
            yield {**blank, **base, "table": name, "kind": kind, "raw": _safe(detail)}
            continue
        for row in table.rows:
            for cell in row.cells:
                yield {**blank, **base, "table": name, "group": row.group or "", "row_key": row.key,
                       "row": _safe(row.label), "column": _safe(cell.column), "value": cell_value(cell),
                       "kind": cell.kind, "raw": _safe(cell.raw), "place": _place(cell.span)}


def render(reports: Iterable[Report]) -> str:
    """The spreadsheet: a byte-order mark, the header and one line per report and cell (CRLF)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for report in reports:
        writer.writerows(rows(report))
    return out.getvalue()
