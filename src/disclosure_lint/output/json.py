"""Machine output: one JSON array of findings on stdout and nothing else (`[]` when clean)."""

from __future__ import annotations

import json
from typing import Iterable

from disclosure_lint.lint import Result


def render(results: Iterable[Result]) -> str:
    return json.dumps([f.as_dict() for r in results for f in r.findings], ensure_ascii=False, indent=2)
