"""Every cell of the three tables of the five seed reports, as the seeds print them.

The expected numbers below were typed by reading each seed's text (corpus/seeds), row by row; they
are not the parser's output. Any change in how a layout is read (a lost row, a shifted cell, a
label tail taken for a value, a blank read as 0) makes one of these fail.

Layouts: 福清 PDF text (numbers space-separated, labels split over lines), 闽清 one cell per line,
福州 one cell per line ending in " |", 石狮 and 莆田 tab-separated rows.
"""

from __future__ import annotations

import pytest
from conftest import SEED_NAMES, lint_text, seed_text

# ------------------------------------------------------------------------------ expectations

FORMAT = {"fuqing": "2019", "minqing": "2019", "fuzhou": "2021", "shishi": "2019", "putian": "2021"}

# Table 2: columns per group and format (report-format.md, "Table 2").
T2_COLUMNS = {
    "2019": {
        "clause_1": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        "clause_5": ["上一年项目数量", "本年增/减", "处理决定数量"],
        "clause_6": ["上一年项目数量", "本年增/减", "处理决定数量"],
        "clause_8": ["上一年项目数量", "本年增/减"],
        "clause_9": ["采购项目数量", "采购总金额"],
    },
    "2021": {
        "clause_1": ["本年制发件数", "本年废止件数", "现行有效件数"],
        "clause_5": ["本年处理决定数量"],
        "clause_6": ["本年处理决定数量"],
        "clause_8": ["本年收费金额（单位：万元）"],
    },
}
T2_GROUP = {
    "regulations": "clause_1", "normative_documents": "clause_1", "licensing": "clause_5",
    "other_services": "clause_5", "punishment": "clause_6", "coercion": "clause_6", "fees": "clause_8",
    "procurement": "clause_9",
}

# Table 2 rows in source order: key -> values in column order.
TABLE2 = {
    "fuqing": {  # lines 235-280
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 0],
        "licensing": [7, 5, 0],
        "other_services": [0, 0, 0],
        "punishment": [0, 0, 0],
        "coercion": [0, 0, 0],
        "fees": [0, 0],
        "procurement": [11, 67525],
    },
    "minqing": {  # lines 55-149, one cell per line
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 0],
        "licensing": [11, 0, 0],
        "other_services": [129, -14, 18],
        "punishment": [82, 1, 1],
        "coercion": [0, 0, 0],
        "fees": [0, 0],
        "procurement": [10, 39923],
    },
    "fuzhou": {  # lines 26-70
        "regulations": [0, 0, 0],
        "normative_documents": [23, 37, 18],
        "licensing": [6],
        "punishment": [0],
        "coercion": [0],
        "fees": [0],
    },
    "shishi": {  # lines 43-58
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 1],
        "licensing": [12, 6, 6],
        "other_services": [94, 0, 0],
        "punishment": [52, 7, 7],
        "coercion": [3, 0, 0],
        "fees": [0, 0],
        "procurement": [0, 0],
    },
    "putian": {  # lines 27-38
        "regulations": [0, 0, 0],
        "normative_documents": [0, 2, 0],
        "licensing": [0],
        "punishment": [1],
        "coercion": [0],
        "fees": [0],
    },
}

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
_T3_HEAD = ["new", "carried_in", "granted", "partial", *(f"withheld_{i}" for i in range(1, 9)),
            *(f"unable_{i}" for i in range(1, 4)), *(f"unprocessed_{i}" for i in range(1, 6))]
T3_ROWS = {
    "2019": [*_T3_HEAD, "other", "total", "carry_over"],
    "2021": [*_T3_HEAD, "other_1", "other_2", "other_3", "total", "carry_over"],
}
# Rows the （七）总计 sums (report-format.md, "result total").
T3_RESULT_ROWS = {fmt: [k for k in rows if k not in ("new", "carried_in", "total", "carry_over")]
                  for fmt, rows in T3_ROWS.items()}
ZERO7 = [0] * 7

# Table 3: only the rows that are not all zero; every other row of the format is seven zeros.
TABLE3_NONZERO = {
    "fuqing": {},
    "minqing": {},
    "fuzhou": {  # 7 received from 自然人: 3 withheld as 内部事务信息, 4 不掌握
        "new": [7, 0, 0, 0, 0, 0, 7],
        "withheld_5": [3, 0, 0, 0, 0, 0, 3],
        "unable_1": [4, 0, 0, 0, 0, 0, 4],
        "total": [7, 0, 0, 0, 0, 0, 7],
    },
    "shishi": {},
    "putian": {  # 3 received: 1 予以公开, 2 不掌握
        "new": [3, 0, 0, 0, 0, 0, 3],
        "granted": [1, 0, 0, 0, 0, 0, 1],
        "unable_1": [2, 0, 0, 0, 0, 0, 2],
        "total": [3, 0, 0, 0, 0, 0, 3],
    },
}


def table3(key: str) -> dict[str, list]:
    """The full expected table 3 of a seed: every row of its format, seven values each."""
    rows = T3_ROWS[FORMAT[key]]
    assert set(TABLE3_NONZERO[key]) <= set(rows)
    return {row: list(TABLE3_NONZERO[key].get(row, ZERO7)) for row in rows}


T4_COLUMNS = [f"{block}·{c}" for block in ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
              for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
# None: a blank cell (石狮 and 莆田 leave the five 行政复议 cells empty).
TABLE4 = {
    "fuqing": [0] * 15,
    "minqing": [0] * 15,
    "fuzhou": [0] * 15,
    "shishi": [None] * 5 + [0] * 10,
    "putian": [None] * 5 + [0] * 10,
}


def report(key: str):
    return lint_text(seed_text(key)).report


def text_at(rep, span, length: int | None = None) -> str:
    line = rep.source_lines[span.line - 1]
    return line[span.column - 1 : span.column - 1 + (span.length if length is None else length)]


# ------------------------------------------------------------------------------------- format


def test_every_seed_has_expectations():
    assert set(FORMAT) == set(TABLE2) == set(TABLE3_NONZERO) == set(TABLE4) == set(SEED_NAMES)


def test_table_formats(seed_key: str):
    rep = report(seed_key)
    assert rep.table(2).format == FORMAT[seed_key]
    assert rep.table(3).format == FORMAT[seed_key]
    assert rep.table(4).format == "both"


def test_tables_have_no_shape_issues(seed_key: str):
    rep = report(seed_key)
    for n in (2, 3, 4):
        table = rep.table(n)
        assert (table.strays, table.cells_lost, table.unreadable) == ((), None, None), n
        assert not any(r.overfull for r in table.rows), n
    assert not [f for f in lint_text(seed_text(seed_key), select=("DL202",)).findings]


# ------------------------------------------------------------------------------------ table 2


def test_table2_every_cell(seed_key: str):
    t = report(seed_key).table(2)
    fmt = FORMAT[seed_key]
    got = {r.key: [c.value for c in r.cells] for r in t.rows}
    assert [r.key for r in t.rows] == list(TABLE2[seed_key])
    assert got == TABLE2[seed_key]
    for r in t.rows:
        assert r.group == T2_GROUP[r.key]
        assert [c.column for c in r.cells] == T2_COLUMNS[fmt][r.group], r.key
        assert all(c.kind == "number" for c in r.cells), r.key
        assert all(type(c.value) is int for c in r.cells), r.key  # counts and these amounts are whole


# ------------------------------------------------------------------------------------ table 3


def test_table3_every_cell(seed_key: str):
    t = report(seed_key).table(3)
    expected = table3(seed_key)
    assert list(t.columns) == T3_COLUMNS
    assert [r.key for r in t.rows] == list(expected)
    for r in t.rows:
        assert [c.column for c in r.cells] == T3_COLUMNS, r.key
        assert [c.kind for c in r.cells] == ["number"] * 7, r.key
        assert [c.value for c in r.cells] == expected[r.key], r.key


# ------------------------------------------------------------------------------------ table 4


def test_table4_every_cell(seed_key: str):
    t = report(seed_key).table(4)
    assert len(t.rows) == 1
    cells = t.rows[0].cells
    assert [c.column for c in cells] == T4_COLUMNS
    assert [c.value for c in cells] == TABLE4[seed_key]
    assert [c.kind for c in cells] == ["blank" if v is None else "number" for v in TABLE4[seed_key]]


# ---------------------------------------------------------------------------------- positions


def test_every_number_cell_points_at_its_digits(seed_key: str):
    """Each number cell's span covers exactly the characters it was read from."""
    rep = report(seed_key)
    count = 0
    for n in (2, 3, 4):
        for row, c in rep.table(n).cells():
            if c.kind == "number":
                assert text_at(rep, c.span) == c.raw, (n, row.key, c.column, c.span)
                assert int(c.raw) == c.value
                count += 1
    expected = (sum(len(v) for v in TABLE2[seed_key].values()) + 7 * len(T3_ROWS[FORMAT[seed_key]])
                + sum(v is not None for v in TABLE4[seed_key]))
    assert count == expected


# (seed, table, row key, column, line, column, raw): positions read off the source by hand.
POSITIONS = [
    ("putian", 3, "new", "总计", 45, 31, "3"),  # 一、本年新收…数量\t\t3\t0\t0\t0\t0\t0\t3\t
    ("putian", 3, "unable_1", "自然人", 57, 26, "2"),  # (四) 无法提 息\t1. 本机关不掌握相关政府信\t2…
    ("putian", 2, "normative_documents", "本年废止件数", 28, 11, "2"),
    ("putian", 3, "total", "总计", 69, 20, "3"),  # (七) 总计\t3\t0…\t3\t
    ("shishi", 2, "punishment", "上一年项目数量", 51, 6, "52"),
    ("shishi", 2, "other_services", "上一年项目数量", 48, 12, "94"),
    ("shishi", 3, "unable_2", "总计", 78, 26, "0"),  # label wrapped onto line 80
    ("fuzhou", 3, "withheld_5", "自然人", 173, 1, "3"),
    ("fuzhou", 3, "total", "总计", 332, 1, "7"),
    ("fuzhou", 2, "normative_documents", "现行有效件数", 34, 1, "18"),
    ("minqing", 2, "other_services", "本年增/减", 93, 1, "-14"),
    ("minqing", 2, "procurement", "采购总金额", 149, 1, "39923"),
    ("minqing", 3, "carry_over", "总计", 547, 1, "0"),
    ("fuqing", 2, "procurement", "采购总金额", 280, 11, "67525"),
    ("fuqing", 2, "licensing", "本年增/减", 247, 8, "5"),
    ("fuqing", 3, "total", "总计", 503, 19, "0"),  # （七）总计 0 0 0 0 0 0 0
    ("fuqing", 3, "withheld_2", "自然人", 402, 1, "0"),  # label over lines 396-400
]


@pytest.mark.parametrize(("key", "table", "row", "column", "line", "col", "raw"), POSITIONS,
                         ids=[f"{p[0]}-{p[1]}-{p[2]}-{p[3]}" for p in POSITIONS])
def test_cell_positions(key, table, row, column, line, col, raw):
    rep = report(key)
    cell = rep.table(table).row(row).cell(column)
    assert (cell.span.line, cell.span.column) == (line, col)
    assert cell.raw == raw
    assert text_at(rep, cell.span, len(raw)) == raw


@pytest.mark.parametrize(("key", "line"), [("shishi", 96), ("putian", 77)])
def test_blank_review_cells_are_the_empty_cells_of_their_line(key: str, line: int):
    rep = report(key)
    cells = rep.table(4).rows[0].cells
    source = rep.source_lines[line - 1]
    assert source.startswith("\t" * 5) and source[5] == "0"
    blanks = cells[:5]
    assert [c.kind for c in blanks] == ["blank"] * 5
    assert [c.raw for c in blanks] == [""] * 5
    assert [c.span.line for c in blanks] == [line] * 5
    # each empty cell sits before its tab: columns 1..5; the first number is at column 6
    assert [c.span.column for c in blanks] == [1, 2, 3, 4, 5]
    assert (cells[5].span.line, cells[5].span.column) == (line, 6)
    assert [c.span.column for c in cells[5:]] == list(range(6, 25, 2))


@pytest.mark.parametrize(("key", "lines"), [
    ("fuqing", [621] * 15),
    ("minqing", list(range(589, 618, 2))),
    ("fuzhou", list(range(371, 386))),
])
def test_table4_cell_lines(key: str, lines: list[int]):
    cells = report(key).table(4).rows[0].cells
    assert [c.span.line for c in cells] == lines
    if key == "fuqing":
        assert [c.span.column for c in cells] == list(range(1, 30, 2))
