"""Shared fixtures: the five seed reports (read from ../shared/corpus/seeds) and the shipped examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
REAL = ROOT.parent / "shared" / "corpus" / "real"

SEED_NAMES = {
    "fuqing": "000_996229947495dc89.txt",  # 福清 2020: PDF text, header words one character per line
    "minqing": "001_eb3c82c87bdb8056.txt",  # 闽清 2020: web text, one cell per line
    "fuzhou": "002_8b380fe020bf2d7e.txt",  # 福州 2025: `|` cells, no title or preamble
    "shishi": "003_1eed19740971f940.txt",  # 石狮 2020: tab rows, labels wrapped mid-word
    "putian": "004_64828c65da85b473.txt",  # 莆田 2023: tab rows, a `(三)` marker missing
}


def seed_path(key: str) -> Path:
    path = SEEDS / SEED_NAMES[key]
    if not path.is_file():
        pytest.skip(f"seed corpus not found at {SEEDS} (clone ../shared beside this repository)")
    return path


def seed_text(key: str) -> str:
    return seed_path(key).read_text(encoding="utf-8")


def example_text(name: str = "2024-report") -> str:
    return (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def lint_text(text: str, path: str = "report.txt", select: tuple[str, ...] = ()):
    """Lint text as if it were a file; returns the Result (report model and findings)."""
    rules = all_rules() if not select else tuple(r for r in all_rules() if r.code.startswith(select))
    return lint(path, rules, text.encode("utf-8"))


def run_with_terminal_stderr(*args: str, timeout: float = 120):
    """Run the CLI with stderr on a pseudo-terminal (where a person watches): (the completed
    process with its stdout, everything the terminal was shown)."""
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", *args], stdout=subprocess.PIPE,
                          stderr=secondary, env={**os.environ, "COLUMNS": "80"}, timeout=timeout)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    return done, shown


def codes(text: str, **kwargs) -> list[str]:
    return [f.code for f in lint_text(text, **kwargs).findings]


@pytest.fixture(params=list(SEED_NAMES))
def seed_key(request) -> str:
    return request.param
