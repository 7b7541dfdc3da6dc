"""`disclosure-lint dump FILE`: the parsed model as JSON, every table cell with value, kind and place.

Run as a user runs it (a subprocess); checked against the seed text itself and against the
hand-typed tables of test_seed_tables.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest
from conftest import seed_path, seed_text
from test_seed_tables import FORMAT, T3_COLUMNS, T4_COLUMNS, TABLE2, TABLE4, table3


def run_dump(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosure_lint", "dump", *args], input=stdin,
                          capture_output=True, timeout=60)


@functools.cache
def dumped(key: str) -> dict:
    done = run_dump(str(seed_path(key)))
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert done.stderr == b""
    return json.loads(done.stdout.decode("utf-8"))


def tables(data: dict) -> dict[int, dict]:
    return {s["number"]: s["table"] for s in data["sections"] if s["table"] is not None}


def cell(data: dict, table: int, row: str, column: str) -> dict:
    (r,) = [r for r in tables(data)[table]["rows"] if r["key"] == row]
    (c,) = [c for c in r["cells"] if c["column"] == column]
    return c


def test_dump_has_the_three_tables_with_their_format(seed_key: str):
    t = tables(dumped(seed_key))
    assert sorted(t) == [2, 3, 4]
    assert [t[n]["table"] for n in (2, 3, 4)] == ["表二", "表三", "表四"]
    assert [t[n]["format"] for n in (2, 3, 4)] == [FORMAT[seed_key], FORMAT[seed_key], "both"]
    assert all((t[n]["strays"], t[n]["cells_lost"], t[n]["unreadable"]) == ([], None, None) for n in (2, 3, 4))


def test_every_dumped_cell_carries_value_kind_line_and_column(seed_key: str):
    lines = seed_text(seed_key).split("\n")
    count = 0
    for number, table in tables(dumped(seed_key)).items():
        for row in table["rows"]:
            for c in row["cells"]:
                assert set(c) >= {"column", "kind", "value", "raw", "position"}
                line, column = c["position"]["line"], c["position"]["column"]
                assert isinstance(line, int) and isinstance(column, int)
                if c["kind"] == "number":
                    assert lines[line - 1][column - 1 : column - 1 + len(c["raw"])] == c["raw"], (number, row["key"])
                    assert c["value"] == int(c["raw"])
                else:
                    assert c["kind"] == "blank" and c["value"] is None
                count += 1
    assert count == (sum(len(v) for v in TABLE2[seed_key].values()) + 7 * len(table3(seed_key)) + 15)


def test_dumped_values_are_the_seed_tables(seed_key: str):
    t = tables(dumped(seed_key))
    assert {r["key"]: [c["value"] for c in r["cells"]] for r in t[2]["rows"]} == TABLE2[seed_key]
    rows3 = t[3]["rows"]
    assert {r["key"]: [c["value"] for c in r["cells"]] for r in rows3} == table3(seed_key)
    assert all([c["column"] for c in r["cells"]] == T3_COLUMNS for r in rows3)
    (row4,) = t[4]["rows"]
    assert [c["value"] for c in row4["cells"]] == TABLE4[seed_key]
    assert [c["column"] for c in row4["cells"]] == T4_COLUMNS


# (seed, table, row, column) -> value, kind, line, column; read off the source text
SPOTS = [
    ("putian", 3, "new", "总计", 3, "number", 45, 31),
    ("putian", 3, "unable_1", "自然人", 2, "number", 57, 26),
    ("putian", 4, "cases", "行政复议·总计", None, "blank", 77, 5),
    ("shishi", 4, "cases", "行政复议·结果维持", None, "blank", 96, 1),
    ("shishi", 4, "cases", "行政诉讼（未经复议直接起诉）·结果维持", 0, "number", 96, 6),
    ("shishi", 2, "licensing", "上一年项目数量", 12, "number", 47, 6),
    ("minqing", 2, "other_services", "本年增/减", -14, "number", 93, 1),
    ("minqing", 4, "cases", "行政诉讼（复议后起诉）·总计", 0, "number", 617, 1),
    ("fuzhou", 3, "withheld_5", "自然人", 3, "number", 173, 1),
    ("fuzhou", 2, "normative_documents", "本年废止件数", 37, "number", 33, 1),
    ("fuqing", 2, "procurement", "采购总金额", 67525, "number", 280, 11),
    ("fuqing", 3, "total", "总计", 0, "number", 503, 19),
]


@pytest.mark.parametrize(("key", "table", "row", "column", "value", "kind", "line", "col"), SPOTS,
                         ids=[f"{s[0]}-{s[1]}-{s[2]}-{s[3]}" for s in SPOTS])
def test_dumped_cell_spot_checks(key, table, row, column, value, kind, line, col):
    c = cell(dumped(key), table, row, column)
    assert (c["value"], c["kind"], c["position"]["line"], c["position"]["column"]) == (value, kind, line, col)
    source = seed_text(key).split("\n")[line - 1]
    if kind == "number":
        assert source[col - 1 :].startswith(str(value))
    else:
        assert source[col - 1] == "\t"  # an empty cell of a tab row, before its tab


def test_dump_reads_stdin_and_shows_decimals_and_blanks():
    """An edited 莆田 from stdin: the 收费金额 0.35 (an amount: a decimal, written as a string so as
    not to lose digits) and a 表三 cell written as — (blank, no value)."""
    lines = seed_text("putian").split("\n")
    assert lines[37] == "行政事业性收费\t0\t\t" and lines[45].startswith("二、上年结转政府信息公开申请数量\t\t0\t")
    lines[37] = "行政事业性收费\t0.35\t\t"
    lines[45] = lines[45].replace("\t\t0\t", "\t\t—\t", 1)
    done = run_dump("-", stdin="\n".join(lines).encode("utf-8"))
    assert done.returncode == 0, done.stderr.decode("utf-8")
    data = json.loads(done.stdout.decode("utf-8"))
    fee = cell(data, 2, "fees", "本年收费金额（单位：万元）")
    assert (fee["value"], fee["kind"], fee["raw"], fee["position"]) == ("0.35", "number", "0.35",
                                                                      {"line": 38, "column": 9})
    dash = cell(data, 3, "carried_in", "自然人")
    assert (dash["value"], dash["kind"], dash["raw"], dash["position"]) == (None, "blank", "—",
                                                                          {"line": 46, "column": 19})


def test_dump_of_a_missing_file_is_a_usage_error(tmp_path):
    done = run_dump(str(tmp_path / "nope.txt"))
    assert done.returncode == 2
    assert done.stdout == b""
    assert "Traceback" not in done.stderr.decode("utf-8")
