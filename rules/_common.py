"""Shared wording for the rules' messages."""

from __future__ import annotations

from disclosure_lint.model import CellValue, Row, Span
from disclosure_lint.template import load

TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}


def section_name(number: int) -> str:
    """“三、收到和处理政府信息公开申请情况”"""
    return f"“{load().section(number).canonical_heading}”"


def part(number: int) -> str:
    return f"第{load().section(number).numeral}部分"


def cell_ref(table: int, row: Row, cell: CellValue) -> str:
    if table == 4:
        return f"{TABLE_NAMES[table]}“{cell.column}”"
    return f"{TABLE_NAMES[table]}“{row.label}”行“{cell.column}”列"


def run_span(cells: list[CellValue]) -> Span | None:
    """One span over adjacent cells on one line (the first cell's when they are on several)."""
    first, last = cells[0].span, cells[-1].span
    if first is None or last is None:
        return first
    return first.through(last)


def numbers(cells: list[CellValue | None]) -> list | None:
    """The values of cells that all hold numbers; None when any is blank or missing (unknowable)."""
    if any(c is None or not c.is_number for c in cells):
        return None
    return [c.value for c in cells]


def table3_result_rows(table) -> list[str] | None:
    """Keys of the rows that （七）总计 sums in this table's format; None when it cannot be known."""
    spec = load().table3
    if table.format not in spec["other_rows"]:
        return None
    return [*spec["result_rows"], *spec["other_rows"][table.format]]
