"""`--statistics`: per rule, how many reports break it and how often — what a reviewer reports upward.

One computation (`rule_statistics`) serves every format that shows statistics: the text renderer
prints one line per rule, JSON puts the list beside the findings (`{"findings", "statistics"}`),
SARIF puts it in the run's property bag and JUnit in the test suite's `<properties>`. The GitHub
workflow-command format has no place for a summary (every line is an annotation on a file), so
it refuses: `check_statistics_format("github")` raises `OutputUsageError`, which the command line
turns into a usage error (exit 2) before any file is linted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from disclosure_lint.lint import Result
from disclosure_lint.rule import Severity

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# Output formats that can carry statistics, and how (see docs/output-formats.md).
STATISTICS_FORMATS = ("text", "json", "sarif", "junit")


class OutputUsageError(ValueError):
    """An output option that cannot be honoured with the chosen format; the message is for the user
    (Chinese, one line) and the command line reports it as a usage error (exit 2)."""


@dataclass(frozen=True)
class RuleStatistics:
    code: str
    name: str
    severity: Severity  # the most severe level any of the rule's findings was reported at
    files: int  # reports with at least one finding of the rule
    count: int  # findings of the rule in all reports

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity.value,
                "files": self.files, "count": self.count}


def rule_statistics(results: Iterable[Result]) -> list[RuleStatistics]:
    """One entry per rule that found something, in code order; rules that found nothing are left out."""
    by_code: dict[str, list] = {}
    for result in results:
        for f in result.findings:
            by_code.setdefault(f.code, []).append(f)
    return [
        RuleStatistics(
            code=code,
            name=found[0].name,
            severity=min((f.severity for f in found), key=_RANK.__getitem__),
            files=len({f.path for f in found}),
            count=len(found),
        )
        for code, found in sorted(by_code.items())
    ]


def check_statistics_format(output_format: str) -> None:
    """Raise `OutputUsageError` when `--statistics` cannot go with `--format output_format`."""
    if output_format not in STATISTICS_FORMATS:
        shown = "、".join(STATISTICS_FORMATS)
        raise OutputUsageError(
            f"--statistics 不能与 --format {output_format} 同用：该格式逐条标注问题，没有放汇总的位置；"
            f"需要汇总时请改用 --format {shown}")
