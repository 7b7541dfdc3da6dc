"""`--format junit`: a JUnit XML report, for CI systems that show test results (GitLab's
`artifacts:reports:junit`, Jenkins, and GitHub through a test-report action).

    <testsuites name="disclosure-lint" tests="2" failures="1" errors="0" skipped="0" time="0">
      <testsuite name="disclosure-lint" tests="2" failures="1" errors="0" skipped="0" time="0">
        <testcase classname="reports/a.txt" name="reports/a.txt" file="reports/a.txt" time="0"/>
        <testcase classname="reports/b.txt" name="reports/b.txt" file="reports/b.txt" time="0">
          <failure message="DL203 表四……" type="DL203">reports/b.txt:72:1: DL203 blank-cell（错误）…</failure>
        </testcase>
      </testsuite>
    </testsuites>

One test case per linted file, passing when the file is clean; one `<failure>` per finding, whose
`message` is the code and the message, `type` the code, and text the place (`line:column`, or in
words for PDF and Word), the rule, the message and the note. `tests` counts files, `failures` the
files that failed (JUnit counts failed tests, not failure elements); every finding is a failure,
whatever its severity. Paths are relative to the current folder when they lie inside it (GitLab
links `file` to the repository). With `statistics=True` the per-rule statistics are the test
suite's `<properties>`.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from disclosure_lint.lint import Result
from disclosure_lint.output.github import display_path
from disclosure_lint.output.statistics import rule_statistics
from disclosure_lint.rule import Finding

SUITE = "disclosure-lint"
# Characters XML 1.0 cannot carry at all (a PDF's form feed, stray control bytes).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(results: Iterable[Result], statistics: bool = False, base: str | os.PathLike[str] | None = None) -> str:
    results = list(results)
    root = Path(base if base is not None else os.getcwd())
    tests, failures = len(results), sum(1 for r in results if r.findings)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0", "time": "0"}
    suites = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE, **counts})
    if statistics:
        properties = ET.SubElement(suite, "properties")
        for stat in rule_statistics(results):
            ET.SubElement(properties, "property", {
                "name": f"{stat.code} {stat.name}",
                "value": f"{stat.files} 个文件，{stat.count} 处，{stat.severity.label}",
            })
    for result in results:
        path = _shown(result.report.path, root)
        case = ET.SubElement(suite, "testcase", {"classname": path, "name": path, "file": path, "time": "0"})
        for f in result.findings:
            failure = ET.SubElement(case, "failure", {"message": _clean(f"{f.code} {f.message}"), "type": f.code})
            failure.text = _clean(_details(f, path))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _details(f: Finding, path: str) -> str:
    lines = [f"{path}:{f.where()}: {f.code} {f.name}（{f.severity.label}）", f.message]
    if f.table or f.row or f.column_label:
        lines.append("表格：" + " / ".join(x for x in (f.table, f.row, f.column_label) if x))
    if f.note:
        lines.append(f"说明：{f.note}")
    lines.append(f"运行 `disclosure-lint rule {f.code}` 查看说明。")
    return "\n".join(lines)


def _shown(path: str, root: Path) -> str:
    return "stdin" if path == "-" else display_path(path, root)


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
