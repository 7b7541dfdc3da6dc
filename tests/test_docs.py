"""The documentation agrees with the code: docs/rules.md is generated from the registry, and the
installing, pre-commit and plugin pages show what the repository really declares."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT

from disclosure_lint import __version__
from disclosure_lint.output.docs import rules_markdown
from disclosure_lint.registry import ENTRY_POINT_GROUP, builtin_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

DOCS = ROOT / "docs"


def test_rules_doc_is_up_to_date():
    # The built-in rules only: an installed rule pack must not make the repository's reference stale.
    generated = rules_markdown(builtin_rules())
    written = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert written == generated, "docs/rules.md is stale: run `disclosure-lint rule --markdown > docs/rules.md`"


def test_every_rule_has_a_section():
    written = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in builtin_rules():
        assert f"## {rule.code}" in written


def blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


@pytest.mark.parametrize("page", ["installing.md", "pre-commit.md", "plugins.md"])
def test_relative_links_resolve(page: str):
    text = (DOCS / page).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" not in target:
            assert (DOCS / target).resolve().exists(), f"{page} links to {target}, which does not exist"


def test_pre_commit_page_configures_the_hook_the_repository_declares():
    yaml = pytest.importorskip("yaml", reason="PyYAML (installed with pre-commit) reads the examples")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    configs = [yaml.safe_load(b) for b in blocks("pre-commit.md", "yaml")]
    remote, local = (c["repos"][0] for c in configs if isinstance(c, dict) and "repos" in c)
    assert remote["rev"] == f"v{__version__}" and "repo" in remote
    assert [h["id"] for h in remote["hooks"]] == ["disclosure-lint"] and "disclosure-lint" in hooks
    declared = hooks["disclosure-lint"]
    assert local["repo"] == "local"
    for key in ("entry", "types", "files", "args"):  # the offline variant is the same hook
        assert local["hooks"][0][key] == declared[key], key
    page = (DOCS / "pre-commit.md").read_text(encoding="utf-8")
    assert declared["files"].replace("|", "\\|") in page  # the table shows the real pattern


def test_plugins_page_declares_the_entry_point_as_the_example_pack_does():
    pack = tomllib.loads((ROOT / "examples" / "plugin" / "pyproject.toml").read_text(encoding="utf-8"))
    shown = tomllib.loads(next(b for b in blocks("plugins.md", "toml") if ENTRY_POINT_GROUP in b))
    assert shown["project"]["entry-points"][ENTRY_POINT_GROUP] == pack["project"]["entry-points"][ENTRY_POINT_GROUP]
    assert shown["project"]["name"] == pack["project"]["name"]
    assert shown["project"]["dependencies"] == pack["project"]["dependencies"]
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert ours["project"]["entry-points"][ENTRY_POINT_GROUP] == {"builtin": "disclosure_lint.rules"}
