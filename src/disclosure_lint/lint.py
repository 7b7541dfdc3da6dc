"""Linting one input: read -> build the model -> run the selected rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from disclosure_lint.build import build_report, unreadable_report
from disclosure_lint.facts import ReportDefaults
from disclosure_lint.model import Report
from disclosure_lint.read import UnreadableInput, read_bytes, read_path
from disclosure_lint.rule import Finding, Rule, Severity

# (rule code, the severity the rule gave) -> the severity to report, e.g. `Settings.severity_for`
SeverityOverride = Callable[[str, Severity], Severity]


@dataclass(frozen=True)
class Result:
    report: Report
    findings: tuple[Finding, ...]


def load_report(path: str, data: bytes | None = None, defaults: ReportDefaults | None = None) -> Report:
    """The report model of a file (or of `data`, read as if it were that file); `defaults` fill in
    the year, agency and format the report does not state."""
    try:
        document = read_path(path) if data is None else read_bytes(path, data)
    except UnreadableInput as error:
        return unreadable_report(path, str(error))
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError, AttributeError,
            OSError, EOFError, AssertionError) as error:
        # A file that trips a reader (a malformed PDF or Word file) is one DL001; the batch goes on.
        return unreadable_report(path, f"文件已损坏或格式异常，读取失败（{type(error).__name__}）")
    return build_report(document, defaults=defaults)


def lint(path: str, rules: tuple[type[Rule], ...], data: bytes | None = None, *,
         severity: SeverityOverride | None = None, defaults: ReportDefaults | None = None) -> Result:
    """Run `rules` on one input.

    `severity` maps each finding's rule code and severity to the one to report (the configuration's
    per-rule `severity`); `defaults` are the year, agency and format assumed where the report states
    none (the report's own statement wins).
    """
    report = load_report(path, data, defaults)
    findings: list[Finding] = []
    for rule in rules:
        if rule.needs_report and not report.is_report:
            continue
        findings.extend(rule().findings(report))
    if severity is not None:
        findings = [_with_severity(f, severity(f.code, f.severity)) for f in findings]
    findings.sort(key=lambda f: f.sort_key)
    return Result(report, tuple(findings))


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    return finding if severity is finding.severity else replace(finding, severity=severity)
