"""The batch runner: no finding is ever lost, and a batch runs on every core.

* a rule that raises is one DL000 naming it, the other findings kept, exit code 2; the same for a
  cross-year rule, and for a model that cannot be built;
* a file whose lint runs past `--timeout` is one DL000, the batch goes on; a worker that dies or
  hangs where the alarm cannot reach it is one DL000 for its file, and the run never hangs;
* `--jobs 2` gives byte for byte the output of `--jobs 1` (examples, seeds, cross-year pairs);
* a batch streams: memory stays flat however many files;
* inputs are never written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS, example_text, run_with_terminal_stderr

from disclosure_lint import limits, runner
from disclosure_lint.cli import main
from disclosure_lint.lint import cross_check, lint
from disclosure_lint.registry import all_rules, rule_by_code

FORK = sys.platform.startswith("linux")  # the workers inherit the tests' monkeypatches
needs_fork = pytest.mark.skipif(not FORK, reason="a patched rule reaches the workers only with fork")
needs_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")


def check(capsys, *args: str) -> tuple[int, str, str]:
    """`disclosure-lint check ARGS` in this process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as done:
        main(["check", *args])
    out, err = capsys.readouterr()
    return done.value.code, out, err


def by_path(out: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in json.loads(out):
        found.setdefault(Path(f["path"]).name, []).append(f["code"])
    return found


def patch_rule(monkeypatch, code: str, replacement) -> None:
    """Rule `code`'s check becomes `replacement(original, self, report, *rest)`."""
    rule = rule_by_code(code)
    original = rule.check
    monkeypatch.setattr(rule, "check", lambda self, report, *rest: replacement(original, self, report, *rest))


def folder(tmp_path: Path, names=("2023-report", "2024-report", "2024-report-defects"), copies: int = 1) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir(parents=True)
    for i in range(copies):
        for name in names:
            shutil.copyfile(EXAMPLES / f"{name}.txt", reports / f"{i:03d}-{name}.txt")
    return reports


# --------------------------------------------------------------------------- DL000


def test_a_rule_that_raises_is_one_dl000_and_the_other_findings_are_kept(capsys, monkeypatch):
    def boom(original, self, report):
        yield from original(self, report)
        raise ZeroDivisionError("division by zero")

    path = str(EXAMPLES / "2024-report-defects.txt")
    code, out, _ = check(capsys, "--format", "json", "-j1", path)
    clean_codes = sorted(by_path(out)["2024-report-defects.txt"])
    patch_rule(monkeypatch, "DL303", boom)
    code, out, _ = check(capsys, "--format", "json", "-j1", path)
    assert code == 2
    findings = json.loads(out)
    internal = [f for f in findings if f["code"] == "DL000"]
    assert len(internal) == 1
    assert internal[0]["message"] == "规则 DL303 检查时出错（ZeroDivisionError: division by zero），该规则的结果缺失；请报告此问题"
    assert internal[0]["path"] == path and internal[0]["severity"] == "error" and internal[0]["name"] == "internal-error"
    assert internal[0]["note"].startswith("出错位置：test_runner.py")
    # the rule's own partial findings are dropped, every other rule's are kept
    assert sorted(f["code"] for f in findings) == sorted([c for c in clean_codes if c != "DL303"] + ["DL000"])


def test_dl000_is_reported_whatever_is_selected_and_fails_even_a_clean_report(capsys, monkeypatch):
    patch_rule(monkeypatch, "DL303", lambda original, self, report: iter([1 / 0]))
    code, out, _ = check(capsys, "--format", "json", "-j1", "--select", "DL3", "--ignore", "DL000",
                         "--fail-on", "error", str(EXAMPLES / "2024-report.txt"))
    assert code == 2 and [f["code"] for f in json.loads(out)] == ["DL000"]
    code, out, _ = check(capsys, "-j1", "--no-frames", str(EXAMPLES / "2024-report.txt"))
    assert code == 2 and "DL000 规则 DL303 检查时出错（ZeroDivisionError" in out


def test_dl000_is_documented(capsys):
    with pytest.raises(SystemExit) as done:
        main(["rule", "DL000"])
    out, _ = capsys.readouterr()
    assert done.value.code == 0 and out.startswith("DL000 internal-error（") and "--timeout" in out


def test_a_model_that_cannot_be_built_is_one_dl000(monkeypatch):
    import disclosure_lint.lint as lint_module

    def broken(*args, **kwargs):
        raise KeyError("row")

    monkeypatch.setattr(lint_module, "load_report", broken)
    result = lint(str(EXAMPLES / "2024-report.txt"), all_rules())
    assert [f.code for f in result.findings] == ["DL000"]
    assert result.findings[0].message.startswith("读取或解析文件时出错（KeyError: 'row'）")
    assert not result.report.is_report


def test_a_cross_year_rule_that_raises_is_one_dl000_on_this_years_report(capsys, monkeypatch):
    def boom(original, self, report, previous=None):
        raise ValueError("bad pair")

    patch_rule(monkeypatch, "DL601", boom)
    this, last = str(EXAMPLES / "2024-report.txt"), str(EXAMPLES / "2023-report.txt")
    for jobs in ("1", "2"):
        code, out, _ = check(capsys, "--format", "json", "-j", jobs, this, last)
        assert code == 2
        assert [(f["path"], f["code"]) for f in json.loads(out)] == [(this, "DL000")]
        assert "跨年度规则 DL601 与上一年度报告" in json.loads(out)[0]["message"]
    # the library API: the same
    results = [lint(p, all_rules()) for p in (this, last)]
    checked, _ = cross_check(results, all_rules())
    assert [f.code for f in checked[0].findings] == ["DL000"]


# --------------------------------------------------------------------------- time limits


@needs_alarm
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_past_the_time_limit_is_one_dl000_and_the_batch_goes_on(tmp_path, capsys, monkeypatch, jobs):
    if jobs == "2" and not FORK:
        pytest.skip("the slow rule reaches the workers only with fork")

    def slow(original, self, report):
        if report.path.endswith("slow.txt"):
            time.sleep(30)
        return original(self, report)

    reports = folder(tmp_path)
    shutil.copyfile(EXAMPLES / "2024-report.txt", reports / "slow.txt")
    code, expected, _ = check(capsys, "--format", "json", "-j1", str(reports))
    patch_rule(monkeypatch, "DL104", slow)
    started = time.monotonic()
    code, out, _ = check(capsys, "--format", "json", "-j", jobs, "--timeout", "0.5", str(reports))
    assert time.monotonic() - started < 10
    assert code == 2
    found = json.loads(out)
    slow_ones = [f for f in found if f["path"].endswith("slow.txt")]
    assert [f["code"] for f in slow_ones] == ["DL000"]
    assert "检查超时（超过 0.5 秒）" in slow_ones[0]["message"]
    assert [f for f in found if not f["path"].endswith("slow.txt")] == json.loads(expected)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@needs_alarm
def test_limits_nest_and_the_outer_one_that_expires_first_is_raised():
    with pytest.raises(limits.TimeLimitExceeded) as raised, limits.time_limit(0.2) as outer, limits.time_limit(5):
        time.sleep(3)
    assert raised.value.limit is outer
    with limits.time_limit(5) as outer:
        with pytest.raises(limits.TimeLimitExceeded) as raised, limits.time_limit(0.1) as inner:
            time.sleep(3)
        assert raised.value.limit is inner
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_limit_outside_the_main_thread_is_no_limit():
    seen = []

    def work():
        with limits.time_limit(0.05):
            time.sleep(0.2)
        seen.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == ["done"]


# --------------------------------------------------------------------------- worker failures


@needs_fork
def test_a_worker_that_dies_is_one_dl000_for_its_file(tmp_path, capsys, monkeypatch):
    parent = os.getpid()

    def crash(original, self, report):
        if report.path.endswith("crash.txt") and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, report)

    reports = folder(tmp_path, copies=3)
    shutil.copyfile(EXAMPLES / "2024-report.txt", reports / "crash.txt")
    _, expected, _ = check(capsys, "--format", "json", "-j1", str(reports))
    patch_rule(monkeypatch, "DL104", crash)
    code, out, _ = check(capsys, "--format", "json", "-j2", str(reports))
    assert code == 2
    found = json.loads(out)
    crashed = [f for f in found if f["path"].endswith("crash.txt")]
    assert [f["code"] for f in crashed] == ["DL000"] and "工作进程意外终止" in crashed[0]["message"]
    assert [f for f in found if not f["path"].endswith("crash.txt")] == json.loads(expected)


@needs_fork
def test_a_worker_stuck_where_the_alarm_cannot_reach_is_killed(tmp_path, capsys, monkeypatch):
    parent = os.getpid()

    def stuck(original, self, report):
        if report.path.endswith("stuck.txt") and os.getpid() != parent:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as a long call in C code would
            time.sleep(60)
        return original(self, report)

    reports = folder(tmp_path)
    shutil.copyfile(EXAMPLES / "2024-report.txt", reports / "stuck.txt")
    patch_rule(monkeypatch, "DL104", stuck)
    monkeypatch.setattr(runner, "WATCHDOG_GRACE", 0.5)
    started = time.monotonic()
    code, out, _ = check(capsys, "--format", "json", "-j2", "--timeout", "0.5", str(reports))
    assert time.monotonic() - started < 15
    assert code == 2
    stuck_ones = [f for f in json.loads(out) if f["path"].endswith("stuck.txt")]
    assert [f["code"] for f in stuck_ones] == ["DL000"] and "无响应" in stuck_ones[0]["message"]


# --------------------------------------------------------------------------- the same output with any --jobs


def same_output(capsys, *args: str) -> str:
    outputs = []
    for jobs in ("1", "2"):
        code, out, err = check(capsys, *args, "-j", jobs)
        outputs.append((code, out, err))
    assert outputs[0] == outputs[1]
    return outputs[0][1]


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_jobs_2_gives_the_output_of_jobs_1_on_the_examples(capsys, output_format):
    out = same_output(capsys, "--format", output_format, str(EXAMPLES))
    assert "DL303" in out


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_jobs_2_gives_the_output_of_jobs_1_on_the_seeds(capsys, output_format):
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    same_output(capsys, "--format", output_format, str(SEEDS))


def test_cross_year_findings_are_the_same_with_any_jobs_and_as_the_library_gives(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    texts = {name: example_text(name) for name in ("2019-report", "2020-report", "2023-report", "2024-report")}
    for code, base in (("DL601", "2024-report"), ("DL602", "2024-report"), ("DL602", "2020-report")):
        example = next(e for e in rule_by_code(code).examples if e.base == base)
        assert example.good in texts[base]
        texts[base] = texts[base].replace(example.good, example.bad, 1)
    for name, text in texts.items():
        (reports / f"{name}.txt").write_text(text, encoding="utf-8")
    for i in range(30):  # more files than one chunk, other agencies' reports with no pair
        (reports / f"other-{i:02d}.txt").write_text(texts["2023-report"].replace("示例市数据管理局", f"示例{i}号局"),
                                                    encoding="utf-8")
    out = same_output(capsys, "--format", "json", str(reports))
    found = by_path(out)
    assert "DL601" in found["2024-report.txt"] and "DL602" in found["2024-report.txt"]
    assert "DL602" in found["2020-report.txt"]
    # the html page keeps the models and goes through lint.cross_check: the same findings
    files = sorted(str(p) for p in reports.iterdir())
    results, _ = cross_check([lint(p, all_rules()) for p in files], all_rules())
    assert [f.as_dict() for r in results for f in r.findings] == json.loads(out)


def test_jobs_must_be_at_least_one(capsys):
    code, _, err = check(capsys, "-j", "0", str(EXAMPLES / "2024-report.txt"))
    assert code == 2 and "--jobs" in err


def test_the_progress_bar_advances_with_jobs(tmp_path):

    reports = folder(tmp_path, names=("2024-report",), copies=40)
    done, shown = run_with_terminal_stderr("--format", "json", "-j2", str(reports))
    assert done.returncode == 0 and json.loads(done.stdout) == []
    counts = [int(n) for n in re.findall(rb"(\d+)/40", shown)]
    assert counts and max(counts) > 0


# --------------------------------------------------------------------------- memory and inputs


# The child's own peak: Linux's VmHWM, which starts afresh at exec (ru_maxrss does not: a child of a
# big pytest process would report the parent's size); ru_maxrss elsewhere (bytes on macOS).
PEAK = """
import resource, sys
from disclosure_lint.cli import main
try:
    main(sys.argv[1:])
finally:
    try:
        with open("/proc/self/status") as status:
            kb = int(status.read().split("VmHWM:")[1].split()[0])
    except (OSError, IndexError):
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    sys.stderr.write("PEAK %d\\n" % kb)
"""


def peak_mb(args: list[str]) -> float:
    code = PEAK
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    return int(done.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX")
def test_a_batch_streams_memory_stays_flat(tmp_path):
    names = ("2019-report", "2020-report", "2023-report", "2024-report", "2024-report-defects")
    few = folder(tmp_path / "few", names, copies=4)
    many = folder(tmp_path / "many", names, copies=60)
    small = peak_mb(["check", "--format", "json", "-j1", str(few)])
    large = peak_mb(["check", "--format", "json", "-j1", str(many)])
    # 300 files: measured ~35 MB, 20 files ~33 MB; keeping the models would add ~0.2 MB a report.
    assert large < 150, f"peak {large:.0f} MB"
    assert large - small < 25, f"{small:.0f} MB for 20 files, {large:.0f} MB for 300"


def test_inputs_are_never_written(tmp_path):
    from docgen.docx import write_docx
    from docgen.layout import from_tab_text
    from docgen.pdf import write_pdf

    reports = tmp_path / "reports"
    shutil.copytree(EXAMPLES, reports, ignore=shutil.ignore_patterns("plugin"))
    layout = from_tab_text(example_text("2024-report-defects"))
    write_docx(layout, reports / "defects.docx")
    write_pdf(layout, reports / "defects.pdf")

    def snapshot() -> dict:
        return {str(p.relative_to(reports)): (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else None)
                for p in sorted(reports.rglob("*"))}

    before = snapshot()
    for p in [*reports.rglob("*"), reports]:
        p.chmod(p.stat().st_mode & ~0o222)
    try:
        for args in (["check", "--format", "json", str(reports)], ["check", "-j1", str(reports)],
                     ["check", "--format", "html", "-o", str(tmp_path / "review.html"), str(reports)],
                     ["dump", str(reports)]):
            done = subprocess.run([sys.executable, "-m", "disclosure_lint", *args], capture_output=True,
                                  cwd=tmp_path, timeout=120)
            assert done.returncode in (0, 1), done.stderr.decode()
    finally:
        for p in [reports, *reports.rglob("*")]:
            p.chmod(p.stat().st_mode | 0o200)
    assert snapshot() == before  # the same files, bytes and modification times: nothing written or created
    assert {p.name for p in tmp_path.iterdir()} == {"reports", "review.html"}
