"""Every rule's documented examples are tests (as pylint does): the bad example must make the rule
fire on a clean example report, the good one must keep it quiet. Docs cannot rot."""

from __future__ import annotations

import pytest

from conftest import example_text, lint_text
from disclosure_lint.registry import builtin_rules
from disclosure_lint.rule import Example, Rule


def apply(example: Example) -> tuple[str, str]:
    """(good report, bad report): `bad` replaces `good`; where `bad` is also in the report they swap."""
    base = example_text(example.base)
    assert example.good in base, f"good example text not found in examples/{example.base}.txt"
    if example.bad and example.bad in base:
        marker = "\0"
        bad = base.replace(example.good, marker, 1).replace(example.bad, example.good, 1).replace(marker, example.bad, 1)
    else:
        bad = base.replace(example.good, example.bad, 1)
    return base, bad


CASES = [pytest.param(rule, example, id=f"{rule.code}-{i}") for rule in builtin_rules() for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_bad_example_fires_and_good_example_is_quiet(rule: type[Rule], example: Example):
    good, bad = apply(example)
    assert rule.code not in [f.code for f in lint_text(good).findings]
    fired = [f for f in lint_text(bad).findings if f.code == rule.code]
    assert fired, f"{rule.code} did not fire on its bad example {example.bad!r}"


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_rule_is_documented(rule: type[Rule]):
    assert rule.summary(), f"{rule.code} has no summary line"
    assert rule.rationale(), f"{rule.code} has no rationale"
    assert rule.name == rule.name.lower() and " " not in rule.name


def test_the_example_reports_are_clean():
    for name in ("2024-report",):
        assert lint_text(example_text(name)).findings == ()
