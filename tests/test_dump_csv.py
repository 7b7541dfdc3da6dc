"""`dump --format csv`: every report's table cells as one spreadsheet (`disclosure_lint.output.csv`).

Read back the way a researcher's tools read it: the csv module (what Excel's CSV import does:
UTF-8 when the file starts with a byte-order mark, CRLF rows, quoted fields), and pandas when it is
installed. The batch is the defective example as text, web page, Word document and PDF (tests/docgen),
the clean example, and an unreadable file: every cell of every table is one row, the same numbers
whatever the format, a blank is empty (never 0), and no report drops out.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, example_text

from disclosure_lint.lint import load_report
from disclosure_lint.output import csv as csv_output

DEFECTS = EXAMPLES / "2024-report-defects.txt"
CLEAN = EXAMPLES / "2024-report.txt"
HEADER = ["path", "agency", "year", "file_format", "table_format", "table", "group", "row_key", "row", "column",
          "value", "kind", "raw", "place"]
# Cells per table of the 2021 format: table 2 has 10 (规章 3, 规范性文件 3, 许可 1, 处罚 1, 强制 1, 收费 1),
# table 3 25 rows of 7 numbers (its group labels hold none), table 4 15.
CELLS_2021 = 10 + 25 * 7 + 15


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    from docgen.docx import write_docx
    from docgen.html import write_html
    from docgen.layout import from_tab_text
    from docgen.pdf import write_pdf

    folder = tmp_path_factory.mktemp("made")
    layout = from_tab_text(example_text("2024-report-defects"))
    broken = folder / "扫描件.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return {"txt": DEFECTS, "html": write_html(layout, folder / "defects.html"),
            "docx": write_docx(layout, folder / "defects.docx"), "pdf": write_pdf(layout, folder / "defects.pdf"),
            "clean": CLEAN, "doc": broken}


@pytest.fixture(scope="module")
def sheet(made) -> bytes:
    return csv_output.render([load_report(str(made[k])) for k in made]).encode("utf-8")


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the file as UTF-8 only with the mark
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_row_per_report_and_cell(sheet: bytes, made):
    rows = read(sheet)
    per_path: dict[str, int] = {}
    for row in rows:
        per_path[row["path"]] = per_path.get(row["path"], 0) + 1
    assert per_path == {str(made[k]): CELLS_2021 for k in ("txt", "html", "docx", "pdf", "clean")} | {str(made["doc"]): 1}
    assert b"\r\n" in sheet and sheet.count(b"\r\n") == len(rows) + 1


def test_the_cells_hold_what_the_report_wrote(sheet: bytes, made):
    rows = read(sheet)

    def cell(kind: str, table: str, row_key: str, column: str) -> dict[str, str]:
        (found,) = [r for r in rows if r["path"] == str(made[kind]) and r["table"] == table and r["row_key"] == row_key
                    and r["column"] == column]
        return found

    for kind in ("txt", "html", "docx", "pdf"):
        total = cell(kind, "表三", "new", "总计")
        assert (total["value"], total["kind"], total["row"]) == ("9", "number", "一、本年新收政府信息公开申请数量")
        blank = cell(kind, "表四", "cases", "行政复议·结果维持")
        assert (blank["value"], blank["kind"], blank["raw"]) == ("", "blank", "")  # a blank is not a 0
        assert cell(kind, "表二", "fees", "本年收费金额（单位：万元）")["value"] == "1.25"
        assert cell(kind, "表二", "regulations", "本年制发件数")["group"] == "clause_1"
        assert {r["year"] for r in rows if r["path"] == str(made[kind])} == {"2024"}
        assert {r["table_format"] for r in rows if r["path"] == str(made[kind])} == {"2021"}
    assert cell("txt", "表三", "new", "总计")["place"] == "第41行第31列"
    assert cell("pdf", "表三", "new", "总计")["place"] == "第3页第13行"
    assert cell("docx", "表三", "new", "总计")["place"] == "第2个表格第4行第9列"
    clean = [r for r in rows if r["path"] == str(CLEAN)]
    assert {r["agency"] for r in clean} == {"示例市数据管理局"} and {r["kind"] for r in clean} == {"number"}


def test_every_format_gives_the_same_numbers(sheet: bytes, made):
    rows = read(sheet)
    keep = ("table", "group", "row_key", "row", "column", "value", "kind", "raw")
    tables = {k: [tuple(r[c] for c in keep) for r in rows if r["path"] == str(made[k])] for k in ("txt", "html", "docx", "pdf")}
    assert tables["txt"] == tables["html"] == tables["docx"] == tables["pdf"]
    assert {r["file_format"] for r in rows if r["path"] in {str(made[k]) for k in tables}} == {"text", "html", "docx", "pdf"}


def test_an_unreadable_report_is_one_row_saying_why(sheet: bytes, made):
    (row,) = [r for r in read(sheet) if r["path"] == str(made["doc"])]
    assert row["kind"] == "unreadable" and ".doc" in row["raw"] and row["table"] == row["value"] == ""


def test_text_that_a_spreadsheet_would_run_is_kept_as_text():
    from disclosure_lint.lint import lint
    from disclosure_lint.registry import all_rules

    text = example_text().replace("（一）予以公开\t3\t1\t0", "（一）予以公开\t3\t=1+1\t0")
    report = lint("formula.txt", all_rules(), text.encode("utf-8")).report
    rows = read(csv_output.render([report]).encode("utf-8"))
    (cell,) = [r for r in rows if r["row_key"] == "granted" and r["column"] == "商业企业"]
    assert (cell["kind"], cell["raw"], cell["value"]) == ("text", "'=1+1", "")
    negative = [r for r in rows if r["value"].startswith("-")]
    assert negative == []  # (no negative numbers here; a number's value is never prefixed)
    assert csv_output._safe("-3") == "-3" and csv_output._safe("-") == "-" and csv_output._safe("@x") == "'@x"


def test_pandas_reads_it(sheet: bytes, tmp_path: Path, made):
    pandas = pytest.importorskip("pandas", reason="pandas is not installed (it is not a dependency)")
    path = tmp_path / "cells.csv"
    path.write_bytes(sheet)
    frame = pandas.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == HEADER
    assert len(frame) == 5 * CELLS_2021 + 1
    assert frame[(frame.path == str(DEFECTS)) & (frame.row_key == "new") & (frame.column == "总计")].value.tolist() == ["9"]


def test_the_command_line_writes_it(tmp_path: Path, made):
    out = tmp_path / "cells.csv"
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", "dump", "--format", "csv", "--output-file", str(out),
                           str(made["txt"]), str(made["pdf"])], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8")
    rows = read(out.read_bytes())
    assert len(rows) == 2 * CELLS_2021
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", "dump", "--format", "csv", str(made["txt"])],
                          capture_output=True, timeout=120)
    assert done.returncode == 0 and len(read(done.stdout)) == CELLS_2021
