"""Hatch build hook: the wheel carries the LALR tables of grammar/*.lark, built when the wheel is.

Building both parsers takes ~70–95 ms, loading their saved tables ~10 ms (docs/architecture.md,
Start-up). disclosure_lint.grammar.write_tables — the code, options and validity key the linter
checks the tables with at run time — writes them into a temporary folder, and they are added to the
wheel beside the grammars (`disclosure_lint/grammar/structure.cpython-311.lalr`). They are valid for
the Lark version and the Python that built them; under any other the linter builds its own and keeps
them in the user's cache folder.

An editable install gets none: it keeps its own in grammar/__pycache__/ (which no build packages),
saved on first use. This module is not part of the wheel.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class LarkTablesHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        self._folder = Path(tempfile.mkdtemp(prefix="disclosure-lint-tables-"))
        grammar = _grammar_module(root / "src")
        for path in grammar.write_tables(self._folder, root / "grammar"):
            build_data["force_include"][str(path)] = f"disclosure_lint/grammar/{path.name}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _grammar_module(src: Path):
    """disclosure_lint.grammar from this source tree (it needs only Lark, a dependency of this hook)."""
    sys.path.insert(0, str(src))
    try:
        module = importlib.import_module("disclosure_lint.grammar")
    finally:
        sys.path.remove(str(src))
    if Path(module.__file__).resolve().parent != (src / "disclosure_lint").resolve():
        raise RuntimeError(f"disclosure_lint.grammar was imported from {module.__file__}, not from {src}")
    return module
