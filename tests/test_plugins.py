"""Third-party rule packs (docs/plugins.md), proven by the example pack in examples/plugin.

In this process, with the installed entry points replaced: the registry's rules about packs (a
pack owns its prefix; DL is the built-in pack's; codes and names are unique; a pack that cannot be
loaded is an error naming it, and the CLI says so with exit 2), the `rule` listing and
explanations, and FJ101 itself. Then for real: disclosure-lint and the example pack built and
installed into a fresh virtual environment, where `disclosure-lint rule` lists the pack's rule,
`rule FJ` explains it and `--select FJ` runs only it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
import venv
from importlib import metadata
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, example_text, lint_text

from disclosure_lint import registry
from disclosure_lint.lint import lint
from disclosure_lint.output.docs import UnknownRule, explain, rule_table
from disclosure_lint.registry import RegistryError
from disclosure_lint.rule import Rule, Severity, describe

PACK_DIR = ROOT / "examples" / "plugin"
GROUP = registry.ENTRY_POINT_GROUP
CITATION = "、《福建省政府信息公开办法》"


def fujian_report(cited: bool, name: str = "2024-report") -> str:
    """An invented Fujian agency's report: the shipped example with the agency renamed, citing the
    province's regulation in its preamble or not."""
    text = example_text(name).replace("示例市数据管理局", "福建省示例市数据管理局")
    if cited:
        text = text.replace("以下简称《条例》）和", f"以下简称《条例》）{CITATION}和", 1)
        assert CITATION in text
    return text


def fake_rule(code: str, name: str = "fake-rule", doc: str | None = "假规则\n\n只用于测试。") -> type[Rule]:
    return type(f"Fake{code}", (Rule,), {
        "__doc__": doc, "__module__": __name__, "code": code, "name": name, "severity": Severity.WARNING,
        "check": lambda self, report: iter(()),
    })


@pytest.fixture
def installed(monkeypatch):
    """`installed(name=provider, ...)`: the entry points are the built-in pack and these packs; a
    provider is a list of rules (served by a module's get_rules), a module object, or an
    `Exception` the import raises."""
    def install(**packs):
        points = [metadata.EntryPoint("builtin", registry.BUILTIN_MODULE, GROUP)]
        for name, provider in packs.items():
            module_name = f"_test_pack_{name}"
            if isinstance(provider, types.ModuleType):
                module, module_name = provider, provider.__name__
            elif isinstance(provider, Exception):
                module = None
                monkeypatch.setitem(sys.modules, module_name, None)  # import fails (ModuleNotFoundError)
            else:
                module = types.ModuleType(module_name)
                module.get_rules = lambda rules=tuple(provider): list(rules)
            if module is not None:
                monkeypatch.setitem(sys.modules, module_name, module)
            points.append(metadata.EntryPoint(name, module_name, GROUP))
        monkeypatch.setattr(registry, "_entry_points", lambda: points)
        registry.clear_cache()

    yield install
    registry.clear_cache()


@pytest.fixture
def fujian(installed, monkeypatch):
    """The example pack, imported from the repository (not installed)."""
    monkeypatch.syspath_prepend(str(PACK_DIR))
    import disclosure_lint_fujian

    installed(fujian=disclosure_lint_fujian)
    return disclosure_lint_fujian


# --- the registry's rules about packs ---------------------------------------------------------

def test_a_pack_adds_its_rules_under_its_own_prefix(fujian):
    fj101 = registry.rule_by_code("FJ101")
    assert fj101 is not None and fj101.name == "provincial-regulation"
    assert registry.rules_with_prefix("fj") == (fj101,) == registry.select_rules(("FJ",))
    assert registry.rules_with_prefix("DL") == registry.builtin_rules()
    assert registry.all_rules() == (*registry.builtin_rules(), fj101)
    assert registry.rules_with_prefix("XX") == () and registry.rules_with_prefix("") == ()
    pack = registry.pack_of(fj101)
    assert (pack.name, pack.target, pack.builtin, pack.prefixes) == ("fujian", "disclosure_lint_fujian", False, ("FJ",))
    assert registry.pack_of(registry.rule_by_code("DL303")).builtin


@pytest.mark.parametrize("code", ["DL101", "DL999", "DLX101"])
def test_a_pack_claiming_the_builtin_prefix_is_an_error_naming_it(installed, code: str):
    installed(bad=[fake_rule(code)])
    with pytest.raises(RegistryError, match=rf"规则包 bad（_test_pack_bad）.*{code}.*DL 前缀留给内置规则"):
        registry.all_rules()


def test_the_same_code_in_two_packs_is_an_error(installed):
    installed(one=[fake_rule("ZZ101", "one")], two=[fake_rule("ZZ101", "two")])
    with pytest.raises(RegistryError, match=r"规则包 two.*ZZ101 与规则包 one.*重复"):
        registry.all_rules()


def test_the_same_code_twice_in_one_pack_is_an_error(installed):
    installed(one=[fake_rule("ZZ101", "one"), fake_rule("ZZ101", "two")])
    with pytest.raises(RegistryError, match=r"规则包 one.*ZZ101 在本包内重复定义"):
        registry.all_rules()


@pytest.mark.parametrize(("first", "second"), [("ZZ101", "ZZ102"), ("ZZ101", "ZZX101")])
def test_a_prefix_belongs_to_one_pack(installed, first: str, second: str):
    installed(one=[fake_rule(first, "one")], two=[fake_rule(second, "two")])
    with pytest.raises(RegistryError, match=r"规则包 two.*前缀 ZZX?.*与规则包 one.*冲突"):
        registry.all_rules()


def test_a_name_belongs_to_one_rule(installed):
    installed(one=[fake_rule("ZZ101", "citation")])
    with pytest.raises(RegistryError, match=r"规则包 one.*ZZ101 名称 citation 已由 DL503"):
        registry.all_rules()


@pytest.mark.parametrize(("provider", "message"), [
    (ImportError("broken"), r"无法加载规则包 bad（_test_pack_bad）"),
    (types.ModuleType("_test_pack_bad"), r"规则包 bad（_test_pack_bad）没有 get_rules\(\)"),
    ([object], r"规则包 bad.*返回了不是规则类的"),
    ([fake_rule("zz101")], r"规则包 bad.*规则代码 'zz101' 不合规范"),
    ([fake_rule("ZZ1010")], r"规则包 bad.*规则代码 'ZZ1010' 不合规范"),
    ([fake_rule("ZZ101", "Fake Rule")], r"规则包 bad.*名称 'Fake Rule' 不合规范"),
    ([fake_rule("ZZ101", doc=None)], r"规则包 bad.*ZZ101 没有文档字符串"),
])
def test_a_broken_pack_is_an_error_naming_it(installed, provider, message: str):
    installed(bad=provider)
    with pytest.raises(RegistryError, match=message):
        registry.all_rules()


def test_a_pack_claiming_a_builtin_code_stops_the_linter_with_exit_2(installed, capsys):
    from disclosure_lint.cli import main

    installed(bad=[fake_rule("DL303", "my-balance")])
    for argv in ([str(EXAMPLES / "2024-report.txt")], ["--select", "DL3", str(EXAMPLES / "2024-report.txt")], ["rule"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        out, err = capsys.readouterr()
        assert done.value.code == 2, argv
        assert "规则包 bad" in err and "DL303" in err and "DL 前缀留给内置规则" in err, err
        assert out == "" and "Traceback" not in err


# --- the rule listing and explanations ----------------------------------------------------------

def test_rule_table_lists_code_name_severity_and_summary_aligned():
    from rich.cells import cell_len

    rules = registry.builtin_rules()
    lines = rule_table(rules).splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in rules]
    for line, rule in zip(lines, rules):
        assert line.split()[1:3] == [rule.name, rule.severity.label] and line.endswith(rule.summary())
    # the summaries start in the same terminal column, Chinese severity labels notwithstanding
    assert len({cell_len(line[: line.index(rule.summary())]) for line, rule in zip(lines, rules)}) == 1
    assert rule_table(()) == ""


def test_rule_table_names_a_plugins_pack(fujian):
    line = rule_table(registry.all_rules()).splitlines()[-1]
    assert line.startswith("FJ101  provincial-regulation") and line.endswith("〔规则包 fujian〕")


def test_explain_a_code_or_name_is_the_rules_description():
    dl303 = registry.rule_by_code("DL303")
    assert explain("DL303") == explain("dl303") == explain("balance") == describe(dl303)


def test_explain_a_prefix_lists_then_describes_each_rule():
    family = registry.rules_with_prefix("DL3")
    text = explain("dl3")
    assert text.startswith(f"DL3：{len(family)} 条规则\n\n{rule_table(family)}")
    for rule in family:
        assert describe(rule) in text
    assert registry.rule_by_code("DL203").summary() not in text
    assert explain(family) == text.replace("DL3：", "DL301–DL304：", 1)


def test_explain_a_plugins_prefix_names_the_pack(fujian):
    text = explain("FJ")
    assert text.startswith("FJ：1 条规则，来自规则包 fujian")
    assert describe(registry.rule_by_code("FJ101")) in text


def test_explain_refuses_what_is_not_a_rule_in_chinese():
    with pytest.raises(UnknownRule, match="未知的规则代码、名称或前缀：DL9"):
        explain("DL9")


# --- FJ101, in this process -----------------------------------------------------------------------

def fj101_findings(text: str, fujian_pack) -> list:
    return [f for f in lint("report.txt", tuple(fujian_pack.get_rules()), text.encode("utf-8")).findings]


def test_fj101_fires_on_a_fujian_report_without_the_citation(fujian):
    found = fj101_findings(fujian_report(cited=False), fujian)
    assert [(f.code, f.line) for f in found] == [("FJ101", 3)]
    assert "《福建省政府信息公开办法》" in found[0].message
    assert fj101_findings(fujian_report(cited=True), fujian) == []


@pytest.mark.parametrize(("title", "fires"), [
    ("福清市示例局", True), ("厦门市思明区示例局", True), ("平潭综合实验区示例局", True),
    ("示例市数据管理局", False), ("湖南省平江县示例局", False),  # 南平 inside 湖南平江 is not 南平市
])
def test_fj101_knows_fujian_by_the_places_in_its_data(fujian, title: str, fires: bool):
    text = example_text().replace("示例市数据管理局2024年", f"{title}2024年", 1)
    assert bool(fj101_findings(text, fujian)) == fires


def test_the_built_in_rules_are_quiet_on_the_fujian_reports():
    assert lint_text(fujian_report(cited=True)).findings == ()
    assert lint_text((PACK_DIR / "tests" / "fujian-2024-report.txt").read_text(encoding="utf-8")).findings == ()


def test_the_packs_own_tests_pass():
    """The pack's examples are its tests (examples/plugin/tests), run as its author would run them."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACK_DIR), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=PACK_DIR, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout


# --- for real: a fresh environment with disclosure-lint and the example pack installed ------------

@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A fresh virtual environment with this project and the example pack built and installed by pip."""
    if os.environ.get("DISCLOSURE_LINT_SKIP_INSTALL") == "1":
        pytest.skip("install tests disabled (DISCLOSURE_LINT_SKIP_INSTALL=1)")
    env_dir = tmp_path_factory.mktemp("plugin") / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    install = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(ROOT), str(PACK_DIR)], capture_output=True, text=True, timeout=900)
    if install.returncode != 0 and "Could not find a version" in install.stderr + install.stdout:
        pytest.skip("no package index reachable to build the wheels")
    assert install.returncode == 0, install.stderr[-3000:]
    return env_dir


def run(env_dir: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "TERM", "PYTHONPATH")}
    env.update(NO_COLOR="1", PYTHONUTF8="1", COLUMNS="200")
    return subprocess.run([str(env_dir / "bin" / "disclosure-lint"), *args], capture_output=True, text=True,
                          env=env, cwd=cwd or env_dir, timeout=120)


def test_installed_pack_is_listed_by_rule(fresh: Path):
    done = run(fresh, "rule")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    listed = [line.split()[0] for line in lines]
    assert "FJ101" in listed and {"DL001", "DL303", "DL503"} <= set(listed)
    fj101 = lines[listed.index("FJ101")]
    assert "provincial-regulation" in fj101 and "福建省的机关未在前言中引用《福建省政府信息公开办法》" in fj101


def test_installed_pack_is_explained_by_its_prefix_and_code(fresh: Path):
    by_prefix, by_code = run(fresh, "rule", "FJ"), run(fresh, "rule", "FJ101")
    assert by_prefix.returncode == 0 and by_code.returncode == 0, by_prefix.stderr + by_code.stderr
    assert by_code.stdout.startswith("FJ101 provincial-regulation（福建省的机关未在前言中引用《福建省政府信息公开办法》）")
    assert by_code.stdout.strip() in by_prefix.stdout  # the prefix's explanation holds the rule's description
    assert "错误示例" in by_prefix.stdout and "fujian.json" in by_prefix.stdout
    assert "DL" not in by_prefix.stdout.replace("disclosure_lint", "")  # only the pack's rules


def test_installed_pack_runs_by_its_prefix_alone(fresh: Path, tmp_path: Path):
    uncited = tmp_path / "uncited.txt"  # and a DL104 for the built-in rules to find
    uncited.write_text(fujian_report(cited=False).replace("六、其他需要报告的事项", "六、需要说明的其他事项"),
                       encoding="utf-8")
    cited = tmp_path / "cited.txt"
    cited.write_text(fujian_report(cited=True), encoding="utf-8")

    only = run(fresh, "--select", "FJ", "--format", "json", str(uncited))
    assert only.returncode == 1, only.stderr
    assert [(f["code"], f["line"]) for f in json.loads(only.stdout)] == [("FJ101", 3)]

    everything = run(fresh, "--format", "json", str(uncited))
    codes = {f["code"] for f in json.loads(everything.stdout)}
    assert codes == {"FJ101", "DL104"}  # the pack runs with the built-in rules

    quiet = run(fresh, "--select", "FJ", str(cited), str(EXAMPLES / "2024-report.txt"))
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert run(fresh, str(cited)).returncode == 0  # and the cited report is clean under every rule
