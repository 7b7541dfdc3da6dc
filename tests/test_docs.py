"""docs/rules.md is generated from the registry; it must match what the code says today."""

from __future__ import annotations

from conftest import ROOT
from disclosure_lint.output.docs import rules_markdown
from disclosure_lint.registry import all_rules


def test_rules_doc_is_up_to_date():
    generated = rules_markdown(all_rules())
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == generated, "docs/rules.md is stale: run `disclosure-lint rule --markdown > docs/rules.md`"


def test_every_rule_has_a_section():
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"## {rule.code}" in written
