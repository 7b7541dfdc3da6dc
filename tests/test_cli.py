"""The command line, run as a user runs it: a subprocess on real files.

Exit codes 0 (clean) / 1 (findings) / 2 (usage error, one line on stderr, never a traceback);
JSON output; rule selection; standard input; directories; `rule` and `dump`; and text output whose
code-frame carets line up under Chinese text (two terminal cells per character, tabs to multiples
of four cells).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_with_terminal_stderr, seed_path, seed_text
from rich.cells import cell_len

from disclosure_lint import __version__
from disclosure_lint.registry import all_rules, rule_by_code

EXAMPLE = EXAMPLES / "2024-report.txt"
FINDING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]{2,}\d{3}) (?P<message>.+)$")
JSON_KEYS = {"code", "name", "severity", "message", "path", "line", "column", "table", "row", "column_label"}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "TERM")}
    env.update(NO_COLOR="1", PYTHONUTF8="1", COLUMNS="200")
    done = subprocess.run([sys.executable, "-m", "disclosure_lint", *args], input=stdin, capture_output=True,
                          env=env, timeout=60)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


def json_findings(done: subprocess.CompletedProcess) -> list[dict]:
    data = json.loads(done.stdout)  # the whole of stdout is one JSON document
    assert isinstance(data, list)
    return data


def expand(text: str) -> str:
    """Tabs to the next multiple of four terminal cells (a CJK character is two)."""
    out, width = [], 0
    for ch in text:
        if ch == "\t":
            pad = 4 - width % 4
            out.append(" " * pad)
            width += pad
        else:
            out.append(ch)
            width += cell_len(ch)
    return "".join(out)


def char_at_cell(text: str, cells: int) -> str:
    """The character that starts `cells` terminal cells into `text`."""
    width = 0
    for ch in text:
        if width == cells:
            return ch
        width += cell_len(ch)
    raise AssertionError(f"no character starts at cell {cells} of {text!r}")


def assert_usage_error(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].strip()


# ----------------------------------------------------------------------------------- exit codes


def test_clean_example_exits_0_with_a_clean_summary():
    done = run(str(EXAMPLE))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("未发现")
    assert not FINDING_LINE.match(done.stdout.splitlines()[0])
    assert done.stderr == ""


def test_seed_with_findings_exits_1_with_ruff_style_lines_frames_and_summary():
    path = seed_path("shishi")
    done = run(str(path))
    assert done.returncode == 1
    assert "\x1b[" not in done.stdout and "\x1b[" not in done.stderr  # NO_COLOR, not a tty
    lines = done.stdout.splitlines()
    heads = [FINDING_LINE.match(line) for line in lines]
    located = {(m["code"], int(m["line"]), int(m["column"])) for m in heads if m}
    assert {("DL105", 3, 1), ("DL203", 96, 1), ("DL104", 120, 1)} <= located
    assert all(m["path"] == str(path) for m in heads if m)
    assert lines[-1].startswith("发现")

    # The DL104 frame: gutter, the source line, carets under the whole heading (11 CJK = 22 cells).
    at = next(i for i, m in enumerate(heads) if m and m["code"] == "DL104")
    source = seed_text("shishi").split("\n")[119]
    assert lines[at + 2] == f"120 | {expand(source)}".rstrip()
    caret = lines[at + 3][len("120 | "):]
    assert caret.startswith("^" * cell_len(source.strip()))


@pytest.mark.parametrize("args", [
    ("/no/such/report.txt",),
    ("--no-such-option", "EXAMPLE"),
    ("--select", "DL999", "EXAMPLE"),
    ("--select", "XX1", "EXAMPLE"),
    ("rule", "DL999"),
    ("dump", "/no/such/report.txt"),
], ids=["missing-path", "unknown-option", "unknown-code", "unknown-prefix", "unknown-rule", "dump-missing-path"])
def test_usage_errors_exit_2_with_one_line_and_no_traceback(args: tuple[str, ...]):
    done = run(*(str(EXAMPLE) if a == "EXAMPLE" else a for a in args))
    assert_usage_error(done)


def test_unknown_select_code_is_named_in_the_error():
    done = run("--select", "DL999", str(EXAMPLE))
    assert_usage_error(done)
    assert "DL999" in done.stderr


# ----------------------------------------------------------------------------------- JSON


def test_json_is_an_empty_array_when_clean():
    done = run("--format", "json", str(EXAMPLE))
    assert done.returncode == 0
    assert json_findings(done) == []


def test_json_findings_carry_every_key_and_table_details():
    path = seed_path("shishi")
    done = run("--format", "json", "--select", "DL0,DL1,DL2,DL3", str(path))
    assert done.returncode == 1
    findings = json_findings(done)
    assert {f["code"] for f in findings} == {"DL104", "DL105", "DL203"}
    for f in findings:
        assert set(f) >= JSON_KEYS, f
        assert f["path"] == str(path)
        assert isinstance(f["line"], int) and isinstance(f["column"], int)
        assert f["severity"] in ("error", "warning", "info")
        assert f["name"] == rule_by_code(f["code"]).name
    blank = next(f for f in findings if f["code"] == "DL203")
    assert (blank["line"], blank["column"], blank["severity"]) == (96, 1, "error")
    assert blank["table"] == "表四" and blank["row"]
    assert all(c in blank["column_label"] for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    title = next(f for f in findings if f["code"] == "DL104")
    assert (title["line"], title["column"], title["severity"]) == (120, 1, "warning")
    assert title["table"] is None and title["row"] is None and title["column_label"] is None


# ----------------------------------------------------------------------------------- selection


@pytest.mark.parametrize(("options", "expected"), [
    (("--select", "DL1"), {"DL104", "DL105"}),
    (("--select", "DL2"), {"DL203"}),
    (("--select", "DL104,DL203"), {"DL104", "DL203"}),
    (("--select", "DL1", "--ignore", "DL105"), {"DL104"}),
    (("--select", "DL0,DL1,DL2,DL3", "--ignore", "DL105", "--ignore", "DL2"), {"DL104"}),
], ids=["family", "other-family", "codes", "family-minus-code", "ignore-prefix"])
def test_select_and_ignore_by_code_and_prefix(options: tuple[str, ...], expected: set[str]):
    done = run("--format", "json", *options, str(seed_path("shishi")))
    assert done.returncode == 1
    assert {f["code"] for f in json_findings(done)} == expected


def test_ignore_alone_drops_only_that_code():
    done = run("--format", "json", "--ignore", "DL105", str(seed_path("shishi")))
    found = {f["code"] for f in json_findings(done)}
    assert "DL105" not in found
    assert {"DL104", "DL203"} <= found


def test_selecting_away_every_finding_exits_0():
    done = run("--select", "DL3", str(seed_path("shishi")))
    assert done.returncode == 0
    assert done.stdout.strip().splitlines()[-1].startswith("未发现")


# ----------------------------------------------------------------------------------- inputs


def test_dash_reads_standard_input():
    path = seed_path("shishi")
    done = run("--format", "json", "--select", "DL0,DL1,DL2,DL3", "-", stdin=path.read_bytes())
    assert done.returncode == 1
    findings = json_findings(done)
    assert {f["path"] for f in findings} == {"-"}
    assert {(f["code"], f["line"], f["column"]) for f in findings} == {
        ("DL105", 3, 1), ("DL203", 96, 1), ("DL104", 120, 1)}


def test_directory_argument_recurses_and_finds_txt_files(tmp_path: Path):
    root = tmp_path / "年报"
    (root / "sub" / "deeper").mkdir(parents=True)
    clean = root / "a.txt"
    clean.write_bytes(EXAMPLE.read_bytes())
    broken = root / "sub" / "deeper" / "石狮.txt"
    broken.write_bytes(seed_path("shishi").read_bytes())
    ignored = root / "sub" / "notes.csv"  # not a report file: must not be read
    ignored.write_bytes(seed_path("shishi").read_bytes())

    done = run("--no-frames", "--select", "DL0,DL1,DL2,DL3", str(root))
    assert done.returncode == 1
    heads = [m for m in map(FINDING_LINE.match, done.stdout.splitlines()) if m]
    assert {m["path"] for m in heads} == {str(broken)}
    assert {m["code"] for m in heads} == {"DL104", "DL105", "DL203"}
    summary = done.stdout.strip().splitlines()[-1]
    assert re.search(r"\b2 个文件", summary), summary  # a.txt and 石狮.txt, not notes.csv
    assert re.search(r"\b1 个通过", summary), summary


# ----------------------------------------------------------------------------------- subcommands


def test_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"disclosure-lint {__version__}"


def test_rule_prints_the_rules_documentation():
    rule = rule_by_code("DL303")
    done = run("rule", "DL303")
    assert done.returncode == 0
    first = done.stdout.splitlines()[0]
    assert first.startswith("DL303") and rule.name in first
    assert rule.summary() in done.stdout
    rationale = rule.rationale().splitlines()[0].strip()
    assert rationale and rationale in done.stdout
    assert "错误示例" in done.stdout and "正确示例" in done.stdout


def test_rule_without_a_code_lists_every_rule():
    done = run("rule")
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert listed == [r.code for r in all_rules()]
    assert {"DL001", "DL101", "DL203", "DL303"} <= set(listed)


def test_dump_prints_the_model_as_json():
    text = EXAMPLE.read_text(encoding="utf-8")
    done = run("dump", str(EXAMPLE))
    assert done.returncode == 0
    data = json.loads(done.stdout)
    sections = data["sections"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 5, 6]
    assert [s["table"] is not None for s in sections] == [False, True, True, True, False, False]
    lines = text.split("\n")
    assert [s["position"]["line"] for s in sections] == [
        next(n for n, line in enumerate(lines, 1) if line.startswith(h)) for h in
        ("一、总体情况", "二、主动公开", "三、收到和处理", "四、政府信息公开行政复议", "五、存在的主要问题", "六、其他")]
    table3 = sections[2]["table"]
    new = next(r for r in table3["rows"] if r["key"] == "new")
    natural = next(c for c in new["cells"] if c["column"] == "自然人")
    row_line = next(n for n, line in enumerate(lines, 1) if line.startswith("一、本年新收政府信息公开申请数量\t"))
    assert natural["value"] == 5
    assert natural["position"] == {"line": row_line, "column": lines[row_line - 1].index("\t5\t") + 2}
    assert data["title"]["agency"] == "示例市数据管理局" and data["title"]["year"] == 2024


# ----------------------------------------------------------------------------------- code frames


def test_code_frame_carets_line_up_under_cjk_and_tabs(tmp_path: Path):
    text = EXAMPLE.read_text(encoding="utf-8")
    rows = {
        "一、本年新收政府信息公开申请数量\t\t5\t": "一、本年新收政府信息公开申请数量\t\t无\t",
        "三、本年度办理结果\t（一）予以公开\t3\t": "三、本年度办理结果\t（一）予以公开\t/\t",
    }
    for good, bad in rows.items():
        assert good in text
        text = text.replace(good, bad, 1)
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    lines = text.split("\n")

    done = run("--select", "DL203", str(report))
    assert done.returncode == 1
    assert "\x1b[" not in done.stdout
    out = done.stdout.splitlines()
    heads = [(i, m) for i, m in enumerate(map(FINDING_LINE.match, out)) if m]
    assert len(heads) == 2
    for (i, m), bad, mark in zip(heads, rows.values(), ("无", "/")):
        line, column = int(m["line"]), int(m["column"])
        source = lines[line - 1]
        assert source.startswith(bad)
        assert column == len(bad) - 1  # the mark, 1-based: it is the last character before the tab
        gutter = str(line)
        assert out[i + 1].rstrip() == " " * len(gutter) + " |"
        assert out[i + 2] == f"{gutter} | {expand(source)}".rstrip()
        caret_row = out[i + 3]
        assert caret_row.startswith(" " * len(gutter) + " | ")
        carets = caret_row[len(gutter) + 3:]
        before = cell_len(expand(source[: column - 1]))
        assert carets.index("^") == before, (carets, before)
        width = cell_len(source[column - 1])
        assert carets[before : before + width] == "^" * width
        assert carets[before + width : before + width + 1] != "^"
        # and in the printed source line, the character at that cell offset is the mark itself
        assert char_at_cell(out[i + 2][len(gutter) + 3:], before) == mark
    assert out[-1].startswith("发现")


# ----------------------------------------------------------------------------------- rough edges


def test_a_missing_path_among_several_is_reported_and_the_rest_is_linted():
    done = run("--no-frames", str(EXAMPLES / "2024-report-defects.txt"), "/no/such/report.txt", str(EXAMPLE))
    assert done.returncode == 2  # an input error, whatever the findings
    assert done.stderr.strip() == "disclosure-lint: 错误：路径不存在：/no/such/report.txt"
    heads = [m for m in map(FINDING_LINE.match, done.stdout.splitlines()) if m]
    assert {m["code"] for m in heads} == {"DL105", "DL301", "DL303", "DL203", "DL104"}
    assert "2 个文件：1 个通过，1 个有问题" in done.stdout


def test_an_empty_folder_is_an_error_not_a_success(tmp_path: Path):
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    done = run(str(tmp_path))
    assert_usage_error(done)
    assert "没有找到报告文件" in done.stderr


@pytest.mark.parametrize("args, words", [
    ((), "缺少参数"),
    (("--no-such-option", "EXAMPLE"), "没有选项 --no-such-option"),
    (("--format", "xml", "EXAMPLE"), "'--format' 的值无效"),
])
def test_click_s_own_errors_are_in_chinese(args: tuple[str, ...], words: str):
    done = run(*(str(EXAMPLE) if a == "EXAMPLE" else a for a in args))
    assert_usage_error(done)
    assert words in done.stderr and not re.search(r"Missing|No such|Invalid value", done.stderr)


def test_help_is_in_chinese():
    done = run("--help")
    assert done.returncode == 0
    assert "用法：" in done.stdout and "显示本帮助并退出。" in done.stdout and "显示版本号并退出。" in done.stdout
    assert "Show this message" not in done.stdout and "Usage:" not in done.stdout


def test_dump_of_a_folder_is_an_array_of_reports(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.txt").write_bytes((EXAMPLES / "2024-report-defects.txt").read_bytes())
    done = run("dump", str(tmp_path))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [Path(d["path"]).name for d in data] == ["a.txt", "b.txt"]
    assert all(len(d["sections"]) == 6 for d in data)


# ----------------------------------------------------------------------------------- formats and settings

DEFECTS = EXAMPLES / "2024-report-defects.txt"


def test_every_format_through_the_command_line(tmp_path: Path):
    import xml.etree.ElementTree as ET

    sarif = json.loads(run("--format", "sarif", str(DEFECTS)).stdout)
    assert sarif["version"] == "2.1.0"
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["DL104", "DL105", "DL203", "DL301", "DL303"]
    github = run("--format", "github", str(DEFECTS))
    assert github.returncode == 1
    assert all(re.match(r"^::(error|warning|notice) file=", line) for line in github.stdout.splitlines())
    assert len(github.stdout.splitlines()) == 5
    junit = ET.fromstring(run("--format", "junit", str(DEFECTS), str(EXAMPLE)).stdout)
    assert len(junit.iter("testcase").__next__().findall("failure")) == 5
    assert run("--format", "github", str(EXAMPLE)).stdout == ""  # clean: nothing to annotate


def test_output_file_is_written_whole_and_quiet_drops_the_summary(tmp_path: Path):
    target = tmp_path / "out.json"
    done = run("--format", "json", "--output-file", str(target), str(DEFECTS))
    assert done.returncode == 1 and done.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 5
    text = tmp_path / "out.txt"
    run("--quiet", "--no-frames", "--output-file", str(text), str(DEFECTS))
    lines = text.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(FINDING_LINE.match(line) for line in lines)
    assert "\x1b[" not in text.read_text(encoding="utf-8")  # no colour codes in a file
    assert_usage_error(run("--output-file", str(tmp_path / "no" / "dir" / "x.txt"), str(DEFECTS)))


def test_statistics_in_json_is_its_own_object_and_refused_for_github():
    data = json.loads(run("--format", "json", "--statistics", str(DEFECTS)).stdout)
    assert len(data["findings"]) == 5
    assert {s["code"]: s["count"] for s in data["statistics"]}["DL203"] == 1
    assert_usage_error(run("--format", "github", "--statistics", str(DEFECTS)))


def test_configuration_from_pyproject_selects_overrides_severity_and_sets_the_exit_code(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.disclosure-lint]\nignore = ["DL105"]\nfail-on = "error"\n'
        '[tool.disclosure-lint.severity]\nDL104 = "info"\n', encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_bytes(DEFECTS.read_bytes())
    found = json.loads(run("--format", "json", str(report)).stdout)
    assert sorted(f["code"] for f in found) == ["DL104", "DL203", "DL301", "DL303"]
    assert next(f for f in found if f["code"] == "DL104")["severity"] == "info"
    # Only the info finding left: below fail-on, so the run passes.
    only_info = run("--select", "DL104", str(report))
    assert only_info.returncode == 0 and "DL104" in only_info.stdout
    assert run("--isolated", "--format", "json", str(report)).stdout.count('"DL105"') == 1
    shown = run("--show-settings", str(report))
    assert shown.returncode == 0 and "fail-on" in shown.stdout and "pyproject.toml" in shown.stdout


def test_a_bad_configuration_is_an_error_naming_the_file_and_the_key(tmp_path: Path):
    (tmp_path / ".disclosure-lint.toml").write_text('selct = ["DL1"]\n', encoding="utf-8")
    (tmp_path / "report.txt").write_bytes(EXAMPLE.read_bytes())
    done = run(str(tmp_path / "report.txt"))
    assert_usage_error(done)
    assert ".disclosure-lint.toml" in done.stderr and "selct" in done.stderr


def test_excluded_files_are_skipped_in_a_folder_but_not_when_named(tmp_path: Path):
    (tmp_path / "disclosure-lint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "d.txt"
    draft.write_bytes(DEFECTS.read_bytes())
    (tmp_path / "a.txt").write_bytes(EXAMPLE.read_bytes())
    assert run(str(tmp_path)).returncode == 0
    assert run(str(draft)).returncode == 1


def test_rule_explains_a_prefix():
    done = run("rule", "DL3")
    assert done.returncode == 0
    for code in ("DL301", "DL302", "DL303", "DL304"):
        assert code in done.stdout
    assert "DL203" not in done.stdout


def test_progress_bar_on_a_terminal_only_and_never_in_the_output(tmp_path: Path):

    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_bytes(EXAMPLE.read_bytes())
    done, shown = run_with_terminal_stderr("--format", "json", str(tmp_path))
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert "检查中".encode() in shown  # on the terminal's stderr
    piped = run("--format", "json", str(tmp_path))
    assert piped.stderr == ""  # not a terminal: no progress
