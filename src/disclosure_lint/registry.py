"""The rule registry: every rule, built-in or from a third-party pack, found through the
`disclosure_lint.rules` entry-point group. An entry point names a module (or object) with a
`get_rules()` function returning rule classes. The built-in rules are registered the same way, by
this package's own pyproject.toml (see docs/plugins.md).

Codes are a public contract, and a pack owns its codes' prefix (the letters before the three
digits): the `DL` prefix belongs to the built-in pack; a prefix belongs to one pack only, and no
pack's prefix may begin another's (`--select FJ` must not pick up an `FJX` pack). A plugin claiming
a built-in code or prefix, a code or a name defined twice, or a pack that cannot be loaded is a
`RegistryError` naming the pack — the linter then refuses to run rather than run other rules than
the user asked for.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import cache

from disclosure_lint.rule import Rule, Severity

ENTRY_POINT_GROUP = "disclosure_lint.rules"
BUILTIN_MODULE = "disclosure_lint.rules"
BUILTIN_PREFIX = "DL"
_CODE = re.compile(r"(?P<prefix>[A-Z]{2,})\d{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RegistryError(Exception):
    pass


@dataclass(frozen=True)
class Pack:
    """A rule pack: the built-in one or a plugin, as its entry point names it."""

    name: str  # the entry point's name (`builtin` for ours)
    target: str  # what the entry point loads, e.g. `disclosure_lint_fujian`
    distribution: str | None  # the installed distribution that declares it, e.g. `disclosure-lint-fujian 0.1.0`
    builtin: bool
    rules: tuple[type[Rule], ...]

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(sorted({_prefix(r.code) for r in self.rules}))

    def label(self) -> str:
        """How messages name the pack: `fujian（disclosure_lint_fujian，来自 disclosure-lint-fujian 0.1.0）`."""
        source = f"，来自 {self.distribution}" if self.distribution else ""
        return f"{self.name}（{self.target}{source}）"


def _entry_points():
    """The group's entry points, as `importlib.metadata.entry_points(group=...)` finds them.

    Importing importlib.metadata costs ~12 ms, more than all the rest of discovery: on the common
    path (plain folders on sys.path, no finder of its own declaring distributions) the
    distributions' entry_points.txt are read here instead, with its semantics: every
    `*.dist-info`/`*.egg-info` (and an `.egg`'s EGG-INFO) of each sys.path folder in order, the first
    distribution of a name shadowing later ones, its entry points of the group in file order.
    """
    found = _scan_entry_points(ENTRY_POINT_GROUP)
    if found is None:
        from importlib import metadata

        return metadata.entry_points(group=ENTRY_POINT_GROUP)
    return found


class _Distribution:
    """An installed distribution's name and version, read from its metadata when first asked for."""

    def __init__(self, path: str):
        self._path = path
        self._headers: dict[str, str] | None = None

    def _header(self, key: str) -> str | None:
        if self._headers is None:
            self._headers = {}
            for filename in ("METADATA", "PKG-INFO"):
                try:
                    with open(os.path.join(self._path, filename), encoding="utf-8") as f:
                        for line in f:
                            if not line.strip():
                                break  # the headers end at the first blank line
                            field, colon, value = line.partition(":")
                            if colon and not field[:1].isspace():
                                self._headers.setdefault(field.strip().lower(), value.strip())
                    break
                except (OSError, ValueError):
                    continue
        return self._headers.get(key)

    @property
    def name(self) -> str | None:
        return self._header("name")

    @property
    def version(self) -> str | None:
        return self._header("version")


class _EntryPoint:
    """What the registry uses of an `importlib.metadata.EntryPoint`: name, value, group, dist, load()."""

    _PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")

    def __init__(self, name: str, value: str, group: str, dist: _Distribution | None):
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def load(self):
        import importlib

        match = self._PATTERN.match(self.value)
        if match is None:
            raise ValueError(f"入口点的值不合规范：{self.value!r}")
        target = importlib.import_module(match["module"])
        for attr in filter(None, (match["attr"] or "").split(".")):
            target = getattr(target, attr)
        return target


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scan_entry_points(group: str, paths: list | None = None) -> list[_EntryPoint] | None:
    """The entry points of `group` in the distributions on `paths` (sys.path), or None when a
    distribution could be where this scan does not look (a zip archive on the path, a finder of
    its own on sys.meta_path): importlib.metadata must answer then."""
    from importlib.machinery import PathFinder

    if any(finder is not PathFinder and getattr(finder, "find_distributions", None) is not None
           for finder in sys.meta_path):
        return None
    section = f"[{group}]"
    seen: set[str] = set()
    found: list[_EntryPoint] = []
    for entry in sys.path if paths is None else paths:
        try:
            root = os.fspath(entry) or "."
            children = os.listdir(root)
        except (NotADirectoryError, TypeError):
            return None  # a zip archive (or something stranger) on the path
        except OSError:
            continue  # a folder that does not exist
        infos = [c for c in children if c.lower().endswith((".dist-info", ".egg-info"))]
        if os.path.basename(root).lower().endswith(".egg"):
            infos += [c for c in children if c.lower() == "egg-info"]
        for child in infos:
            path = os.path.join(root, child)
            dist = _Distribution(path)
            if child.lower() == "egg-info":
                key = _normalize(dist.name or path)
            else:
                key = _normalize(child.lower().rpartition(".")[0].partition("-")[0])
            if key in seen:
                continue  # shadowed by a distribution of that name earlier on the path
            seen.add(key)
            try:
                with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as f:
                    text = f.read()
            except (OSError, ValueError):
                continue
            if section in text:
                found.extend(_EntryPoint(name, value, group, dist) for name, value in _section(text, group))
    return found


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The `name = value` pairs of one section of an entry_points.txt, as importlib.metadata reads them."""
    pairs, current = [], None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[]")
        elif current == group and "=" in line:
            name, value = line.split("=", 1)
            pairs.append((name.strip(), value.strip()))
    return pairs


def _prefix(code: str) -> str:
    match = _CODE.fullmatch(code)
    return match["prefix"] if match else code


def _distribution(ep) -> str | None:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None
    try:
        name, version = dist.name, dist.version
    except Exception:  # metadata that cannot be read
        return None
    return f"{name} {version}" if name else None


def _load(ep) -> Pack:
    target = ep.value
    builtin = target.split(":")[0].strip() == BUILTIN_MODULE
    pack = Pack(ep.name, target, _distribution(ep), builtin, ())
    try:
        provider = ep.load()
    except Exception as error:  # a broken plugin must not take the linter down with a traceback
        raise RegistryError(f"无法加载规则包 {pack.label()}：{type(error).__name__}: {error}") from error
    return _collect(pack, provider)


def _collect(pack: Pack, provider) -> Pack:
    get_rules = getattr(provider, "get_rules", None)
    if not callable(get_rules):
        raise RegistryError(f"规则包 {pack.label()}没有 get_rules() 函数")
    try:
        rules = tuple(get_rules())
    except Exception as error:
        raise RegistryError(f"规则包 {pack.label()}的 get_rules() 出错：{type(error).__name__}: {error}") from error
    for rule in rules:
        _check_rule(pack, rule)
    return Pack(pack.name, pack.target, pack.distribution, pack.builtin, rules)


def _check_rule(pack: Pack, rule) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)) or rule is Rule:
        raise RegistryError(f"规则包 {pack.label()}的 get_rules() 返回了不是规则类的 {rule!r}")
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise RegistryError(f"规则包 {pack.label()}的规则代码 {code!r} 不合规范（应为大写字母前缀加三位数字，如 FJ101）")
    name = getattr(rule, "name", None)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise RegistryError(f"规则包 {pack.label()}的规则 {code} 名称 {name!r} 不合规范（应为小写英文单词加连字符，如 missing-citation）")
    if not isinstance(getattr(rule, "severity", None), Severity):
        raise RegistryError(f"规则包 {pack.label()}的规则 {code} 没有 Severity 类型的 severity")
    if not rule.summary():
        raise RegistryError(f"规则包 {pack.label()}的规则 {code} 没有文档字符串（第一行为规则摘要）")
    if not pack.builtin and code.startswith(BUILTIN_PREFIX):
        raise RegistryError(
            f"规则包 {pack.label()}声明了规则代码 {code}：{BUILTIN_PREFIX} 前缀留给内置规则，第三方规则包须使用自己的前缀（如 FJ101）")


@cache
def packs() -> tuple[Pack, ...]:
    """Every rule pack, the built-in one first, checked against one another."""
    providers, seen = [], set()
    for ep in _entry_points():
        if (ep.name, ep.value) not in seen:  # one distribution seen twice on sys.path
            seen.add((ep.name, ep.value))
            providers.append(ep)
    loaded = [_load(ep) for ep in providers]
    if not any(p.builtin for p in loaded):
        # Running from a source tree without installed metadata: load the built-ins directly.
        from disclosure_lint import rules as builtin

        loaded.insert(0, _collect(Pack("builtin", BUILTIN_MODULE, None, True, ()), builtin))
    loaded.sort(key=lambda p: (not p.builtin, p.name))
    _check_packs(loaded)
    return tuple(loaded)


def _check_packs(loaded: list[Pack]) -> None:
    by_code: dict[str, tuple[Pack, type[Rule]]] = {}
    by_name: dict[str, tuple[Pack, type[Rule]]] = {}
    owner: dict[str, Pack] = {}
    for pack in loaded:
        for rule in pack.rules:
            seen = by_code.get(rule.code)
            if seen is not None and seen[1] is not rule:
                where = "在本包内重复定义" if seen[0] is pack else f"与规则包 {seen[0].label()}重复"
                raise RegistryError(f"规则包 {pack.label()}的规则代码 {rule.code} {where}")
            by_code[rule.code] = (pack, rule)
            seen = by_name.get(rule.name)
            if seen is not None and seen[1] is not rule:
                raise RegistryError(
                    f"规则包 {pack.label()}的规则 {rule.code} 名称 {rule.name} 已由 {seen[1].code}（规则包 {seen[0].name}）使用")
            by_name[rule.name] = (pack, rule)
        for prefix in pack.prefixes:
            for other_prefix, other in owner.items():
                if other is pack or (other.builtin and pack.builtin):
                    continue
                if prefix.startswith(other_prefix) or other_prefix.startswith(prefix):
                    raise RegistryError(
                        f"规则包 {pack.label()}的代码前缀 {prefix} 与规则包 {other.label()}的前缀 {other_prefix} 冲突："
                        "每个规则包须使用自己的前缀，且不能是另一个前缀的开头")
            owner[prefix] = pack


@cache
def all_rules() -> tuple[type[Rule], ...]:
    return tuple(sorted((r for p in packs() for r in p.rules), key=lambda r: r.code))


def builtin_rules() -> tuple[type[Rule], ...]:
    """The rules this package ships (docs/rules.md documents these)."""
    return tuple(sorted((r for p in packs() if p.builtin for r in p.rules), key=lambda r: r.code))


def pack_of(rule: type[Rule]) -> Pack | None:
    return next((p for p in packs() if rule in p.rules), None)


def rules_with_prefix(prefix: str) -> tuple[type[Rule], ...]:
    """The rules whose code starts with `prefix` (`DL3`, `FJ`, or a whole code), in code order."""
    prefix = prefix.strip().upper()
    return tuple(r for r in all_rules() if prefix and r.code.startswith(prefix))


def rule_by_code(code: str) -> type[Rule] | None:
    code = code.strip()
    return next((r for r in all_rules() if r.code == code.upper() or r.name == code.lower()), None)


def clear_cache() -> None:
    """Forget the loaded packs (tests that change the installed entry points call this)."""
    packs.cache_clear()
    all_rules.cache_clear()


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
