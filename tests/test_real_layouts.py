"""Reports as people save them: a crawler's one-line text, cells run together, PDF-layout text.

Invented reports (tests/fixtures/county-2023-report.txt and the shipped examples, agencies and
numbers made up) are written into each layout by the functions below, from their plain tab-layout
text, and must give the findings of the plain layout: the same rules, the same messages (only the
line numbers a message names differ). Where a table's numbers ran together so that its cells
cannot be told apart, that table gives one DL202 instead of its own findings; everything else is
still checked.

The real files of ../shared/corpus/real (and the `pdftotext -layout` text of its PDFs) give the
findings checked by hand against each document, listed with the reason at each test.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import regex
from conftest import EXAMPLES, REAL, lint_text, seed_text

from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules

FIXTURES = Path(__file__).parent / "fixtures"
COUNTY = FIXTURES / "county-2023-report.txt"  # 示例县自然资源局 2023: eight findings in plain layout
# Rules that read a table's cells: an unreadable table gives none of their findings.
CELL_RULES = ("DL202", "DL203", "DL204", "DL301", "DL302", "DL303", "DL304", "DL501")
TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}


def plain(name: str) -> str:
    path = COUNTY if name == "county" else EXAMPLES / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    if name == "2024-report-defects":
        # Its five blank 行政复议 cells leave no trace once a layout has no cell separators (spaces,
        # a PDF): the row then has ten numbers, which DL203 reports in other words. Filled here.
        text = text.replace("\t\t\t\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "1\t0\t0\t0\t1" + "\t0" * 10)
    return text


def findings(text: str, skip_tables: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(code, message) of every finding, the line numbers in messages left out; without the
    findings about the cells of the tables named in `skip_tables`."""
    return [(f.code, regex.sub(r"第\d+行", "第…行", f.message)) for f in lint_text(text).findings
            if not (f.code in CELL_RULES and f.table in skip_tables)]


# ------------------------------------------------------------------------------ layouts


def crawler(text: str, separator: str, cells: str, header: bool = True) -> str:
    """A web archive's crawler text: a header block (unless not `header`), then the whole report on
    one line after the page's breadcrumb, its lines joined by `separator` and a table row's cells
    by `cells`."""
    lines = text.split("\n")
    title, body = lines[0], [line for line in lines[1:] if line.strip()]
    year = regex.search(r"(\d{4})年", title)
    agency = title[: year.start()] or "示例机关"
    published = f"{int(year[1]) + 1}-01-22 09:30"  # in time for a department's report
    fields = [
        f"标题: {title}", f"发布时间: {published}", "文号: ", "发布机构: ", "栏目: 政府信息公开年报",
        "原文链接: https://www.example.gov.cn/zwgk/ndbg/t20240122_1.htm", f"本地目录: zwgk/ndbg/1_{title}",
        "页面链接与图片详见 links.tsv(同目录)", "==================== 正文 ====================",
    ]
    breadcrumb = (f"当前位置： 首页政务公开政府信息公开政府信息公开年报 {title} 来源：{agency} 时间：{published} "
                  "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> ")
    joined = separator.join(cells.join(f.strip() for f in line.split("\t") if f.strip()) for line in body)
    return "\n".join([*(fields if header else []), breadcrumb + joined, ""])


def one_line_spaced(text: str) -> str:
    return crawler(text, " ", " ")


def one_line_run_together(text: str) -> str:
    return crawler(text, "", "")


def width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(1, columns - width(text))


def wrap(text: str, size: int) -> list[str]:
    """Lines of at most `size` characters, never cutting a number or a web address."""
    lines, line = [], ""
    for ch in text:
        if len(line) >= size and not (regex.match(r"[\w.:/%-]", ch, flags=regex.ASCII)
                                      and regex.match(r"[\w.:/%-]", line[-1], flags=regex.ASCII)):
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def chunked_header(labels: list[str], indent: int, step: int) -> list[str]:
    """Column labels as a PDF prints them: each wrapped in two-character pieces, the pieces of all
    columns side by side, line after line (商业 科研 / 企业 机构)."""
    pieces = [[label[i : i + 2] for i in range(0, len(label), 2)] for label in labels]
    return [" " * indent + "".join(pad(p[k] if k < len(p) else "", step) for p in pieces).rstrip()
            for k in range(max(map(len, pieces)))]


def pdf_layout(text: str) -> str:
    """The report as `pdftotext -layout` prints a PDF of it: the title over two lines, prose wrapped
    with a page number inside a paragraph, table labels wrapped (numbers beside their first line,
    between their lines, or on the line after them), group labels printed beside or in the middle
    of their rows, header words one piece a line, and page numbers and a running header between
    table rows (one between a label and its numbers)."""
    lines = text.split("\n")
    title = lines[0]
    year = regex.search(r"\d{4}年", title)
    out = [" " * 12 + title[: year.start()],
           " " * 6 + f"{title[year.start(): year.end() - 1]} {title[year.end() - 1:]}"]  # 2023 年…
    table: list[list[str]] = []
    section, paragraphs = 0, 0

    def flush() -> None:
        if table:
            out.extend({2: _pdf_table2, 3: _pdf_table3, 4: _pdf_table4}[section](table, title))
            table.clear()

    for line in lines[1:]:
        if "\t" in line:
            table.append([f.strip() for f in line.split("\t")])
            continue
        flush()
        if not line.strip():
            out.append("")
        elif regex.match(r"[一二三四五六][、．]", line) and len(line) < 30:
            section = "一二三四五六".index(line[0]) + 1
            out.append("   " + line)
        elif len(line) < 20:  # the signature: agency and date, to the right
            out.append(" " * 40 + line)
        else:
            paragraphs += 1
            wrapped = wrap(line, 28)
            wrapped[0] = "   " + wrapped[0]
            if paragraphs == 3 and len(wrapped) > 2:
                wrapped.insert(2, " " * 40 + "-1-")  # a page break inside the paragraph
            out.extend(wrapped)
    flush()
    return "\n".join(out) + "\n"


def _numbers(cells: list[str]) -> str:
    return "    ".join(c for c in cells if c)


def _pdf_table2(rows: list[list[str]], title: str) -> list[str]:
    out = []
    for fields in rows:
        label, rest = fields[0], fields[1:]
        if label.startswith("第二十条"):
            if "（六）" in label:
                out += ["", " " * 5 + "- 2 -"]
            out += [" " * 14 + label, ""]
        elif label == "信息内容":
            out += ["       信息内容   " + "    ".join(c for c in rest if c), ""]
        else:
            out.append(pad(label, 18) + _numbers(rest))
    return out


def _pdf_table3(rows: list[list[str]], title: str) -> list[str]:
    note, _, applicants = rows[0][0], rows[1], rows[2]
    out = [" " * 62 + rows[0][2], " " * 57 + rows[1][3]]
    out += wrap(note, 24)
    out.append(" " * 45 + pad(rows[1][2], 40) + rows[1][8])
    out += chunked_header([a for a in applicants if a], 51, 6)
    out.append("")
    groups: dict[str, list[int]] = {}  # group label -> indices of its rows
    body = []
    group = None
    for fields in rows[3:]:
        if fields[0] and fields[1]:
            group = fields[0]
        elif fields[0]:
            group = None
        label = fields[1] or fields[0]
        body.append((label, fields[2:], group))
        if group:
            groups.setdefault(group, []).append(len(body) - 1)
    prefix: dict[int, str] = {}
    after: dict[int, list[str]] = {}
    for k, (name, members) in enumerate(groups.items()):
        style = k % 4
        if style == 0:  # the whole label, spaced out, in the middle of its rows (三 、本 年 度…)
            after.setdefault(members[min(1, len(members) - 1)], []).append(" " + " ".join(name))
        elif style == 1:  # cut in two, each half beside a row: （三）不 / 予公开
            half = len(name) // 2 + 1
            prefix[members[1]], prefix[members[2]] = name[:half], name[half:]
        elif style == 2:  # beside its first row
            prefix[members[0]] = name
        else:  # alone on a line after its third row
            after.setdefault(members[min(2, len(members) - 1)], []).append(" " * 5 + name)
    furniture = {6: [" " * 33 + "— 3 —"], 13: ["", "第 2 页 共 4 页", ""], 17: [title]}
    wrapped = 0
    for i, (label, cells, _) in enumerate(body):
        head = pad(prefix.get(i, ""), 12)
        numbers = _numbers(cells)
        if len(label) <= 11:
            out.append(pad(head + label, 48) + numbers)
        else:
            parts = wrap(label, 10)
            style = wrapped % 3
            wrapped += 1
            if style == 0:  # numbers beside the first line
                out += [pad(head + parts[0], 48) + numbers, *(" " * 12 + p for p in parts[1:])]
            elif style == 1:  # numbers on the line after the label (and after a page break)
                out += [head + parts[0], *(" " * 12 + p for p in parts[1:]), *furniture.pop(i, []),
                        " " * 48 + numbers]
            else:  # numbers between the label's lines
                out += [head + parts[0], " " * 48 + numbers, *(" " * 12 + p for p in parts[1:])]
        out += after.get(i, []) + furniture.get(i, [])
    return out


def _pdf_table4(rows: list[list[str]], title: str) -> list[str]:
    out = ["          " + pad(rows[0][0], 30) + rows[0][5], "",
           " " * 30 + pad(rows[1][5], 20) + rows[1][10], ""]
    out += chunked_header(rows[2], 0, 6)
    out += ["", "", "   ".join(rows[3])]
    return out


# ------------------------------------------------------------------------------ invented reports


def test_the_invented_report_has_its_findings_in_plain_layout():
    # Each put there on purpose: the 条例 cited by the old order number, two narrative figures that
    # contradict tables 2 and 3, table 3 in the 2019 format, a row total and the result total off
    # by one, table 4's 总计 of 直接起诉 wrong, section 五 numbered 五． instead of 五、.
    assert [code for code, _ in findings(plain("county"))] == [
        "DL503", "DL501", "DL501", "DL401", "DL301", "DL302", "DL304", "DL104"]


@pytest.mark.parametrize("name", ["county", "2024-report", "2024-report-defects"])
def test_one_line_with_a_crawler_header_gives_the_findings_of_the_plain_layout(name: str):
    text = plain(name)
    crawled = one_line_spaced(text)
    assert crawled.count("\n") == 10  # nine header lines and the report on one
    assert findings(crawled) == findings(text)


def test_without_the_crawler_header_the_title_is_found_in_the_breadcrumb():
    text = plain("county")
    crawled = crawler(text, " ", " ", header=False)
    assert crawled.count("\n") == 1
    assert findings(crawled) == findings(text)
    report = lint_text(crawled).report
    assert report.title.text == "示例县自然资源局2023年政府信息公开工作年度报告"
    assert report.front_matter.text.startswith("当前位置")
    assert report.preamble.passage.text.startswith("根据《中华人民共和国政府信息公开条例》")


def test_one_line_report_is_read_as_its_parts():
    report = lint_text(one_line_spaced(plain("county"))).report
    assert report.title.text == "示例县自然资源局2023年政府信息公开工作年度报告"
    assert report.title.agency == "示例县自然资源局"
    assert report.preamble.passage.text.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "发布时间" in report.front_matter.text and "QQ空间" in report.front_matter.text
    assert [(s.number, s.heading.text, s.placement) for s in report.sections] == [
        (1, "一、总体情况", "expected"), (2, "二、主动公开政府信息情况", "expected"),
        (3, "三、收到和处理政府信息公开申请情况", "expected"), (4, "四、政府信息公开行政复议、行政诉讼情况", "expected"),
        (5, "五．存在的主要问题及改进情况", "expected"), (6, "六、其他需要报告的事项", "expected")]
    table3 = report.table(3)
    assert table3.row("new").cells[0].raw == "12" and table3.row("total").cells[-1].raw == "17"
    assert report.facts.publication_date.text == "发布时间:2024-01-22"


@pytest.mark.parametrize("name, unreadable", [
    ("county", {2: ("规章", "000"), 3: ("一、本年新收政府信息公开申请数量", "123001016"), 4: ("", "200131000200000")}),
    ("2024-report", {2: ("规章", "000"), 3: ("一、本年新收政府信息公开申请数量", "5200108"), 4: ("", "100010000000000")}),
])
def test_cells_run_together_make_their_table_one_dl202(name: str, unreadable: dict):
    text = plain(name)
    expected = findings(text, skip_tables=tuple(TABLE_NAMES[n] for n in unreadable))
    got = findings(one_line_run_together(text))
    shape = [(code, message) for code, message in got if code == "DL202"]
    assert shape == [("DL202", f"{TABLE_NAMES[n]}的数字连在一起，无法可靠地分开各单元格（如{f'“{label}”行的' if label else ''}"
                                f"“{run}”）：已跳过该表的核对") for n, (label, run) in unreadable.items()]
    assert [f for f in got if f[0] != "DL202"] == expected


def test_run_together_table_keeps_its_format_and_drops_its_cells():
    result = lint_text(one_line_run_together(plain("county")))
    report = result.report
    table2, table3, table4 = (report.table(n) for n in (2, 3, 4))
    assert (table2.format, table3.format) == ("2021", "2019")  # DL401 still sees table 3's format
    assert not table2.cells_readable and not table3.cells_readable and not table4.cells_readable
    assert table3.rows == () and table3.cells_lost.kind == "run_together"
    # Fifteen digits for fifteen cells is still a guess (a blank cell leaves no trace): not read.
    assert table4.rows == () and table4.cells_lost.digits == "200131000200000"
    dl202 = next(f for f in result.findings if f.code == "DL202" and f.table == "表三")
    source = one_line_run_together(plain("county")).split("\n")
    assert source[dl202.line - 1][dl202.column - 1:].startswith("123001016")


def test_pdf_layout_gives_the_findings_of_the_plain_layout():
    text = plain("county")
    laid_out = pdf_layout(text)
    for feature in ("— 3 —", "第 2 页 共 4 页", "- 2 -", " 三 、 本 年 度 办 理 结 果", "（五）不予处理",
                    "商业  科研", "企业  机构"):
        assert feature in laid_out, feature  # the layout has what it is meant to test
    assert findings(laid_out) == findings(text)
    table3 = lint_text(laid_out).report.table(3)
    assert [r.key for r in table3.rows] == [r.key for r in lint_text(text).report.table(3).rows]


@pytest.mark.parametrize("name", ["2024-report", "2024-report-defects"])
def test_pdf_layout_of_the_examples(name: str):
    text = plain(name)
    assert findings(pdf_layout(text)) == findings(text)


def seed_with_title(key: str) -> str:
    """A seed report whose title stands on its first line (福清 and 石狮 print it on two, or with no
    agency), as a crawler's `标题:` field would give it."""
    lines = [line for line in seed_text(key).split("\n") if line.strip()]
    if "报告" not in lines[0]:
        lines = [lines[0].strip() + lines[1].strip(), *lines[2:]]
    return "\n".join([lines[0].replace(" ", ""), *lines[1:]])


@pytest.mark.parametrize("key", ["fuqing", "minqing", "shishi", "putian"])  # 福州's copy has no title
def test_seeds_on_one_line_keep_their_findings(key: str):
    text = seed_with_title(key)
    plain_codes = sorted({code for code, _ in findings(text)})
    assert sorted({code for code, _ in findings(one_line_spaced(text))}) == plain_codes
    # Run together, every table whose rows hold several cells is one DL202 (福清's rows keep their
    # separators); nothing else changes.
    glued = lint_text(one_line_run_together(text))
    assert [s.number for s in glued.report.sections] == [1, 2, 3, 4, 5, 6]
    unreadable = {t.number for t in glued.report.tables() if not t.cells_readable}
    assert unreadable == {"fuqing": set(), "minqing": {2, 3, 4}, "shishi": {2, 3, 4}, "putian": {2, 3, 4}}[key]
    expected = findings(text, skip_tables=tuple(TABLE_NAMES[n] for n in unreadable))
    assert [f for f in findings(one_line_run_together(text)) if f[0] != "DL202"] == expected


# ------------------------------------------------------------------------------ the pieces


@pytest.mark.parametrize("row", [
    "0 0 0 0 0 00",  # the example: 00 may be 0 and 0, or 0 beside a blank
    "0000000",  # seven digits for seven cells is still a guess: a blank leaves no trace
    "500000 5",
    "640020470",
])
def test_a_row_whose_cells_ran_together_is_never_guessed(row: str):
    text = plain("2024-report").replace("一、本年新收政府信息公开申请数量\t\t5\t2\t0\t0\t1\t0\t8",
                                        f"一、本年新收政府信息公开申请数量{row}")
    result = lint_text(one_line_spaced(text))
    (table,) = [t for t in result.report.tables() if t.number == 3]
    assert not table.cells_readable and table.rows == ()
    (finding,) = [f for f in result.findings if f.code == "DL202"]
    assert row.split()[-1] in finding.message or row in finding.message


def column_by_column(text: str, rows: int) -> str:
    """Text copied out of a PDF column by column: the labels of table 3's first `rows` rows one after
    another, then their numbers one per line."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收政府信息公开申请数量\t"))
    block = [[f for f in line.split("\t") if f.strip()] for line in lines[start : start + rows]]
    labels = [f for fields in block for f in fields if not regex.fullmatch(r"[\d.]+", f)]
    numbers = [f for fields in block for f in fields if regex.fullmatch(r"[\d.]+", f)]
    return "\n".join([*lines[:start], *labels, *numbers, *lines[start + rows :]])


@pytest.mark.parametrize("name", ["2024-report", "2024-report-defects"])
def test_labels_printed_apart_from_their_numbers_make_the_table_one_dl202(name: str):
    text = plain(name)
    copied = column_by_column(text, 5)
    got = findings(copied)
    shape = [message for code, message in got if code == "DL202"]
    assert len(shape) == 1 and shape[0].startswith("表三的行标签与数字分开排列（如“1.属于国家秘密”行下有 35 个数字")
    assert [f for f in got if f[0] != "DL202"] == findings(text, skip_tables=("表三",))
    assert not lint_text(copied).report.table(3).cells_readable


@pytest.mark.parametrize("listed", [
    "本报告包括一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。",
    "本报告包括 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 等。",
])
def test_titles_listed_in_the_preamble_are_not_headings(listed: str):
    text = plain("2024-report")
    crawled = one_line_spaced(text.replace("本报告由总体情况", listed + "本报告由总体情况"))
    assert findings(crawled) == findings(text)


def test_page_numbers_are_dropped_anywhere():
    text = plain("2024-report")
    for mark in ("- 4 -", "— 6 —", "第 2 页 共 4 页", "第2页"):
        paged = text.replace("\n（二）依申请公开", f"\n{mark}\n（二）依申请公开").replace(
            "规章\t0\t0\t0\n", f"规章\t0\t0\t0\n{mark}\n").replace(
            "\t2.重复申请", f"{mark}\n\t2.重复申请")
        assert findings(paged) == findings(text), mark


# ------------------------------------------------------------------------------ real files

real = pytest.mark.skipif(not REAL.is_dir(),
                          reason=f"real corpus not found at {REAL} (clone ../shared beside this repository)")


def lint_real(name: str):
    return lint(str(REAL / name), all_rules())


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


@real
def test_real_pingtan_2021_crawler_text():
    result = lint_real("pingtan-2021.txt")
    report = result.report
    assert report.title.text == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.preamble.statistics_period is not None and report.preamble.contact is not None
    assert "栏目" not in report.preamble.passage.text  # the crawler's fields are front matter
    assert report.facts.publication_date.date.isoformat() == "2022-02-08"
    # Checked against the text: 行政规范性文件693665 (three columns), 一、本年新收…640020470 (seven)
    # and table 4's 10203120001200000 (fifteen) can each be cut in several ways.
    assert [(f.code, f.table) for f in result.findings] == [("DL202", "表二"), ("DL202", "表三"), ("DL202", "表四")]
    assert "（如“一、本年新收政府信息公开申请数量”行的“640020470”）" in result.findings[1].message
    # Table 3 is still the 2021 format, known from its row labels.
    assert report.table(3).format == "2021" and report.facts.table_formats


@real
def test_real_pingtan_hzs_2021_crawler_text():
    result = lint_real("pingtan-hzs-2021.txt")
    report = result.report
    assert report.title.agency == "平潭综合实验区行政审批局"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    # 行政规范性文件2023 is 2 0 23 or 20 2 3; table 3's 6000006 and table 4's fifteen digits would
    # read as one digit a cell only if no cell was blank, which the text cannot show: not guessed.
    assert [(f.code, f.table) for f in result.findings] == [("DL202", "表二"), ("DL202", "表三"), ("DL202", "表四")]
    assert "“6000006”" in result.findings[1].message
    # Everything else is still checked: the prose, the years, the fee statement, the deadline.
    assert report.facts.publication_date.date.isoformat() == "2022-01-19"
    assert report.table(3).format == "2021"


@real
@pytest.mark.parametrize("name, expected", [
    # Checked on the page: the preamble gives neither the website nor a contact.
    ("pingtan-2024.html", ["DL106"]),
    # 规章 row really missing from table 2; 四、政府信息公开行政法复议… is a typo in the heading.
    ("pingtan-shs-2025.html", ["DL202", "DL104"]),
    # No contact in the preamble; the page's table cells are &nbsp; blanks.
    ("shanghai-szfbgt-2019.html", ["DL106"] + ["DL203"] * 28),
])
def test_real_web_pages(name: str, expected: list[str]):
    assert codes(lint_real(name)) == expected


pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                               reason="pdftotext not installed (apt-get install poppler-utils)")


@real
@pdftotext
@pytest.mark.parametrize("name, expected", [
    # No publication channel in the preamble; table 3 has one （六）其他处理 row (2019 format) in a
    # 2023 report; table 4's 总计 cells are 0 where 10 1 0 0 and 5 0 0 0 stand before them.
    ("hongze-qzf-2023", ["DL106", "DL401", "DL304", "DL304"]),
    # As above, and the narrative's 受理…申请 17 件 against table 3's 95.
    # 区政府办代表区政府受理…17件 is the government's own count beside a table of 95 that may cover the
    # whole district: a narrower scope, not a contradiction (no DL501).
    ("hongze-qzf-2024", ["DL106", "DL401"]),
    # The preamble names no website or column where the report is published.
    ("huaian-szf-2024", ["DL106"]),
])
def test_real_pdfs_as_pdftotext_layout(name: str, expected: list[str], tmp_path: Path):
    text = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(REAL / f"{name}.pdf"), str(text)], check=True)
    result = lint(str(text), all_rules())
    assert codes(result) == expected
    table3 = result.report.table(3)
    assert len(table3.rows) == {"2019": 23, "2021": 25}[table3.format]
    assert all(c.is_number for _, c in table3.cells())
