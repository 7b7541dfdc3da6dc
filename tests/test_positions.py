"""Exact positions in every format, and code frames that show what a person recognises.

A finding's position must name the character it is about in the source file: for a web page the
HTML file's line and column even after entities (`&nbsp;`) and inline tags (`<span>`), and its
frame must show the cell's or paragraph's text (never markup), with the caret under the right
characters and a blank cell marked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, REAL, example_text
from docgen.html import to_html
from docgen.layout import from_tab_text

from disclosure_lint.document import BLANK_MARK, Position, TextRun
from disclosure_lint.lint import lint
from disclosure_lint.output.frame import frame_lines
from disclosure_lint.registry import all_rules


def lint_html(html: str):
    return lint("report.html", all_rules(), html.encode("utf-8"))


def source_char(html: str, position: Position) -> str:
    return html.split("\n")[position.line - 1][position.column - 1]


# ------------------------------------------------------------------------------------- cells


def test_text_run_maps_every_character_through_jumps_and_stripping():
    run = TextRun()
    run.add("  ab", Position(3, 10))
    run.add("&", Position(3, 20))  # one character standing for an entity
    run.add("cd  ", Position(4, 1))
    cell = run.cell(Position(1, 1))
    assert cell.text == "ab&cd"
    assert [(p.line, p.column) for p in map(cell.position_at, range(5))] == [
        (3, 12), (3, 13), (3, 20), (4, 1), (4, 2)]
    assert [cell.position_at(i).offset for i in range(5)] == [0, 1, 2, 3, 4]  # offsets in the excerpt
    piece = cell.slice(1, 4)
    assert piece.text == "b&c" and [(p.line, p.column) for p in map(piece.position_at, range(3))] == [
        (3, 13), (3, 20), (4, 1)]


def test_a_blank_cell_keeps_its_fallback_position_and_the_row_excerpt():
    run = TextRun()
    cell = run.cell(Position(7, 5), excerpt="规章 │ □ │ 0", excerpt_offset=5)
    assert cell.text == "" and (cell.line, cell.column) == (7, 5)
    assert cell.origin.excerpt[cell.origin.offset] == BLANK_MARK


def test_position_words_per_format():
    assert Position(12, 3).describe() == "第12行"
    assert Position(12, 3, page=4).describe() == "第4页第12行"
    assert Position(5, 1, unit="paragraph").describe() == "第5段"
    assert Position(5, 1, cell=(2, 3, 4), unit="paragraph").describe() == "第2个表格第3行第4列"


# ---------------------------------------------------------------------------------- HTML


CITATION = "依据《中华人民共和国政府信息公开条例》（国务院令第492号）"


@pytest.mark.parametrize("markup", [
    "<p>{}</p>",
    "<p>&nbsp;&nbsp;<span style='x'>依据</span>&ldquo;x&rdquo;{}</p>",
    "<p><b>依</b><i>据</i>&#12298;&#x3001;&amp;<span>\n   </span>{}</p>",
])
def test_html_citation_is_reported_at_its_own_characters(markup: str):
    text = example_text().replace("（国务院令第711号，以下简称《条例》）", "（国务院令第492号，以下简称《条例》）")
    html = to_html(from_tab_text(text)).replace("<body>", "<body>" + markup.format(CITATION), 1)
    found = [f for f in lint_html(html).findings if f.code == "DL503"]
    assert found, "DL503 should flag 国务院令第492号"
    for finding in found:
        line = html.split("\n")[finding.line - 1]
        at = finding.column - 1
        shown = finding.position.excerpt[finding.position.offset: finding.position.offset + finding.length]
        assert line[at: at + len(shown)] == shown, (line[at: at + 20], shown)
        assert "492" in shown


def test_every_finding_on_a_web_page_points_at_its_characters_or_its_blank_cell():
    html = to_html(from_tab_text(example_text("2024-report-defects")))
    findings = lint_html(html).findings
    assert {f.code for f in findings} >= {"DL105", "DL301", "DL303", "DL203", "DL104"}
    for f in findings:
        p = f.position
        char = source_char(html, p)
        if p.excerpt[p.offset] == BLANK_MARK:
            assert html.split("\n")[p.line - 1][p.column - 1:].startswith("<td"), f
        else:
            assert char == p.excerpt[p.offset], (f.code, char, p.excerpt[p.offset])


def test_html_frames_show_cell_text_with_blank_cells_marked_never_markup(tmp_path: Path):
    path = tmp_path / "defects.html"
    path.write_text(to_html(from_tab_text(example_text("2024-report-defects"))), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", str(path)], capture_output=True, text=True,
                          env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})
    frames = [line for line in done.stdout.splitlines() if " | " in line]
    assert frames and not any("<" in line or "&nbsp;" in line for line in frames)
    blank = done.stdout.split("DL203", 1)[1].splitlines()
    assert blank[2].split(" | ", 1)[1].startswith(f"{BLANK_MARK} │ {BLANK_MARK} │ {BLANK_MARK}")
    assert blank[3].split(" | ", 1)[1].startswith("^" * 17 + " 此处应有 5 个数字")


@pytest.mark.skipif(not (REAL / "shanghai-szfbgt-2019.html").is_file(), reason=f"real corpus not found at {REAL}")
def test_real_page_blank_cells_point_at_their_td():
    path = REAL / "shanghai-szfbgt-2019.html"
    source = path.read_text(encoding="utf-8").split("\n")
    blanks = [f for f in lint(str(path), all_rules()).findings if f.code == "DL203"]
    assert len(blanks) >= 20
    for f in blanks:
        assert source[f.line - 1][f.column - 1:].startswith("<td"), f


# ---------------------------------------------------------------------------------- frames


def test_frame_cuts_a_long_excerpt_to_the_width_and_keeps_the_caret_under_the_span():
    line = "前" * 150 + "国务院令第492号" + "后" * 150
    position = Position(1, 151, excerpt=line, offset=150)
    _, (gutter, text, _), (_, caret, _) = frame_lines(position, 9, width=80)
    from rich.cells import cell_len

    assert cell_len(gutter) + 3 + cell_len(text) <= 80
    start = caret.index("^")
    assert caret.count("^") == cell_len("国务院令第492号")
    assert text[len(text[: [cell_len(text[:i]) for i in range(len(text) + 1)].index(start)]):].startswith("国务院令")


def test_frame_expands_tabs_before_placing_the_caret():
    line = "规章\t0\t0\t99"
    position = Position(1, 8, excerpt=line, offset=7)
    _, (_, text, _), (_, caret, _) = frame_lines(position, 2)
    assert text == "规章    0   0   99" and caret == " " * 16 + "^^"


# ----------------------------------------------------------------------------------- JSON


def test_json_findings_keep_the_note_and_say_where_in_the_format_s_terms(tmp_path: Path):
    path = tmp_path / "defects.html"
    path.write_text(to_html(from_tab_text(example_text("2024-report-defects"))), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", "--format", "json", str(path)],
                          capture_output=True, text=True)
    found = json.loads(done.stdout)
    blank = next(f for f in found if f["code"] == "DL203")
    assert blank["note"] == "此处应有 5 个数字"
    assert isinstance(blank["line"], int) and isinstance(blank["column"], int) and "page" not in blank
    text = json.loads(subprocess.run([sys.executable, "-m", "disclosure_lint", "--format", "json",
                                      str(EXAMPLES / "2024-report-defects.txt")],
                                     capture_output=True, text=True).stdout)
    assert [f["code"] for f in text] == [f["code"] for f in found]
