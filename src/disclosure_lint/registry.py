"""The rule registry: every rule, built-in or from a third-party pack, found through the
`disclosure_lint.rules` entry-point group. An entry point names a module (or object) with a
`get_rules()` function returning rule classes. The built-in rules are registered the same way, by
this package's own pyproject.toml.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

import regex

from disclosure_lint.rule import Rule

ENTRY_POINT_GROUP = "disclosure_lint.rules"
_CODE = regex.compile(r"[A-Z]{2,}\d{3}")


class RegistryError(Exception):
    pass


def _entry_points():
    return metadata.entry_points(group=ENTRY_POINT_GROUP)


@cache
def all_rules() -> tuple[type[Rule], ...]:
    rules: dict[str, type[Rule]] = {}
    providers = list(_entry_points())
    if not any(ep.name == "builtin" for ep in providers):
        # Running from a source tree without installed metadata: load the built-ins directly.
        from disclosure_lint import rules as builtin

        loaded = [builtin]
    else:
        loaded = []
    for ep in providers:
        try:
            loaded.append(ep.load())
        except Exception as error:  # a broken plugin must not take the linter down
            raise RegistryError(f"无法加载规则包 {ep.name}（{ep.value}）：{error}") from error
    for provider in loaded:
        for rule in provider.get_rules():
            if not _CODE.fullmatch(rule.code):
                raise RegistryError(f"规则代码 {rule.code!r} 不合规范（应为大写字母前缀加三位数字）")
            if rule.code in rules and rules[rule.code] is not rule:
                raise RegistryError(f"规则代码 {rule.code} 重复定义")
            rules[rule.code] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.code))


def rule_by_code(code: str) -> type[Rule] | None:
    code = code.upper()
    return next((r for r in all_rules() if r.code == code or r.name == code.lower()), None)


def select_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> tuple[type[Rule], ...]:
    """Rules whose code starts with a selected prefix (all when none) and with no ignored one."""
    known = all_rules()
    for prefix in (*select, *ignore):
        if prefix.upper() != "ALL" and not any(r.code.startswith(prefix.upper()) for r in known):
            raise RegistryError(f"未知的规则代码或前缀：{prefix}")
    chosen = tuple(p.upper() for p in select if p.upper() != "ALL")
    dropped = tuple(p.upper() for p in ignore)
    return tuple(
        r for r in known
        if (not chosen or r.code.startswith(chosen)) and not r.code.startswith(dropped or ("\0",))
    )
