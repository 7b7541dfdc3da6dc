"""`--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run. `tool.driver` names disclosure-lint and its version and describes every selected rule
(id = code, name, shortDescription = the rule's summary line, fullDescription = its rationale,
help = what `disclosure-lint rule CODE` prints, defaultConfiguration.level). Each finding is a
result with ruleId, ruleIndex, level (error / warning / note for info), message.text and one
physical location:

- `artifactLocation.uri` is the path relative to the current folder (the checkout, in a GitHub
  workflow), percent-encoded, with `uriBaseId` `%SRCROOT%`; a file outside it gets an absolute
  `file://` URI; standard input is `stdin` (or the name given as `stdin_name`).
- A text or HTML report gets `region` {startLine, startColumn, endColumn}: the file's own line and
  columns, counted in Unicode code points (`run.columnKind` says so; endColumn is the column after
  the span).
- A PDF or Word report has no file lines. GitHub code scanning needs `region.startLine` to show a
  result, so the region is `{"startLine": 1}` — the file as a whole — and the real place is in the
  message, which starts with it in words (`第3页第12行：…`), and in the result's `properties`
  (`place`, and `position` with page / line on the page / paragraph / table cell). A finding
  about the whole file gets `{"startLine": 1}` too.

`partialFingerprints["disclosureLint/v1"]` identifies a result by rule, file, the text at the
place (the line or table row, not its number) and the table labels, so an alert survives lines
being inserted above it. With `statistics=True` the per-rule statistics go into the run's
property bag (`run.properties.statistics`), which viewers ignore.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

from disclosure_lint import __version__
from disclosure_lint.lint import Result
from disclosure_lint.output.statistics import rule_statistics
from disclosure_lint.rule import Finding, Related, Rule, Severity, describe

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "disclosureLint/v1"


def render(results: Iterable[Result], rules: Iterable[type[Rule]], *, statistics: bool = False,
           base: str | os.PathLike[str] | None = None, stdin_name: str | None = None,
           information_uri: str | None = None,
           severity: Callable[[str, Severity], Severity] | None = None) -> str:
    """The SARIF log as JSON text. `rules` are the selected rule classes (all of them are
    described, whether they found something or not); `base` is the folder URIs are relative to
    (default: the current one); `severity` maps a rule's code and default severity to the one in
    force (the configuration's per-rule severity) for `defaultConfiguration.level`."""
    return json.dumps(as_dict(results, rules, statistics=statistics, base=base, stdin_name=stdin_name,
                              information_uri=information_uri, severity=severity),
                      ensure_ascii=False, indent=2)


def as_dict(results: Iterable[Result], rules: Iterable[type[Rule]], *, statistics: bool = False,
            base: str | os.PathLike[str] | None = None, stdin_name: str | None = None,
            information_uri: str | None = None,
            severity: Callable[[str, Severity], Severity] | None = None) -> dict:
    results = list(results)
    root = Path(os.path.abspath(base if base is not None else os.getcwd()))
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.code not in index:
            index[rule.code] = len(descriptors)
            descriptors.append(_descriptor(rule, severity))
    for result in results:  # a finding of a rule not passed in (should not happen) still gets one
        for f in result.findings:
            if f.code not in index:
                from disclosure_lint.registry import rule_by_code

                known = rule_by_code(f.code)
                index[f.code] = len(descriptors)
                descriptors.append(_descriptor(known, severity) if known else _minimal_descriptor(f))

    driver: dict = {"name": "disclosure-lint", "version": __version__, "semanticVersion": __version__}
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = descriptors

    seen: dict[tuple, int] = {}
    sarif_results = [_result(f, index[f.code], root, stdin_name, seen) for r in results for f in r.findings]
    run: dict = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if statistics:
        run["properties"] = {"statistics": [s.as_dict() for s in rule_statistics(results)]}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(rule: type[Rule], severity: Callable[[str, Severity], Severity] | None) -> dict:
    summary = rule.summary() or rule.name
    rationale = rule.rationale() or summary
    level = severity(rule.code, rule.severity) if severity else rule.severity
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rationale},
        "help": {"text": describe(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[level]},
        "properties": {"tags": ["disclosure-lint", rule.code[:-2]]},  # DL303 -> its family DL3
    }


def _minimal_descriptor(f: Finding) -> dict:
    return {
        "id": f.code,
        "name": f.name,
        "shortDescription": {"text": f.name},
        "fullDescription": {"text": f.name},
        "help": {"text": f"{f.code} {f.name}"},
        "defaultConfiguration": {"level": LEVEL[f.severity]},
    }


def _help_markdown(rule: type[Rule]) -> str:
    lines = [f"**{rule.code} {rule.name}** — {rule.summary()}（{rule.severity.label}）", ""]
    if rule.rationale():
        lines += [rule.rationale(), ""]
    for example in rule.examples:
        lines += ["错误示例：", "", _fenced(example.bad or "（删去该内容）"), "", "正确示例：", "", _fenced(example.good), ""]
        if example.note:
            lines += [f"说明：{example.note}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _fenced(text: str) -> str:
    body = text.strip("\n")
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}text\n{body}\n{fence}"


def _result(f: Finding, rule_index: int, root: Path, stdin_name: str | None, seen: dict[tuple, int]) -> dict:
    words = f.place_in_words()
    text = f.message if words is None else f"{words}：{f.message}"
    if f.note:
        text = f"{text}（{f.note}）"
    artifact = artifact_location(f.path, root, stdin_name)
    p = f.position
    if p is not None and words is None:
        region = {"startLine": p.line, "startColumn": p.column, "endColumn": p.column + max(f.length, 1)}
    else:
        region = {"startLine": 1}
    properties: dict = {}
    if words is not None:
        properties["place"] = words
        properties["position"] = p.as_dict()
    labels = (("table", f.table), ("row", f.row), ("columnLabel", f.column_label), ("note", f.note))
    properties.update({key: value for key, value in labels if value is not None})

    key = (f.code, artifact["uri"], (p.excerpt.strip() if p else ""), f.table or "", f.row or "",
           f.column_label or "")
    occurrence = seen.get(key, 0) + 1
    seen[key] = occurrence
    digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:32]

    result: dict = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "partialFingerprints": {FINGERPRINT: f"{digest}:{occurrence}"},
    }
    if f.related:  # a cross-year finding: the cells of last year's report it was compared with
        result["relatedLocations"] = [_related(i, r, root, stdin_name) for i, r in enumerate(f.related, 1)]
    if properties:
        result["properties"] = properties
    return result


def _related(index: int, related: Related, root: Path, stdin_name: str | None) -> dict:
    p = related.position
    in_file = p is not None and p.page is None and p.unit == "line"  # text and HTML: line and column are the file's
    region = {"startLine": p.line, "startColumn": p.column} if in_file else {"startLine": 1}
    text = related.message if in_file or p is None else f"{related.where()}：{related.message}"
    location: dict = {"id": index, "physicalLocation": {"artifactLocation": artifact_location(related.path, root,
                                                                                               stdin_name),
                                                        "region": region}}
    if text:
        location["message"] = {"text": text}
    return location


def artifact_location(path: str, root: Path, stdin_name: str | None = None) -> dict:
    """`{"uri", "uriBaseId"}` for a file inside `root`, `{"uri": "file:///…"}` outside it."""
    if path == "-":
        if stdin_name is None:
            return {"uri": "stdin", "description": {"text": "标准输入"}}
        path = stdin_name
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}
