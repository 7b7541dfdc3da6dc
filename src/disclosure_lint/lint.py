"""Linting one input: read -> build the model -> run the selected rules."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_lint.build import build_report, unreadable_report
from disclosure_lint.model import Report
from disclosure_lint.read import UnreadableInput, read_bytes, read_path
from disclosure_lint.rule import Finding, Rule


@dataclass(frozen=True)
class Result:
    report: Report
    findings: tuple[Finding, ...]


def load_report(path: str, data: bytes | None = None) -> Report:
    try:
        document = read_path(path) if data is None else read_bytes(path, data)
    except UnreadableInput as error:
        return unreadable_report(path, str(error))
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError, AttributeError,
            OSError, EOFError, AssertionError) as error:
        # A file that trips a reader (a malformed PDF or Word file) is one DL001; the batch goes on.
        return unreadable_report(path, f"文件已损坏或格式异常，读取失败（{type(error).__name__}）")
    return build_report(document)


def lint(path: str, rules: tuple[type[Rule], ...], data: bytes | None = None) -> Result:
    report = load_report(path, data)
    findings: list[Finding] = []
    for rule in rules:
        if rule.needs_report and not report.is_report:
            continue
        findings.extend(rule().findings(report))
    findings.sort(key=lambda f: f.sort_key)
    return Result(report, tuple(findings))
