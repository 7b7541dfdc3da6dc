"""The pre-commit hook (.pre-commit-hooks.yaml), for real: `pre-commit try-repo` of this repository
on a temporary git repository holding a clean and a defective report must fail on the defective
one, printing its findings, and pass on the clean one.

try-repo installs the hook into an environment of its own (pip, from the package index) and
takes only committed and `git add`ed files of a local repository, so the test hands it a snapshot
of this working tree as it stands (tracked and untracked files, .gitignore respected), committed
in a temporary repository. Each try-repo run installs afresh (it keeps its store in a temporary
directory whatever PRE_COMMIT_HOME says): two runs, about ten seconds each with a warm pip cache.

pre-commit is in the `test` extra; without it (or with DISCLOSURE_LINT_SKIP_INSTALL=1) the
install tests are skipped, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from disclosure_lint.lint import lint
from disclosure_lint.read import REPORT_SUFFIXES
from disclosure_lint.registry import all_rules

HOOK_ID = "disclosure-lint"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
GIT = shutil.which("git")
UNREADABLE = {".doc", ".wps", ".ofd"}  # recognised, but all the linter can say is "save as .docx"

needs_install = pytest.mark.skipif(
    os.environ.get("DISCLOSURE_LINT_SKIP_INSTALL") == "1", reason="install tests disabled (DISCLOSURE_LINT_SKIP_INSTALL=1)")


def _hooks() -> list[dict]:
    yaml = pytest.importorskip("yaml", reason="PyYAML (installed with pre-commit) is needed to read the hook manifest")
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_manifest_declares_the_hook():
    hook = next(h for h in _hooks() if h["id"] == HOOK_ID)
    assert hook["entry"] == "disclosure-lint" and hook["language"] == "python"
    # PDF and Word files are binary: `types: [text]` would keep them from the hook.
    assert hook.get("types", ["file"]) == ["file"] and "text" not in hook.get("types_or", [])
    assert not hook.get("require_serial", False)


def test_hook_files_are_the_formats_the_linter_reads():
    hook = next(h for h in _hooks() if h["id"] == HOOK_ID)
    pattern = re.compile(hook["files"])
    for suffix in REPORT_SUFFIXES:
        for name in (f"reports/2024年报{suffix}", f"reports/2024年报{suffix.upper()}"):
            assert bool(pattern.search(name)) == (suffix not in UNREADABLE), name
    for name in ("README.md", "pyproject.toml", "report.txt.bak", "scan.png", "data.xlsx"):
        assert not pattern.search(name), name


def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1", PYTHONUTF8="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1", GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.invalid")
    return env


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run([GIT, "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> dict:
    if not PRE_COMMIT.is_file():
        pytest.skip(f"pre-commit is not installed next to {sys.executable} (pip install -e '.[test]')")
    if GIT is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout (try-repo needs one)")
    base = tmp_path_factory.mktemp("pre-commit")
    env = _git_env(base / "pre-commit-home")

    # This repository as it stands, committed: try-repo would leave out files not yet `git add`ed.
    hook_repo = base / "hook-repo"
    listed = subprocess.run([GIT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, hook_repo / name
        if source.is_symlink() or source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    _git("init", "-q", cwd=hook_repo, env=env)
    _git("add", "-A", cwd=hook_repo, env=env)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=hook_repo, env=env)

    # The user's repository: reports in text and Word, and a README the hook must leave alone.
    work = base / "reports"
    work.mkdir()
    _git("init", "-q", cwd=work, env=env)
    _git("config", "user.name", "test", cwd=work, env=env)
    _git("config", "user.email", "test@example.invalid", cwd=work, env=env)
    from docgen.docx import write_docx
    from docgen.layout import from_tab_text

    for name in ("2024-report", "2024-report-defects"):
        shutil.copy(EXAMPLES / f"{name}.txt", work / f"{name}.txt")
        write_docx(from_tab_text((EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")), work / f"{name}.docx")
    (work / "README.md").write_text("# 年度报告\n\n本仓库存放本机关的政府信息公开工作年度报告。\n", encoding="utf-8")
    _git("add", "-A", cwd=work, env=env)
    return {"hook_repo": hook_repo, "work": work, "env": env}


def try_repo(sandbox: dict, *files: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(sandbox["hook_repo"]), HOOK_ID, "--files", *files],
        cwd=sandbox["work"], env=sandbox["env"], capture_output=True, timeout=900)
    out = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    if done.returncode not in (0, 1) and re.search(r"Could not find a version|Failed to establish a new connection", out):
        pytest.skip("no package index reachable to install the hook's environment")
    return subprocess.CompletedProcess(done.args, done.returncode, out, "")


def expected_lines(path: Path, shown_as: str) -> list[str]:
    """What the hook prints for each finding (one line each, `--no-frames`), from the linter in this process."""
    findings = lint(str(path), all_rules()).findings
    return [f"{shown_as}:{f.where()}: {f.code} {f.message}" for f in findings]


@needs_install
def test_hook_fails_on_the_defective_report_and_prints_its_findings(sandbox: dict):
    done = try_repo(sandbox, "2024-report-defects.txt", "2024-report-defects.docx")
    assert done.returncode == 1, done.stdout
    assert re.search(rf"^{HOOK_ID}\.+Failed$", done.stdout, re.M), done.stdout
    for name in ("2024-report-defects.txt", "2024-report-defects.docx"):
        lines = expected_lines(sandbox["work"] / name, name)
        assert {line.split(": ")[1].split()[0] for line in lines} >= {"DL105", "DL203", "DL303"}
        for line in lines:
            assert line in done.stdout.splitlines(), f"missing from the hook's output: {line}\n{done.stdout}"


@needs_install
def test_hook_passes_on_the_clean_report_and_skips_other_files(sandbox: dict):
    done = try_repo(sandbox, "2024-report.txt", "2024-report.docx", "README.md")
    assert done.returncode == 0, done.stdout
    assert re.search(rf"^{HOOK_ID}\.+Passed$", done.stdout, re.M), done.stdout
    assert "DL0" not in done.stdout  # README.md was not handed to the linter (it would be a DL001)
