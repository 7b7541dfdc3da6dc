"""Every rule's documented examples are tests (as pylint does): the bad example must make the rule
fire on a clean example report, and the good one, linted by itself as pylint lints its good
examples, must not make it fire. Docs cannot rot.

A cross-year rule's examples edit one report of an example pair (this year's or last year's, as
`Example.base` says); the pair is linted as a batch, and the rule must fire on this year's report
with the bad edit and stay quiet on the clean pair."""

from __future__ import annotations

import pytest
from conftest import example_text, lint_text

from disclosure_lint.lint import cross_check, lint
from disclosure_lint.pairing import CrossYearOptions
from disclosure_lint.registry import all_rules, builtin_rules
from disclosure_lint.rule import Example, PairRule, Rule, is_cross_year


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


def lint_pair(this: str, last: str, this_path: str = "this/2024.txt", last_path: str = "last/2023.txt",
              rules=None, options: CrossYearOptions | None = None, explicit: bool = False):
    """Lint two report texts as one run (each as if it were a file); returns (this year's result,
    last year's result, the pairing). `explicit`: pair them as `--previous` does."""
    rules = tuple(rules) if rules is not None else all_rules()
    results = [lint(path, rules, text.encode("utf-8")) for path, text in ((this_path, this), (last_path, last))]
    if explicit:
        checked, pairing = cross_check(results[:1], rules, options=options, previous=results[1].report)
        return checked[0], results[1], pairing
    checked, pairing = cross_check(results, rules, options=options)
    return checked[0], checked[1], pairing


def pair_codes(this: str, last: str, **kwargs) -> list[str]:
    return [f.code for f in lint_pair(this, last, **kwargs)[0].findings]


SINGLE = [r for r in builtin_rules() if not is_cross_year(r)]
PAIRED = [r for r in builtin_rules() if is_cross_year(r)]
CASES = [pytest.param(rule, example, id=f"{rule.code}-{i}") for rule in SINGLE for i, example in enumerate(rule.examples)]
PAIR_CASES = [pytest.param(rule, example, id=f"{rule.code}-{i}") for rule in PAIRED for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_bad_example_fires_and_good_example_is_quiet(rule: type[Rule], example: Example):
    _, bad = apply(example)
    fired = [f for f in lint_text(bad).findings if f.code == rule.code]
    assert fired, f"{rule.code} did not fire on its bad example {example.bad!r}"
    # The good text by itself, as a document of its own: the rule must find nothing in it that it
    # does not find in the bad text by itself too (a fragment lacks the sections and tables of a
    # report, and both fragments lack them alike). The clean example reports themselves are held
    # to no findings at all by tests/test_golden.py.
    def alone(text: str) -> tuple[bool, set[str]]:
        result = lint_text(text)
        return result.report.is_report, {f.message for f in result.findings if f.code == rule.code}

    (good_is_report, on_good), (bad_is_report, on_bad) = alone(example.good), alone(example.bad)
    if good_is_report == bad_is_report:  # a heading alone is a report of one section; words alone are not
        assert on_good <= on_bad, f"{rule.code} fired on its good example by itself: {on_good - on_bad}"


@pytest.mark.parametrize(("rule", "example"), PAIR_CASES)
def test_cross_year_bad_example_fires_and_good_example_is_quiet(rule: type[PairRule], example: Example):
    this_name, last_name, edits_last = rule.pair_of(example.base)
    good, bad = apply(example)
    this, last = example_text(this_name), example_text(last_name)
    assert (last if edits_last else this) == good
    assert rule.code not in pair_codes(this, last)
    fired = pair_codes(this, bad) if edits_last else pair_codes(bad, last)
    assert rule.code in fired, f"{rule.code} did not fire on its bad example {example.bad!r} in {example.base}"
    # and only on the pair: the edited report alone raises no cross-year finding
    assert rule.code not in [f.code for f in lint_text(bad).findings]


def test_cross_year_rules_are_the_dl6_family_and_have_pair_examples():
    assert [r.code for r in PAIRED] == ["DL601", "DL602", "DL603"]
    for rule in PAIRED:
        assert rule.examples and any(rule.pair_of(e.base)[2] for e in rule.examples), rule.code  # one edits last year's
        assert any(not rule.pair_of(e.base)[2] for e in rule.examples), rule.code  # one edits this year's


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_rule_is_documented(rule: type[Rule]):
    assert rule.summary(), f"{rule.code} has no summary line"
    assert rule.rationale(), f"{rule.code} has no rationale"
    assert rule.name == rule.name.lower() and " " not in rule.name


def test_the_example_reports_are_clean():
    for name in ("2024-report", "2023-report", "2020-report", "2019-report"):
        assert lint_text(example_text(name)).findings == (), name


@pytest.mark.parametrize(("this", "last"), [("2024-report", "2023-report"), ("2020-report", "2019-report")])
def test_the_example_pairs_are_clean_and_paired(this: str, last: str):
    checked, previous, pairing = lint_pair(example_text(this), example_text(last))
    assert pairing.pairs() == [(0, 1)]
    assert checked.findings == () and previous.findings == ()
