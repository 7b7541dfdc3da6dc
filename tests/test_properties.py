"""Property-based tests (hypothesis): whatever the input, `lint()` returns findings and never raises.

Inputs: random text and random bytes (as .txt, and named .html/.docx/.pdf/.doc so that the reader
seam picks each reader), bytes behind each format's magic number, Word packages around random
XML, the examples as Word, HTML and PDF files with bytes cut, overwritten, dropped or repeated,
the examples (in the benchmark's layouts and encodings) truncated anywhere, their lines shuffled,
duplicated and deleted, and the cells of their table rows deleted, duplicated, swapped, emptied or
replaced.

For every input:
* `lint()` returns a `Result` whose findings are `Finding`s of known rules (an unreadable input is
  one DL001); no DL000 (an internal error the linter caught: a defect of ours to report);
* each lint finishes within BOUND seconds of CPU time (measured; the slowest is printed at the end);
* findings are sorted; the same input linted twice gives equal findings (deterministic);
* in a text or HTML file every finding's line and column are inside the input: 1 <= line <= the
  number of lines (LF, CRLF and CR end a line), 1 <= column <= that line's length + 1;
* the text and JSON outputs render the findings (code frames included, cut to a width between 16
  and 165 columns) without raising;
* edited examples also go through the cross-year rules, as this year's and as last year's report.

In CI each test is bounded (`max_examples`, about 25 s for the file). The long run:

    nice .venv/bin/python tests/test_properties.py --long 100000

scales every test's budget so that the total is about that many inputs and prints the count,
the time and the slowest input.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # script mode: benchmark, docgen

import benchmark

from disclosure_lint.lint import cross_check, lint
from disclosure_lint.registry import all_rules
from disclosure_lint.rule import Finding

RULES = all_rules()
CODES = {r.code for r in RULES} | {"DL001"}
BOUND = 2.0  # CPU seconds for one lint of one input (generous: an example report takes ~5 ms)
SOURCE_TEXTS = {key: path.read_text(encoding="utf-8") for key, path in benchmark.SOURCES.items()}

# Examples per test in CI, and each test's share of a long run (PDFs are slow: a small share).
BUDGET = {
    "random_text": (150, 20), "random_bytes": (150, 10), "magic_bytes": (120, 8), "docx_xml": (60, 6),
    "corrupt_docx_html": (100, 10), "corrupt_pdf": (16, 1), "truncated": (150, 15), "line_edits": (180, 15),
    "cell_edits": (180, 15),
}
LONG = int(os.environ.get("DL_PROPERTIES_LONG", "0") or 0)


def budget(name: str) -> int:
    ci, share = BUDGET[name]
    if not LONG:
        return ci
    return max(ci, round(LONG * share / sum(s for _, s in BUDGET.values())))


def bounded(name: str):
    return settings(max_examples=budget(name), deadline=None, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# ------------------------------------------------------------------------------ the checks

# CPU seconds (a nice'd run on a busy machine waits for the CPU: its wall time says little)
STATS = {"inputs": 0, "seconds": 0.0, "slowest": 0.0, "slowest_input": "", "slowest_wall": 0.0,
         "started": time.perf_counter()}


def _describe(path: str, data: bytes, how: str) -> str:
    return f"{how}: {path}, {len(data)} bytes, starts {data[:40]!r}"


def split_lines(text: str) -> list[str]:
    """Lines as the linter counts them: LF, CRLF and a lone CR end a line (nothing else does)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _plain(data: bytes) -> bool:
    """Bytes the reader seam reads as text (no magic number, no markup near the top)."""
    return (b"%PDF-" not in data[:1024] and b"<" not in data[:2048]
            and not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff",
                                     b"GIF8", b"II*\x00", b"MM\x00*", b"BM")))


def check(path: str, data: bytes, how: str, text: str | None = None):
    """Lint `data` as `path` twice and check every invariant; `text`: the file's text, when it is a
    text or HTML file whose line and column positions can be checked against it. Returns the result."""
    start, cpu = time.perf_counter(), time.process_time()
    first = lint(path, RULES, data)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    second = lint(path, RULES, data)
    STATS["inputs"] += 1
    STATS["seconds"] += cpu
    STATS["slowest_wall"] = max(STATS["slowest_wall"], elapsed)
    if cpu > STATS["slowest"]:
        STATS["slowest"], STATS["slowest_input"] = cpu, _describe(path, data, how)
    assert cpu <= BOUND, f"{cpu:.2f} s > {BOUND} s for {_describe(path, data, how)}"
    findings = first.findings
    assert isinstance(findings, tuple) and all(isinstance(f, Finding) for f in findings)
    well_formed(findings)
    if not first.report.is_report:
        assert [f.code for f in findings if f.code.startswith("DL0")] in ([], ["DL001"])
    assert findings == second.findings, "not deterministic"
    assert [f.as_dict() for f in findings] == [f.as_dict() for f in second.findings]
    for f in findings:
        assert f.line >= 1 and f.column >= 1, f
        p = f.position
        if p is not None and p.page is not None:
            assert p.page >= 1, f
    if text is not None:
        lines = split_lines(text)
        for f in findings:
            assert 1 <= f.line <= len(lines), (f.line, len(lines), f)
            assert 1 <= f.column <= len(lines[f.line - 1]) + 1, (f.column, lines[f.line - 1], f)
    render(first, 16 + len(data) % 150)
    return first


def well_formed(findings) -> None:
    """Known codes, no internal error, sorted."""
    internal = [f for f in findings if f.code == "DL000"]
    assert not internal, f"internal error: {internal[0].message} {internal[0].note}"
    assert {f.code for f in findings} <= CODES, {f.code for f in findings} - CODES
    assert list(findings) == sorted(findings, key=lambda f: f.sort_key), "findings not sorted"


def render(result, width: int = 100) -> None:
    """The text output (code frames cut to `width` columns) and the JSON output."""
    from rich.console import Console

    from disclosure_lint.output import json as json_output
    from disclosure_lint.output import text as text_output

    console = Console(file=io.StringIO(), width=width, highlight=False)
    text_output.render([result], console, show_frames=True, summary_line=True)
    json_output.render([result])


def check_text(path: str, text: str, encoding: str, how: str):
    data = text.encode(encoding, errors="replace")
    plain = encoding == "utf-8" and (_plain(data) or path.endswith(".html"))
    return check(path, data, how, text if plain else None)


@cache
def clean_result(source: str):
    return lint(f"{source}.txt", RULES, SOURCE_TEXTS[source].encode("utf-8"))


def check_cross_year(result, other: str) -> None:
    """The cross-year rules (DL6) with the edited report as this year's and as last year's, against
    an example, paired explicitly (--previous) and by agency and year (a folder run)."""
    example = clean_result(other)
    for results, previous in (([result], example.report), ([example], result.report), ([result, example], None)):
        checked, pairing = cross_check(results, RULES, previous=previous)
        assert len(checked) == len(results)
        for r in checked:
            well_formed(r.findings)
        pairing.warnings()


@pytest.fixture(scope="module", autouse=True)
def _summary(request):
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    line = (f"\nproperties: {STATS['inputs']} inputs linted, {STATS['seconds']:.1f} CPU s linting (first lint of "
            f"each), {time.perf_counter() - STATS['started']:.0f} s wall in all; slowest {STATS['slowest'] * 1000:.0f} "
            f"ms CPU ({STATS['slowest_input']}); slowest wall {STATS['slowest_wall'] * 1000:.0f} ms")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            print(line)
    else:
        print(line)


# ------------------------------------------------------------------------------ strategies

SEPARATORS = ["\n", "\r\n", "\r", "\t", " ", "\u3000", "|", " |", "\n\n", "\x0b", "\x0c", "\x85", "\u2028",
              "\ufeff", "\x00", "&nbsp;", "<td>", "</tr>", "%PDF-"]


@cache
def fragments() -> tuple[str, ...]:
    """The examples' lines, cells and words: text that looks like a report to the tokenizers."""
    out: set[str] = set()
    for text in SOURCE_TEXTS.values():
        for line in text.split("\n"):
            out.add(line)
            out.update(c for c in line.split("\t") if c)
            out.update(w for w in line.replace("，", "。").split("。") if w)
    return tuple(sorted(out))


reportish_text = st.lists(
    st.one_of(st.sampled_from(fragments()), st.sampled_from(SEPARATORS),
              st.integers(-5, 100_000).map(str), st.text(max_size=8)),
    max_size=150).map("".join)


@bounded("random_text")
@given(text=st.one_of(st.text(max_size=3000), reportish_text), suffix=st.sampled_from([".txt", ".txt", ".html"]),
       encoding=st.sampled_from(["utf-8", "utf-8", "gb18030", "utf-16"]))
def test_random_text(text: str, suffix: str, encoding: str):
    check_text("random" + suffix, text, encoding, "random text")


@bounded("random_bytes")
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf", ".doc", ""]))
def test_random_bytes(data: bytes, suffix: str):
    check("x" + suffix, data, "random bytes")


MAGIC = [b"%PDF-1.4\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<", b"PK\x03\x04", b"PK\x05\x06",
         b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a",
         b"<!DOCTYPE html><html><body><table><tr><td>", b"<p>", b"<?xml version='1.0'?>", b"\xef\xbb\xbf",
         b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]


@bounded("magic_bytes")
@given(magic=st.sampled_from(MAGIC), rest=st.one_of(st.binary(max_size=3000), reportish_text.map(str.encode)),
       suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf", ".doc", ".wps"]))
def test_bytes_behind_a_magic_number(magic: bytes, rest: bytes, suffix: str):
    check("x" + suffix, magic + rest, "magic " + repr(magic))


@bounded("docx_xml")
@given(paragraphs=st.lists(reportish_text, max_size=12), raw=st.one_of(st.none(), st.binary(max_size=500)),
       rows=st.lists(st.lists(st.sampled_from(["", "0", "1", "规章", "总计", "一、本年新收政府信息公开申请数量"]),
                              max_size=9), max_size=8))
def test_word_package_around_random_content(paragraphs: list[str], raw: bytes | None, rows: list[list[str]]):
    from docgen.docx import body, document_xml, package, paragraph, table

    if raw is not None:
        data = package(raw)
    else:
        clean = ["".join(ch for ch in p if ch in "\t\n" or ch >= " ") for p in paragraphs]
        content = [paragraph(p) for p in clean]
        if rows and any(rows):
            width = max(len(r) for r in rows) or 1
            content.append(table([r + [""] * (width - len(r)) for r in rows]))
        data = package(document_xml(body(*content)))
    check("x.docx", data, "docx package")


# ---- documents made from the examples, then damaged


@cache
def document(kind: str, source: str) -> bytes:
    from docgen.layout import from_tab_text

    layout = from_tab_text(SOURCE_TEXTS[source])
    if kind == "docx":
        from docgen.docx import docx_bytes

        return docx_bytes(layout)
    if kind == "html":
        from docgen.html import to_html

        return to_html(layout).encode("utf-8")
    import tempfile

    from docgen.pdf import write_pdf

    with tempfile.TemporaryDirectory() as scratch:
        return write_pdf(layout, Path(scratch) / "r.pdf").read_bytes()


@st.composite
def damaged(draw, data: bytes) -> tuple[bytes, str]:
    """`data` cut short, a range overwritten with random bytes, a range dropped or repeated."""
    n = len(data)
    i = draw(st.integers(0, n))
    j = draw(st.integers(i, min(n, i + 2000)))
    how = draw(st.sampled_from(["truncate", "overwrite", "drop", "repeat", "flip"]))
    if how == "truncate":
        return data[:i], f"truncated at {i}"
    if how == "overwrite":
        noise = draw(st.binary(min_size=j - i, max_size=j - i))
        return data[:i] + noise + data[j:], f"bytes {i}-{j} overwritten"
    if how == "drop":
        return data[:i] + data[j:], f"bytes {i}-{j} dropped"
    if how == "repeat":
        return data[:j] + data[i:j] + data[j:], f"bytes {i}-{j} repeated"
    k = min(i, n - 1)
    return data[:k] + bytes([data[k] ^ draw(st.integers(1, 255))]) + data[k + 1 :], f"byte {k} flipped"


@bounded("corrupt_docx_html")
@given(data=st.data(), kind=st.sampled_from(["docx", "html"]), source=st.sampled_from(list(SOURCE_TEXTS)))
def test_damaged_word_and_html_files(data, kind: str, source: str):
    original = document(kind, source)
    damaged_bytes, how = data.draw(damaged(original))
    check(f"{source}.{kind}", damaged_bytes, f"{kind} {how}")


@bounded("corrupt_pdf")
@given(data=st.data(), source=st.sampled_from(["2024", "2024-defects"]))
def test_damaged_pdf_files(data, source: str):
    damaged_bytes, how = data.draw(damaged(document("pdf", source)))
    check(f"{source}.pdf", damaged_bytes, f"pdf {how}")


# ---- the examples, in the benchmark's layouts and encodings, edited

layouts = st.sampled_from(list(benchmark.LAYOUTS))
encodings = st.sampled_from(["utf-8", "utf-8", "gb18030", "utf-16"])
sources = st.sampled_from(list(SOURCE_TEXTS))


@bounded("truncated")
@given(data=st.data(), source=sources, kind=layouts, encoding=encodings, as_html=st.booleans())
def test_truncated_examples(data, source: str, kind: str, encoding: str, as_html: bool):
    if as_html:
        raw = document("html", source)
        cut = data.draw(st.integers(0, len(raw)))
        check("cut.html", raw[:cut], f"{source} html cut at byte {cut}",
              raw[:cut].decode("utf-8", errors="ignore") if _decodes(raw[:cut]) else None)
        return
    full = benchmark.layout(SOURCE_TEXTS[source], kind).encode(encoding)
    cut = data.draw(st.integers(0, len(full)))
    piece = full[:cut]  # perhaps inside a character
    text = piece.decode("utf-8") if encoding == "utf-8" and _decodes(piece) else None
    check("cut.txt", piece, f"{source} {kind} {encoding} cut at byte {cut}", text)


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@st.composite
def line_edits(draw, lines: list[str]) -> tuple[list[str], str]:
    how = draw(st.sampled_from(["shuffle", "delete", "duplicate", "move", "mixed"]))
    out = list(lines)
    if how == "shuffle":
        return draw(st.permutations(out)), how
    steps = draw(st.integers(1, 12)) if how == "mixed" else 1
    for _ in range(steps):
        op = draw(st.sampled_from(["delete", "duplicate", "move"])) if how == "mixed" else how
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        j = draw(st.integers(i + 1, min(len(out), i + 40)))
        if op == "delete":
            del out[i:j]
        elif op == "duplicate":
            out[i:i] = out[i:j] * draw(st.integers(1, 3))
        else:
            block = out[i:j]
            del out[i:j]
            k = draw(st.integers(0, len(out)))
            out[k:k] = block
    return out, how


@bounded("line_edits")
@given(data=st.data(), source=sources, kind=layouts, encoding=encodings, other=sources)
def test_shuffled_duplicated_deleted_lines(data, source: str, kind: str, encoding: str, other: str):
    text = benchmark.layout(SOURCE_TEXTS[source], kind)
    end = "\r\n" if "\r\n" in text else "\n"
    lines, how = data.draw(line_edits(text.split(end)))
    result = check_text("lines.txt", end.join(lines), encoding, f"{source} {kind} lines {how}")
    check_cross_year(result, other)


NOISE_CELLS = ["", " ", "0", "1", "-1", "—", "/", "无", "1.5", "０", "１２", "999999999999", "3件", "规章", "（七）总计",
               "五、存在的主要问题及改进情况", "总计", "行政复议"]


@st.composite
def cell_edits(draw, text: str) -> tuple[str, str]:
    """Some table rows (tab lines) of `text` with cells deleted, duplicated, swapped, emptied or replaced."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if "\t" in line]
    done = []
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.sampled_from(rows))
        cells = lines[i].split("\t")
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "empty", "replace", "split", "join"]))
        a = draw(st.integers(0, len(cells) - 1))
        b = draw(st.integers(0, len(cells) - 1))
        if op == "delete" and len(cells) > 1:
            del cells[a]
        elif op == "duplicate":
            cells.insert(a, cells[a])
        elif op == "swap":
            cells[a], cells[b] = cells[b], cells[a]
        elif op == "empty":
            cells[a] = ""
        elif op == "replace":
            cells[a] = draw(st.sampled_from(NOISE_CELLS))
        elif op == "split":  # a cell's text broken across two cells (a wrapped label)
            cut = draw(st.integers(0, len(cells[a])))
            cells[a : a + 1] = [cells[a][:cut], cells[a][cut:]]
        elif op == "join" and a + 1 < len(cells):  # two cells run together
            cells[a : a + 2] = [cells[a] + draw(st.sampled_from(["", " "])) + cells[a + 1]]
        lines[i] = "\t".join(cells)
        done.append(f"{op} {a} on line {i + 1}")
    return "\n".join(lines), "; ".join(done)


@bounded("cell_edits")
@given(data=st.data(), source=sources, kind=st.sampled_from([*benchmark.LAYOUTS, "html", "docx"]), encoding=encodings,
       other=sources)
def test_deleted_duplicated_swapped_cells(data, source: str, kind: str, encoding: str, other: str):
    text, how = data.draw(cell_edits(SOURCE_TEXTS[source]))
    how = f"{source} {kind} cells {how}"
    if kind in ("html", "docx"):
        from docgen.layout import from_tab_text

        layout = from_tab_text(text)
        if kind == "html":
            from docgen.html import to_html

            page = to_html(layout)
            result = check("cells.html", page.encode("utf-8"), how, page)
        else:
            from docgen.docx import docx_bytes

            result = check("cells.docx", docx_bytes(layout), how)
    else:
        result = check_text("cells.txt", benchmark.layout(text, kind), encoding, how)
    check_cross_year(result, other)


# ------------------------------------------------------------------------------ the long run


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="tests/test_properties.py", description="the long property run")
    parser.add_argument("--long", type=int, default=100_000, metavar="N", help="about N inputs in all (100000)")
    args, rest = parser.parse_known_args(argv)
    budgets = {name: max(ci, round(args.long * share / sum(s for _, s in BUDGET.values())))
               for name, (ci, share) in BUDGET.items()}
    print(f"long property run: {sum(budgets.values())} examples planned {budgets}", flush=True)
    # pytest in a fresh process: this one has imported hypothesis already (no assertion rewriting)
    command = [sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider", "--no-header",
               "--durations=0", *rest]
    return subprocess.run(command, env={**os.environ, "DL_PROPERTIES_LONG": str(args.long)}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
