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

# Suffixes of the files a directory walk picks up; readers for the other formats plug in here.
REPORT_SUFFIXES = (".txt", ".text", ".md")


def reader_for(path: str) -> Reader:
    from disclosure_lint.read.text import read_text

    return read_text


def read_bytes(path: str, data: bytes) -> Document:
    return reader_for(path)(path, data)


def read_path(path: str) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UnreadableInput(f"无法读取文件：{error.strerror or error}") from error
    return read_bytes(path, data)
