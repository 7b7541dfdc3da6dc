"""The same report in every format gives the same findings.

The shipped examples and the five seed reports are retyped as a web page with HTML tables, a Word
document with Word tables and a PDF with ruled tables (tests/docgen), read back and linted: the
findings must be the seed's expected ones (../shared/docs/rules.md), message for message the
same as from the text, each placed in that format's own terms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, seed_path
from docgen.layout import from_report, from_tab_text

from disclosure_lint.lint import lint, load_report
from disclosure_lint.registry import all_rules

EXPECTED = {
    "fuqing": [],
    "minqing": [],
    "fuzhou": ["DL105", "DL106"],
    "shishi": ["DL105", "DL203", "DL104"],
    "putian": ["DL503", "DL203"],
}


def write(fmt: str, layout, path: Path) -> Path:
    if fmt == "html":
        from docgen.html import write_html

        return write_html(layout, path.with_suffix(".html"))
    if fmt == "docx":
        from docgen.docx import write_docx

        return write_docx(layout, path.with_suffix(".docx"))
    from docgen.pdf import write_pdf

    return write_pdf(layout, path.with_suffix(".pdf"))


def messages(path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint(str(path), all_rules()).findings]


def _place_words(finding) -> bool:
    """The finding's place is in the format's terms."""
    p = finding.position
    kind = Path(finding.path).suffix
    if kind == ".pdf":
        return p.page is not None and p.line >= 1
    if kind == ".docx":
        return p.unit == "paragraph"
    return p.page is None and p.unit == "line"


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
@pytest.mark.parametrize("name", ["2024-report", "2024-report-defects"])
def test_examples_give_the_same_findings_in_every_format(fmt: str, name: str, tmp_path: Path):
    text = EXAMPLES / f"{name}.txt"
    path = write(fmt, from_tab_text(text.read_text(encoding="utf-8")), tmp_path / name)
    findings = lint(str(path), all_rules()).findings
    assert [(f.code, f.message) for f in findings] == messages(text)
    assert all(_place_words(f) for f in findings if f.position is not None)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_seeds_typed_into_tables_give_their_expected_findings(seed_key: str, fmt: str, tmp_path: Path):
    source = seed_path(seed_key)
    path = write(fmt, from_report(load_report(str(source))), tmp_path / seed_key)
    found = messages(path)
    assert sorted(code for code, _ in found) == sorted(EXPECTED[seed_key])
    assert found == messages(source)
