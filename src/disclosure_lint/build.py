"""Building the model: a `Document` -> tokens -> parse trees -> an immutable `Report`.

The builder records what the source holds and where; it judges nothing. A table's shape (its
header words, the rows found in each place, the rows the grammar could not place, cells it cannot
know) is data on the model, and the rules (DL201, DL202, DL203) say what is wrong with it.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

import regex
from lark import Token, Tree

from disclosure_lint.document import Block, Document, compact, fold
from disclosure_lint.grammar import parse_structure, parse_table
from disclosure_lint.model import (
    CellsLost,
    CellValue,
    Fact,
    Group,
    Heading,
    Passage,
    Preamble,
    Report,
    Row,
    Section,
    Span,
    StrayRow,
    Table,
    Title,
)
from disclosure_lint.template import Template
from disclosure_lint.tokens import TableTokens, each_cell, structure_tokens

_SECTION_RULES = {"overall", "proactive", "requests", "appeals", "problems", "other"}
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_LABEL_TYPE = regex.compile(r"T[23]_[A-Z0-9_]+")
_INTEGER = regex.compile(r"-?\d+")
_YEAR_PREFIX = regex.compile(r"\d{4}年")  # 2020年新制作数量 is 本年新制作数量


def unreadable_report(path: str, reason: str) -> Report:
    return Report(path=path, source_lines=(), encoding=None, title=None,
                  preamble=Preamble(Passage.of([]), None, None, None, None), sections=(), unreadable=reason)


def build_report(document: Document, template: Template) -> Report:
    """The report model of a document, read with the national template (`template.load()`)."""
    lexed = structure_tokens(document, template)
    blocks = lexed.blocks
    parsed = parse_structure(lexed.tokens)

    title_blocks: list[int] = []
    preamble_blocks: list[int] = []
    front_blocks: list[int] = []  # web-page lines before the title (发布时间, navigation)
    accepted: set[int] = set()
    for child in parsed.tree.children:
        if isinstance(child, Token) and child.type == "BOILERPLATE":
            front_blocks.append(child.start_pos)
        elif isinstance(child, Tree) and child.data == "title":
            title_blocks = [t.start_pos for t in child.children]
        elif isinstance(child, Tree) and child.data == "preamble":
            preamble_blocks = [t.start_pos for t in child.children]
        elif isinstance(child, Tree) and child.data in _SECTION_RULES:
            accepted.add(child.children[0].start_pos)
    strays = {t.start_pos for t, _ in parsed.strays if t.type in {f"H{n}" for n in range(1, 7)}}

    heading_at = sorted(accepted | strays)
    placements = _placements([lexed.headings[i].number for i in heading_at], [i in accepted for i in heading_at])
    sections: list[Section] = []
    for k, index in enumerate(heading_at):
        end = heading_at[k + 1] if k + 1 < len(heading_at) else len(blocks)
        match = lexed.headings[index]
        placement = placements[k]
        body = [(i, blocks[i]) for i in range(index + 1, end)]
        block = blocks[index]
        heading = Heading(block.text, match.numeral, match.separator, match.title,
                          Span(block.position, len(block.cells[0].text)))
        table = build_table(body, match.number, template) if match.number in (2, 3, 4) else None
        sections.append(Section(match.number, heading, placement, _passage(b for _, b in body), heading.span,
                                table, len(body)))

    return Report(
        path=document.path,
        source_lines=document.lines,
        encoding=document.encoding,
        title=_title([blocks[i] for i in title_blocks], template),
        preamble=_preamble([blocks[i] for i in preamble_blocks], template),
        sections=tuple(sections),
        front_matter=_passage(blocks[i] for i in front_blocks),
    )


def _placements(numbers: list[int], accepted: list[bool]) -> list[str]:
    """Each heading's placement. A repeated section is a duplicate. Of the rest, the grammar's
    choice of misplaced headings stands when it is minimal; when it is not (a section moved to the
    front makes every later heading look misplaced to a left-to-right parser), the fewest headings
    are blamed: those outside a longest run of sections in increasing order.
    """
    seen: set[int] = set()
    firsts = []
    placements = ["duplicate"] * len(numbers)
    for k, number in enumerate(numbers):
        if number not in seen:
            seen.add(number)
            firsts.append(k)
    in_order = _longest_increasing([numbers[k] for k in firsts])
    grammar_strays = sum(1 for k in firsts if not accepted[k])
    keep = ({k for k in firsts if accepted[k]} if grammar_strays == len(firsts) - len(in_order)
            else {firsts[i] for i in in_order})
    for k in firsts:
        placements[k] = "expected" if k in keep else "out_of_order"
    return placements


def _longest_increasing(values: list[int]) -> list[int]:
    """Indices of one longest strictly increasing subsequence (n is at most a handful)."""
    best: list[list[int]] = []
    for i, value in enumerate(values):
        prior = [run for j, run in enumerate(best) if values[j] < value]
        best.append(max(prior, key=len, default=[]) + [i])
    return max(best, key=len, default=[])


def _passage(blocks) -> Passage:
    return Passage.of([c for b in blocks for c in b.cells if c.text])


def _title(blocks: list[Block], template: Template) -> Title | None:
    if not blocks:
        return None
    passage = _passage(blocks)
    text = "".join(b.text for b in blocks)
    span = Span(blocks[0].position, len(blocks[0].cells[0].text))  # the title's first line
    year = passage.search(_YEAR)
    # The agency is what the title says besides the year and the report's name, which may come
    # first (2019年上海市人民政府办公厅政府信息公开工作年度报告) or after it.
    name = template.report_name.search(passage.squeezed)
    before_name = passage.squeezed[: name.start()] if name else passage.squeezed
    agency = compact(_YEAR.sub("", before_name, count=1)).strip("度")
    return Title(
        text=text,
        span=span,
        agency=agency or None,
        year=int(year[0].group(1)) if year else None,
        year_span=year[1] if year else None,
    )


def _preamble(blocks: list[Block], template: Template) -> Preamble:
    passage = _passage(blocks)
    facts = {}
    for name, patterns in template.preamble_facts.items():
        found = next(filter(None, (passage.search(p) for p in patterns)), None)
        facts[name] = _fact(passage, *found) if found else None
    span = Span(blocks[0].position, len(blocks[0].cells[0].text)) if blocks else None
    return Preamble(passage, span, facts["statistics_period"], facts["publication_place"], facts["contact"])


def _fact(passage: Passage, m: regex.Match, span: Span) -> Fact:
    groups = tuple((name, text, passage.squeezed_span(*m.span(name)))
                   for name, text in m.groupdict().items() if text)
    return Fact(m.group(), span, groups)


# --------------------------------------------------------------------------- tables


def build_table(body: list[tuple[int, Block]], number: int, template: Template) -> Table | None:
    if not body:
        return None
    stream = TableTokens(body, number, template)
    parsed = parse_table(stream, number)
    start = Span(body[0][1].position)
    if parsed.tree is None:
        return Table(number, "unknown", (), (), start, start, unreadable=parsed.error or "")
    tokens = [*each_cell(parsed.tree.scan_values(lambda v: isinstance(v, Token))),
              *(t for token, values in parsed.strays for t in (token, *values))]
    run_together = any(getattr(t, "joined", False) for t in tokens)
    builder = {2: _Table2, 3: _Table3, 4: _Table4}[number](template, _CellLayout(parsed.tree), run_together)
    table = builder.build(parsed.tree, parsed.strays, start)
    lost = builder.run_together or (_apart(table) if table is not None else None)
    if table is not None and lost is not None:
        # Its cells cannot be known: no rows, and nothing else about its shape. Its format, which
        # the row labels show, stays known.
        table = Table(table.number, table.format, (), table.columns, table.span, table.region, cells_lost=lost)
    return table


def _apart(table: Table) -> CellsLost | None:
    """A table whose copy printed the labels apart from the numbers (text copied out of a PDF
    column by column: a run of labels, then the numbers of many rows): one row holds the numbers of
    several rows while another holds none. Which number belongs to which cell cannot be known."""
    crowded = next((r for r in table.rows if len(r.cells) >= 3 and r.found_values >= 2 * len(r.cells)), None)
    if crowded is None or not any(r.found_values == 0 for r in table.rows):
        return None
    return CellsLost("apart", crowded.label, crowded.span, crowded.key,
                     found=crowded.found_values, cells=len(crowded.cells))


class _CellLayout:
    """Where a tab or HTML row's numbers start, learnt from the rows of the same table.

    A text export of a table with merged cells leaves filler cells around a row's numbers, and a
    blank cell at either end of the numbers looks just like that filler. Rows whose label sits in
    the same field share a layout, so the table's other rows tell where an incomplete row's
    numbers are.
    """

    def __init__(self, tree: Tree):
        votes: dict[tuple[int, int], Counter] = {}
        for node in tree.iter_subtrees_topdown():
            if not _is_row(node):
                continue
            label, _, values = _row_parts(node)
            where = label.field
            filled = [_field_of(t) for t in values if t.type != "EMPTY"]
            if where is None or not filled or None in filled or filled != list(range(filled[0], filled[-1] + 1)):
                continue
            votes.setdefault(where, Counter())[filled[0] - where[0]] += 1
        self.offset: dict[tuple[int, int], int] = {}
        for signature, counter in votes.items():
            (best, n), *rest = counter.most_common(2) + [(None, 0)]
            if n > rest[0][1]:
                self.offset[signature] = best

    def window(self, label: Token, values: list[Token], width: int) -> list[Token] | None:
        """The `width` cells under the columns, when rows laid out like this one say where they start."""
        signature = getattr(label, "field", None)
        if signature is None or signature not in self.offset:
            return None
        start = signature[0] + self.offset[signature]
        chosen = [t for t in values if (f := _field_of(t)) is not None and start <= f < start + width]
        return chosen if len(chosen) == width else None


def _field_of(token: Token) -> int | None:
    field = getattr(token, "field", None)
    return field[0] if field else None


def _span(token: Token) -> Span:
    return Span(token.position, max(len(token), 1))


def _cell(token: Token, column: str) -> CellValue:
    if token.type == "NUM":
        if token.isdigit() and token.isascii():  # most cells: a plain count
            return CellValue(column, "number", str(token), int(token), _span(token))
        raw = fold(str(token)).replace(",", "").lstrip("+")
        try:
            value: int | Decimal = int(raw) if _INTEGER.fullmatch(raw) else Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the tokenizer only passes numbers
            return CellValue(column, "blank", str(token), None, _span(token))
        return CellValue(column, "number", str(token), value, _span(token))
    if token.type == "TEXT_CELL":
        return CellValue(column, "text", str(token), None, _span(token))
    return CellValue(column, "blank", str(token), None, _span(token))


def assign_cells(values: list[Token], columns: list[str]) -> tuple[CellValue, ...]:
    """Put a row's cells under its columns; all `missing` when the row has too few or too many.

    Blank cells at the start of a tab or HTML row are the remains of a merged label cell unless
    the row needs them to fill its columns (the five blank 行政复议 cells of table 4 do).
    """
    found = list(values)
    while len(found) > len(columns) and found[-1].type == "EMPTY":
        found.pop()
    while len(found) > len(columns) and found[0].type == "EMPTY":
        found.pop(0)
    if len(found) == len(columns):
        return tuple(_cell(t, c) for t, c in zip(found, columns))
    return tuple(CellValue(c, "missing", "", None, None) for c in columns)


def _row_parts(node: Tree) -> tuple[Token, list[Token], list[Token]]:
    """(label token, continuation text, value tokens) of a row node."""
    label = node.children[0]
    lead: list[Token] = []
    values: list[Token] = []
    stack = [c for c in reversed(node.children) if isinstance(c, Tree)]
    while stack:  # a row's subtrees are few and shallow: a direct walk, in order
        sub = stack.pop()
        if sub.data == "lead":
            lead.extend(sub.children)
        elif sub.data == "values":
            values.extend(each_cell(sub.children))
        else:
            stack.extend(c for c in reversed(sub.children) if isinstance(c, Tree))
    return label, lead, values


def _is_row(node: Tree) -> bool:
    first = node.children[0] if node.children else None
    return (isinstance(first, Token) and _LABEL_TYPE.fullmatch(first.type) is not None
            and not node.data.startswith("group_") and node.data not in {"results_label"}
            and not node.data.startswith("clause_"))


def _is_prose(text: str) -> bool:
    text = text.strip()
    return text.endswith(("。", "；", ";")) or len(text) > 60


def _key(token: Token) -> str:
    return token.type[3:].lower()


def _header(tokens) -> str:
    return compact("".join(str(t) for t in tokens))


class _TableBuilder:
    number = 0

    def __init__(self, template: Template, layout: _CellLayout, joined: bool = False):
        self.template = template
        self.layout = layout
        self.joined = joined  # some number of the table ran into the text beside it
        self.run_together: CellsLost | None = None  # the first row whose cells cannot be told apart

    def build(self, tree: Tree, strays, start: Span) -> Table | None:
        raise NotImplementedError

    def check_separated(self, key: str | None, label: str, values: list[Token], width: int) -> None:
        """In a table whose numbers ran together, a row short of cells that has a string of digits
        cannot be read: `000` may be 0 0 0, or 0 and a blank, or one cell. Nothing is guessed; the
        table's cells are lost (recorded at the first such row)."""
        run = next((t for t in values if len(t) > 1 and str(t).isdigit()), None)
        if self.joined and len(values) < width and run is not None and self.run_together is None:
            self.run_together = CellsLost("run_together", label, _span(run), key, digits=str(run))

    def row(self, key: str, label: str, token: Token, values: list[Token], columns: list[str],
            group: str | None = None) -> Row:
        self.check_separated(key, label, values, len(columns))
        if len(values) > len(columns):
            values = self.layout.window(token, values, len(columns)) or values
        return Row(key, label, str(token), _span(token), assign_cells(values, columns), group, len(values))

    @staticmethod
    def strays(strays, rows_seen: set[str], labels: dict[str, str]) -> list[StrayRow]:
        """The rows the grammar could not place: unknown, misplaced or repeated."""
        found = []
        for token, _ in strays:
            if token.type != "UNKNOWN_ROW" and _LABEL_TYPE.fullmatch(token.type) and _key(token) in labels:
                key = _key(token)
                kind = "duplicate" if key in rows_seen else "misplaced"
                found.append(StrayRow(kind, labels[key], _span(token), key))
            else:
                found.append(StrayRow("unknown", str(token), _span(token)))
        return found


class _Table3(_TableBuilder):
    number = 3

    def build(self, tree: Tree, strays, start: Span) -> Table | None:
        spec = self.template.table3
        labels: dict[str, str] = spec["row_labels"]
        columns: list[str] = spec["columns"]
        nodes = [n for n in tree.iter_subtrees_topdown() if _is_row(n)]
        if not nodes and not strays:
            return None
        rows: list[Row] = []
        for node in nodes:
            label, _, values = _row_parts(node)
            key = "other" if node.data == "other_2019" else _key(label)
            rows.append(self.row(key, labels[key], label, values, columns))
        placed = self.strays(strays, {r.key for r in rows}, labels)
        for (token, values), stray in zip(strays, placed):
            if stray.kind == "misplaced" and values:  # its numbers are known: the row is read
                rows.append(self.row(stray.key, stray.label, token, list(values), columns))

        present = {r.key for r in rows}
        if any(n.data == "other_2019" for n in nodes):  # （六）其他处理 as one row with numbers
            table_format = "2019"
        elif present & set(spec["other_rows"]["2021"]):
            table_format = "2021"
        else:
            table_format = "unknown"
        header = _header(tree.children[0].children) if tree.children else ""
        order = {k: i for i, k in enumerate(labels)}
        rows.sort(key=lambda r: order.get(r.key, 99))
        span = rows[0].span if rows else start
        return Table(3, table_format, tuple(rows), tuple(columns), span, start, header=header, strays=tuple(placed))


class _Table2(_TableBuilder):
    number = 2

    def build(self, tree: Tree, strays, start: Span) -> Table | None:
        spec = self.template.table2
        groups = {g["key"]: g for g in spec["groups"]}
        labels: dict[str, str] = spec["row_labels"]
        clause_nodes = [n for n in tree.children if isinstance(n, Tree) and n.data.startswith("clause_")]
        if not clause_nodes:
            return None

        found: list[tuple[str, Token, list[tuple[str, Token, list[Token]]], str]] = []
        votes = {"2019": 0, "2021": 0}
        for node in clause_nodes:
            header = _YEAR_PREFIX.sub("本年", _header(node.children[1].children))
            rows = []
            for sub in node.children[2:]:
                label, _, values = _row_parts(sub)
                rows.append((_key(label), label, values))
            found.append((node.data, node.children[0], rows, header))
            best = self._group_format(groups[node.data], header, rows, spec["column_patterns"])
            if best:
                votes[best] += 1
            if node.data == "clause_9" or any(k == "other_services" for k, _, _ in rows):
                votes["2019"] += 2
            if any(str(t).lstrip().startswith("行政规范性文件") for _, t, _ in rows):
                votes["2021"] += 1
        table_format = "unknown" if votes["2019"] == votes["2021"] else max(votes, key=votes.get)

        rows_out: list[Row] = []
        groups_out: list[Group] = []
        for group_key, clause_token, rows, header in found:
            group = groups[group_key]
            fmt = (table_format if table_format in group["columns"]
                   else self._group_format(group, header, rows, spec["column_patterns"]))
            columns = group["columns"].get(fmt or "", [])
            allowed = group["rows"].get(fmt or "", [])
            for key, label, values in rows:
                if columns and not (fmt and key not in allowed):  # a row of another format has no columns here
                    rows_out.append(self.row(key, labels[key], label, values, columns, group_key))
            groups_out.append(Group(group_key, _span(clause_token), header, fmt,
                                    tuple((key, _span(label)) for key, label, _ in rows)))
        placed = self.strays(strays, {r.key for r in rows_out}, labels)
        return Table(2, table_format, tuple(rows_out), (), _span(found[0][1]), start, groups=tuple(groups_out),
                     strays=tuple(placed))

    @staticmethod
    def _group_format(group: dict, header: str, rows, patterns: dict[str, str]) -> str | None:
        """The format whose column labels this group's header names (its row widths break ties)."""
        scores = {}
        for fmt, columns in group["columns"].items():
            hits = sum(1 for c in columns if regex.search(patterns[c], header))
            fits = sum(1 for _, _, values in rows if len(values) == len(columns))
            scores[fmt] = (hits / len(columns), fits)
        best = max(scores, key=scores.get)
        return best if scores[best] > (0, 0) and list(scores.values()).count(scores[best]) == 1 else None


class _Table4(_TableBuilder):
    number = 4

    def build(self, tree: Tree, strays, start: Span) -> Table | None:
        spec = self.template.table4
        columns = [f"{b['label']}·{c}" for b in spec["blocks"] for c in spec["block_columns"]]
        lead = list(tree.children[0].children) if tree.children else []
        values = list(each_cell(t for n in tree.children[1:] for t in n.children))
        header = _header(t for t in lead if not _is_prose(str(t)))
        if not values and not regex.search(spec["header_pattern"], header):
            return None
        self.check_separated("cases", "", values, len(columns))
        anchor = values[0] if values else (lead[0] if lead else None)
        span = _span(anchor) if anchor is not None else start
        row = Row("cases", "行政复议、行政诉讼", str(anchor or ""), span, assign_cells(values, columns), None,
                  len(values))
        return Table(4, "both", (row,), tuple(columns), span, start, header=header,
                     strays=tuple(self.strays(strays, set(), {})))
