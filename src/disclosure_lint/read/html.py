"""The HTML reader (government web pages): paragraphs and table rows with exact source positions.

Block elements end a paragraph; each <tr> becomes a row block with one cell per <td>/<th>. A
colspan or rowspan adds no cells (spans are layout, not data), while an empty <td> is a blank
cell. Script, style and form chrome are skipped; navigation text becomes paragraphs that the
grammar treats as boilerplate before the title.

Text is assembled from data, entities and the text around inline tags, with white space runs
collapsed to one space; every character keeps the line and column in the HTML file where it
stands (an `&nbsp;` maps to its `&`), so a finding points at the right characters whatever markup
lies between them.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from disclosure_lint.document import Block, Cell, Document, Position, TextRun, row_excerpt
from disclosure_lint.read.text import decode, split_lines

_SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "button", "select",
         "option", "textarea", "object"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "header", "footer", "br", "table", "tbody", "thead", "tfoot", "dd", "dt", "dl", "blockquote",
          "pre", "center", "form", "hr", "nav", "main", "aside", "caption", "figure", "address"}
_RUNS = regex.compile(r"\s+|\S+")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[Block] = []
        self._skip = 0
        self._paragraph = TextRun()
        self._row: list[tuple[TextRun, Position]] | None = None
        self._cell: TextRun | None = None

    def _here(self) -> Position:
        line, column = self.getpos()
        return Position(line, column + 1)

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
            self._cell = TextRun()
            self._row.append((self._cell, self._here()))
        elif tag in _BLOCK:
            if self._cell is not None:
                self._space(self._cell, self._here())
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
        elif tag in ("tr", "table"):
            self._end_row()
        elif tag in _BLOCK and self._cell is None:
            self._flush()

    # -- text
    def _target(self) -> TextRun:
        return self._cell if self._cell is not None else self._paragraph

    @staticmethod
    def _space(run: TextRun, position: Position) -> None:
        if run and not run.text.endswith(" "):
            run.add(" ", position)

    def handle_data(self, data):
        if self._skip or not data:
            return
        run = self._target()
        line, column = self.getpos()
        column += 1
        for m in _RUNS.finditer(data):
            piece = m.group()
            if piece[0].isspace():
                self._space(run, Position(line, column))
                breaks = piece.count("\n")
                if breaks:
                    line += breaks
                    column = len(piece) - piece.rfind("\n")
                else:
                    column += len(piece)
            else:
                run.add(piece, Position(line, column))
                column += len(piece)

    def _reference(self, source: str) -> None:
        if self._skip:
            return
        text = html.unescape(source)
        run = self._target()
        if text.isspace():  # &nbsp; and friends are white space between words
            self._space(run, self._here())
        else:
            run.add_char(text, self._here())

    def handle_entityref(self, name):
        self._reference(f"&{name};")

    def handle_charref(self, name):
        self._reference(f"&#{name};")

    # -- assembling
    def _flush(self) -> None:
        if self._paragraph:
            cell = self._paragraph.cell(Position(1, 1))
            if cell.text:
                self.blocks.append(Block("paragraph", (cell,)))
        self._paragraph = TextRun()

    def _end_cell(self) -> None:
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        row, self._row = self._row, None
        if not row:
            return
        texts = [run.text.strip() for run, _ in row]
        if not any(texts):
            return
        excerpt, starts = row_excerpt(texts)
        cells: list[Cell] = [run.cell(start, excerpt, at) for (run, start), at in zip(row, starts)]
        self.blocks.append(Block("row", tuple(cells)))

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush()


def read_html(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    collector = _Collector()
    collector.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
    collector.close()
    return Document(path=path, lines=tuple(split_lines(text)), blocks=tuple(collector.blocks),
                    encoding=encoding, kind="html")
