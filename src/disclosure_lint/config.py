"""Configuration: `[tool.disclosure-lint]` in pyproject.toml, or `.disclosure-lint.toml` /
`disclosure-lint.toml` (top-level keys), found nearest up from each linted file.

    from disclosure_lint.config import CliOptions, ConfigError, resolve, show

    settings = resolve(Path("reports/a.txt"), config=None, isolated=False, cli=CliOptions(select=("DL2",)))
    result = lint("reports/a.txt", settings.rules_for("reports/a.txt"),
                  severity=settings.severity_for, defaults=settings.defaults)
    failed = any(settings.fails(f.severity) for f in result.findings)

Discovery (like ruff's hierarchical configuration): for a file, its own folder and then each folder
above it are searched; in one folder `.disclosure-lint.toml` wins over `disclosure-lint.toml`, which
wins over a `pyproject.toml` — and a pyproject.toml counts only if it has a `[tool.disclosure-lint]`
table. The first folder that has one gives the whole configuration (files are not merged).
`--config FILE` names the one file used for every path (a file called pyproject.toml is read from its
table, any other file from its top-level keys); `--isolated` reads no file at all.

Globs (`exclude`, `per-file-ignores`) are relative to the configuration file's folder and matched
against posix relative paths: `*`, `?`, `[abc]`, `{a,b}` within one folder name, `**` for any number
of folders. A pattern without a `/` matches any single file or folder name at any depth
(`drafts`, `*.html`); a pattern with a `/` is anchored at the configuration's folder
(`archive/2019/*`). A pattern that matches a folder covers everything inside it.

Errors (unknown keys, wrong types, unknown rule codes, bad globs, bad TOML) are `ConfigError`, whose
Chinese message names the file and the key; the command line reports them with exit code 2.

Only the command line imports this module.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from disclosure_lint.knowledge import ReportDefaults, knowledge
from disclosure_lint.pairing import DEFAULT_COPIED_TEXT_THRESHOLD, AliasError, CrossYearOptions, resolve_aliases
from disclosure_lint.registry import all_rules
from disclosure_lint.rule import Rule, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10
    import tomli as tomllib

__all__ = [
    "CONFIG_NAMES", "KEYS", "CliOptions", "ConfigError", "Glob", "Settings", "find_config", "resolve", "show",
]

# In one folder, the first of these that applies wins (pyproject.toml only with the table).
CONFIG_NAMES = (".disclosure-lint.toml", "disclosure-lint.toml", "pyproject.toml")
PYPROJECT = "pyproject.toml"
TABLE = "tool.disclosure-lint"

KEYS = ("select", "extend-select", "ignore", "severity", "per-file-ignores", "exclude", "fail-on",
        "year", "agency", "format", "agency-aliases", "copied-text-threshold")

DEFAULT_SOURCE = "默认"
CLI_SOURCE = "命令行"

_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
_SEVERITIES = "、".join(s.value for s in Severity)
_FIRST_YEAR, _LAST_YEAR = 2008, 2100  # the regulation took effect in 2008


class ConfigError(Exception):
    """A configuration that cannot be used. `str(error)` is the Chinese message naming the file and
    the key; `path` and `key` say the same for programs (`path` is None for the command line)."""

    def __init__(self, message: str, *, path: Path | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.key = key


@dataclass(frozen=True)
class CliOptions:
    """What the command line says about rule selection and the exit code; empty means not given.

    `select` replaces the file's select (and drops its extend-select and ignore, as ruff does);
    `extend_select` and `ignore` add to the file's; `fail_on` replaces the file's fail-on.
    """

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None


# --------------------------------------------------------------------------- globs


@dataclass(frozen=True)
class Glob:
    """One `exclude` or `per-file-ignores` pattern, relative to the configuration's folder."""

    pattern: str  # as written
    anchored: bool  # has a `/`: matched against the path from the config's folder; else against each name
    regex: re.Pattern[str]

    @staticmethod
    def compile(pattern: str) -> Glob:
        """Raises ValueError (with a Chinese reason) for a pattern that is not a usable glob."""
        if not pattern.strip():
            raise ValueError("模式为空")
        if "\\" in pattern:
            raise ValueError("请用 / 分隔目录")
        if pattern.startswith("/") or re.match(r"[A-Za-z]:", pattern):
            raise ValueError("应为相对于配置文件所在目录的路径，不能是绝对路径")
        body = pattern
        while body.startswith("./"):
            body = body[2:]
        body = body.rstrip("/")
        parts = body.split("/")
        if not body or any(p in ("", ".", "..") for p in parts):
            raise ValueError("路径中不能有空的一级、“.” 或 “..”")
        regex = ""
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part == "**":
                regex += ".*" if last else "(?:[^/]+/)*"
            elif "**" in part:
                raise ValueError("“**” 只能单独作为一级目录，如 “**/草稿/*”")
            else:
                regex += _name_regex(part) + ("" if last else "/")
        try:
            compiled = re.compile(regex)
        except re.error as error:
            raise ValueError(f"无法解析（{error}）") from error
        return Glob(pattern, len(parts) > 1, compiled)

    def matches(self, parts: tuple[str, ...] | None, name: str, skip: int = 0) -> bool:
        """`parts`: the path's folders and name below the config's folder (None when it is not
        inside it: then only a pattern without `/` can match, against `name`). The first `skip`
        parts are not tested (a folder named on the command line)."""
        if parts is None:
            return not self.anchored and self.regex.fullmatch(name) is not None
        if self.anchored:
            return any(self.regex.fullmatch("/".join(parts[:n])) for n in range(skip + 1, len(parts) + 1))
        return any(self.regex.fullmatch(part) for part in parts[skip:])


def _name_regex(part: str) -> str:
    """The regular expression of one folder or file name pattern: * ? [..] [!..] {a,b}."""
    out: list[str] = []
    i = 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            start = i + 1
            if part[start: start + 1] == "!":
                start += 1
            if part[start: start + 1] == "]":  # a ] first in the set is a character of it
                start += 1
            end = part.find("]", start)
            if end < 0:
                raise ValueError("“[” 没有对应的 “]”")
            inner = part[i + 1: end]
            negate = inner.startswith("!")
            inner = inner[1:] if negate else inner
            inner = inner.replace("\\", "\\\\").replace("^", "\\^").replace("[", "\\[")
            out.append(f"[{'^' if negate else ''}{inner}]")
            i = end
        elif ch == "{":
            end = part.find("}", i)
            if end < 0:
                raise ValueError("“{” 没有对应的 “}”")
            inner = part[i + 1: end]
            if "{" in inner:
                raise ValueError("“{…}” 不能嵌套")
            out.append("(?:" + "|".join(_name_regex(alt) for alt in inner.split(",")) + ")")
            i = end
        elif ch == "}":
            raise ValueError("“}” 没有对应的 “{”")
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """The configuration in force for one file: resolved values and where each came from.

    `select`, `extend_select`, `ignore` are the effective selectors (the file's and the command
    line's combined); `rules` the rules they select, before `per-file-ignores`. `sources` maps each
    key of `KEYS` to `默认`, the configuration file's path, `命令行`, or a combination (`… + 命令行`).
    """

    config_file: Path | None  # the file read, None for defaults only (none found, or --isolated)
    root: Path  # the folder globs are relative to: the config file's, else the working folder
    rules: tuple[type[Rule], ...]
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, Severity], ...]  # (code or prefix, severity), as configured
    per_file_ignores: tuple[tuple[Glob, tuple[str, ...]], ...]
    exclude: tuple[Glob, ...]
    fail_on: Severity
    defaults: ReportDefaults  # year, agency, format for reports that state none (pass to lint())
    sources: tuple[tuple[str, str], ...]
    isolated: bool = False
    # cross-year checks (DL6xx): old agency name -> new one, as written; DL603's share copied
    agency_aliases: tuple[tuple[str, str], ...] = ()
    copied_text_threshold: float = DEFAULT_COPIED_TEXT_THRESHOLD

    @property
    def cross_year(self) -> CrossYearOptions:
        """What the cross-year checks need (pass to `lint.cross_check` as `options`)."""
        return CrossYearOptions(self.agency_aliases, self.copied_text_threshold)

    def source(self, key: str) -> str:
        """Where a key's value came from: `默认`, a file path, `命令行`, or `<file> + 命令行`."""
        return dict(self.sources)[key]

    def rules_for(self, path: Path | str | None) -> tuple[type[Rule], ...]:
        """The rules to run on `path`: `rules` less those its `per-file-ignores` patterns drop.
        None or `-` (standard input) has no file name, so no per-file-ignores apply."""
        if path is None or str(path) == "-":
            return self.rules
        parts, name = self._parts(path)
        dropped = tuple(code for glob, codes in self.per_file_ignores if glob.matches(parts, name) for code in codes)
        if not dropped:
            return self.rules
        return tuple(r for r in self.rules if not _selected(r.code, dropped))

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The severity to report for a finding of rule `code` (the rule gave `default`): the
        configured severity of the longest matching code or prefix (`ALL` the shortest), else `default`."""
        best: tuple[int, Severity] | None = None
        for selector, severity in self.severity:
            if _selected(code, (selector,)):
                length = 0 if selector == "ALL" else len(selector)
                if best is None or length > best[0]:
                    best = (length, severity)
        return best[1] if best else default

    def excluded(self, path: Path | str, *, root: Path | str | None = None) -> bool:
        """Whether `exclude` skips `path` when walking a folder. `root` is the folder named on the
        command line that the walk started from: it was named explicitly, so only the part of the
        path below it is tested. The command line does not ask about a file named explicitly — it
        is always linted."""
        parts, name = self._parts(path)
        skip = 0
        if root is not None:
            root_parts, _ = self._parts(root)
            if _absolute(root) == _absolute(path):
                return False
            if parts is not None and root_parts is not None and parts[:len(root_parts)] == root_parts:
                skip = len(root_parts)
        return any(glob.matches(parts, name, skip) for glob in self.exclude)

    def fails(self, severity: Severity) -> bool:
        """Whether a finding of this severity makes the exit code 1 (it is at least `fail-on`)."""
        return _RANK[severity] >= _RANK[self.fail_on]

    def _parts(self, path: Path | str) -> tuple[tuple[str, ...] | None, str]:
        full = _absolute(path)
        try:
            relative = full.relative_to(self.root)
        except ValueError:
            return None, full.name
        return tuple(PurePath(relative).as_posix().split("/")) if relative.parts else (), full.name


def _absolute(path: Path | str) -> Path:
    return Path(os.path.abspath(path))


def _selected(code: str, selectors: Iterable[str]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


# --------------------------------------------------------------------------- discovery and loading


def find_config(path: Path | str | None) -> Path | None:
    """The configuration nearest up from `path` (a file's folder, or a folder itself; the working
    folder for None), or None. Raises ConfigError for a pyproject.toml that is not valid TOML."""
    start = _absolute(path if path is not None else Path.cwd())
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != PYPROJECT or _table(candidate) is not None:
                return candidate
    return None


_TOML_CACHE: dict[tuple[Path, int, int], dict[str, Any]] = {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in _TOML_CACHE:
            _TOML_CACHE[key] = tomllib.loads(path.read_bytes().decode("utf-8"))
        return _TOML_CACHE[key]
    except FileNotFoundError as error:
        raise ConfigError(f"配置文件不存在：{_display(path)}", path=path) from error
    except OSError as error:
        raise ConfigError(f"{_display(path)}: 无法读取配置文件（{error.strerror or error}）", path=path) from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{_display(path)}: 配置文件应为 UTF-8 编码", path=path) from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{_display(path)}: TOML 语法错误：{error}", path=path) from error


def _table(pyproject: Path) -> Any | None:
    """The `[tool.disclosure-lint]` value of a pyproject.toml, None when it has none."""
    tool = _read_toml(pyproject).get("tool")
    return tool.get("disclosure-lint") if isinstance(tool, dict) else None


def _load(path: Path) -> dict[str, Any]:
    """The configuration keys of a file: a pyproject.toml's table, any other file's top level."""
    if path.is_dir():
        raise ConfigError(f"--config 应为文件，而 {_display(path)} 是目录", path=path)
    if path.name != PYPROJECT:
        return _read_toml(path)
    table = _table(path)
    if table is None:
        raise ConfigError(f"{_display(path)}: 没有 [{TABLE}] 表", path=path)
    if not isinstance(table, dict):
        raise ConfigError(f"{_display(path)}: [{TABLE}] 应为表（table）", path=path, key=TABLE)
    return table


def _display(path: Path) -> str:
    """The path as the user would write it: relative to the working folder when inside it."""
    try:
        return str(_absolute(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- resolving


def resolve(path: Path | str | None, *, config: Path | str | None = None, isolated: bool = False,
            cli: CliOptions = CliOptions()) -> Settings:
    """The settings for linting `path` (None: standard input; discovery starts at the working
    folder): the nearest configuration file up from it, or `config` for every path, or none with
    `isolated`; then the command line's options on top. Raises ConfigError."""
    if config is not None and isolated:
        raise ConfigError("--config 与 --isolated 不能同时使用", key="--isolated")
    if isolated:
        file = None
    elif config is not None:
        file = _absolute(config)
        if not file.exists():
            raise ConfigError(f"配置文件不存在：{config}", path=file)
    else:
        file = find_config(path)
    root = file.parent if file is not None else Path.cwd()
    raw = _load(file) if file is not None else {}
    return _settings(raw, file, root, cli, isolated)


class Resolver:
    """`resolve` for the many files of one run: each folder's configuration is looked up once and
    each configuration file's settings built once (a run does not expect them to change under it).
    A batch of 10,000 reports in a few folders then resolves a few times, not 10,000."""

    def __init__(self, *, config: Path | str | None = None, isolated: bool = False,
                 cli: CliOptions = CliOptions()) -> None:
        self._config, self._isolated, self._cli = config, isolated, cli
        self._nearest: dict[Path, Path | None] = {}  # folder -> its nearest configuration file
        self._settings: dict[Path | None, Settings] = {}  # configuration file -> settings

    def __call__(self, path: Path | str | None) -> Settings:
        if self._isolated or self._config is not None:
            key = None
        else:
            start = _absolute(path if path is not None else Path.cwd())
            folder = start if start.is_dir() else start.parent
            if folder not in self._nearest:
                self._nearest[folder] = find_config(folder)
            key = self._nearest[folder]
        if key not in self._settings:
            self._settings[key] = resolve(key if key is not None else path, config=self._config,
                                          isolated=self._isolated, cli=self._cli)
        return self._settings[key]


class _Checker:
    """Validates one file's keys; every error names the file and the key."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        if file is None:
            self.where = ""
        elif file.name == PYPROJECT:
            self.where = f"{_display(file)}: [{TABLE}] "
        else:
            self.where = f"{_display(file)}: "

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.where}{key}：{problem}", path=self.file, key=key)

    def unknown_keys(self, raw: dict[str, Any]) -> None:
        for key in raw:
            if key in KEYS:
                continue
            hint = ""
            close = [key.replace("_", "-")] if key.replace("_", "-") in KEYS else difflib.get_close_matches(key, KEYS, 1)
            if close:
                hint = f"，是否应为 “{close[0]}”"
            elif key == "tool" and self.file is not None and self.file.name != PYPROJECT:
                hint = f"；{self.file.name} 直接写配置项，不用 [{TABLE}] 表"
            raise ConfigError(f"{self.where}未知的配置项 “{key}”（可用：{'、'.join(KEYS)}{hint}）",
                              path=self.file, key=key)

    def selectors(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"应为规则代码或前缀的列表，如 {key} = [\"DL2\", \"DL105\"]")
        return tuple(self.selector(key, v) for v in value)

    def selector(self, key: str, value: str) -> str:
        code = value.strip().upper()
        if code == "ALL":
            return code
        if not code or not any(r.code.startswith(code) for r in all_rules()):
            raise self.error(key, f"未知的规则代码或前缀 “{value}”（运行 `disclosure-lint rule` 查看全部规则）")
        return code

    def severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str) or value.strip().lower() not in {s.value for s in Severity}:
            raise self.error(key, f"未知的严重级别 {_quote(value)}（可用：{_SEVERITIES}）")
        return Severity(value.strip().lower())

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(key, f"应为表（table），如 [tool.disclosure-lint.{key}] 或 {key} = {{ … }}")
        return value

    def glob(self, key: str, pattern: Any) -> Glob:
        if not isinstance(pattern, str):
            raise self.error(key, f"应为路径模式（字符串），而不是 {_quote(pattern)}")
        try:
            return Glob.compile(pattern)
        except ValueError as reason:
            raise self.error(key, f"路径模式 “{pattern}” 无效：{reason}") from reason


def _quote(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else f"{value!r}（{type(value).__name__}）"


def _settings(raw: dict[str, Any], file: Path | None, root: Path, cli: CliOptions, isolated: bool) -> Settings:
    check = _Checker(file)
    check.unknown_keys(raw)
    here = str(file) if file is not None else DEFAULT_SOURCE
    sources: dict[str, str] = {key: here if key in raw else DEFAULT_SOURCE for key in KEYS}

    # rule selection: the file's, then the command line's on top
    file_select = check.selectors("select", raw["select"]) if "select" in raw else None
    file_extend = check.selectors("extend-select", raw.get("extend-select", []))
    file_ignore = check.selectors("ignore", raw.get("ignore", []))
    command = _Checker(None)
    cli_select = tuple(command.selector("命令行 --select", c) for c in cli.select)
    cli_extend = tuple(command.selector("命令行 --extend-select", c) for c in cli.extend_select)
    cli_ignore = tuple(command.selector("命令行 --ignore", c) for c in cli.ignore)
    if cli_select:  # replaces the file's selection altogether (as ruff's --select does)
        select, extend, ignore = cli_select, cli_extend, cli_ignore
        sources["select"] = CLI_SOURCE
        sources["extend-select"] = CLI_SOURCE if cli_extend else DEFAULT_SOURCE
        sources["ignore"] = CLI_SOURCE if cli_ignore else DEFAULT_SOURCE
    else:
        select = file_select if file_select is not None else ("ALL",)
        extend, ignore = file_extend + cli_extend, file_ignore + cli_ignore
        for key, given in (("extend-select", cli_extend), ("ignore", cli_ignore)):
            if given:
                sources[key] = CLI_SOURCE if sources[key] == DEFAULT_SOURCE else f"{here} + {CLI_SOURCE}"
    rules = tuple(r for r in all_rules()
                  if (_selected(r.code, select) or _selected(r.code, extend)) and not _selected(r.code, ignore))

    severity: list[tuple[str, Severity]] = []
    for code, value in check.table("severity", raw.get("severity", {})).items():
        key = f"severity.{code}"
        severity.append((check.selector(key, code), check.severity(key, value)))

    per_file: list[tuple[Glob, tuple[str, ...]]] = []
    for pattern, codes in check.table("per-file-ignores", raw.get("per-file-ignores", {})).items():
        key = f'per-file-ignores."{pattern}"'
        per_file.append((check.glob(key, pattern), check.selectors(key, codes)))

    exclude = raw.get("exclude", [])
    if not isinstance(exclude, list):
        raise check.error("exclude", "应为路径模式的列表，如 exclude = [\"草稿/**\", \"*.html\"]")
    globs = tuple(check.glob("exclude", pattern) for pattern in exclude)

    fail_on = check.severity("fail-on", raw["fail-on"]) if "fail-on" in raw else Severity.INFO
    if cli.fail_on is not None:
        fail_on = command.severity("命令行 --fail-on", cli.fail_on)
        sources["fail-on"] = CLI_SOURCE

    return Settings(
        config_file=file, root=root, rules=rules, select=select, extend_select=extend, ignore=ignore,
        severity=tuple(severity), per_file_ignores=tuple(per_file), exclude=globs, fail_on=fail_on,
        defaults=_defaults(raw, check), sources=tuple(sources.items()), isolated=isolated,
        agency_aliases=_aliases(raw, check), copied_text_threshold=_threshold(raw, check),
    )


def _aliases(raw: dict[str, Any], check: _Checker) -> tuple[tuple[str, str], ...]:
    """`agency-aliases`: a table of old agency names to new ones (a renamed agency's reports pair
    across the renaming)."""
    key = "agency-aliases"
    table = check.table(key, raw.get(key, {}))
    pairs = []
    for old, new in table.items():
        if not isinstance(new, str) or not new.strip() or not old.strip():
            raise check.error(f'{key}."{old}"', f"应为机关的新名称（非空字符串，如 \"环境与国土资源局\" = "
                                                 f"\"自然资源与生态环境局\"），而不是 {_quote(new)}")
        pairs.append((old.strip(), new.strip()))
    try:
        resolve_aliases(pairs)
    except AliasError as error:
        raise check.error(key, f"机关名称的改名关系构成循环（{error}）") from error
    return tuple(pairs)


def _threshold(raw: dict[str, Any], check: _Checker) -> float:
    """`copied-text-threshold`: the share of a paragraph copied from last year's report that DL603
    reports, a number greater than 0 and at most 1."""
    key = "copied-text-threshold"
    value = raw.get(key, DEFAULT_COPIED_TEXT_THRESHOLD)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise check.error(key, f"应为大于 0、不大于 1 的比例（如 copied-text-threshold = 0.8，即一段中 80% 的文字"
                               f"与上一年度相同时报告），而不是 {_quote(value)}")
    return float(value)


def _defaults(raw: dict[str, Any], check: _Checker) -> ReportDefaults:
    year = raw.get("year")
    if year is not None and (type(year) is not int or not _FIRST_YEAR <= year <= _LAST_YEAR):
        raise check.error("year", f"应为报告年度（{_FIRST_YEAR}—{_LAST_YEAR} 的整数，如 year = 2024），"
                                  f"而不是 {_quote(year)}")
    agency = raw.get("agency")
    if agency is not None and (not isinstance(agency, str) or not agency.strip()):
        raise check.error("agency", f"应为机关名称（非空字符串，如 agency = \"示例市数据管理局\"），而不是 {_quote(agency)}")
    fmt = raw.get("format")
    formats = [f.key for f in knowledge().formats]
    if fmt is not None and fmt not in formats:
        choices = "、".join(f'"{f}"' for f in formats)
        raise check.error("format", f"未知的年报格式 {_quote(fmt)}（可用：{choices}，注意加引号）")
    return ReportDefaults(year=year, agency=agency.strip() if agency else None, format=fmt)


# --------------------------------------------------------------------------- --show-settings


def show(settings: Settings) -> str:
    """Every key, its value (as TOML) and where it came from; then the rules in force."""
    if settings.isolated:
        head = "配置文件：无（--isolated，未读取配置文件）"
    elif settings.config_file is None:
        head = "配置文件：无（未找到，使用默认值）"
    elif settings.config_file.name == PYPROJECT:
        head = f"配置文件：{settings.config_file} [{TABLE}]"
    else:
        head = f"配置文件：{settings.config_file}"
    defaults = settings.defaults
    values = {
        "select": _toml(list(settings.select)),
        "extend-select": _toml(list(settings.extend_select)),
        "ignore": _toml(list(settings.ignore)),
        "severity": _toml({code: severity.value for code, severity in settings.severity}),
        "per-file-ignores": _toml({glob.pattern: list(codes) for glob, codes in settings.per_file_ignores}),
        "exclude": _toml([glob.pattern for glob in settings.exclude]),
        "fail-on": _toml(settings.fail_on.value),
        "year": _toml(defaults.year),
        "agency": _toml(defaults.agency),
        "format": _toml(defaults.format),
        "agency-aliases": _toml(dict(settings.agency_aliases)),
        "copied-text-threshold": _toml(settings.copied_text_threshold),
    }
    from rich.cells import cell_len  # CJK characters are two columns wide

    assignments = {key: f"{key} = {value}" for key, value in values.items()}
    width = max(cell_len(text) for text in assignments.values())
    lines = [head, f"路径模式相对于：{settings.root}", ""]
    for key, text in assignments.items():
        lines.append(f"{text}{' ' * (width - cell_len(text))}  # 来源：{settings.source(key)}")
    lines += ["", f"生效的规则（{len(settings.rules)} 条，未计 per-file-ignores）：",
              " ".join(r.code for r in settings.rules) or "（无）"]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if value is None:
        return "（未设置）"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in value.items()) + "}"
