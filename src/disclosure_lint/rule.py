"""The rule interface. A rule is a small class in a module of its own (see rules/):

    class SectionTitle(Rule):
        \"\"\"<summary line>

        <rationale: why this matters and what to do>
        \"\"\"
        code = "DL104"
        name = "section-title"
        severity = Severity.WARNING
        examples = (Example(bad="六、需要说明的其他事项", good="六、其他需要报告的事项"),)

        def check(self, report):
            yield Problem("…", span)

The docstring and the examples are the rule's documentation (`disclosure-lint rule DL104`) and
its tests: tests/test_rule_examples.py puts each bad example into a clean example report and
expects the rule to fire, and expects it quiet on the good one.

A cross-year rule (DL6xx) is a `PairRule`: the same class with `check(report, previous)`, which
receives a report and the same agency's report of the year before (see `disclosure_lint.pairing`
for how reports are paired). Its examples edit either report of an example pair
(`PairRule.example_pairs`, e.g. examples/2024-report.txt and examples/2023-report.txt); a single
report's lint (`lint.lint`) skips it, `lint.cross_check` runs it on every pair.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, ClassVar

from disclosure_lint.document import Position
from disclosure_lint.model import Report, Span

if TYPE_CHECKING:
    from disclosure_lint.pairing import CrossYearOptions


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Example:
    """`good` is text of a clean example report; `bad` replaces it there and must make the rule fire.

    `base` names the example report (examples/<base>.txt) the edit applies to.
    """

    bad: str
    good: str
    base: str = "2024-report"
    note: str = ""


@dataclass(frozen=True)
class Related:
    """Another place a finding concerns, in this file or another one: for a cross-year finding,
    the cell or paragraph of last year's report it was compared with."""

    path: str
    position: Position | None  # None: the other file as a whole
    message: str = ""  # what is there, e.g. 上一年度报告表三“四、结转下年度继续办理”行“自然人”列：1

    def where(self) -> str:
        """The place in words for messages: 第66行第19列 in a text file, 第3页第12行 in a PDF, 第5段 …"""
        return place(self.position)

    def as_dict(self) -> dict:
        found: dict = {"path": self.path, "message": self.message}
        found.update(self.position.as_dict() if self.position else {"line": 1, "column": 1})
        return found


def place(position: Position | None) -> str:
    """A position in words: line and column of a text or HTML file (第66行第19列); a PDF's page and
    line, a Word paragraph or table cell as `Position.describe` says them; 全文 for the whole file."""
    if position is None:
        return "全文"
    if position.page is None and position.unit == "line":
        return f"第{position.line}行第{position.column}列"
    return position.describe()


@dataclass(frozen=True)
class Problem:
    """What a rule yields: a message and where; table findings say which table, row and column."""

    message: str
    span: Span | None
    table: str | None = None
    row: str | None = None
    column_label: str | None = None
    note: str | None = None  # shown under the caret in text output
    severity: Severity | None = None  # overrides the rule's default severity
    related: tuple[Related, ...] = ()  # other places concerned (cross-year: last year's report)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    position: Position | None  # None: the finding is about the whole file
    length: int = 1
    table: str | None = None
    row: str | None = None
    column_label: str | None = None
    note: str | None = None
    related: tuple[Related, ...] = ()  # other places concerned: a cross-year finding's cell in last year's report

    @property
    def line(self) -> int:
        return self.position.line if self.position else 1

    @property
    def column(self) -> int:
        return self.position.column if self.position else 1

    @property
    def sort_key(self) -> tuple:
        return (*(self.position.sort_key if self.position else (0, 0, 0)), self.code)

    def where(self) -> str:
        """`line:column` in a text or HTML file; the page and line, or the Word paragraph or
        table cell, in words for PDF and Word, where line and column are not what a person uses."""
        p = self.position
        if p is None:
            return "1:1"
        return self.place_in_words() or f"{p.line}:{p.column}"

    def place_in_words(self) -> str | None:
        """第3页第12行 for a PDF, 第5段 or 第2个表格第5行第3列 for Word; None where line and column are
        the file's own (text, HTML) or the finding is about the whole file."""
        p = self.position
        if p is None or (p.page is None and p.unit == "line"):
            return None
        return p.describe()

    def as_dict(self) -> dict:
        p = self.position
        found = {
            "code": self.code, "name": self.name, "severity": self.severity.value,
            "message": self.message, "path": self.path,
            "line": None, "column": None, "end_column": None,
            "table": self.table, "row": self.row, "column_label": self.column_label, "note": self.note,
        }
        if p is None:
            found.update(line=1, column=1, end_column=2)
        else:
            found.update(p.as_dict(), end_column=p.column + self.length)
        if self.related:  # only on findings that have them (the cross-year rules'): other keys unchanged
            found["related"] = [r.as_dict() for r in self.related]
        return found


def describe(rule: type[Rule]) -> str:
    """The rule's documentation as `disclosure-lint rule CODE` prints it."""
    lines = [f"{rule.code} {rule.name}（{rule.summary()}）  {rule.severity.label}", ""]
    if rule.rationale():
        lines += [rule.rationale(), ""]
    def shown(text: str) -> str:  # table cells separated by tabs read better with a visible bar
        return " │ ".join(cell for cell in text.strip().split("\t") if cell) or "（删去该内容）"

    for example in rule.examples:
        lines.append(f"错误示例：{shown(example.bad)}")
        lines.append(f"正确示例：{shown(example.good)}")
        if example.note:
            lines.append(f"说明：{example.note}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    examples: ClassVar[tuple[Example, ...]] = ()
    needs_report: ClassVar[bool] = True  # False: runs on inputs that are not reports too (DL001)
    cross_year: ClassVar[bool] = False  # True: a `PairRule`, run on a report and last year's

    def check(self, report: Report) -> Iterator[Problem]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return (inspect.getdoc(cls) or "").split("\n", 1)[0]

    @classmethod
    def rationale(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        return doc.split("\n", 1)[1].strip() if "\n" in doc else ""

    def findings(self, report: Report) -> Iterator[Finding]:
        return (self.finding(report, problem) for problem in self.check(report))

    def finding(self, report: Report, problem: Problem) -> Finding:
        """A problem of this rule as a finding in `report`."""
        span = problem.span
        return Finding(
            code=self.code, name=self.name, severity=problem.severity or self.severity,
            message=problem.message, path=report.path,
            position=span.start if span else None,
            length=span.length if span else 1, table=problem.table, row=problem.row,
            column_label=problem.column_label, note=problem.note, related=problem.related,
        )


class PairRule(Rule):
    """A cross-year rule: checks a report against the same agency's report of the year before.

    `check(report, previous)` yields `Problem`s that point at `report` (this year's) and name the
    places of `previous` in their message and in `Problem.related`. Examples edit one report of an
    example pair: `Example.base` names it, and `example_pairs` lists the pairs as (this year's,
    last year's) names of examples/<name>.txt. Configured values (the DL603 threshold) come in
    `self.options`.
    """

    cross_year: ClassVar[bool] = True
    example_pairs: ClassVar[tuple[tuple[str, str], ...]] = (("2024-report", "2023-report"),)

    def __init__(self, options: CrossYearOptions | None = None) -> None:
        if options is None:
            from disclosure_lint.pairing import CrossYearOptions

            options = CrossYearOptions()
        self.options = options

    def check(self, report: Report, previous: Report | None = None) -> Iterator[Problem]:  # type: ignore[override]
        raise NotImplementedError

    def findings(self, report: Report, previous: Report | None = None) -> Iterator[Finding]:  # type: ignore[override]
        if previous is None:  # not paired: nothing to compare with
            return iter(())
        return self._findings(report, previous)

    def _findings(self, report: Report, previous: Report) -> Iterator[Finding]:
        return (self.finding(report, problem) for problem in self.check(report, previous))

    @classmethod
    def pair_of(cls, base: str) -> tuple[str, str, bool]:
        """(this year's, last year's example report, whether `base` is last year's) for an example's base."""
        for this, last in cls.example_pairs:
            if base in (this, last):
                return this, last, base == last
        raise KeyError(f"{cls.code}: example base {base!r} is in none of {cls.example_pairs}")


def is_cross_year(rule: type[Rule]) -> bool:
    """Whether a rule checks a pair of reports (a `PairRule`) rather than one report."""
    return bool(getattr(rule, "cross_year", False))
