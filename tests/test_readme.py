"""The README shows what the linter prints today: its sample session is compared with a real run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sample() -> tuple[list[str], list[str]]:
    """(the command's arguments, the printed lines) of the README's first shell session; `…` marks
    lines left out."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```\n$ disclosure-lint ", 1)[1].split("```", 1)[0]
    command, *lines = block.rstrip("\n").split("\n")
    return command.split(), lines


def test_the_readme_sample_is_what_the_linter_prints():
    args, shown = _sample()
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    printed = done.stdout.rstrip("\n").split("\n")
    assert done.returncode == 1
    # Every shown line appears, in order; an ellipsis stands for any lines in between.
    at = 0
    for line in shown:
        if line == "…":
            continue
        assert line in printed[at:], f"README line not printed (in order): {line!r}"
        at = printed.index(line, at) + 1
    assert shown[-1] == printed[-1]  # the summary
    assert shown[:4] == printed[:4]  # the first finding with its whole frame
