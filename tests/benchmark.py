"""Speed and memory benchmark of disclosure-lint on a synthetic corpus (not part of the test suite).

    .venv/bin/python tests/benchmark.py [-n 1000] [--jobs 1,2] [--repeat 3] [--scale 10000] [--keep DIR] [--json]

The corpus is made from our own invented reports (examples/*.txt and tests/fixtures/
county-2023-report.txt), never from real ones: N files, varied deterministically by `--seed` —
agency, place, phone and table numbers changed (table 3 kept consistent, the narrative with it), in
six layouts (tab rows, space-separated rows, `|` cell lines, one cell per line, a crawler's one-line
text, each with LF or CRLF), in UTF-8, UTF-8 with BOM or GB18030, one in five with the prose of
section 一 or 五 repeated to 2-5x its size, three in ten with one injected defect (a total off by
one, a blank cell, a missing section, last year's year in the title; `manifest.json` lists each
file's variant and the codes its defect must raise).

It measures, on the same files in the same run (docs/performance.md says what each figure means):

* floor        read every file and make one `regex` pass over it (`\\d+`): what any tool pays;
* in-process   `disclosure_lint.lint.lint(path, rules, data)` per report: median, p99, reports/s;
* CLI batch    `disclosure-lint check DIR --format json` to /dev/null with `--jobs 1` and `--jobs
               <cores>` (when the CLI has `--jobs`): wall time, reports/s, peak memory (ru_maxrss of
               the largest process, from a fresh wrapper process; and the sampled total RSS of the
               process tree);
* start-up     median of `python -c pass` and of `disclosure-lint check --no-frames one.txt`;
* cold start   the one-file run with TMPDIR and HOME fresh empty directories (HOME read-only), so
               no cache of an earlier run helps, against the warm run;
* linearity    one ~1 MB report (prose repeated): seconds to lint, per-KB cost against a seed-sized one;
* scale        with `--scale 10000`: the CLI's peak memory (and time) on 10,000 generated files.

Figures are medians of `--repeat` runs (the machine is shared and noisy). Targets are printed
beside them with PASS/FAIL; the exit code is 0 whatever they say (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "2024": ROOT / "examples" / "2024-report.txt",
    "2023": ROOT / "examples" / "2023-report.txt",
    "2020": ROOT / "examples" / "2020-report.txt",
    "2019": ROOT / "examples" / "2019-report.txt",
    "2024-defects": ROOT / "examples" / "2024-report-defects.txt",
    "county-2023": ROOT / "tests" / "fixtures" / "county-2023-report.txt",
}
LAYOUTS = {"tabs": 35, "spaces": 10, "pipes": 15, "cell-lines": 15, "crawler": 10, "tabs-crlf": 15}
ENCODINGS = {"utf-8": 75, "gb18030": 20, "utf-8-sig": 5}
# Each injected defect and the code it must raise (checked by tests/test_benchmark_script.py).
DEFECTS = {"total_off_by_one": "DL301", "blank_cell": "DL203", "missing_section": "DL101",
           "last_year_title": "DL403"}
DEFECT_SHARE = 0.3
GROW_SHARE = 0.2

TARGETS = {
    "one_core": 200.0,  # reports/s, --jobs 1
    "all_cores": 350.0,  # reports/s, --jobs <cores>
    "startup_ratio": 15.0,  # one-file run / `python -c pass`
    "one_mb_seconds": 0.3,
    "scale_peak_mb": 200.0,  # 10,000 reports
    "cold_extra_ms": 20.0,
}

PLACES_A = ("示例", "样例", "演示", "模拟", "虚构")
PLACES_B = "东南西北中新青云石河山湖桥溪林川"
LEVELS = ("市", "县", "区")
DEPARTMENTS = ("数据管理局", "市场监督管理局", "自然资源局", "教育局", "财政局", "交通运输局", "卫生健康委员会",
               "生态环境局", "住房和城乡建设局", "农业农村局", "民政局", "司法局", "文化和旅游局", "统计局")

_HEADING = regex.compile(r"^[一二三四五六][、．.]")
_YEAR = regex.compile(r"(\d{4})年")


# ------------------------------------------------------------------------------ the corpus


@dataclass
class Item:
    """One generated file and how it was made."""

    name: str
    source: str
    layout: str
    encoding: str
    grow: float  # the size factor the prose was repeated to (1.0: not grown)
    defect: str | None
    expected: tuple[str, ...]  # codes the injected defect must raise
    size: int = 0
    agency: str = ""


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _sections(lines: list[str]) -> list[int]:
    """Indexes of the six section heading lines (a table row starting 一、 has tabs)."""
    return [i for i, line in enumerate(lines) if _HEADING.match(line) and "\t" not in line]


def _t3_row(lines: list[str], label: str) -> int:
    for i, line in enumerate(lines):
        if "\t" in line and label in line:
            return i
    raise LookupError(label)


def _bump(lines: list[str], index: int, column: int, by: int) -> None:
    """Add `by` to a number cell counted from the row's end (-1: the row's 总计)."""
    cells = lines[index].split("\t")
    cells[column] = str(int(cells[column]) + by)
    lines[index] = "\t".join(cells)


def vary(text: str, rng: random.Random) -> tuple[str, str]:
    """The report with another agency and other numbers, still consistent; and the new agency."""
    lines = text.split("\n")
    title = lines[0]
    year = _YEAR.search(title)
    old_agency = title[: year.start()] if year else ""
    if not old_agency:  # 2024-defects: no agency in the title; the preamble names it
        found = regex.search(r"要求，(.+?)编制本报告", text)
        old_agency = found[1] if found else ""
    place = rng.choice(PLACES_A) + "".join(rng.sample(PLACES_B, 2)) + rng.choice(LEVELS)
    agency = place + rng.choice(DEPARTMENTS)
    old_place = regex.match(r".+?[市县区]", old_agency)
    # Table 3: k more applications from one kind of applicant, all granted: every identity holds.
    k = rng.randint(0, 9)
    column = rng.randrange(-7, -1)
    for label in ("一、本年新收", "（一）予以公开", "（七）总计"):
        row = _t3_row(lines, label)
        _bump(lines, row, column, k)
        _bump(lines, row, -1, k)
    text = "\n".join(lines)
    text = regex.sub(r"(收到政府信息公开申请)(\d+)件", lambda m: f"{m[1]}{int(m[2]) + k}件", text, count=1)
    # Numbers no identity or narrative figure reads.
    text = regex.sub(r"(?m)^(行政许可\t(?:.*\t)?)(\d+)$", lambda m: f"{m[1]}{rng.randint(1, 2000)}", text)
    text = regex.sub(r"(?m)^(行政处罚\t(?:.*\t)?)(\d+)$", lambda m: f"{m[1]}{rng.randint(0, 500)}", text)
    text = regex.sub(r"电话：0999-\d{7}", f"电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}", text)
    text = regex.sub(r"邮编：\d{6}", f"邮编：{rng.randint(100000, 999999)}", text)
    text = regex.sub(r"(路|大道)\d+号", lambda m: f"{m[1]}{rng.randint(1, 300)}号", text)
    if old_agency:
        text = text.replace(old_agency, agency)
    if old_place:
        text = text.replace(old_place[0], place)
    return text, agency


def grow(text: str, factor: float, rng: random.Random, sections: tuple[int, ...] = (0, 4)) -> str:
    """The report with the prose of section 一 and/or 五 repeated until it is `factor` times its size
    (in UTF-8 bytes)."""
    lines = text.split("\n")
    heads = _sections(lines)
    bodies = [(heads[s], heads[s + 1]) for s in sections if s + 1 < len(heads)]
    size = len(text.encode("utf-8"))
    target = size * factor
    extra: dict[int, list[str]] = {end: [] for _, end in bodies}
    while size < target:
        start, end = rng.choice(bodies)
        block = [line for line in lines[start + 1 : end] if line.strip()]
        extra[end].extend(["", *block])
        size += 1 + sum(len(line.encode("utf-8")) + 1 for line in block)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in extra:
            while out and not out[-1].strip():
                out.pop()
            out.extend([*extra[i], ""])
        out.append(line)
    return "\n".join(out)


def inject(text: str, defect: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if defect == "total_off_by_one":
        _bump(lines, _t3_row(lines, rng.choice(["一、本年新收", "二、上年结转", "四、结转下年度"])), -1, 1)
    elif defect == "blank_cell":
        row = _t3_row(lines, rng.choice(["二、上年结转", "（二）部分公开", "2.重复申请", "4.保护第三方"]))
        cells = lines[row].split("\t")
        cells[rng.randrange(-7, -1)] = ""
        lines[row] = "\t".join(cells)
    elif defect == "missing_section":
        heads = _sections(lines)
        start, end = heads[4], heads[5]  # section 五, up to 六
        del lines[start:end]
    elif defect == "last_year_title":
        year = _YEAR.search(lines[0])
        lines[0] = lines[0][: year.start()] + f"{int(year[1]) - 1}年" + lines[0][year.end() :]
    else:
        raise ValueError(defect)
    return "\n".join(lines)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def layout(text: str, kind: str) -> str:
    """The report (tab rows, LF) in another layout."""
    lines = text.split("\n")
    if kind in ("tabs", "tabs-crlf"):
        out = lines
    elif kind == "spaces":  # extracted text: cells separated by runs of spaces
        out = ["  ".join(_cells(line)).strip() if "\t" in line else line for line in lines]
    elif kind == "pipes":  # web text: `|` before each row, each cell on its own line ending ` |`
        out = []
        for line in lines:
            if "\t" not in line:
                out.append(line)
                continue
            out.append("|")
            out.extend(f"{c} |" if c else "|" for c in _cells(line))
    elif kind == "cell-lines":  # web text: one cell per line, blank lines between
        out = []
        for line in lines:
            for c in _cells(line) if "\t" in line else [line]:
                if c.strip():
                    out.extend([c, ""])
    elif kind == "crawler":
        out = crawler(lines)
    else:
        raise ValueError(kind)
    return ("\r\n" if kind == "tabs-crlf" else "\n").join(out)


def crawler(lines: list[str]) -> list[str]:
    """A web archive's crawler text: header fields, then the whole report on one line."""
    title = lines[0]
    year = _YEAR.search(title)
    published = f"{int(year[1]) + 1 if year else 2025}-01-22 09:30"
    fields = [f"标题: {title}", f"发布时间: {published}", "文号: ", "发布机构: ", "栏目: 政府信息公开年报",
              "原文链接: https://www.example.gov.cn/zwgk/ndbg/t1.htm", "==================== 正文 ===================="]
    breadcrumb = f"当前位置： 首页 政务公开 政府信息公开年报 {title} 时间：{published} 相关链接： --> "
    body = " ".join(" ".join(c for c in _cells(line) if c) for line in lines[1:] if line.strip())
    return [*fields, breadcrumb + body, ""]


def _clear(directory: Path) -> None:
    """Empty a corpus directory made by an earlier run (only the files its manifest lists); refuse
    a directory holding anything else."""
    manifest = directory / "manifest.json"
    ours = {"manifest.json"}
    if manifest.is_file():
        ours.update(entry["name"] for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"])
    if any(p.name not in ours for p in directory.iterdir()):
        raise SystemExit(f"benchmark: {directory} is not empty and not a corpus of ours; give an empty directory")
    for name in ours:
        (directory / name).unlink(missing_ok=True)


def generate(directory: Path, n: int, seed: int = 2025) -> list[Item]:
    """Write n varied reports into `directory` (created if missing) and `manifest.json`; deterministic in seed."""
    directory.mkdir(parents=True, exist_ok=True)
    _clear(directory)
    texts = {key: path.read_text(encoding="utf-8") for key, path in SOURCES.items()}
    items = []
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        source = rng.choice(list(texts))
        text, agency = vary(texts[source], rng)
        factor = round(rng.uniform(2, 5), 2) if rng.random() < GROW_SHARE else 1.0
        if factor > 1:
            text = grow(text, factor, rng, rng.choice([(0,), (4,), (0, 4)]))
        defect = rng.choice(list(DEFECTS)) if rng.random() < DEFECT_SHARE else None
        if defect:
            text = inject(text, defect, rng)
        kind = _weighted(rng, LAYOUTS)
        encoding = _weighted(rng, ENCODINGS)
        data = layout(text, kind).encode(encoding)
        name = f"{i:05d}_{source}_{kind}_{encoding}{'_' + defect if defect else ''}.txt"
        (directory / name).write_bytes(data)
        items.append(Item(name, source, kind, encoding, factor, defect,
                          (DEFECTS[defect],) if defect else (), len(data), agency))
    manifest = {"seed": seed, "n": n, "files": [asdict(item) for item in items]}
    (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return items


def big_report(target_bytes: int = 1_000_000) -> bytes:
    """One ~1 MB report: the clean 2024 example with the prose of sections 一 and 五 repeated."""
    text = SOURCES["2024"].read_text(encoding="utf-8")
    factor = target_bytes / len(text.encode("utf-8"))
    return grow(text, factor, random.Random(1), (0, 4)).encode("utf-8")


# ------------------------------------------------------------------------------ measuring


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def measure_floor(files: list[Path], repeat: int) -> dict:
    """Read and decode every file and run one regex over it: the least any checker pays."""
    number = regex.compile(r"\d+")
    totals = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in files:
            number.findall(_decode(path.read_bytes()))
        totals.append(time.perf_counter() - start)
    seconds = _median(totals)
    return {"seconds": seconds, "reports_per_s": len(files) / seconds}


def measure_in_process(files: list[Path], repeat: int) -> dict:
    from disclosure_lint.lint import lint
    from disclosure_lint.registry import all_rules

    rules = all_rules()
    datas = [(str(p), p.read_bytes()) for p in files]
    lint(datas[0][0], rules, datas[0][1])  # parsers built, modules imported
    samples: list[float] = []
    totals, cpu_totals = [], []
    for _ in range(repeat):
        total = 0.0
        cpu_start = time.process_time()
        for path, data in datas:
            start = time.perf_counter()
            lint(path, rules, data)
            elapsed = time.perf_counter() - start
            samples.append(elapsed)
            total += elapsed
        cpu_totals.append(time.process_time() - cpu_start)
        totals.append(total)
    seconds = _median(totals)
    return {"median_ms": _median(samples) * 1000, "p99_ms": _p99(samples) * 1000,
            "max_ms": max(samples) * 1000, "seconds": seconds, "reports_per_s": len(datas) / seconds,
            "cpu_reports_per_s": len(datas) / _median(cpu_totals)}


# A fresh process runs the command so that RUSAGE_CHILDREN covers that one run only; it also
# samples the RSS of the whole process tree (workers of --jobs included) every 50 ms.
_WRAPPER = r"""
import json, os, resource, subprocess, sys, time

def tree_rss_kb(root):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
                parents[int(entry)] = int(stat[stat.rfind(b")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            pass
    return total

import tempfile
errors = tempfile.TemporaryFile()  # not a pipe: a full pipe would stall a chatty run
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=errors)
tree_peak = 0
while process.poll() is None:
    if os.path.isdir("/proc"):
        tree_peak = max(tree_peak, tree_rss_kb(process.pid))
    time.sleep(0.05)
wall = time.perf_counter() - start
errors.seek(0)
stderr = errors.read().decode("utf-8", "replace")
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": process.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
                  "tree_peak_kb": tree_peak, "cpu": usage.ru_utime + usage.ru_stime, "stderr": stderr[-2000:]}))
"""


def cli_command() -> list[str]:
    """The installed console script beside this Python, else `python -m disclosure_lint`."""
    script = Path(sys.executable).with_name("disclosure-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "disclosure_lint"]


def run_wrapped(command: list[str], env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, env=env,
                         check=True)
    return json.loads(out.stdout)


def has_jobs_option() -> bool:
    out = subprocess.run([*cli_command(), "check", "--help"], capture_output=True, text=True)
    return "--jobs" in out.stdout


def measure_cli_batch(directory: Path, n: int, jobs: int | None, repeat: int) -> dict:
    command = [*cli_command(), "check", str(directory), "--format", "json"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    runs = [run_wrapped(command) for _ in range(repeat)]
    bad = [r for r in runs if r["rc"] not in (0, 1)]
    wall = _median([r["wall"] for r in runs])
    return {"jobs": jobs, "runs": len(runs), "wall_s": wall, "reports_per_s": n / wall,
            "cpu_s": _median([r["cpu"] for r in runs]),
            "peak_mb": max(r["maxrss_kb"] for r in runs) / 1024,
            "tree_peak_mb": max(r["tree_peak_kb"] for r in runs) / 1024,
            "exit_codes": sorted({r["rc"] for r in runs}),
            "error": bad[0]["stderr"].strip() if bad else None}


def _timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def measure_startup(one: Path, repeat: int) -> dict:
    """`python -c pass` against a one-file run, and the one-file run cold against warm; runs interleaved."""
    lint_one = [*cli_command(), "check", "--no-frames", str(one)]
    _timed(lint_one)  # warm: caches written, files in the page cache
    python, warm, cold = [], [], []
    with tempfile.TemporaryDirectory(prefix="dl-cold-") as scratch:
        for i in range(repeat):
            python.append(_timed([sys.executable, "-c", "pass"]))
            warm.append(_timed(lint_one))
            tmp, home = Path(scratch) / f"tmp{i}", Path(scratch) / f"home{i}"
            tmp.mkdir()
            home.mkdir()
            home.chmod(0o555)
            env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
            env.update(TMPDIR=str(tmp), HOME=str(home))
            cold.append(_timed(lint_one, env))
            home.chmod(0o755)
    p, w, c = (_median(x) * 1000 for x in (python, warm, cold))
    return {"runs": repeat, "python_ms": p, "one_file_ms": w, "ratio": w / p, "cold_ms": c, "cold_extra_ms": c - w}


def measure_linearity(seed_file: Path, repeat: int) -> dict:
    from disclosure_lint.lint import lint
    from disclosure_lint.registry import all_rules

    rules = all_rules()
    small = seed_file.read_bytes()
    big = big_report()
    lint("warm.txt", rules, small)

    def seconds(data: bytes, times: int) -> float:
        samples = []
        for _ in range(times):
            start = time.perf_counter()
            lint("report.txt", rules, data)
            samples.append(time.perf_counter() - start)
        return _median(samples)

    small_s = seconds(small, max(repeat * 5, 15))
    big_s = seconds(big, repeat)
    per_kb_small = small_s / (len(small) / 1024)
    per_kb_big = big_s / (len(big) / 1024)
    return {"big_bytes": len(big), "big_s": big_s, "small_bytes": len(small), "small_ms": small_s * 1000,
            "per_kb_ms_small": per_kb_small * 1000, "per_kb_ms_big": per_kb_big * 1000,
            "per_kb_ratio": per_kb_big / per_kb_small}


# ------------------------------------------------------------------------------ the report


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("PASS" if ok else "FAIL")


def table(figures: dict) -> str:
    rows: list[tuple[str, str, str, str]] = []
    corpus = figures["corpus"]
    rows.append(("corpus", f"{corpus['n']} files, {corpus['mean_kb']:.1f} KB mean, {corpus['max_kb']:.0f} KB max",
                 "", ""))
    floor = figures["floor"]
    rows.append(("floor: read + one regex pass", f"{floor['reports_per_s']:,.0f} reports/s", "", ""))
    ip = figures["in_process"]
    rows.append(("in-process lint, one core",
                 f"{ip['reports_per_s']:.0f} reports/s (median {ip['median_ms']:.2f} ms, p99 {ip['p99_ms']:.1f} ms; "
                 f"{ip['cpu_reports_per_s']:.0f}/s of CPU time)",
                 f"≥ {TARGETS['one_core']:.0f}/s", _verdict(ip["reports_per_s"] >= TARGETS["one_core"])))
    for run in figures["cli"]:
        jobs = run["jobs"]
        label = "CLI batch" + (f" --jobs {jobs}" if jobs is not None else " (no --jobs option)")
        many = jobs is not None and jobs > 1
        target = TARGETS["all_cores"] if many else TARGETS["one_core"]
        measured = (f"{run['reports_per_s']:.0f} reports/s ({run['wall_s']:.1f} s, CPU {run['cpu_s']:.1f} s), "
                    f"peak {run['peak_mb']:.0f} MB"
                    + (f", tree {run['tree_peak_mb']:.0f} MB" if many else ""))
        if run["error"]:
            measured += f" [exit {run['exit_codes']}: {run['error'][:60]}]"
        rows.append((label, measured, f"≥ {target:.0f}/s", _verdict(run["reports_per_s"] >= target)))
    if figures.get("cli_note"):
        rows.append(("CLI batch, all cores", figures["cli_note"], f"≥ {TARGETS['all_cores']:.0f}/s", "SKIP"))
    st = figures["startup"]
    rows.append(("one-file run vs python -c pass",
                 f"{st['one_file_ms']:.0f} ms vs {st['python_ms']:.0f} ms = {st['ratio']:.1f}×",
                 f"≤ {TARGETS['startup_ratio']:.0f}×", _verdict(st["ratio"] <= TARGETS["startup_ratio"])))
    rows.append(("cold start (fresh TMPDIR, HOME)", f"{st['cold_ms']:.0f} ms, {st['cold_extra_ms']:+.0f} ms vs warm",
                 f"≤ +{TARGETS['cold_extra_ms']:.0f} ms", _verdict(st["cold_extra_ms"] <= TARGETS["cold_extra_ms"])))
    li = figures["linearity"]
    rows.append((f"{li['big_bytes'] / 1e6:.1f} MB report",
                 f"{li['big_s']:.2f} s; per KB {li['per_kb_ratio']:.1f}× a {li['small_bytes'] / 1024:.0f} KB one "
                 f"({li['per_kb_ms_big']:.2f} vs {li['per_kb_ms_small']:.2f} ms/KB)",
                 f"≤ {TARGETS['one_mb_seconds']} s", _verdict(li["big_s"] <= TARGETS["one_mb_seconds"])))
    scale = figures.get("scale")
    if scale:
        for run in scale["cli"]:
            jobs = run["jobs"]
            peak = max(run["peak_mb"], run["tree_peak_mb"])
            rows.append((f"{scale['n']:,} reports" + (f" --jobs {jobs}" if jobs is not None else ""),
                         f"peak {run['peak_mb']:.0f} MB (tree {run['tree_peak_mb']:.0f} MB), "
                         f"{run['reports_per_s']:.0f} reports/s",
                         f"≤ {TARGETS['scale_peak_mb']:.0f} MB", _verdict(peak <= TARGETS["scale_peak_mb"])))
    else:
        rows.append(("10,000 reports, peak memory", "not run (--scale 10000)", f"≤ {TARGETS['scale_peak_mb']:.0f} MB",
                     "—"))
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]
    lines = []
    for r in rows:
        lines.append("  ".join(_pad(r[i], widths[i]) for i in range(3)) + "  " + r[3])
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model, "python": sys.version.split()[0], "kernel": os.uname().release,
            "load_before": _load()}


def _load() -> float | None:
    """The 1-minute load average: on a shared machine, how busy the others kept it."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _linter() -> dict:
    """Which disclosure_lint this run measures: where it is imported from, and the commit when it is
    this repository's own (`+changes` when its code differs from that commit)."""
    import disclosure_lint

    where = Path(disclosure_lint.__file__).resolve().parent
    found = {"module": str(where), "version": disclosure_lint.__version__, "commit": None}
    if where.is_relative_to(ROOT):
        git = ["git", "-C", str(ROOT)]
        try:
            head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
            changed = subprocess.run([*git, "status", "--porcelain", "--", "src", "grammar", "rules"],
                                     capture_output=True, text=True).stdout.strip()
        except OSError:
            return found
        found["commit"] = head + ("+changes" if changed else "") if head else None
    return found


@dataclass
class Options:
    n: int = 1000
    jobs: list[int] = field(default_factory=list)
    repeat: int = 3
    seed: int = 2025
    scale: int = 0
    keep: Path | None = None
    json: bool = False


def parse(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog="tests/benchmark.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="reports in the corpus (default 1000)")
    parser.add_argument("--jobs", default=None,
                        help="comma-separated --jobs values for the CLI runs (default: 1 and the number of cores)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; medians are quoted (3)")
    parser.add_argument("--seed", type=int, default=2025, help="the corpus's random seed (2025)")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="also the CLI's peak memory on N generated reports (e.g. 10000)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="write the corpus here and keep it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    jobs = [int(j) for j in args.jobs.split(",")] if args.jobs else sorted({1, cores})
    return Options(args.n, jobs, max(1, args.repeat), args.seed, args.scale, args.keep, args.json)


def main(argv: list[str]) -> int:
    options = parse(argv)

    def log(*parts) -> None:
        print(*parts, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="dl-bench-") as scratch:
        directory = options.keep or Path(scratch) / "corpus"
        log(f"generating {options.n} reports in {directory} …")
        items = generate(directory, options.n, options.seed)
        files = [directory / item.name for item in items]
        sizes = [item.size for item in items]
        figures: dict = {"machine": _machine(), "linter": _linter(), "command": "tests/benchmark.py " + " ".join(argv),
                         "corpus": {"n": len(items), "seed": options.seed, "mean_kb": statistics.mean(sizes) / 1024,
                                    "median_kb": _median(sizes) / 1024, "max_kb": max(sizes) / 1024}}
        log("floor …")
        figures["floor"] = measure_floor(files, options.repeat)
        log("in-process …")
        figures["in_process"] = measure_in_process(files, options.repeat)
        jobs_option = has_jobs_option()
        figures["cli"] = []
        if jobs_option:
            for jobs in options.jobs:
                log(f"CLI --jobs {jobs} …")
                figures["cli"].append(measure_cli_batch(directory, len(files), jobs, options.repeat))
        else:
            log("CLI (no --jobs option) …")
            figures["cli"].append(measure_cli_batch(directory, len(files), None, options.repeat))
            figures["cli_note"] = "skipped: `disclosure-lint check` has no --jobs option"
        log("start-up and cold start …")
        figures["startup"] = measure_startup(SOURCES["2024"], max(9, options.repeat))
        log("linearity …")
        figures["linearity"] = measure_linearity(SOURCES["2024"], options.repeat)
        if options.scale:
            big = Path(scratch) / "scale"
            log(f"generating {options.scale} reports for the memory check …")
            generate(big, options.scale, options.seed)
            runs = []
            for jobs in (options.jobs if jobs_option else [None]):
                log(f"CLI on {options.scale} reports{f' --jobs {jobs}' if jobs else ''} …")
                runs.append(measure_cli_batch(big, options.scale, jobs, 1))
            figures["scale"] = {"n": options.scale, "cli": runs}
            shutil.rmtree(big)
    m = figures["machine"]
    m["load_after"] = _load()
    print(f"disclosure-lint benchmark — {m['cores']} cores {m['cpu']}, Python {m['python']}, Linux {m['kernel']}; "
          f"medians of {options.repeat} runs; load average {m['load_before']} before, {m['load_after']} after")
    linter = figures["linter"]
    print(f"disclosure_lint {linter['version']} from {linter['module']}"
          + (f" (commit {linter['commit']})" if linter["commit"] else ""))
    print(table(figures))
    if options.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
