"""Code frames: the source line under a finding, with a caret row that lines up under CJK text.

Widths are counted in terminal cells (a Chinese character is two), with rich.cells.cell_len, and
tabs are expanded to the next multiple of four cells, so the carets land under the characters
they point at whatever the line holds.
"""

from __future__ import annotations

from rich.cells import cell_len

TAB = 4


def expand(text: str) -> str:
    out: list[str] = []
    width = 0
    for ch in text:
        if ch == "\t":
            pad = TAB - width % TAB
            out.append(" " * pad)
            width += pad
        else:
            out.append(ch)
            width += cell_len(ch)
    return "".join(out)


def caret_offsets(line: str, column: int, length: int) -> tuple[int, int]:
    """(cells before the span, cells under it) for 1-based `column` and `length` characters."""
    start = max(column - 1, 0)
    end = min(max(start + length, start + 1), max(len(line), start + 1))
    before = cell_len(expand(line[:start]))
    under = cell_len(expand(line[:end])) - before
    return before, max(under, 1)


WINDOW = 60  # characters shown on each side of a span in a long line (web pages have huge lines)


def window(text: str, column: int, length: int) -> tuple[str, int]:
    """Cut a long line around the span; returns the shown text and the span's column in it."""
    if len(text) <= 2 * WINDOW + length:
        return text, column
    start = max(column - 1 - WINDOW, 0)
    end = min(column - 1 + length + WINDOW, len(text))
    prefix = "…" if start else ""
    shown = prefix + text[start:end] + ("…" if end < len(text) else "")
    return shown, column - start + len(prefix)


def frame_lines(source_lines: tuple[str, ...], line: int, column: int, length: int,
                note: str | None = None) -> list[tuple[str, str, str]]:
    """[(gutter, text, kind)] where kind is 'source' or 'caret'; empty when the line is unknown."""
    if not 1 <= line <= len(source_lines):
        return []
    text = source_lines[line - 1].rstrip("\r\n")
    text, column = window(text, column, length)
    before, under = caret_offsets(text, column, length)
    number = str(line)
    blank = " " * len(number)
    caret = " " * before + "^" * under + (f" {note}" if note else "")
    return [(blank, "", "gutter"), (number, expand(text), "source"), (blank, caret, "caret")]
