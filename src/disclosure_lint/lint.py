"""Linting one input: read -> build the model -> run the selected rules; then, over a run's
reports, the cross-year rules on every report paired with its agency's report of the year before.

    results = [lint(path, rules) for path in paths]             # the single-report rules
    results, pairing = cross_check(results, rules)              # + DL6xx on each pair found
    results, pairing = cross_check(results, rules, previous=load_report("2023.pdf"))  # --previous

Nothing is lost silently: a rule that raises is one `DL000 internal-error` finding naming it, the
other rules' findings kept; a file whose model cannot be built, or whose lint runs past
`time_limit` seconds, is one DL000 instead of its findings. DL000 is always reported (no
selection or severity setting applies to it). A batch of many files goes through
`disclosure_lint.runner`, which uses these in worker processes and keeps no model.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from disclosure_lint import limits, template
from disclosure_lint.build import build_report, unreadable_report
from disclosure_lint.facts import with_facts
from disclosure_lint.knowledge import ReportDefaults, knowledge
from disclosure_lint.model import Report
from disclosure_lint.pairing import CrossYearOptions, Pairing, pair_explicit, pair_reports
from disclosure_lint.read import UnreadableInput, read_bytes, read_path
from disclosure_lint.rule import Finding, PairRule, Rule, Severity, is_cross_year

# (rule code, the severity the rule gave) -> the severity to report, e.g. `Settings.severity_for`
SeverityOverride = Callable[[str, Severity], Severity]


@dataclass(frozen=True)
class Dropped:
    """What is left of a report whose model the batch runner dropped once its findings and pairing
    identity were taken (`disclosure_lint.runner`): enough for the outputs but `--format html`."""

    path: str
    is_report: bool


@dataclass(frozen=True)
class Result:
    report: Report | Dropped  # the model; `Dropped` in a batch run that keeps none
    findings: tuple[Finding, ...]

    @property
    def path(self) -> str:
        return self.report.path


INTERNAL_ERROR = "DL000"


def internal_error(path: str, message: str, note: str | None = None) -> Finding:
    """A DL000 finding about the whole file: what failed, so that missing findings are never
    mistaken for a clean report. Always an error, whatever the configuration says."""
    return Finding(code=INTERNAL_ERROR, name="internal-error", severity=Severity.ERROR, message=message,
                   path=path, position=None, note=note)


def failure(error: BaseException) -> tuple[str, str | None]:
    """(`ZeroDivisionError: division by zero`, where it was raised: `dl303_balance.py 第31行 check`)
    for a DL000 message and note; the file's name only, so that the output is the same on every machine."""
    lines = str(error).strip().splitlines()
    what = type(error).__name__ + (f": {lines[0][:100]}" if lines else "")
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return what, None
    last = frames[-1]
    return what, f"出错位置：{os.path.basename(last.filename)} 第{last.lineno}行（{last.name}）"


def timed_out(path: str, seconds: float, defaults: ReportDefaults | None = None) -> Result:
    """The result of a file whose lint ran past the time limit: one DL000, no other finding (those
    found before the limit may be incomplete, so none is reported)."""
    message = (f"检查超时（超过 {seconds:g} 秒），已停止检查该文件，其检查结果缺失；"
               "文件可能过于复杂或已损坏，可用 --timeout 放宽时限后重试")
    return Result(_failed_report(path, f"检查超时（超过 {seconds:g} 秒）", defaults),
                  (internal_error(path, message),))


def _failed_report(path: str, reason: str, defaults: ReportDefaults | None) -> Report:
    """The model of a file that could not be read or linted: no sections, only why."""
    return with_facts(unreadable_report(path, reason), knowledge(), defaults)


def load_report(path: str, data: bytes | None = None, defaults: ReportDefaults | None = None) -> Report:
    """The report model of a file (or of `data`, read as if it were that file); `defaults` fill in
    the year, agency and format the report does not state."""
    try:
        document = read_path(path) if data is None else read_bytes(path, data)
    except UnreadableInput as error:
        return _failed_report(path, str(error), defaults)
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError, AttributeError,
            OSError, EOFError, AssertionError) as error:
        # A file that trips a reader (a malformed PDF or Word file) is one DL001; the batch goes on.
        return _failed_report(path, f"文件已损坏或格式异常，读取失败（{type(error).__name__}）", defaults)
    # read -> tokens -> grammar -> build: the model; then the facts stage over it, computed lazily
    return with_facts(build_report(document, template.load()), knowledge(), defaults)


def lint(path: str, rules: Sequence[type[Rule]], data: bytes | None = None, *,
         severity: SeverityOverride | None = None, defaults: ReportDefaults | None = None,
         time_limit: float | None = None) -> Result:
    """Run `rules` on one input.

    `severity` maps each finding's rule code and severity to the one to report (the configuration's
    per-rule `severity`); `defaults` are the year, agency and format assumed where the report states
    none (the report's own statement wins); `time_limit`: seconds for the whole (read, build,
    rules), after which the result is one DL000 (`disclosure_lint.limits`: in the main thread on
    POSIX only; None or 0 for none).

    A rule that raises is one DL000 naming it, the other rules' findings kept; a model that cannot
    be built is one DL000 (and no other finding).
    """
    limit = limits.time_limit(time_limit)
    try:
        with limit:
            return _lint(path, rules, data, severity, defaults)
    except limits.TimeLimitExceeded as exceeded:
        if exceeded.limit is not limit:
            raise
    return timed_out(path, limit.seconds, defaults)


def _lint(path: str, rules: Sequence[type[Rule]], data: bytes | None, severity: SeverityOverride | None,
          defaults: ReportDefaults | None) -> Result:
    try:
        report = load_report(path, data, defaults)
    except Exception as error:  # a defect of ours building the model: the file's findings are lost, say so
        what, note = failure(error)
        message = f"读取或解析文件时出错（{what}），该文件的检查结果缺失；请报告此问题"
        return Result(_failed_report(path, f"读取或解析时出错（{what}）", defaults),
                      (internal_error(path, message, note),))
    findings: list[Finding] = []
    failed: list[Finding] = []
    for rule in rules:
        if is_cross_year(rule) or (rule.needs_report and not report.is_report):
            continue  # a cross-year rule needs last year's report: `cross_check` runs it
        try:
            findings.extend(list(rule().findings(report)))
        except Exception as error:  # one rule's defect: its findings are missing, the others' are not
            what, note = failure(error)
            failed.append(internal_error(path, f"规则 {rule.code} 检查时出错（{what}），该规则的结果缺失；请报告此问题",
                                         note))
    if severity is not None:
        findings = [_with_severity(f, severity(f.code, f.severity)) for f in findings]
    findings.extend(failed)
    findings.sort(key=lambda f: f.sort_key)
    return Result(report, tuple(findings))


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    return finding if severity is finding.severity else replace(finding, severity=severity)


# Per report path: its rules, its severity override, its cross-year options (each file's own
# configuration, as the command line resolves it); a plain value applies to every report.
RulesFor = Sequence[type[Rule]] | Callable[[str], Sequence[type[Rule]]]
SeverityFor = Callable[[str], SeverityOverride | None]
OptionsFor = CrossYearOptions | Callable[[str], CrossYearOptions]


def cross_check(results: Sequence[Result], rules: RulesFor, *, severity: SeverityFor | None = None,
                options: OptionsFor | None = None, previous: Report | None = None,
                time_limit: float | None = None) -> tuple[tuple[Result, ...], Pairing]:
    """Pair the run's reports and add the cross-year rules' findings to each paired report's result.

    Without `previous`, every report is paired with its agency's report of the previous year among
    `results` (`pairing.pair_reports`, linear in their number), each report's agency aliases
    coming from its own options. With `previous` (`--previous FILE`, already loaded), every report
    of `results` is paired with it explicitly (`pairing.pair_explicit`); `previous` itself is
    context and gets no findings.

    `rules`: the rules selected for a path (the cross-year ones among them run; a report whose
    selection has none is still paired, for the others); `severity`: the configuration's severity
    override for a path (`Settings.severity_for`); `options`: a path's `CrossYearOptions`
    (`Settings.cross_year`: aliases, the DL603 threshold); `time_limit`: seconds for one pair's
    rules (then one DL000 instead of their findings). A pair rule that raises is one DL000. Returns
    the results in the same order, each with its findings sorted as `lint` sorts them, and the
    pairing (for warnings and `dump`).
    """
    results = list(results)
    options_of = _per_path(options, CrossYearOptions())
    rules_of = _per_path(rules, ())
    aliases = [options_of(r.report.path).aliases for r in results]
    if previous is None:
        pairing = pair_reports([r.report for r in results], aliases)
        partners = [(i, results[j].report) for i, j in pairing.pairs()]
    else:
        pairing = pair_explicit([r.report for r in results], previous, aliases)
        partners = [(i, previous) for i, _ in pairing.pairs()]
    for i, last in partners:
        result = results[i]
        path = result.report.path
        chosen = [r for r in rules_of(path) if is_cross_year(r)]
        if not chosen or not result.report.is_report or not last.is_report:
            continue
        override = severity(path) if severity is not None else None
        limit = limits.time_limit(time_limit)
        try:
            with limit:
                found = pair_findings(result.report, last, chosen, options_of(path), override)
        except limits.TimeLimitExceeded as exceeded:
            if exceeded.limit is not limit:
                raise
            found = [pair_timed_out(path, last.path, limit.seconds)]
        if found:
            results[i] = Result(result.report, merged(result.findings, found))
    return tuple(results), pairing


def pair_findings(report: Report, last: Report, rules: Sequence[type[Rule]], options: CrossYearOptions,
                  severity: SeverityOverride | None = None) -> list[Finding]:
    """The findings of the cross-year rules among `rules` on `report` paired with `last` (the same
    agency's report of the year before), severities overridden; a rule that raises is one DL000."""
    found: list[Finding] = []
    failed: list[Finding] = []
    for rule in rules:
        if not is_cross_year(rule):
            continue
        try:
            instance = rule(options) if issubclass(rule, PairRule) else rule()
            found.extend(list(instance.findings(report, last)))
        except Exception as error:
            what, note = failure(error)
            failed.append(internal_error(
                report.path, f"跨年度规则 {rule.code} 与上一年度报告 {last.path} 比较时出错（{what}），"
                "该规则的结果缺失；请报告此问题", note))
    if severity is not None:
        found = [_with_severity(f, severity(f.code, f.severity)) for f in found]
    return found + failed


def pair_timed_out(path: str, last: str, seconds: float) -> Finding:
    """The DL000 of a report whose cross-year rules ran past the time limit."""
    return internal_error(path, f"与上一年度报告 {last} 的跨年度检查超时（超过 {seconds:g} 秒），"
                                "跨年度规则的结果缺失；可用 --timeout 放宽时限后重试")


def merged(findings: Sequence[Finding], more: Sequence[Finding]) -> tuple[Finding, ...]:
    """A report's findings with more of them, in the order `lint` gives."""
    return tuple(sorted((*findings, *more), key=lambda f: f.sort_key))


def _per_path(value, default):
    if value is None:
        return lambda path: default
    if callable(value) and not isinstance(value, (CrossYearOptions, tuple, list)):
        return value
    return lambda path: value
