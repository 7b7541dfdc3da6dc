"""`--format github`: GitHub Actions workflow commands, one line per finding, which GitHub shows as
annotations on the files of a pull request or push:

    ::error file=reports/2024.txt,line=41,col=31,endColumn=32,title=DL301 row-total::表三……实为 9

error → `::error`, warning → `::warning`, info → `::notice`. A text or HTML report gets the file's
line and columns (`endColumn` is the column after the span, as in the JSON `end_column`). A PDF or
Word report has no file lines GitHub could point at, so its annotation names the file only and
the message starts with the place in words (`第3页第12行：…`, `第2个表格第5行第3列：…`); a
finding about the whole file names the file only; standard input names no file.

Escaping follows the Actions toolkit (`@actions/core` command.ts): in the message `%` → `%25`,
CR → `%0D`, LF → `%0A`; in a property value also `:` → `%3A` and `,` → `%2C`. A clean run prints
nothing. `--statistics` has no place here (see `output.statistics`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from disclosure_lint.lint import Result
from disclosure_lint.output.statistics import check_statistics_format
from disclosure_lint.rule import Finding, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Iterable[Result], statistics: bool = False, base: str | os.PathLike[str] | None = None) -> str:
    """The workflow commands, one per line ("" when nothing was found). Paths are made relative
    to `base` (default: the current folder, which in a GitHub workflow is the checkout) when they
    lie inside it, as GitHub expects repository-relative paths."""
    if statistics:
        check_statistics_format("github")
    root = Path(base if base is not None else os.getcwd())
    return "\n".join(command(f, root) for r in results for f in r.findings)


def command(finding: Finding, base: Path) -> str:
    properties: list[tuple[str, str]] = []
    words = finding.place_in_words()
    if finding.path != "-":
        properties.append(("file", display_path(finding.path, base)))
        p = finding.position
        if p is not None and words is None:
            properties += [("line", str(p.line)), ("col", str(p.column)),
                           ("endColumn", str(p.column + max(finding.length, 1)))]
    properties.append(("title", f"{finding.code} {finding.name}"))
    message = finding.message
    if words is not None:
        message = f"{words}：{message}"
    if finding.note:
        message = f"{message}（{finding.note}）"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND[finding.severity]} {joined}::{escape_data(message)}"


def display_path(path: str, base: Path) -> str:
    """`path` relative to `base` with forward slashes when it lies inside `base`; as given otherwise."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        return Path(path).as_posix()
