"""Linting one input: read -> build the model -> run the selected rules; then, over a run's
reports, the cross-year rules on every report paired with its agency's report of the year before.

    results = [lint(path, rules) for path in paths]             # the single-report rules
    results, pairing = cross_check(results, rules)              # + DL6xx on each pair found
    results, pairing = cross_check(results, rules, previous=load_report("2023.pdf"))  # --previous
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from disclosure_lint import template
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
class Result:
    report: Report
    findings: tuple[Finding, ...]


def load_report(path: str, data: bytes | None = None, defaults: ReportDefaults | None = None) -> Report:
    """The report model of a file (or of `data`, read as if it were that file); `defaults` fill in
    the year, agency and format the report does not state."""
    try:
        document = read_path(path) if data is None else read_bytes(path, data)
    except UnreadableInput as error:
        return with_facts(unreadable_report(path, str(error)), knowledge(), defaults)
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError, AttributeError,
            OSError, EOFError, AssertionError) as error:
        # A file that trips a reader (a malformed PDF or Word file) is one DL001; the batch goes on.
        return with_facts(unreadable_report(path, f"文件已损坏或格式异常，读取失败（{type(error).__name__}）"),
                          knowledge(), defaults)
    # read -> tokens -> grammar -> build: the model; then the facts stage over it, computed lazily
    return with_facts(build_report(document, template.load()), knowledge(), defaults)


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
        if is_cross_year(rule) or (rule.needs_report and not report.is_report):
            continue  # a cross-year rule needs last year's report: `cross_check` runs it
        findings.extend(rule().findings(report))
    if severity is not None:
        findings = [_with_severity(f, severity(f.code, f.severity)) for f in findings]
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
                options: OptionsFor | None = None, previous: Report | None = None
                ) -> tuple[tuple[Result, ...], Pairing]:
    """Pair the run's reports and add the cross-year rules' findings to each paired report's result.

    Without `previous`, every report is paired with its agency's report of the previous year among
    `results` (`pairing.pair_reports`, linear in their number), each report's agency aliases
    coming from its own options. With `previous` (`--previous FILE`, already loaded), every report
    of `results` is paired with it explicitly (`pairing.pair_explicit`); `previous` itself is
    context and gets no findings.

    `rules`: the rules selected for a path (the cross-year ones among them run; a report whose
    selection has none is still paired, for the others); `severity`: the configuration's severity
    override for a path (`Settings.severity_for`); `options`: a path's `CrossYearOptions`
    (`Settings.cross_year`: aliases, the DL603 threshold). Returns the results in the same order,
    each with its findings sorted as `lint` sorts them, and the pairing (for warnings and `dump`).
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
        found: list[Finding] = []
        for rule in chosen:
            instance = rule(options_of(path)) if issubclass(rule, PairRule) else rule()
            found.extend(instance.findings(result.report, last))
        override = severity(path) if severity is not None else None
        if override is not None:
            found = [_with_severity(f, override(f.code, f.severity)) for f in found]
        if found:
            merged = sorted((*result.findings, *found), key=lambda f: f.sort_key)
            results[i] = Result(result.report, tuple(merged))
    return tuple(results), pairing


def _per_path(value, default):
    if value is None:
        return lambda path: default
    if callable(value) and not isinstance(value, (CrossYearOptions, tuple, list)):
        return value
    return lambda path: value
