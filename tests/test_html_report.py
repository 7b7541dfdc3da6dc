"""`--format html`: the reviewer's page, opened in a real headless Chromium.

The page for the shipped examples — the defective one as text, and retyped as a web page, a Word
document and a PDF by tests/docgen — and the clean one is rendered with
`disclosure_lint.output.html.render`, opened from a file by Debian's `chromium` (with
`fonts-wqy-microhei` for the Chinese in screenshots; `.ci/run` installs both, elsewhere these tests
skip and say so) and checked from what the browser made of it: the DOM after its script ran
(`--dump-dom`), a screenshot, a network log and a print to PDF. Checked: the summary counts, that
every finding appears once, in its report, with its place; that the marked cells are exactly the
findings' cells (read off the drawn tables: the row's label and the cell's column under the
template's header, not the renderer's own bookkeeping), with the arithmetic of the wrong totals;
that a report holding `<script>` and `<img onerror>` runs nothing and shows them as text; that the
page makes no network request; that it prints one report per page without its navigation.

Tests of the mapping that need no browser (a narrative finding outlines the cell it contradicts,
a missing row, a row without numbers, the label fallback) read the page with html.parser.

`python tests/test_html_report.py docs/img/html-report.png` makes the README's screenshot with the
same tooling.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import EXAMPLES, ROOT, example_text, lint_text

from disclosure_lint.document import Position
from disclosure_lint.lint import Result, lint
from disclosure_lint.output.html import render
from disclosure_lint.registry import all_rules

DEFECTS = EXAMPLES / "2024-report-defects.txt"
CLEAN = EXAMPLES / "2024-report.txt"
PAGE_TITLE = "政府信息公开工作年度报告检查结果"
INSTALL = "apt-get install chromium fonts-wqy-microhei"

# ------------------------------------------------------------------------------ the browser

BROWSERS = ("chromium", "chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", "--force-device-scale-factor=1")


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def need_browser() -> str:
    found = browser()
    if found is None:
        pytest.skip(f"Chromium not found: install Debian's chromium and a CJK font ({INSTALL}) to run the "
                    "HTML report tests")
    return found


def need_cjk_font() -> None:
    fc = shutil.which("fc-list")
    if fc is None or not subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        pytest.skip(f"no Chinese font: install fonts-wqy-microhei ({INSTALL}) for screenshots")


def chromium(page: Path, work: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium on a page file with a fresh profile in `work`."""
    exe = need_browser()
    profile = work / f"profile-{len(list(work.glob('profile-*')))}"
    command = [exe, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, timeout=timeout)
    shutil.rmtree(profile, ignore_errors=True)
    return done


def dump_dom(page: Path, work: Path) -> str:
    """The DOM after the page's scripts ran and pending tasks (an image's onerror) had time to."""
    done = chromium(page, work, "--virtual-time-budget=2000", "--dump-dom")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout.decode("utf-8")


def screenshot(page: Path, png: Path, work: Path, width: int = 1400, height: int = 3000) -> Path:
    done = chromium(page, work, f"--window-size={width},{height}", f"--screenshot={png}")
    assert png.is_file(), done.stderr.decode("utf-8", "replace")[-2000:]
    return png


def page_requests(page: Path, work: Path) -> list[str]:
    """The URLs the page asked the network for, from Chromium's net log. The browser's own
    background requests (update checks and the like: initiator `not an origin`, no file:// site)
    are not the page's and are left out."""
    log = work / "net.json"
    chromium(page, work, "--virtual-time-budget=2000", f"--log-net-log={log}", "--dump-dom")
    data = json.loads(log.read_text(encoding="utf-8"))
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    found = []
    for event in data["events"]:
        params = event.get("params") or {}
        if event["type"] != start or "url" not in params:
            continue
        if params.get("initiator") != "not an origin" or "file://" in params.get("network_isolation_key", ""):
            found.append(params["url"])
    return found


class DevTools:
    """The DevTools protocol over `--remote-debugging-pipe` (fd 3: commands in, fd 4: replies out,
    each message JSON ended by a NUL byte)."""

    def __init__(self, exe: str, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen([exe, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
                                         "about:blank"], preexec_fn=fds, pass_fds=(3, 4),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise EOFError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply.get("result", {})
            self.events.append(reply)

    def wait(self, method: str, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for n, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(n)
            self.events.append(self._read())
        raise TimeoutError(method)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (EOFError, OSError, RuntimeError):
            pass
        self.process.wait(timeout=30)



# ------------------------------------------------------------------------------ reading the DOM

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: list, parent: Node | None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n is not self and (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes)]

    def one(self, tag: str | None = None, cls: str | None = None) -> Node:
        (found,) = self.all(tag, cls)
        return found

    def by_id(self, ident: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == ident), None)

    def text(self, skip: tuple[str, ...] = ()) -> str:
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not (child.classes & set(skip)):
                out.append(child.text(skip))
        return "".join(out)

    def kids(self, tag: str) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.node = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, attrs, self.node))

    def handle_endtag(self, tag):
        node = self.node
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root


# ------------------------------------------------------------------------------ what the tables show

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLUMNS = [f"{block}·{column}" for block in ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
              for column in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
# The cells the defective example's findings are about: DL301 and DL303 a wrong 总计, DL203 the
# five blank 行政复议 cells of table 4 (table 4 has no row label).
DEFECT_CELLS = {
    ("表三", "一、本年新收政府信息公开申请数量", "总计", "k-total"),
    ("表三", "四、结转下年度继续办理", "总计", "k-total"),
    *{("表四", "", f"行政复议·{c}", "k-blank") for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")},
}
DEFECT_SUMS = {"DL301": "5 + 2 + 0 + 0 + 1 + 0 = 8 ≠ 9", "DL303": "9 + 1 = 10 ≠ 8 + 1 = 9"}


def drawn_cells(report: Node, marked: str = "hit") -> set[tuple[str, str, str, str]]:
    """(table, row label, column, kind class) of every cell with class `marked`, the row label
    being the last header cell of the row and the column the one under which the cell stands."""
    found = set()
    for table in report.all("table", "t"):
        name = table.attrs["data-table"]
        columns = {"表三": T3_COLUMNS, "表四": T4_COLUMNS}.get(name)
        for tbody in table.kids("tbody"):
            for tr in tbody.kids("tr"):
                if "colhead" in tr.classes:  # table 2: each group has its own columns
                    columns = [th.text().strip() for th in tr.kids("th")[1:]]
                    continue
                ths, tds = tr.kids("th"), tr.kids("td")
                label = ths[-1].text(skip=("fn", "gone")).strip() if ths else ""
                for i, td in enumerate(tds):
                    if marked in td.classes:
                        kind = next((c for c in td.classes if c.startswith("k-")), "")
                        found.add((name, label, columns[i], kind))
    return found


def reports(dom: Node) -> list[Node]:
    return dom.all("section", "report")


# ------------------------------------------------------------------------------ inputs


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The defective example as text, web page, Word document and PDF."""
    from docgen.docx import write_docx
    from docgen.html import write_html
    from docgen.layout import from_tab_text
    from docgen.pdf import write_pdf

    folder = tmp_path_factory.mktemp("made")
    layout = from_tab_text(example_text("2024-report-defects"))
    return {"txt": DEFECTS, "html": write_html(layout, folder / "defects.html"),
            "docx": write_docx(layout, folder / "defects.docx"), "pdf": write_pdf(layout, folder / "defects.pdf")}


@pytest.fixture(scope="module")
def batch(made) -> list[Result]:
    return [lint(str(made[k]), all_rules()) for k in ("txt", "html", "docx", "pdf")] + [lint(str(CLEAN), all_rules())]


@pytest.fixture(scope="module")
def batch_dom(batch, tmp_path_factory) -> Node:
    work = tmp_path_factory.mktemp("page")
    page = work / "report.html"
    page.write_text(render(batch), encoding="utf-8")
    return parse(dump_dom(page, work))


HOSTILE = "<script>document.title='pwned'</script>"
HOSTILE_IMG = "<img src=x onerror=\"document.title='pwned'\">"


def hostile_result() -> Result:
    """A report whose title line and a paragraph hold markup that would run if it were not escaped,
    in a file whose name is markup too."""
    text = example_text().replace("示例市数据管理局2024年", f"示例市{HOSTILE}管理局2024年", 1)
    text = text.replace("全年共收到政府信息公开申请8件", f"全年共收到政府信息公开申请6件{HOSTILE}{HOSTILE_IMG}", 1)
    return lint_text(text, path="<i>x</i>.txt")


# ------------------------------------------------------------------------------ in the browser


def test_summary_counts(batch_dom: Node):
    counts = {k: batch_dom.by_id(f"n-{k}").text() for k in ("reports", "clean", "flagged", "findings", "error", "warning", "info")}
    assert counts == {"reports": "5", "clean": "1", "flagged": "4", "findings": "20", "error": "12", "warning": "8",
                      "info": "0"}
    rows = batch_dom.by_id("grid").all("tr")
    heads = [th.text(skip=()) for th in rows[0].kids("th")]
    body = [[td.attrs.get("data-v") for td in tr.kids("td")] for tr in rows[1:]]
    dl1, dl2, dl3 = (next(i for i, h in enumerate(heads) if h.startswith(f)) for f in ("DL1", "DL2", "DL3"))
    assert [(r[dl1], r[dl2], r[dl3], r[-1]) for r in body] == [("2", "1", "2", "5")] * 4 + [("0", "0", "0", "0")]


def test_every_finding_appears_in_its_report_with_its_place(batch, batch_dom: Node):
    sections = reports(batch_dom)
    assert len(sections) == len(batch)
    for result, section in zip(batch, sections):
        shown = [(li.attrs["data-code"], li.one("span", "msg").text(), li.one("span", "where").text())
                 for li in section.all("li", "f")]
        assert shown == [(f.code, f.message, f.where()) for f in result.findings]
        assert result.report.path in section.one("dl", "facts").text()
        for li in section.all("li", "f"):  # the code links to the rule's explanation, on the page
            target = li.one("a", "code").attrs["href"]
            assert batch_dom.by_id(target[1:]) is not None, target


@pytest.mark.parametrize("index,kind", [(0, "txt"), (1, "html"), (2, "docx"), (3, "pdf")])
def test_marked_cells_are_exactly_the_findings_cells(batch_dom: Node, index: int, kind: str):
    report = reports(batch_dom)[index]
    assert drawn_cells(report) == DEFECT_CELLS
    assert not report.all(cls="hit-row") and not drawn_cells(report, "ref")
    sums = {li.attrs["data-code"]: li.one("div", "calc").text() for li in report.all("li", "f") if li.all("div", "calc")}
    assert sums == DEFECT_SUMS
    # each marked cell links to its finding and the finding back to a marked cell
    for td in report.all("td", "hit"):
        for fid in td.attrs["data-f"].split():
            assert report.by_id(fid) is not None
    for li in report.all("li", "f"):
        link = li.all("a", "goto")
        if li.attrs["data-code"] in ("DL301", "DL303", "DL203"):
            assert "hit" in report.by_id(link[0].attrs["href"][1:]).classes


def test_the_clean_report_has_no_marks(batch_dom: Node):
    clean = reports(batch_dom)[4]
    assert "clean" in clean.classes and not clean.all("li", "f")
    assert not drawn_cells(clean) and len(clean.all("table", "t")) == 3


def test_a_report_holding_markup_shows_it_and_runs_nothing(tmp_path: Path):
    page = tmp_path / "hostile.html"
    result = hostile_result()
    assert [f.code for f in result.findings] == ["DL105", "DL501"]
    page.write_text(render([result]), encoding="utf-8")
    dom = parse(dump_dom(page, tmp_path))
    assert dom.one("title").text() == PAGE_TITLE  # no script set it
    assert dom.one("html").attrs.get("data-js") == "on"  # while the page's own script did run
    assert len(dom.all("script")) == 1 and not dom.all("img") and not dom.all("i")
    assert not [n for n in dom.iter() if any(a.startswith("on") for a in n.attrs)]
    excerpts = [d.text() for d in dom.all("div", "src")]
    assert any(f"{HOSTILE}{HOSTILE_IMG}" in e for e in excerpts) and any(HOSTILE in e for e in excerpts)
    assert "<i>x</i>.txt" in dom.one("dl", "facts").text()


def test_the_page_makes_no_network_request(batch, tmp_path: Path):
    control = tmp_path / "control.html"  # the log does show a page's requests
    control.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                       '<img src="http://example.invalid/x.png"></body></html>', encoding="utf-8")
    assert page_requests(control, tmp_path) == ["http://example.invalid/x.png"]
    page = tmp_path / "report.html"
    page.write_text(render([*batch, hostile_result()]), encoding="utf-8")
    assert page_requests(page, tmp_path) == []


def test_the_script_sorts_the_grid_and_filters_by_severity_and_rule(batch, tmp_path: Path):
    page = tmp_path / "report.html"
    page.write_text(render(batch), encoding="utf-8")
    tools = DevTools(need_browser(), tmp_path / "profile-devtools")
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tools.send("Page.enable", session=session)
        tools.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        tools.wait("Page.loadEventFired", timeout=60)

        def js(expression: str):
            reply = tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
            assert "exceptionDetails" not in reply, reply
            return reply["result"].get("value")

        order = "[...document.querySelectorAll('#grid tbody tr')].map(r => r.cells[0].textContent)"
        assert js("document.getElementById('filters').hidden") is False  # shown only with the script
        js("document.querySelector('#grid thead th:last-child').click()")  # 合计: most first
        assert js(order) == ["1", "2", "3", "4", "5"]
        js("document.querySelector('#grid thead th:last-child').click()")  # and then fewest first
        assert js(order) == ["5", "1", "2", "3", "4"]
        change = "{0}; {1}.dispatchEvent(new Event('change', {{bubbles: true}}))"
        shown = "[...document.querySelectorAll('li.f')].filter(li => !li.hidden).map(li => li.dataset.code)"
        js(change.format("var box = document.querySelector('.flt-sev[value=warning]'); box.checked = false", "box"))
        assert sorted(set(js(shown))) == ["DL203", "DL301", "DL303"] and len(js(shown)) == 12
        js(change.format("var pick = document.getElementById('flt-code'); pick.value = 'DL3'", "pick"))
        assert js(shown) == ["DL301", "DL303"] * 4
        # DL203's blank cells are no longer marked; the wrong totals still are
        assert js("document.querySelectorAll('td.hit.off').length") == 5 * 4
        assert js("document.querySelectorAll('td.hit:not(.off)').length") == 2 * 4
        js(change.format("var only = document.getElementById('flt-flagged'); only.checked = true", "only"))
        assert js("[...document.querySelectorAll('section.report')].map(s => s.hidden)") == [False] * 4 + [True]
    finally:
        tools.close()


def _regions(png: Path, colour: tuple[int, int, int], smallest: int = 200) -> list[int]:
    """The areas of the connected regions of one exact colour (a marked cell's fill)."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    width = image.width
    pixels = getattr(image, "get_flattened_data", image.getdata)()  # getdata: Pillow < 12
    points = {i for i, p in enumerate(pixels) if p == colour}
    areas = []
    while points:
        stack = [points.pop()]
        area = 0
        while stack:
            i = stack.pop()
            area += 1
            x = i % width
            for j in ((i - 1) if x else -1, (i + 1) if x + 1 < width else -1, i - width, i + width):
                if j in points:
                    points.remove(j)
                    stack.append(j)
        if area >= smallest:
            areas.append(area)
    return areas


TOTAL_FILL, BLANK_FILL = (0xFF, 0xA3, 0x9E), (0xFF, 0xE5, 0x8F)  # td.k-total, td.k-blank in html.py's CSS


def test_the_screenshot_shows_the_marked_cells(tmp_path: Path):
    need_cjk_font()
    page = tmp_path / "defects.html"
    page.write_text(render([lint(str(DEFECTS), all_rules())]), encoding="utf-8")
    png = screenshot(page, tmp_path / "defects.png", tmp_path, height=3600)
    assert len(_regions(png, TOTAL_FILL)) == 2  # DL301, DL303
    assert len(_regions(png, BLANK_FILL)) == 5  # DL203's five blank cells, each in its own box
    page.write_text(render([lint(str(CLEAN), all_rules())]), encoding="utf-8")
    png = screenshot(page, tmp_path / "clean.png", tmp_path, height=3600)
    assert _regions(png, TOTAL_FILL) == [] and _regions(png, BLANK_FILL) == []


def test_it_prints_one_report_per_page_without_navigation(batch, tmp_path: Path):
    import pdfplumber

    page = tmp_path / "report.html"
    page.write_text(render(batch[:2] + batch[4:]), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    chromium(page, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    with pdfplumber.open(pdf) as document:
        pages = [(p.extract_text() or "") for p in document.pages]
    text = "\n".join(pages)
    assert "只看有问题的报告" not in text and "返回汇总" not in text  # the filters and the back links
    heads = [p.strip().split("\n")[:2] for p in pages]
    # each report's heading (its title, then its number) starts a page of its own
    titles = [r.report.title.text for r in batch[:2] + batch[4:]]
    starts = [n for n, head in enumerate(heads) if head in ([t, str(k + 1)] for k, t in enumerate(titles))]
    assert [heads[n][1] for n in starts] == ["1", "2", "3"]
    assert starts[0] > 0  # after the summary


# ------------------------------------------------------------------------------ without a browser


def page_of(results) -> Node:
    return parse(render(results))


def test_the_page_is_self_contained():
    page = render([lint(str(DEFECTS), all_rules()), lint(str(CLEAN), all_rules())])
    dom = parse(page)
    assert not [n for n in dom.iter() if "src" in n.attrs or n.tag in ("link", "iframe", "object", "embed")]
    hrefs = [n.attrs["href"] for n in dom.iter() if "href" in n.attrs]
    assert hrefs and all(h.startswith("#") and dom.by_id(h[1:]) is not None for h in hrefs)
    assert not re.search(r"https?://|url\(|@import", page)
    csp = next(m.attrs["content"] for m in dom.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_markup_from_a_report_is_escaped():
    page = render([hostile_result()])
    assert HOSTILE not in page and "<img" not in page and "<i>" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page


def test_a_narrative_figure_outlines_the_cell_it_contradicts_and_marks_its_words():
    text = example_text().replace("全年共收到政府信息公开申请8件", "全年共收到政府信息公开申请6件")
    result = lint_text(text)
    (finding,) = result.findings
    report = reports(page_of([result]))[0]
    assert drawn_cells(report) == set()
    assert drawn_cells(report, "ref") == {("表三", "一、本年新收政府信息公开申请数量", "总计", "")}
    li = report.one("li", "f")
    assert li.one("mark").text() == "全年共收到政府信息公开申请6件"
    assert finding.position.excerpt in li.one("div", "src").text()


def test_a_missing_row_is_drawn_and_marked():
    text = example_text().replace("\t2.重复申请\t0\t0\t0\t0\t1\t0\t1\n", "")
    result = lint_text(text)
    assert [f.code for f in result.findings] == ["DL202"]
    report = reports(page_of([result]))[0]
    (th,) = report.all("th", "hit-row")
    assert th.text(skip=("fn",)) == "2.重复申请（缺）"
    assert len(th.parent.kids("td")) == 7 and all("absent" in td.classes for td in th.parent.kids("td"))


def test_a_row_without_numbers_marks_all_its_cells_blank():
    text = example_text().replace("\t2.重复申请\t0\t0\t0\t0\t1\t0\t1\n", "\t2.重复申请\n")
    result = lint_text(text)
    assert [f.code for f in result.findings] == ["DL203"]
    report = reports(page_of([result]))[0]
    assert drawn_cells(report) == {("表三", "2.重复申请", c, "k-blank") for c in T3_COLUMNS}


def test_a_dash_in_table_two_is_a_marked_blank():
    result = lint_text(example_text().replace("行政许可\t156", "行政许可\t—"))
    assert [f.code for f in result.findings] == ["DL203"]
    assert drawn_cells(reports(page_of([result]))[0]) == {("表二", "行政许可", "本年处理决定数量", "k-blank")}


def test_words_in_a_number_cell_are_a_marked_text_cell():
    result = lint_text(example_text().replace("（一）予以公开\t3\t1\t0", "（一）予以公开\t3\t若干\t0"))
    assert [f.code for f in result.findings] == ["DL204"]
    report = reports(page_of([result]))[0]
    assert drawn_cells(report) == {("表三", "（一）予以公开", "商业企业", "k-text")}
    (td,) = report.all("td", "hit")
    assert td.one("span", "v").text() == "若干"


def test_wrong_totals_of_the_result_column_and_table_four_show_their_sums():
    text = example_text().replace("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "1\t0\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
    text = text.replace("\t（七）总计\t5\t2\t0\t0\t1\t0\t8", "\t（七）总计\t5\t2\t0\t0\t1\t0\t9")
    result = lint_text(text)
    report = reports(page_of([result]))[0]
    sums = [(li.attrs["data-code"], li.one("div", "calc").text()) for li in report.all("li", "f") if li.all("div", "calc")]
    assert ("DL304", "1 + 0 + 0 + 0 = 1 ≠ 2") in sums
    # the 21 result rows of the 2021 format: 予以公开 4, 部分公开 1, 保护第三方合法权益 1, 本机关不掌握 1, 重复申请 1
    assert ("DL302", "4 + 1 + 0 + 0 + 0 + 1 + 0 + 0 + 0 + 0 + 1 + 0 + 0 + 0 + 1 + 0 + 0 + 0 + 0 + 0 + 0 = 8 ≠ 9") in sums
    assert ("表四", "", "行政复议·总计", "k-total") in drawn_cells(report)


def test_a_finding_whose_place_is_no_cell_is_mapped_by_its_labels():
    result = lint(str(DEFECTS), all_rules())
    moved = tuple(replace(f, position=Position(41, 1)) if f.code == "DL301" else f for f in result.findings)
    report = reports(page_of([Result(result.report, moved)]))[0]
    assert drawn_cells(report) == DEFECT_CELLS


def test_an_unreadable_file_is_a_report_that_says_why(tmp_path: Path):
    broken = tmp_path / "扫描件.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    dom = page_of([lint(str(broken), all_rules()), lint(str(CLEAN), all_rules())])
    assert [dom.by_id(f"n-{k}").text() for k in ("reports", "clean", "flagged", "unreadable")] == ["2", "1", "1", "1"]
    report = reports(dom)[0]
    assert "无法读取" in report.one("p", "unreadable").text() and not report.all("table")
    (part,) = report.all("div", "part")
    assert part.one("h3").text() == "整个文件" and [li.attrs["data-code"] for li in part.all("li", "f")] == ["DL001"]
    assert "（无标题）" in report.one("h2").text()


def test_findings_are_grouped_by_section_in_report_order():
    report = reports(page_of([lint(str(DEFECTS), all_rules())]))[0]
    parts = [(div.one("h3").text(), [li.attrs["data-code"] for li in div.all("li", "f")]) for div in report.all("div", "part")]
    assert parts == [("标题与前言", ["DL105"]), ("一、总体情况", []), ("二、主动公开政府信息情况", []),
                     ("三、收到和处理政府信息公开申请情况", ["DL301", "DL303"]),
                     ("四、政府信息公开行政复议、行政诉讼情况", ["DL203"]), ("五、存在的主要问题及改进情况", []),
                     ("六、需要说明的其他事项", ["DL104"])]


def test_the_command_line_writes_the_page(tmp_path: Path):
    out = tmp_path / "审查.html"
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", "--format", "html", "--output-file", str(out),
                           str(DEFECTS), str(CLEAN)], capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr.decode("utf-8")  # findings: exit 1, as in every format
    dom = parse(out.read_text(encoding="utf-8"))
    assert [dom.by_id(f"n-{k}").text() for k in ("reports", "clean", "flagged")] == ["2", "1", "1"]
    assert drawn_cells(reports(dom)[0]) == DEFECT_CELLS


# ------------------------------------------------------------------------------ the README screenshot


def readme_screenshot(png: Path, work: Path) -> Path:
    """The page for the shipped examples (linted as `disclosure-lint examples/…` from the top of the
    checkout), its top 1280 × 3000 pixels: the summary and the defective report with its findings
    and tables, the marked cells in them; in 256 colours, which keeps the file small."""
    from PIL import Image

    page = work / "examples.html"
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        results = [lint(str(p.relative_to(ROOT)), all_rules()) for p in (DEFECTS, CLEAN)]
    finally:
        os.chdir(here)
    page.write_text(render(results), encoding="utf-8")
    full = screenshot(page, work / "full.png", work, width=1280, height=3000)
    Image.open(full).convert("RGB").quantize(colors=256).save(png, optimize=True)
    return png


if __name__ == "__main__":
    import tempfile

    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "img" / "html-report.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        print(readme_screenshot(target, Path(work)))
