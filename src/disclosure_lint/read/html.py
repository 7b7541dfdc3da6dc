"""The HTML reader (government web pages): paragraphs and table rows with their source positions.

Block elements end a paragraph; each <tr> becomes a row block with one cell per <td>/<th>. A
colspan or rowspan adds no cells (spans are layout, not data), while an empty <td> is a blank
cell. Script, style and form chrome are skipped; navigation text becomes paragraphs that the
grammar treats as boilerplate before the title. Positions are the HTML file's line and column of
each text's first character.
"""

from __future__ import annotations

from html.parser import HTMLParser

from disclosure_lint.document import Block, Cell, Document
from disclosure_lint.read.text import decode, split_lines

_SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "button", "select",
         "option", "textarea", "object"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "header", "footer", "br", "table", "tbody", "thead", "tfoot", "dd", "dt", "dl", "blockquote",
          "pre", "center", "form", "hr", "nav", "main", "aside", "caption", "figure", "address"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._skip = 0
        self._chunks: list[tuple[str, int, int]] = []  # text, line, 0-based column
        self._row: list[Cell] | None = None
        self._cell: list[tuple[str, int, int]] | None = None
        self._cell_start: tuple[int, int] = (1, 0)

    # -- tags
    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif self._skip:
            return
        elif tag == "tr":
            self._flush()
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._flush()
                self._row = []
            self._cell = []
            self._cell_start = self.getpos()
        elif tag in _BLOCK:
            if self._cell is not None:
                self._cell.append((" ", *self.getpos()))
            else:
                self._flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self._skip -= 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(self._skip - 1, 0)
        elif self._skip:
            return
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
        elif tag in _BLOCK and self._cell is None:
            self._flush()

    def handle_data(self, data):
        if self._skip or not data:
            return
        line, column = self.getpos()
        target = self._cell if self._cell is not None else self._chunks
        target.append((data, line, column))

    # -- assembling
    @staticmethod
    def _cell_of(chunks: list[tuple[str, int, int]], fallback: tuple[int, int]) -> Cell:
        text = " ".join("".join(c[0] for c in chunks).split())
        for data, line, column in chunks:
            lead = len(data) - len(data.lstrip())
            if data.strip():
                before = data[:lead]
                if "\n" in before:  # the text starts on a later line of this chunk
                    line += before.count("\n")
                    column = len(before) - before.rfind("\n") - 1
                    lead = 0
                return Cell(text, line, column + lead + 1)
        return Cell("", fallback[0], fallback[1] + 1)

    def _flush(self) -> None:
        if self._chunks:
            cell = self._cell_of(self._chunks, (1, 0))
            if cell.text:
                self.blocks.append(Block("paragraph", (cell,)))
            self._chunks = []

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(self._cell_of(self._cell, self._cell_start))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row and any(c.text for c in self._row):
            self.blocks.append(Block("row", tuple(self._row)))
        self._row = None

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush()


def read_html(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    collector = _Collector()
    collector.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    collector.close()
    return Document(path=path, lines=tuple(split_lines(text)), blocks=tuple(collector.blocks), encoding=encoding)
