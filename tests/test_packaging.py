"""grammar/ and rules/ live outside src/ yet are part of the package: found the same way (through
`disclosure_lint`) in an editable install, where they are the repository's live files, and in a
regular install, where the wheel carries them."""

from __future__ import annotations

import os
import subprocess
import venv
from importlib import resources
from pathlib import Path

import pytest
from conftest import ROOT

import disclosure_lint.rules

PROBE = (
    "import disclosure_lint.rules as r, importlib.resources as res, pathlib;"
    "g = res.files('disclosure_lint') / 'grammar';"
    "print(pathlib.Path(r.__file__).resolve().parent);"
    "print(sorted(p.name for p in g.iterdir() if p.name.endswith(('.lark', '.json'))))"
)


def test_grammar_and_rules_resolve_through_the_package():
    grammar = resources.files("disclosure_lint") / "grammar"
    assert (grammar / "structure.lark").is_file() and (grammar / "tables.lark").is_file()
    assert (grammar / "template.json").is_file()
    from disclosure_lint.registry import all_rules

    assert {"DL001", "DL101", "DL203", "DL303"} <= {r.code for r in all_rules()}


def test_editable_install_sees_the_repository_files():
    here = Path(disclosure_lint.rules.__file__).resolve().parent
    if ROOT not in here.parents and here != ROOT / "rules":
        pytest.skip("the package under test is not an editable install of this checkout")
    assert here == ROOT / "rules"


@pytest.mark.skipif(os.environ.get("DISCLOSURE_LINT_SKIP_INSTALL") == "1", reason="install test disabled")
def test_regular_install_ships_grammar_and_rules(tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(ROOT)],
                             capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and "Could not find a version" in install.stderr + install.stdout:
        pytest.skip("no package index reachable to build the wheel")
    assert install.returncode == 0, install.stderr[-2000:]
    probe = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    rules_dir, grammar_files = probe.stdout.splitlines()
    assert "site-packages" in rules_dir and not rules_dir.startswith(str(ROOT))
    assert grammar_files == str(["structure.lark", "tables.lark", "template.json"])
    run = subprocess.run([str(env_dir / "bin" / "disclosure-lint"), str(ROOT / "examples" / "2024-report.txt")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    listed = subprocess.run([str(env_dir / "bin" / "disclosure-lint"), "rule"], capture_output=True, text=True)
    assert "DL303" in listed.stdout
