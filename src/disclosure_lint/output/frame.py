"""Code frames: the text a person recognises under a finding, with a caret row that lines up.

The text is the finding position's excerpt: a text file's line, or a web page's, PDF's or Word
document's paragraph, or a table row with its cells separated by │ and a blank cell shown as □
(never raw markup). Widths are counted in terminal cells (a Chinese character is two) with
rich.cells.cell_len, tabs are expanded to the next multiple of four cells, and a line wider than
the terminal is cut around the span, so the carets land under the characters they point at.
"""

from __future__ import annotations

from rich.cells import cell_len

from disclosure_lint.document import Position

TAB = 4
ELLIPSIS = "…"


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


def window(text: str, start: int, end: int, budget: int) -> tuple[str, int, int]:
    """Cut `text` to at most `budget` cells around text[start:end]; the shown text and the span in it.

    About a third of the room goes to the context before the span, the rest to the span and what
    follows; a cut end is marked with an ellipsis.
    """
    if cell_len(text) <= budget:
        return text, start, end
    room = budget - 2 * cell_len(ELLIPSIS)
    left, used = start, 0
    while left > 0 and used + cell_len(text[left - 1]) <= room // 3:
        left -= 1
        used += cell_len(text[left])
    right = start
    while right < len(text) and used + cell_len(text[right]) <= room:
        used += cell_len(text[right])
        right += 1
    prefix = ELLIPSIS if left else ""
    suffix = ELLIPSIS if right < len(text) else ""
    shown = prefix + text[left:right] + suffix
    shift = len(prefix) - left
    return shown, start + shift, min(end, right) + shift


def gutter_label(position: Position) -> str:
    if position.cell is not None and position.unit == "paragraph":
        return f"表{position.cell[0]}"
    return str(position.line)


def frame_lines(position: Position | None, length: int, note: str | None = None,
                width: int = 100) -> list[tuple[str, str, str]]:
    """[(gutter, text, kind)], kind 'gutter', 'source' or 'caret'; empty when there is nothing to show."""
    if position is None or not position.excerpt.strip():
        return []
    raw = position.excerpt.rstrip("\r\n")
    offset = min(position.offset, len(raw))
    end = min(max(offset + length, offset + 1), max(len(raw), offset + 1))
    # Expansion runs left to right, so the expanded prefix is the prefix of the expanded line.
    start_at, end_at = len(expand(raw[:offset])), len(expand(raw[:end]))
    label = gutter_label(position)
    budget = max(width - len(label) - 3, 24)
    text, start_at, end_at = window(expand(raw), start_at, end_at, budget)
    before = cell_len(text[:start_at])
    under = max(cell_len(text[start_at:end_at]), 1)
    blank = " " * len(label)
    caret = " " * before + "^" * under + (f" {note}" if note else "")
    return [(blank, "", "gutter"), (label, text, "source"), (blank, caret, "caret")]
