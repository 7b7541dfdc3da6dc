"""Reading: any input file -> `Document`. Readers are chosen by file suffix; `.txt` is the default.

An input that cannot be read raises `UnreadableInput` with a message for the report's author.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from disclosure_lint.document import Document


class UnreadableInput(Exception):
    """The input is not text we can decode (binary, unknown encoding, unreadable file)."""


Reader = Callable[[str, bytes], Document]

# Suffixes of the files a directory walk picks up.
REPORT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".pdf", ".docx", ".doc")
_NOT_YET = {".pdf": "PDF", ".docx": "Word", ".doc": "Word"}


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p" in head[:200]


def reader_for(path: str, data: bytes) -> Reader:
    """The reader for a file, by suffix (by content for standard input)."""
    suffix = Path(path).suffix.lower()
    if suffix in _NOT_YET or data.startswith((b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        kind = _NOT_YET.get(suffix) or ("PDF" if data.startswith(b"%PDF-") else "Word")

        def unsupported(path: str, data: bytes) -> Document:
            raise UnreadableInput(f"暂不支持直接读取 {kind} 文件：请另存为文本（.txt）或网页（.html）后再检查")

        return unsupported
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".text", ".md") and _looks_like_html(data)):
        from disclosure_lint.read.html import read_html

        return read_html
    from disclosure_lint.read.text import read_text

    return read_text


def read_bytes(path: str, data: bytes) -> Document:
    return reader_for(path, data)(path, data)


def read_path(path: str) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UnreadableInput(f"无法读取文件：{error.strerror or error}") from error
    return read_bytes(path, data)
