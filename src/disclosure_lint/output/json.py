"""Machine output: one JSON document on stdout and nothing else.

Without `--statistics` it is the array of findings (`[]` when clean), exactly as before. With
`--statistics` it is an object: `{"findings": [...], "statistics": [...]}`, each statistics entry
`{"code", "name", "severity", "files", "count"}` (see `output.statistics`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from disclosure_lint.lint import Result
from disclosure_lint.output.statistics import rule_statistics


def render(results: Iterable[Result], statistics: bool = False) -> str:
    results = list(results)
    findings = [f.as_dict() for r in results for f in r.findings]
    if not statistics:
        return json.dumps(findings, ensure_ascii=False, indent=2)
    document = {"findings": findings, "statistics": [s.as_dict() for s in rule_statistics(results)]}
    return json.dumps(document, ensure_ascii=False, indent=2)
