"""Shared wording for the cross-year rules (DL6xx): how a message names the other report and a place."""

from __future__ import annotations

from disclosure_lint.model import CellValue, Report, Span
from disclosure_lint.rule import Related, place


def previous_label(previous: Report) -> str:
    """上一年度（2023年度）报告, or 上一年度报告 when its year is unknown (an explicit --previous)."""
    year = previous.facts.year
    return f"上一年度（{year}年度）报告" if year is not None else "上一年度报告"


def where(report: Report, span: Span | None) -> str:
    """`examples/2023-report.txt 第66行第19列`: a file and a place in it, for messages."""
    return f"{report.path} {place(span.start if span else None)}"


def related(previous: Report, span: Span | None, message: str) -> Related:
    return Related(previous.path, span.start if span else None, message)


def number(cell: CellValue | None):
    """The cell's value when it holds a number; None when it is blank, text or missing (unknowable)."""
    if cell is None or not cell.is_number:
        return None
    return cell.value


def shown(value) -> str:
    """A value for a message: negative numbers with a real minus sign (本年增/减 may be −2)."""
    return f"−{-value}" if value < 0 else str(value)
