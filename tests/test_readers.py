"""The reader seam: a file is read by what it is (its first bytes), then by its name; formats we
cannot read are one DL001 that names the format and says how to get a readable file; readers of
heavy formats are imported only when such a file is read."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from conftest import EXAMPLES, example_text
from docgen.html import to_html
from docgen.layout import from_tab_text

from disclosure_lint.lint import lint
from disclosure_lint.read import MAX_INPUT_BYTES, UnreadableInput, read_bytes, reader_for
from disclosure_lint.registry import all_rules

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def dl001(path: str, data: bytes) -> str:
    findings = lint(path, all_rules(), data).findings
    assert [f.code for f in findings] == ["DL001"], findings
    return findings[0].message


@pytest.mark.parametrize("suffix, name", [
    (".doc", "Word 97-2003 文档（.doc）"), (".wps", "WPS 文字文档（.wps）"), (".et", "WPS 表格（.et）"),
    (".xls", "Excel 97-2003 表格（.xls）"), (".bin", "旧版 Office 或 WPS 文件"),
])
def test_old_office_files_name_their_format_and_say_save_as_docx(suffix: str, name: str):
    message = dl001(f"report{suffix}", OLE)
    assert name in message and "另存为” .docx" in message


@pytest.mark.parametrize("magic, kind", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"), (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "JPEG"),
    (b"II*\x00" + b"\x00" * 64, "TIFF"),
])
def test_images_have_no_text_layer(magic: bytes, kind: str):
    message = dl001("scan.txt", magic)
    assert kind in message and "没有文字层" in message


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("members, words", [
    ({"xl/workbook.xml": b"<x/>"}, "Excel"),
    ({"ppt/presentation.xml": b"<x/>"}, "PowerPoint"),
    ({"OFD.xml": b"<x/>"}, "OFD"),
    ({"a.txt": b"x"}, "压缩包"),
])
def test_other_zip_packages_say_what_they_are(members: dict, words: str):
    assert words in dl001("report.docx", _zip(members))


def test_a_truncated_zip_is_corrupt_not_a_crash():
    data = _zip({"word/document.xml": b"<w:document/>" * 100})
    assert "损坏" in dl001("report.docx", data[: len(data) // 2])


def test_content_decides_before_the_name():
    page = to_html(from_tab_text(example_text())).encode("utf-8")
    assert reader_for("report.txt", page).__name__ == "read_html"  # a web page saved as .txt
    assert reader_for("report.html", b"%PDF-1.7\n").__name__ == "read_pdf"
    assert reader_for("report.pdf", OLE).__name__ == "refuse"
    assert reader_for("-", page).__name__ == "read_html"  # standard input is sniffed the same way
    assert reader_for("notes.md", b"<p>not html in markdown</p>").__name__ == "read_text"


def test_a_web_page_on_standard_input_is_read_as_html():
    page = to_html(from_tab_text(example_text("2024-report-defects"))).encode("utf-8")
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", "--no-frames", "-"], input=page,
                          capture_output=True)
    out = done.stdout.decode()
    assert done.returncode == 1 and "-:" in out and "DL301" in out and "DL001" not in out


def test_an_oversized_input_is_refused_before_reading(tmp_path: Path):
    with pytest.raises(UnreadableInput, match="文件过大"):
        read_bytes("big.txt", b" " * (MAX_INPUT_BYTES + 1))


def test_linting_text_loads_no_pdf_or_word_reader():
    code = ("import sys; from disclosure_lint.cli import main\n"
            "try:\n    main([sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pdfminer', 'pypdfium2', 'PIL')"
            " or m in ('disclosure_lint.read.pdf', 'disclosure_lint.read.docx', 'disclosure_lint.read.html'))\n"
            "print('HEAVY', heavy)")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "2024-report.txt")], capture_output=True, text=True)
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
