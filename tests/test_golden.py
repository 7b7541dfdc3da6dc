"""Every seed, example and real file gives exactly the findings recorded in tests/golden/.

The recorded JSON is the `--format json` output of the linter (paths made relative), so a
restructuring that changes any finding — code, place, message or note — fails here. When a change
of findings is intended, re-record with `DISCLOSURE_LINT_GOLDEN=update python -m pytest
tests/test_golden.py` and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, REAL, ROOT, SEEDS

from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("DISCLOSURE_LINT_GOLDEN") == "update"

# (recorded name, folder, file name): folders outside this repository are skipped when absent.
CASES = [
    *[("example-" + p.stem, EXAMPLES, p.name) for p in sorted(EXAMPLES.glob("*.txt"))],
    *[("fixture-" + p.stem, ROOT / "tests" / "fixtures", p.name)
      for p in sorted((ROOT / "tests" / "fixtures").glob("*.txt"))],
    *[("seed-" + name[:3], SEEDS, name) for name in (
        "000_996229947495dc89.txt", "001_eb3c82c87bdb8056.txt", "002_8b380fe020bf2d7e.txt",
        "003_1eed19740971f940.txt", "004_64828c65da85b473.txt")],
    *[("real-" + name, REAL, name) for name in (
        "hongze-qzf-2023.pdf", "hongze-qzf-2024.pdf", "huaian-szf-2024.pdf", "pingtan-2021.txt",
        "pingtan-2024.html", "pingtan-hzs-2021.txt", "pingtan-shs-2025.html",
        "shanghai-szfbgt-2019.html")],
]


@pytest.mark.parametrize(("name", "folder", "file"), CASES, ids=[c[0] for c in CASES])
def test_findings_are_the_recorded_ones(name: str, folder: Path, file: str):
    path = folder / file
    if not path.is_file():
        pytest.skip(f"{path} not found (clone ../shared beside this repository)")
    if path.suffix == ".pdf":
        pytest.importorskip("pdfplumber", reason="PDF reading needs pdfplumber (pip install -e '.[test]')")
    result = lint(file, all_rules(), path.read_bytes())
    found = [f.as_dict() for f in result.findings]
    recorded = GOLDEN / f"{name}.json"
    if UPDATE:
        recorded.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert recorded.is_file(), f"no recording {recorded.name}: run with DISCLOSURE_LINT_GOLDEN=update"
    assert found == json.loads(recorded.read_text(encoding="utf-8"))


def test_the_examples_linted_together_give_the_recorded_cross_year_findings():
    from disclosure_lint.lint import cross_check

    rules = all_rules()
    files = sorted(EXAMPLES.glob("*.txt"))
    results, _ = cross_check([lint(p.name, rules, p.read_bytes()) for p in files], rules)
    found = [f.as_dict() for r in results for f in r.findings]
    recorded = GOLDEN / "examples-together.json"
    if UPDATE:
        recorded.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(recorded.read_text(encoding="utf-8"))
