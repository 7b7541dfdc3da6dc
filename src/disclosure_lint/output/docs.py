"""The rules' documentation, from the registry: the `disclosure-lint rule` listing (`rule_table`),
a code, name or prefix explained (`explain`: `rule DL303`, `rule citation`, `rule DL3`, `rule FJ`),
and docs/rules.md (`rules_markdown`: `disclosure-lint rule --markdown > docs/rules.md`).

Columns are aligned in terminal cells (`rich.cells.cell_len`: a CJK character is two), so the
Chinese severity labels and any non-ASCII text line up.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len

from disclosure_lint.rule import Rule, describe


class UnknownRule(LookupError):
    """`explain` was given something that is neither a rule's code or name nor a prefix of codes."""

    def __init__(self, selection: str):
        self.selection = selection
        super().__init__(f"未知的规则代码、名称或前缀：{selection}（运行 `disclosure-lint rule` 列出全部规则）")


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def _pack_names(rules: Iterable[type[Rule]]) -> dict[type[Rule], str]:
    """The pack of each rule that is not built in (the listing names where a plugin's rule comes from)."""
    from disclosure_lint.registry import RegistryError, pack_of

    names = {}
    for rule in rules:
        try:
            pack = pack_of(rule)
        except RegistryError:
            pack = None
        if pack is not None and not pack.builtin:
            names[rule] = pack.name
    return names


def rule_table(rules: Iterable[type[Rule]]) -> str:
    """One line per rule, code first: `DL303  balance  错误  <summary>`, a plugin's rules followed by
    their pack (`〔规则包 fujian〕`); empty when there are no rules."""
    rules = list(rules)
    if not rules:
        return ""
    packs = _pack_names(rules)
    code_width = max(cell_len(r.code) for r in rules)
    name_width = max(cell_len(r.name) for r in rules)
    label_width = max(cell_len(r.severity.label) for r in rules)
    lines = []
    for r in rules:
        line = f"{_pad(r.code, code_width)}  {_pad(r.name, name_width)}  {_pad(r.severity.label, label_width)}  {r.summary()}"
        if r in packs:
            line += f"  〔规则包 {packs[r]}〕"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def _resolve(selection: str) -> tuple[tuple[type[Rule], ...], bool]:
    """(rules, whether `selection` named one rule) for a code, a name or a prefix."""
    from disclosure_lint.registry import rule_by_code, rules_with_prefix

    exact = rule_by_code(selection)
    if exact is not None:
        return (exact,), True
    return rules_with_prefix(selection), False


def rules_for(selection: str) -> tuple[type[Rule], ...]:
    """The rules a code, a rule's name or a prefix stands for (`rule X --markdown`); raises
    `UnknownRule` when there are none."""
    rules, _ = _resolve(selection)
    if not rules:
        raise UnknownRule(selection)
    return rules


def explain(selection: str | Iterable[type[Rule]]) -> str:
    """What `disclosure-lint rule X` prints.

    A code or a rule's name (`DL303`, `balance`) is that rule's `describe`; a prefix (`DL3`, `FJ`)
    is a heading with the count (and the pack, for a plugin's prefix), the prefix's `rule_table`,
    then every rule's `describe`. An iterable of rule classes is explained like a prefix's rules.
    Raises `UnknownRule` (its message in Chinese) when nothing matches.
    """
    if isinstance(selection, str):
        rules, single = _resolve(selection)
        if not rules:
            raise UnknownRule(selection)
        if single:
            return describe(rules[0])
        heading = selection.strip().upper()
    else:
        rules = tuple(sorted(set(selection), key=lambda r: r.code))
        if not rules:
            raise UnknownRule("")
        heading = "、".join(r.code for r in rules) if len(rules) <= 3 else f"{rules[0].code}–{rules[-1].code}"
    packs = sorted(set(_pack_names(rules).values()))
    source = f"，来自规则包 {'、'.join(packs)}" if packs else ""
    parts = [f"{heading}：{len(rules)} 条规则{source}", "", rule_table(rules)]
    for rule in rules:
        parts += [describe(rule)]
    return "\n".join(parts).rstrip("\n") + "\n"


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
