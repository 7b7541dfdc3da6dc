"""Configuration (disclosure_lint.config): every key with its errors, discovery, the command line's
options on top, globs, severity overrides on real findings, fail-on, and the year / agency / format
defaults changing what the rules find on a report that does not state them.

Every test writes real configuration files and reports under tmp_path.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, example_text

from disclosure_lint.config import (
    CLI_SOURCE,
    DEFAULT_SOURCE,
    KEYS,
    CliOptions,
    ConfigError,
    Glob,
    find_config,
    resolve,
    show,
)
from disclosure_lint.knowledge import ReportDefaults
from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules, rule_by_code
from disclosure_lint.rule import Severity

ALL_CODES = [r.code for r in all_rules()]
TITLE = "示例市数据管理局2024年政府信息公开工作年度报告"
PERIOD = "本报告所列数据的统计期限自2024年1月1日至2024年12月31日。"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_of(settings, path: Path | None = None) -> list[str]:
    return [r.code for r in (settings.rules if path is None else settings.rules_for(path))]


def lint_with(settings, path: Path):
    return lint(str(path), settings.rules_for(path), severity=settings.severity_for, defaults=settings.defaults)


def found(settings, path: Path) -> list[str]:
    return [f.code for f in lint_with(settings, path).findings]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run every test from tmp_path, so that error messages name files relative to it and no
    configuration above the working folder is found by accident."""
    monkeypatch.chdir(tmp_path)


def error_of(tmp_path: Path, text: str, name: str = ".disclosure-lint.toml", **kwargs) -> ConfigError:
    write(tmp_path / name, text)
    report = write(tmp_path / "report.txt", "")
    with pytest.raises(ConfigError) as raised:
        resolve(report, **kwargs)
    return raised.value


# ------------------------------------------------------------------------------------- select & co


def test_no_configuration_selects_every_rule_and_says_so(tmp_path):
    settings = resolve(write(tmp_path / "r.txt", ""))
    assert settings.config_file is None
    assert codes_of(settings) == ALL_CODES
    assert settings.select == ("ALL",)
    assert all(settings.source(key) == DEFAULT_SOURCE for key in KEYS)
    assert settings.fail_on is Severity.INFO and settings.defaults == ReportDefaults()


def test_select_takes_codes_and_prefixes_case_insensitively(tmp_path):
    config = write(tmp_path / ".disclosure-lint.toml", 'select = ["DL2", "dl105"]\n')
    settings = resolve(tmp_path / "r.txt")
    assert codes_of(settings) == [c for c in ALL_CODES if c.startswith("DL2") or c == "DL105"]
    assert settings.select == ("DL2", "DL105")
    assert settings.source("select") == str(config)


def test_select_all(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'select = ["ALL"]\nignore = ["DL5"]\n')
    assert codes_of(resolve(tmp_path / "r.txt")) == [c for c in ALL_CODES if not c.startswith("DL5")]


def test_extend_select_adds_to_select(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'select = ["DL1"]\nextend-select = ["DL303"]\n')
    assert codes_of(resolve(tmp_path / "r.txt")) == [c for c in ALL_CODES if c.startswith("DL1") or c == "DL303"]


def test_ignore_drops_codes_and_prefixes_and_wins_over_select(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'select = ["DL105", "DL4"]\nignore = ["DL105", "DL40"]\n')
    assert codes_of(resolve(tmp_path / "r.txt")) == []
    write(tmp_path / ".disclosure-lint.toml", 'ignore = ["DL105", "DL4"]\n')
    assert codes_of(resolve(tmp_path / "r.txt")) == [c for c in ALL_CODES if c != "DL105" and not c.startswith("DL4")]


@pytest.mark.parametrize("key", ["select", "extend-select", "ignore"])
def test_selector_lists_refuse_unknown_codes_and_wrong_types(tmp_path, key):
    error = error_of(tmp_path, f'{key} = ["DL2", "DL999"]\n')
    assert str(error) == f".disclosure-lint.toml: {key}：未知的规则代码或前缀 “DL999”（运行 `disclosure-lint rule` 查看全部规则）"
    assert (error.key, error.path) == (key, tmp_path / ".disclosure-lint.toml")
    assert "“XX”" in str(error_of(tmp_path, f'{key} = ["XX"]\n'))
    assert "“”" in str(error_of(tmp_path, f'{key} = [""]\n'))
    for wrong in ('"DL2"', "[1]", "true"):
        error = error_of(tmp_path, f"{key} = {wrong}\n")
        assert str(error).startswith(f".disclosure-lint.toml: {key}：应为规则代码或前缀的列表"), wrong


# ------------------------------------------------------------------------------------- command line


def test_command_line_select_replaces_the_files_selection(tmp_path):
    config = write(tmp_path / ".disclosure-lint.toml",
                   'select = ["DL2"]\nextend-select = ["DL5"]\nignore = ["DL105", "DL203"]\n')
    settings = resolve(tmp_path / "r.txt", cli=CliOptions(select=("DL1",)))
    # as ruff: --select resets the file's select, extend-select and ignore (DL105 is back)
    assert codes_of(settings) == [c for c in ALL_CODES if c.startswith("DL1")]
    assert settings.source("select") == CLI_SOURCE
    assert settings.source("ignore") == DEFAULT_SOURCE and settings.ignore == ()
    settings = resolve(tmp_path / "r.txt", cli=CliOptions(extend_select=("DL3",), ignore=("DL201",)))
    assert codes_of(settings) == [c for c in ALL_CODES if c.startswith(("DL2", "DL3", "DL5"))
                                  and c not in ("DL203", "DL201")]
    assert settings.source("select") == str(config)
    assert settings.source("extend-select") == settings.source("ignore") == f"{config} + {CLI_SOURCE}"
    assert settings.ignore == ("DL105", "DL203", "DL201")


def test_command_line_fail_on_overrides_the_file(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'fail-on = "error"\n')
    settings = resolve(tmp_path / "r.txt", cli=CliOptions(fail_on="warning"))
    assert settings.fail_on is Severity.WARNING and settings.source("fail-on") == CLI_SOURCE


def test_command_line_codes_are_checked_too(tmp_path):
    with pytest.raises(ConfigError, match="^命令行 --select：未知的规则代码或前缀 “DL9”"):
        resolve(tmp_path / "r.txt", cli=CliOptions(select=("DL9",)))
    with pytest.raises(ConfigError, match="^命令行 --ignore：未知的规则代码或前缀 “ZZ1”"):
        resolve(tmp_path / "r.txt", cli=CliOptions(ignore=("ZZ1",)))
    with pytest.raises(ConfigError, match="^命令行 --fail-on：未知的严重级别 “fatal”"):
        resolve(tmp_path / "r.txt", cli=CliOptions(fail_on="fatal"))


# ------------------------------------------------------------------------------------- severity


def test_severity_per_code_and_prefix_the_longest_wins(tmp_path):
    write(tmp_path / ".disclosure-lint.toml",
          '[severity]\nDL405 = "info"\ndl105 = "Info"\nDL4 = "error"\nALL = "warning"\n')  # not in order
    settings = resolve(tmp_path / "r.txt")
    assert settings.severity_for("DL405", Severity.WARNING) is Severity.INFO
    assert settings.severity_for("DL401", Severity.WARNING) is Severity.ERROR
    assert settings.severity_for("DL105", Severity.WARNING) is Severity.INFO
    assert settings.severity_for("DL303", Severity.ERROR) is Severity.WARNING


def test_severity_default_keeps_the_rules_own(tmp_path):
    settings = resolve(tmp_path / "r.txt")
    assert settings.severity_for("DL303", Severity.ERROR) is Severity.ERROR
    assert settings.severity_for("DL401", Severity.WARNING) is Severity.WARNING


def test_severity_override_is_visible_on_findings(tmp_path):
    report = write(tmp_path / "defects.txt", (EXAMPLES / "2024-report-defects.txt").read_text(encoding="utf-8"))
    plain = {f.code: f.severity for f in lint(str(report), all_rules()).findings}  # positional API still works
    assert plain["DL105"] is Severity.WARNING and plain["DL303"] is Severity.ERROR
    write(tmp_path / ".disclosure-lint.toml", '[severity]\nDL105 = "error"\nDL3 = "info"\n')
    result = lint_with(resolve(report), report)
    overridden = {f.code: f.severity for f in result.findings}
    assert overridden["DL105"] is Severity.ERROR
    assert overridden["DL301"] is overridden["DL303"] is Severity.INFO
    assert overridden["DL203"] is plain["DL203"]  # untouched


def test_severity_errors_name_the_key(tmp_path):
    assert str(error_of(tmp_path, '[severity]\nDL105 = "fatal"\n')) == (
        ".disclosure-lint.toml: severity.DL105：未知的严重级别 “fatal”（可用：error、warning、info）")
    assert str(error_of(tmp_path, '[severity]\nDL105 = 2\n')).startswith(
        ".disclosure-lint.toml: severity.DL105：未知的严重级别 2（int）")
    assert str(error_of(tmp_path, '[severity]\nDL999 = "info"\n')).startswith(
        ".disclosure-lint.toml: severity.DL999：未知的规则代码或前缀 “DL999”")
    assert str(error_of(tmp_path, 'severity = "info"\n')).startswith(
        ".disclosure-lint.toml: severity：应为表（table）")


# ------------------------------------------------------------------------------------- fail-on


@pytest.mark.parametrize(("fail_on", "failing"), [
    (None, {"error", "warning", "info"}),
    ("info", {"error", "warning", "info"}),
    ("warning", {"error", "warning"}),
    ("error", {"error"}),
])
def test_fail_on_is_the_lowest_severity_that_fails(tmp_path, fail_on, failing):
    write(tmp_path / ".disclosure-lint.toml", f'fail-on = "{fail_on}"\n' if fail_on else "")
    settings = resolve(tmp_path / "r.txt")
    assert {s.value for s in Severity if settings.fails(s)} == failing


def test_fail_on_errors(tmp_path):
    assert str(error_of(tmp_path, 'fail-on = "never"\n')) == (
        ".disclosure-lint.toml: fail-on：未知的严重级别 “never”（可用：error、warning、info）")
    assert "fail-on：未知的严重级别 1（int）" in str(error_of(tmp_path, "fail-on = 1\n"))


# ------------------------------------------------------------------------------------- globs


def test_per_file_ignores_relative_to_the_config_folder(tmp_path):
    write(tmp_path / "project" / ".disclosure-lint.toml", """
[per-file-ignores]
"drafts/*" = ["DL105"]
"*.html" = ["DL2", "DL3"]
"**/old/2019-*.txt" = ["DL4"]
"legacy" = ["ALL"]
""")
    project = tmp_path / "project"
    settings = resolve(project / "a.txt")
    everything = codes_of(settings)
    assert codes_of(settings, project / "drafts" / "a.txt") == [c for c in everything if c != "DL105"]
    assert codes_of(settings, project / "drafts" / "sub" / "a.txt") == [c for c in everything if c != "DL105"]
    assert codes_of(settings, project / "x" / "drafts" / "a.txt") == everything  # anchored at the folder
    assert codes_of(settings, project / "deep" / "er" / "r.html") == [
        c for c in everything if not c.startswith(("DL2", "DL3"))]
    assert codes_of(settings, project / "a" / "old" / "2019-x.txt") == [c for c in everything if not c.startswith("DL4")]
    assert codes_of(settings, project / "old" / "2019-x.txt") == [c for c in everything if not c.startswith("DL4")]
    assert codes_of(settings, project / "old" / "2020-x.txt") == everything
    assert codes_of(settings, project / "a" / "legacy" / "r.txt") == []  # a name pattern matches a folder at any depth
    assert settings.rules_for("-") == settings.rules_for(None) == settings.rules  # standard input has no name
    # relative paths are taken from the working folder
    assert [r.code for r in settings.rules_for("project/drafts/a.txt")] == [c for c in everything if c != "DL105"]


def test_per_file_ignores_errors(tmp_path):
    assert str(error_of(tmp_path, '[per-file-ignores]\n"drafts/*" = ["DL999"]\n')).startswith(
        '.disclosure-lint.toml: per-file-ignores."drafts/*"：未知的规则代码或前缀 “DL999”')
    assert str(error_of(tmp_path, '[per-file-ignores]\n"drafts/*" = "DL105"\n')).startswith(
        '.disclosure-lint.toml: per-file-ignores."drafts/*"：应为规则代码或前缀的列表')
    assert str(error_of(tmp_path, '[per-file-ignores]\n"/abs/*" = ["DL105"]\n')).startswith(
        '.disclosure-lint.toml: per-file-ignores."/abs/*"：路径模式 “/abs/*” 无效：应为相对于配置文件所在目录的路径')
    assert str(error_of(tmp_path, 'per-file-ignores = ["drafts"]\n')).startswith(
        ".disclosure-lint.toml: per-file-ignores：应为表（table）")


def test_exclude_skips_walked_files_by_name_and_by_anchored_path(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'exclude = ["drafts", "archive/2019/*", "*.html", "**/tmp/**"]\n')
    settings = resolve(tmp_path / "r.txt")
    assert settings.excluded(tmp_path / "drafts" / "a.txt")
    assert settings.excluded(tmp_path / "x" / "drafts" / "y" / "a.txt")
    assert settings.excluded(tmp_path / "archive" / "2019" / "a.txt")
    assert settings.excluded(tmp_path / "archive" / "2019" / "deep" / "a.txt")  # a matched folder covers its contents
    assert not settings.excluded(tmp_path / "archive" / "2020" / "a.txt")
    assert not settings.excluded(tmp_path / "x" / "archive" / "2019" / "a.txt")
    assert settings.excluded(tmp_path / "a" / "b" / "page.html")
    assert settings.excluded(tmp_path / "a" / "tmp" / "b" / "r.txt")
    assert not settings.excluded(tmp_path / "r.txt")
    assert not settings.excluded(tmp_path / "drafts-2024" / "r.txt")


def test_exclude_does_not_skip_what_the_command_line_named(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'exclude = ["drafts", "old"]\n')
    settings = resolve(tmp_path / "r.txt")
    drafts = tmp_path / "drafts"
    assert settings.excluded(drafts / "a.txt", root=tmp_path)  # walking the project: skipped
    assert not settings.excluded(drafts / "a.txt", root=drafts)  # walking drafts/ itself: linted
    assert settings.excluded(drafts / "old" / "a.txt", root=drafts)  # … except what is excluded below it
    assert not settings.excluded(drafts / "a.txt", root=drafts / "a.txt")  # a file named explicitly


def test_exclude_errors_name_the_key(tmp_path):
    cases = {
        'exclude = "drafts"': "exclude：应为路径模式的列表",
        "exclude = [1]": "exclude：应为路径模式（字符串），而不是 1（int）",
        'exclude = ["../up"]': "exclude：路径模式 “../up” 无效：路径中不能有空的一级、“.” 或 “..”",
        'exclude = ["a**/b"]': "exclude：路径模式 “a**/b” 无效：“**” 只能单独作为一级目录",
        'exclude = ["[ab"]': "exclude：路径模式 “[ab” 无效：“[” 没有对应的 “]”",
        'exclude = ["{a,b"]': "exclude：路径模式 “{a,b” 无效：“{” 没有对应的 “}”",
        'exclude = ["a}"]': "exclude：路径模式 “a}” 无效：“}” 没有对应的 “{”",
        'exclude = [""]': "exclude：路径模式 “” 无效：模式为空",
        "exclude = ['a\\b']": "exclude：路径模式 “a\\b” 无效：请用 / 分隔目录",
        'exclude = ["[z-a]"]': "exclude：路径模式 “[z-a]” 无效：无法解析",
    }
    for text, message in cases.items():
        assert str(error_of(tmp_path, text + "\n")).startswith(f".disclosure-lint.toml: {message}"), text


@pytest.mark.parametrize(("pattern", "path", "matched"), [
    ("*.txt", "a.txt", True),
    ("*.txt", "a.html", False),
    ("r?.txt", "r1.txt", True),
    ("r?.txt", "r10.txt", False),
    ("[!a]*.txt", "b.txt", True),
    ("[!a]*.txt", "a.txt", False),
    ("[]]x", "]x", True),
    ("*.{txt,html}", "a.html", True),
    ("*.{txt,html}", "a.pdf", False),
    ("./drafts/", "drafts", True),
    ("a/**/b", "a/b", True),
    ("a/**/b", "a/x/y/b", True),
    ("a/*", "a/x/y", False),
    ("a.b", "axb", False),  # a dot is a dot
])
def test_glob_syntax(pattern, path, matched):
    glob = Glob.compile(pattern)
    parts = tuple(path.split("/"))
    full = "/".join(parts)
    assert (glob.regex.fullmatch(full) is not None) is matched


def test_globs_of_an_explicit_config_are_relative_to_its_folder(tmp_path):
    config = write(tmp_path / "ci" / "lint.toml", 'exclude = ["drafts"]\n[per-file-ignores]\n"reports/*" = ["DL105"]\n')
    settings = resolve(tmp_path / "reports" / "a.txt", config=config)
    assert settings.root == tmp_path / "ci"
    assert "DL105" in codes_of(settings, tmp_path / "reports" / "a.txt")  # reports/ is not under ci/
    assert "DL105" not in codes_of(settings, tmp_path / "ci" / "reports" / "a.txt")
    # outside the config's folder only a name pattern (no "/") can match, against the file's name
    assert not settings.excluded(tmp_path / "drafts" / "a.txt")
    assert settings.excluded(tmp_path / "drafts")


# ------------------------------------------------------------------------------------- defaults: year, agency, format


def _strip(text: str, *, title_year: bool = True, agency: bool = True, period: bool = True,
           body_years: bool = False) -> str:
    """The example report with its title's year and agency, its statistics period and (optionally)
    the body's years removed."""
    title = ("示例市数据管理局" if not agency else "") + ("2024年" if not title_year else "") + "政府信息公开工作年度报告"
    assert text.startswith(TITLE) and PERIOD in text
    text = text.replace(TITLE, title, 1)
    if period:
        text = text.replace(PERIOD, "", 1)
    if body_years:
        assert "2024年，" in text and "本机关2024年度" in text
        text = text.replace("2024年，", "全年，").replace("本机关2024年度", "本机关本年度")
    return text


def test_year_default_is_the_year_of_a_report_that_states_none(tmp_path):
    report = write(tmp_path / "r.txt", _strip(example_text()))
    plain = resolve(report)
    before = lint_with(plain, report)
    assert before.report.facts.year == 2024 and before.report.facts.year_source == "body"
    assert not {"DL401", "DL405"} & set(found(plain, report))
    write(tmp_path / ".disclosure-lint.toml", "year = 2020\n")
    settings = resolve(report)
    assert settings.defaults == ReportDefaults(year=2020)
    result = lint_with(settings, report)
    assert (result.report.facts.year, result.report.facts.year_source) == (2020, "default")
    by_code = {f.code: f for f in result.findings}
    # checked as a 2020 report: its 2021-format tables (a warning) and its publication in 2025 (late)
    assert by_code["DL401"].severity is Severity.WARNING and "2020年度报告应使用2019年版格式" in by_code["DL401"].message
    assert "晚于2020年度报告的公布期限" in by_code["DL405"].message


def test_the_reports_own_year_wins_over_the_default(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", "year = 2020\n")
    whole = write(tmp_path / "whole.txt", example_text())
    assert lint_with(resolve(whole), whole).report.facts.year_source == "title"
    assert found(resolve(whole), whole) == []
    period_only = write(tmp_path / "period.txt", _strip(example_text(), period=False))
    result = lint_with(resolve(period_only), period_only)
    assert (result.report.facts.year, result.report.facts.year_source) == (2024, "statistics_period")
    assert not {"DL401", "DL405"} & {f.code for f in result.findings}


def test_agency_default_decides_the_deadline_of_a_report_without_one(tmp_path):
    late = _strip(example_text(), title_year=False, period=False).replace("2025年1月20日", "2025年2月20日")
    report = write(tmp_path / "r.txt", late)
    # no agency: the later (government) deadline, 31 March
    assert "DL405" not in found(resolve(report), report)
    write(tmp_path / ".disclosure-lint.toml", 'agency = "示例市数据管理局"\n')
    result = lint_with(resolve(report), report)
    assert (result.report.facts.agency, result.report.facts.agency_source) == ("示例市数据管理局", "default")
    message = next(f.message for f in result.findings if f.code == "DL405")
    assert "晚于2024年度报告的公布期限2025年1月31日（部门（单位）报告应于次年1月31日前公布）" in message
    write(tmp_path / ".disclosure-lint.toml", 'agency = "示例市人民政府"\n')
    assert "DL405" not in found(resolve(report), report)


def test_the_titles_agency_wins_over_the_default(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'agency = "示例市人民政府"\n')
    report = write(tmp_path / "r.txt", example_text().replace("2025年1月20日", "2025年2月20日"))
    result = lint_with(resolve(report), report)
    assert result.report.facts.agency_source == "title"
    assert "DL405" in [f.code for f in result.findings]


def test_format_default_is_expected_when_no_year_decides(tmp_path):
    text = _strip(example_text(), body_years=True)
    report = write(tmp_path / "r.txt", text)
    assert lint_with(resolve(report), report).report.facts.year is None
    assert "DL401" not in found(resolve(report), report)
    write(tmp_path / ".disclosure-lint.toml", 'format = "2021"\n')
    assert "DL401" not in found(resolve(report), report)
    write(tmp_path / ".disclosure-lint.toml", 'format = "2019"\n')
    message = next(f.message for f in lint_with(resolve(report), report).findings if f.code == "DL401")
    assert message.startswith("表二、表三为2021年版格式（国办公开办函〔2021〕30号），本报告（未写明年度）应使用2019年版格式")


def test_format_default_makes_a_stale_citation_visible(tmp_path):
    example = rule_by_code("DL402").examples[0]
    report = write(tmp_path / "r.txt", _strip(example_text(), body_years=True).replace(example.good, example.bad, 1))
    assert "DL402" not in found(resolve(report), report)
    write(tmp_path / ".disclosure-lint.toml", 'format = "2021"\n')
    message = next(f.message for f in lint_with(resolve(report), report).findings if f.code == "DL402")
    assert "本报告（未写明年度）应依据国办公开办函〔2021〕30号" in message


def test_the_years_format_wins_over_the_default(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'format = "2019"\n')
    report = write(tmp_path / "r.txt", example_text())
    assert found(resolve(report), report) == []


@pytest.mark.parametrize(("text", "message"), [
    ("year = true", "year：应为报告年度（2008—2100 的整数，如 year = 2024），而不是 True（bool）"),
    ('year = "2024"', "year：应为报告年度（2008—2100 的整数，如 year = 2024），而不是 “2024”"),
    ("year = 24", "year：应为报告年度（2008—2100 的整数，如 year = 2024），而不是 24（int）"),
    ('agency = ""', "agency：应为机关名称（非空字符串，如 agency = \"示例市数据管理局\"），而不是 “”"),
    ("agency = 1", "agency：应为机关名称（非空字符串，如 agency = \"示例市数据管理局\"），而不是 1（int）"),
    ('format = "2020"', 'format：未知的年报格式 “2020”（可用："2019"、"2021"，注意加引号）'),
    ("format = 2021", 'format：未知的年报格式 2021（int）（可用："2019"、"2021"，注意加引号）'),
])
def test_default_errors_name_the_key(tmp_path, text, message):
    assert str(error_of(tmp_path, text + "\n")) == f".disclosure-lint.toml: {message}"


# ------------------------------------------------------------------------------------- files and errors


def test_unknown_key_names_file_table_and_suggests(tmp_path):
    error = error_of(tmp_path, '[tool.disclosure-lint]\nselct = ["DL2"]\n', name="pyproject.toml")
    assert str(error) == ("pyproject.toml: [tool.disclosure-lint] 未知的配置项 “selct”（可用：select、extend-select、"
                          "ignore、severity、per-file-ignores、exclude、fail-on、year、agency、format、agency-aliases、"
                          "copied-text-threshold，是否应为 “select”）")
    assert error.key == "selct"
    assert "是否应为 “extend-select”" in str(error_of(tmp_path, 'extend_select = ["DL2"]\n'))
    assert "不用 [tool.disclosure-lint] 表" in str(error_of(tmp_path, '[tool.disclosure-lint]\nselect = ["DL2"]\n'))


def test_every_value_error_in_pyproject_names_its_table(tmp_path):
    error = error_of(tmp_path, '[tool.disclosure-lint]\nfail-on = "x"\n', name="pyproject.toml")
    assert str(error).startswith("pyproject.toml: [tool.disclosure-lint] fail-on：")


def test_file_errors(tmp_path):
    assert str(error_of(tmp_path, "select = [\n")).startswith(".disclosure-lint.toml: TOML 语法错误：")
    (tmp_path / ".disclosure-lint.toml").write_bytes("agency = '机关'\n".encode("gb18030"))
    with pytest.raises(ConfigError, match=r"^\.disclosure-lint\.toml: 配置文件应为 UTF-8 编码$"):
        resolve(tmp_path / "r.txt")
    (tmp_path / ".disclosure-lint.toml").unlink()
    error = error_of(tmp_path, '[tool]\ndisclosure-lint = 1\n', name="pyproject.toml")
    assert str(error) == "pyproject.toml: [tool.disclosure-lint] 应为表（table）"


def test_explicit_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="^配置文件不存在：missing.toml$"):
        resolve(tmp_path / "r.txt", config=Path("missing.toml"))
    write(tmp_path / "other" / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"^other/pyproject\.toml: 没有 \[tool\.disclosure-lint\] 表$"):
        resolve(tmp_path / "r.txt", config=tmp_path / "other" / "pyproject.toml")
    with pytest.raises(ConfigError, match="^--config 应为文件，而 other 是目录$"):
        resolve(tmp_path / "r.txt", config=tmp_path / "other")
    with pytest.raises(ConfigError, match="^--config 与 --isolated 不能同时使用$"):
        resolve(tmp_path / "r.txt", config=tmp_path / "other" / "pyproject.toml", isolated=True)


def test_an_empty_file_is_all_defaults(tmp_path):
    config = write(tmp_path / "disclosure-lint.toml", "")
    settings = resolve(tmp_path / "r.txt")
    assert settings.config_file == config and codes_of(settings) == ALL_CODES
    assert all(settings.source(key) == DEFAULT_SOURCE for key in KEYS)


# ------------------------------------------------------------------------------------- discovery


def test_nearest_config_up_from_a_file(tmp_path):
    top = write(tmp_path / "pyproject.toml", '[tool.disclosure-lint]\nignore = ["DL1"]\n')
    near = write(tmp_path / "a" / ".disclosure-lint.toml", 'ignore = ["DL2"]\n')
    deep = tmp_path / "a" / "b" / "c" / "r.txt"
    assert find_config(deep) == near
    settings = resolve(deep)
    assert settings.config_file == near and settings.root == tmp_path / "a"
    assert "DL101" in codes_of(settings) and "DL201" not in codes_of(settings)  # not merged with the upper one
    assert resolve(tmp_path / "b" / "r.txt").config_file == top
    assert find_config(tmp_path / "a") == near  # a folder's own configuration counts
    assert find_config(None) == top  # standard input: from the working folder


def test_each_file_gets_its_own_nearest_config(tmp_path):
    write(tmp_path / "province" / ".disclosure-lint.toml", "year = 2023\n")
    write(tmp_path / "city" / "disclosure-lint.toml", "year = 2024\n")
    assert resolve(tmp_path / "province" / "a.txt").defaults.year == 2023
    assert resolve(tmp_path / "city" / "x" / "b.txt").defaults.year == 2024
    assert resolve(tmp_path / "other" / "c.txt").defaults.year is None


def test_pyproject_without_the_table_is_skipped(tmp_path):
    upper = write(tmp_path / ".disclosure-lint.toml", "year = 2022\n")
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'reports'\n[tool.other]\nx = 1\n")
    assert find_config(tmp_path / "a" / "r.txt") == upper
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'reports'\n[tool.disclosure-lint]\nyear = 2021\n")
    assert resolve(tmp_path / "a" / "r.txt").defaults.year == 2021


def test_a_broken_pyproject_on_the_way_up_is_an_error(tmp_path):
    write(tmp_path / "pyproject.toml", "[project\n")
    with pytest.raises(ConfigError, match="^pyproject.toml: TOML 语法错误"):
        resolve(tmp_path / "r.txt")


def test_precedence_within_one_folder(tmp_path):
    dot = write(tmp_path / ".disclosure-lint.toml", "year = 2019\n")
    plain = write(tmp_path / "disclosure-lint.toml", "year = 2020\n")
    pyproject = write(tmp_path / "pyproject.toml", "[tool.disclosure-lint]\nyear = 2021\n")
    report = tmp_path / "r.txt"
    assert (resolve(report).config_file, resolve(report).defaults.year) == (dot, 2019)
    dot.unlink()
    assert (resolve(report).config_file, resolve(report).defaults.year) == (plain, 2020)
    plain.unlink()
    assert (resolve(report).config_file, resolve(report).defaults.year) == (pyproject, 2021)


def test_explicit_config_is_used_for_every_path(tmp_path):
    write(tmp_path / "a" / ".disclosure-lint.toml", "year = 2019\n")
    write(tmp_path / "b" / ".disclosure-lint.toml", "year = 2020\n")
    explicit = write(tmp_path / "ci.toml", 'year = 2024\nignore = ["DL5"]\n')
    for path in (tmp_path / "a" / "r.txt", tmp_path / "b" / "r.txt"):
        settings = resolve(path, config=explicit)
        assert settings.config_file == explicit and settings.defaults.year == 2024
        assert settings.source("year") == str(explicit)


def test_explicit_pyproject_is_read_from_its_table(tmp_path):
    explicit = write(tmp_path / "conf" / "pyproject.toml", "[tool.disclosure-lint]\nyear = 2023\n")
    assert resolve(tmp_path / "r.txt", config=explicit).defaults.year == 2023


def test_isolated_ignores_every_config(tmp_path):
    write(tmp_path / ".disclosure-lint.toml", 'ignore = ["DL1"]\nyear = 2020\n')
    settings = resolve(tmp_path / "r.txt", isolated=True, cli=CliOptions(ignore=("DL2",)))
    assert settings.config_file is None and settings.isolated
    assert settings.defaults == ReportDefaults()
    assert "DL101" in codes_of(settings) and "DL201" not in codes_of(settings)
    assert settings.source("ignore") == CLI_SOURCE and settings.source("year") == DEFAULT_SOURCE


# ------------------------------------------------------------------------------------- show


def test_show_lists_every_key_its_value_and_source(tmp_path):
    config = write(tmp_path / "pyproject.toml", """
[tool.disclosure-lint]
select = ["DL1", "DL4"]
ignore = ["DL105"]
exclude = ["drafts"]
year = 2024
agency = "示例市数据管理局"
[tool.disclosure-lint.severity]
DL401 = "info"
[tool.disclosure-lint.per-file-ignores]
"old/*" = ["DL4"]
""")
    text = show(resolve(tmp_path / "r.txt", cli=CliOptions(ignore=("DL106",), fail_on="error")))
    lines = text.splitlines()
    assert lines[0] == f"配置文件：{config} [tool.disclosure-lint]"

    def line(key: str) -> str:
        return next(text for text in lines if text.startswith(f"{key} = "))

    assert all(line(key) for key in KEYS)
    assert line("select").split("#")[0].strip() == 'select = ["DL1", "DL4"]'
    assert line("select").endswith(f"# 来源：{config}")
    assert line("ignore").startswith('ignore = ["DL105", "DL106"]') and line("ignore").endswith(f"{config} + 命令行")
    assert line("fail-on").startswith('fail-on = "error"') and line("fail-on").endswith("# 来源：命令行")
    assert line("severity").startswith('severity = {"DL401" = "info"}')
    assert line("per-file-ignores").startswith('per-file-ignores = {"old/*" = ["DL4"]}')
    assert line("exclude").startswith('exclude = ["drafts"]')
    assert line("year").startswith("year = 2024") and line("agency").startswith('agency = "示例市数据管理局"')
    assert line("format").startswith("format = （未设置）") and line("format").endswith("# 来源：默认")
    chosen = [c for c in ALL_CODES if c.startswith(("DL1", "DL4")) and c not in ("DL105", "DL106")]
    assert lines[-1] == " ".join(chosen)
    assert show(resolve(tmp_path / "r.txt", isolated=True)).startswith("配置文件：无（--isolated")


# ------------------------------------------------------------------------------------- laziness


def test_only_the_command_line_imports_the_configuration():
    code = ("import sys, disclosure_lint.lint, disclosure_lint.registry; "
            "print('disclosure_lint.config' in sys.modules, 'tomllib' in sys.modules or 'tomli' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_the_documented_example_configuration_is_valid(tmp_path):
    from conftest import ROOT

    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    write(tmp_path / "pyproject.toml", example)
    settings = resolve(tmp_path / "r.txt")
    assert settings.ignore == ("DL105",) and settings.fail_on is Severity.WARNING
    assert settings.defaults == ReportDefaults(2024, "示例市数据管理局", "2021")
    assert settings.severity_for("DL502", Severity.ERROR) is Severity.INFO
    assert settings.excluded(tmp_path / "x" / "草稿" / "r.txt")
    assert "DL401" not in codes_of(settings, tmp_path / "archive" / "2018" / "r.txt")


def test_a_runs_resolver_gives_each_file_the_settings_resolve_gives(tmp_path):
    from disclosure_lint.config import Resolver

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.disclosure-lint]\nignore = ["DL106"]\n', encoding="utf-8")
    (tmp_path / "a" / ".disclosure-lint.toml").write_text('select = ["DL2"]\n', encoding="utf-8")
    files = [tmp_path / "r.txt", tmp_path / "a" / "r.txt", tmp_path / "a" / "b" / "r.txt", tmp_path / "c" / "r.txt"]
    resolver = Resolver(cli=CliOptions(ignore=("DL203",)))
    for file in files:
        file.write_text("x", encoding="utf-8")
        expected = resolve(file, cli=CliOptions(ignore=("DL203",)))
        got = resolver(file)
        assert [r.code for r in got.rules_for(str(file))] == [r.code for r in expected.rules_for(str(file))]
    assert {r.code for r in resolver(files[2]).rules_for(str(files[2]))} == {
        r.code for r in all_rules() if r.code.startswith("DL2") and r.code != "DL203"}
    assert resolver(files[1]) is resolver(files[2])  # one configuration file, settings built once
    assert Resolver(isolated=True)(files[1]).rules_for(str(files[1])) == resolve(files[1], isolated=True).rules_for(
        str(files[1]))
