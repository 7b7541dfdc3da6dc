"""The pack's rules' examples are its tests, as the built-in rules' are disclosure-lint's: each bad
example, put into the pack's clean report (tests/<base>.txt), must make its rule fire; the good
one must keep it quiet; the clean report must be clean under every rule, built-in and the pack's.

Run with the pack installed (`pip install -e .`) or on the path (`PYTHONPATH=. python -m pytest`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from disclosure_lint_fujian import get_rules

from disclosure_lint.lint import lint
from disclosure_lint.registry import builtin_rules
from disclosure_lint.rule import Example

HERE = Path(__file__).resolve().parent
PACK = tuple(get_rules())
EVERY_RULE = (*builtin_rules(), *PACK)


def base(example: Example) -> str:
    return (HERE / f"{example.base}.txt").read_text(encoding="utf-8")


def codes(text: str, rules=EVERY_RULE) -> list[str]:
    return [f.code for f in lint("report.txt", rules, text.encode("utf-8")).findings]


CASES = [pytest.param(rule, example, id=f"{rule.code}-{i}") for rule in PACK for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_bad_example_fires_and_good_example_is_quiet(rule, example: Example):
    text = base(example)
    assert example.good in text, f"good example text not found in tests/{example.base}.txt"
    assert rule.code not in codes(text, (rule,))
    assert rule.code in codes(text.replace(example.good, example.bad, 1), (rule,))


@pytest.mark.parametrize("name", sorted({e.base for rule in PACK for e in rule.examples}))
def test_the_base_reports_are_clean(name: str):
    assert codes((HERE / f"{name}.txt").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("rule", PACK, ids=lambda r: r.code)
def test_every_rule_is_documented_and_uses_the_pack_prefix(rule):
    assert rule.code.startswith("FJ") and rule.summary() and rule.rationale() and rule.examples
