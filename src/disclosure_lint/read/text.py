"""The plain-text reader: decoding, line ends, and the cell layouts of extracted text.

Layouts met in the wild: paragraphs; tab-separated table rows (blank cells kept, since their
position is meaningful); web text with one cell per line ending in ` |`, rows separated by lines of
bare `|`. Space-separated numbers inside a line are split later, by the tokenizer, which knows
what a number is.
"""

from __future__ import annotations

import codecs

import regex

from disclosure_lint.document import Block, Cell, Document, Position
from disclosure_lint.read import UnreadableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with BOM, or GB18030 (a superset of GBK)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UnreadableInput(f"文件以 {encoding} 标记开头，但无法按该编码解码") from error
    if b"\x00" in data:
        raise UnreadableInput("文件含有二进制内容（NUL 字节），不是文本文件")
    candidates = [("utf-8", "strict"), ("gb18030", "strict")]
    lenient = data.decode("utf-8", errors="replace")
    # A few broken bytes in a UTF-8 file scraped from the web should not make it unreadable;
    # a GBK file read as UTF-8 breaks everywhere, and falls to GB18030 as it should.
    if lenient.count("\ufffd") <= max(4, len(lenient) // 1000):
        candidates.insert(1, ("utf-8", "replace"))
    for encoding, errors in candidates:
        try:
            text = data.decode(encoding, errors=errors)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UnreadableInput("文件含有大量控制字符，不是文本文件")
        return text, encoding
    raise UnreadableInput("无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK）")


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and lone CR, the way line numbers are counted everywhere else."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _stripped_cell(piece: str, line: int, start: int, raw: str) -> Cell:
    """A cell for `piece`, which begins at 0-based column `start` of the line `raw`."""
    lead = len(piece) - len(piece.lstrip())
    return Cell(piece.strip(), Position(line, start + lead + 1, excerpt=raw, offset=start + lead))


def line_block(raw: str, line: int) -> Block | None:
    if not raw.strip():
        return None
    if "\t" in raw.strip():
        cells, start = [], 0
        for piece in raw.split("\t"):
            cells.append(_stripped_cell(piece, line, start, raw))
            start += len(piece) + 1
        # Leading and trailing empty cells are kept: a row's blank cells are data.
        return Block("row", tuple(cells))
    stripped = raw.rstrip()
    if stripped.endswith("|"):
        content = stripped.rstrip("|")
        if not content.strip():
            return None  # a row separator of a `|` layout
        return Block("paragraph", (_stripped_cell(content, line, 0, raw),))
    return Block("paragraph", (_stripped_cell(raw, line, 0, raw),))


def read_text(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    lines = split_lines(text)
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    blocks = tuple(b for n, raw in enumerate(lines, 1) if (b := line_block(raw, n)) is not None)
    return Document(path=path, lines=tuple(lines), blocks=blocks, encoding=encoding)
