"""HTML report benchmark (not part of the test suite): `python tests/bench_html.py [N]` (default 1000).

Makes N reports from the shipped examples (two in three the defective one, every one with its own
agency and numbers, so the page has N different reports), lints them in-process, renders the page
and measures: lint time, render time, the page's size, and how long Debian's headless Chromium
takes to open it — the navigation timing of the page read over the DevTools protocol
(`--remote-debugging-pipe`: DOMContentLoaded, load, first contentful paint) and, for comparison, the
wall time of a `--screenshot` run against that of an empty page (browser start-up).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_html_report import FLAGS, DevTools, browser

ROOT = Path(__file__).resolve().parent.parent


def reports(n: int) -> list[tuple[str, bytes]]:
    defects = (ROOT / "examples" / "2024-report-defects.txt").read_text(encoding="utf-8")
    clean = (ROOT / "examples" / "2024-report.txt").read_text(encoding="utf-8")
    out = []
    for i in range(n):
        if i % 3:
            text = defects.replace("2024年政府信息公开工作年度报告", f"示例市第{i}局2024年政府信息公开工作年度报告", 1)
            text = text.replace("行政许可\t156", f"行政许可\t{100 + i}")
            if i % 2:  # another wrong total
                text = text.replace("\t（七）总计\t5\t2\t0\t0\t1\t0\t8", f"\t（七）总计\t5\t2\t0\t0\t1\t0\t{8 + i % 5}")
        else:
            text = clean.replace("示例市数据管理局2024年", f"示例市第{i}局2024年", 1)
        out.append((f"reports/{i:04d}.txt", text.encode("utf-8")))
    return out


def open_timing(exe: str, page: Path, work: Path) -> dict:
    tools = DevTools(exe, work / "profile-devtools")
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tools.send("Page.enable", session=session)
        started = time.perf_counter()
        tools.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        tools.wait("Page.loadEventFired")
        wall = time.perf_counter() - started
        script = ("JSON.stringify({nav: performance.getEntriesByType('navigation')[0].toJSON(), "
                  "paint: performance.getEntriesByType('paint').map(p => [p.name, p.startTime]), "
                  "reports: document.querySelectorAll('section.report').length})")
        value = tools.send("Runtime.evaluate", {"expression": script, "returnByValue": True}, session=session)
        data = json.loads(value["result"]["value"])
    finally:
        tools.close()
    nav = data["nav"]
    return {"domContentLoaded_ms": nav["domContentLoadedEventEnd"], "load_ms": nav["loadEventEnd"],
            "paint": dict(data["paint"]), "reports_in_dom": data["reports"], "wall_to_load_s": wall}


def screenshot_seconds(exe: str, page: Path, work: Path) -> float:
    start = time.perf_counter()
    subprocess.run([exe, *FLAGS, f"--user-data-dir={work / 'profile-shot'}", "--window-size=1400,1000",
                    f"--screenshot={work / 'shot.png'}", page.resolve().as_uri()], capture_output=True, timeout=600)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    from disclosure_lint.lint import lint
    from disclosure_lint.output.html import render
    from disclosure_lint.registry import all_rules

    n = int(argv[0]) if argv else 1000
    inputs = reports(n)
    rules = all_rules()
    lint(*inputs[0][:1], rules, inputs[0][1])  # warm the parser caches
    start = time.perf_counter()
    results = [lint(path, rules, data) for path, data in inputs]
    linted = time.perf_counter() - start
    start = time.perf_counter()
    page_text = render(results)
    rendered = time.perf_counter() - start
    findings = sum(len(r.findings) for r in results)
    print(f"{n} reports, {findings} findings: lint {linted:.1f} s, render {rendered:.2f} s "
          f"({rendered / linted * 100:.0f}% of the lint time)")
    exe = browser()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        page = work / "report.html"
        page.write_text(page_text, encoding="utf-8")
        size = page.stat().st_size
        print(f"page: {size / 1e6:.1f} MB ({size / n / 1e3:.1f} kB a report)")
        if exe is None:
            print("Chromium not found (apt-get install chromium fonts-wqy-microhei): no timing")
            return
        timing = open_timing(exe, page, work)
        print(f"Chromium: DOMContentLoaded {timing['domContentLoaded_ms'] / 1000:.2f} s, load "
              f"{timing['load_ms'] / 1000:.2f} s, first contentful paint "
              f"{timing['paint'].get('first-contentful-paint', float('nan')) / 1000:.2f} s after navigation "
              f"({timing['reports_in_dom']} reports in the DOM)")
        empty = work / "empty.html"
        empty.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
        base, full = screenshot_seconds(exe, empty, work), screenshot_seconds(exe, page, work)
        print(f"headless --screenshot run: {full:.2f} s for the page, {base:.2f} s for an empty page")


if __name__ == "__main__":
    main(sys.argv[1:])
