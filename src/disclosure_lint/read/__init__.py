"""Reading: any input file -> `Document`, through one seam.

Readers are chosen by content first (magic bytes: a PDF, a Word document, an HTML page), by the
file's suffix second (a text file and a web page without a doctype look alike). Standard input
is sniffed the same way. Each reader is imported only when a file of its kind is read, so that
linting a `.txt` never loads the PDF library.

A file that cannot be read raises `UnreadableInput` with a message for the report's author that
names the format and says how to get a readable file.
"""

from __future__ import annotations

import errno
import importlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from disclosure_lint.document import Document


class UnreadableInput(Exception):
    """The input is not a file we can read (binary, unknown encoding, a scan, a hostile file)."""


Reader = Callable[[str, bytes], Document]

# The largest input read at all: the biggest real report PDFs are a few MB.
MAX_INPUT_BYTES = 64 * 1024 * 1024

# Suffixes of the files a directory walk picks up (the unreadable formats too, so that a
# reviewer's folder of .doc files is told what to do rather than silently skipped).
REPORT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".wps",
                   ".ofd")


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    target: str  # "module:function", imported when first needed

    def load(self) -> Reader:
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)


TEXT = ReaderSpec("text", "disclosure_lint.read.text:read_text")
HTML = ReaderSpec("html", "disclosure_lint.read.html:read_html")
DOCX = ReaderSpec("docx", "disclosure_lint.read.docx:read_docx")
PDF = ReaderSpec("pdf", "disclosure_lint.read.pdf:read_pdf")

_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

_SAVE_AS = "请在 Word 或 WPS 中“另存为” .docx，或导出为文本 PDF 后再检查"
# Formats we recognise but cannot read: what to call them, by suffix for the OLE container
# that .doc, .wps, .et and .xls share.
_OLE_FORMATS = {
    ".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）", ".et": "WPS 表格（.et）",
    ".xls": "Excel 97-2003 表格（.xls）", ".ppt": "PowerPoint 97-2003 演示文稿（.ppt）",
    ".dps": "WPS 演示文稿（.dps）",
}
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"),
)


def _refuse(message: str) -> Reader:
    def refuse(path: str, data: bytes) -> Document:
        raise UnreadableInput(message)

    return refuse


# A .docx has a few dozen members; a zip with more is not one (and parsing a directory of a
# million entries would be slow and large).
MAX_ZIP_MEMBERS = 10_000


def _zip_members(data: bytes) -> int | None:
    """The member count from the zip's end-of-directory record, without parsing the directory."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    return int.from_bytes(data[end + 10: end + 12], "little")


def _zip_kind(data: bytes) -> str:
    """What an Office Open XML (or other zip) package holds, from its member names."""
    members = _zip_members(data)
    if members is None:
        return "corrupt"
    if members >= min(MAX_ZIP_MEMBERS, 0xFFFF):  # 0xFFFF: a zip64 count, far beyond any document
        return "too_many"
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "corrupt"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _html_signature(data: bytes) -> str | None:
    """"strong" for a document that declares itself a web page, "weak" for markup near the top."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "strong"
    if head.startswith(b"<?xml") or b"<body" in head or b"<p" in head[:200]:
        return "weak"
    return None


def reader_for(path: str, data: bytes) -> Reader:
    """The reader for a file: by its content first, by its suffix second."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return PDF.load()
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "docx":
            return DOCX.load()
        return _refuse({
            "corrupt": "文件是损坏的压缩包（.docx 等 Office 文件即压缩包），无法打开：请重新下载或重新保存后再检查",
            "xlsx": "这是 Excel 表格（.xlsx），不是报告正文：请检查报告本身（.docx、PDF、网页或文本）",
            "pptx": "这是 PowerPoint 演示文稿（.pptx），不是报告正文：请检查报告本身（.docx、PDF、网页或文本）",
            "ofd": "暂不支持 OFD 版式文件：请改用同一报告的 PDF 或 .docx 版本",
            "zip": "这是压缩包，不是报告：请解压后检查其中的报告文件",
            "too_many": f"压缩包内文件超过 {MAX_ZIP_MEMBERS} 个，不是 Word 文档（疑为恶意构造的文件）",
        }[kind])
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        name = _OLE_FORMATS.get(suffix, "旧版 Office 或 WPS 文件（.doc、.wps、.xls 等）")
        return _refuse(f"暂不支持{name}：{_SAVE_AS}")
    if data.startswith(b"{\\rtf"):
        return _refuse(f"暂不支持 RTF 文档：{_SAVE_AS}")
    for magic, kind in _IMAGES:
        if data.startswith(magic):
            return _refuse(f"这是 {kind} 图片，没有文字层，无法检查：请提供报告的文字版（.docx、文本 PDF 或网页）")
    signature = _html_signature(data)
    if suffix in _HTML_SUFFIXES or signature == "strong" or (signature and suffix not in _TEXT_SUFFIXES):
        return HTML.load()
    return TEXT.load()


def read_bytes(path: str, data: bytes) -> Document:
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableInput(f"文件过大（{len(data) // (1024 * 1024)} MB，上限 {MAX_INPUT_BYTES // (1024 * 1024)} MB），"
                              "不像一份年度报告")
    return reader_for(path, data)(path, data)


def read_path(path: str) -> Document:
    try:
        size = Path(path).stat().st_size
        if size > MAX_INPUT_BYTES:
            raise UnreadableInput(f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_INPUT_BYTES // (1024 * 1024)} MB），"
                                  "不像一份年度报告")
        data = Path(path).read_bytes()
    except OSError as error:
        raise UnreadableInput(f"无法读取文件：{_OS_ERRORS.get(error.errno, error.strerror or str(error))}") from error
    return read_bytes(path, data)


_OS_ERRORS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是一个目录，不是文件",
              errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "符号链接循环"}
