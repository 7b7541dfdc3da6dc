"""docs/rules.md, generated from the registry: `disclosure-lint rule --markdown > docs/rules.md`."""

from __future__ import annotations

from disclosure_lint.rule import Rule


def _block(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.strip("\n").split("\n"))


def rules_markdown(rules: tuple[type[Rule], ...]) -> str:
    out = [
        "# Rules",
        "",
        "Generated from the rule registry by `disclosure-lint rule --markdown`; do not edit by hand.",
        "Each rule's bad and good examples are also its tests (tests/test_rule_examples.py).",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {r.summary()} |" for r in rules]
    for r in rules:
        out += ["", f"## {r.code}", "", f"**{r.name}** — {r.summary()} ({r.severity.value})", "", r.rationale()]
        for example in r.examples:
            out += ["", "Bad:", "", _block(example.bad or "（删去该内容）"), "", "Good:", "", _block(example.good)]
            if example.note:
                out += ["", example.note]
    return "\n".join(out) + "\n"
