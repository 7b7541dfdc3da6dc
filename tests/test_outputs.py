"""The machine output formats, on real lint results: SARIF (validated against the official SARIF
2.1.0 schema in tests/data), GitHub workflow commands, JUnit XML, JSON with statistics, the shared
per-rule statistics, and the atomic writer behind `--output-file`.

The inputs are the shipped defective example as text, the same report as a PDF and as a Word
document (made by tests/docgen, so their places are in words: page and line, paragraph, table
cell), the clean example, and standard input.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import EXAMPLES, ROOT, example_text
from jsonschema.exceptions import ValidationError
from jsonschema.validators import validator_for
from rich.console import Console

from disclosure_lint import __version__
from disclosure_lint.lint import Result, lint
from disclosure_lint.output import github, junit, sarif
from disclosure_lint.output import json as json_output
from disclosure_lint.output.statistics import (
    STATISTICS_FORMATS,
    OutputUsageError,
    RuleStatistics,
    check_statistics_format,
    rule_statistics,
)
from disclosure_lint.output.text import render_statistics
from disclosure_lint.output.write import OutputWriteError, write_atomic
from disclosure_lint.registry import all_rules
from disclosure_lint.rule import Severity, describe

SCHEMA_PATH = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
DEFECTS = EXAMPLES / "2024-report-defects.txt"
CLEAN = EXAMPLES / "2024-report.txt"
# What the defective example breaks, where (text file: line, column, end column).
DEFECT_PLACES = {"DL105": (1, 1, 18), "DL301": (41, 31, 32), "DL303": (65, 26, 27), "DL203": (72, 1, 6),
                 "DL104": (80, 1, 12)}
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


# ----------------------------------------------------------------------------------- inputs


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The defective example as a PDF and a Word document, in a folder of their own."""
    from docgen.docx import write_docx
    from docgen.layout import from_tab_text
    from docgen.pdf import write_pdf

    folder = tmp_path_factory.mktemp("made")
    layout = from_tab_text(example_text("2024-report-defects"))
    write_pdf(layout, folder / "年报-defects.pdf")
    write_docx(layout, folder / "年报-defects.docx")
    return folder


@pytest.fixture(scope="module")
def text_results() -> list[Result]:
    return [lint(str(DEFECTS), all_rules()), lint(str(CLEAN), all_rules())]


@pytest.fixture(scope="module")
def document_results(made: Path) -> list[Result]:
    return [lint(str(made / "年报-defects.pdf"), all_rules()), lint(str(made / "年报-defects.docx"), all_rules())]


def test_the_inputs_are_what_the_tests_expect(text_results, document_results):
    defects, clean = text_results
    assert {f.code: (f.line, f.column, f.column + f.length) for f in defects.findings} == DEFECT_PLACES
    assert clean.findings == ()
    pdf, docx = document_results
    assert {f.code for f in pdf.findings} == {f.code for f in docx.findings} == set(DEFECT_PLACES)
    assert all(f.position.page is not None for f in pdf.findings)
    assert all(f.position.unit == "paragraph" for f in docx.findings)


# ----------------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(log: dict, schema: dict) -> None:
    validator_for(schema)(schema).validate(log)  # the draft the schema's own $schema names


def test_the_shipped_schema_is_the_official_sarif_2_1_0_schema(schema):
    assert schema["$id"].endswith("/Schemata/sarif-schema-2.1.0.json")
    assert schema["$id"].startswith("https://raw.githubusercontent.com/oasis-tcs/sarif-spec/")
    assert "2.1.0" in schema["title"]
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"run", "result", "reportingDescriptor", "physicalLocation", "region"} <= set(schema["definitions"])
    assert len(SCHEMA_PATH.read_text(encoding="utf-8")) == 112785  # the stored upstream text, unchanged


def test_sarif_validates_against_the_schema_for_every_kind_of_input(text_results, document_results, made, schema):
    stdin = lint("-", all_rules(), DEFECTS.read_bytes())
    for statistics in (False, True):
        log = json.loads(sarif.render([*text_results, *document_results, stdin], all_rules(),
                                      statistics=statistics, base=ROOT))
        validate(log, schema)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_the_schema_check_is_live(text_results, schema):
    """The validator refuses what the standard refuses, so a passing validation means something."""
    log = sarif.as_dict(text_results, all_rules(), base=ROOT)
    validate(log, schema)
    broken = [
        lambda log: log["runs"][0]["results"][0].update(level="fatal"),
        lambda log: log["runs"][0]["tool"]["driver"].pop("name"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda log: log["runs"][0]["tool"]["driver"]["rules"][0].update(shortDescription="text, not an object"),
        lambda log: log["runs"][0]["results"][0].update(unknownProperty=1),
    ]
    for breaking in broken:
        copy = json.loads(json.dumps(log))
        breaking(copy)
        with pytest.raises(ValidationError):
            validate(copy, schema)


def test_sarif_driver_describes_every_selected_rule(text_results):
    rules = all_rules()
    driver = sarif.as_dict(text_results, rules, base=ROOT)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "disclosure-lint" and driver["version"] == __version__
    assert [d["id"] for d in driver["rules"]] == [r.code for r in rules]
    for rule, descriptor in zip(rules, driver["rules"]):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert descriptor["fullDescription"]["text"] == (rule.rationale() or rule.summary())
        assert descriptor["help"]["text"] == describe(rule)
        for example in rule.examples:
            assert example.good.strip().split("\t")[0] in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity.value]
        # what GitHub code scanning requires of a rule (sarif-sdk GH2012)
        assert descriptor["shortDescription"]["text"].strip() and descriptor["fullDescription"]["text"].strip()
        assert descriptor["help"]["text"].strip()


def test_sarif_describes_only_the_selected_rules_and_honours_configured_severity(schema):
    selected = tuple(r for r in all_rules() if r.code.startswith("DL3"))
    result = lint(str(DEFECTS), selected)
    raised = lambda code, severity: Severity.INFO if code == "DL303" else severity  # noqa: E731
    log = sarif.as_dict([result], selected, base=ROOT, severity=raised)
    validate(log, schema)
    run = log["runs"][0]
    assert [d["id"] for d in run["tool"]["driver"]["rules"]] == [r.code for r in selected]
    assert {r["ruleId"] for r in run["results"]} == {"DL301", "DL303"}
    levels = {d["id"]: d["defaultConfiguration"]["level"] for d in run["tool"]["driver"]["rules"]}
    assert levels["DL303"] == "note" and levels["DL301"] == "error"


def test_sarif_results_carry_rule_level_message_and_the_text_file_region(text_results):
    findings = text_results[0].findings
    run = sarif.as_dict(text_results, all_rules(), base=ROOT)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(findings)
    for finding, result in zip(findings, run["results"]):
        assert result["ruleId"] == finding.code == rules[result["ruleIndex"]]["id"]
        assert result["level"] == LEVELS[finding.severity.value]
        assert result["message"]["text"].startswith(finding.message)
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "examples/2024-report-defects.txt", "uriBaseId": "%SRCROOT%"}
        line, column, end = DEFECT_PLACES[finding.code]
        assert physical["region"] == {"startLine": line, "startColumn": column, "endColumn": end}
        assert finding.as_dict()["end_column"] == end  # the same span as the JSON output
    blank = next(r for r in run["results"] if r["ruleId"] == "DL203")
    assert blank["message"]["text"].endswith("（此处应有 5 个数字）")
    assert blank["properties"]["table"] == "表四" and blank["properties"]["note"] == "此处应有 5 个数字"


def test_sarif_places_pdf_and_word_findings_in_words_with_a_file_level_region(document_results, made):
    run = sarif.as_dict(document_results, all_rules(), base=made)["runs"][0]
    findings = [f for r in document_results for f in r.findings]
    assert len(run["results"]) == len(findings)
    for finding, result in zip(findings, run["results"]):
        physical = result["locations"][0]["physicalLocation"]
        # GitHub needs region.startLine; line and column of a PDF page or a Word paragraph are not
        # the file's, so the region is the file as a whole and the place is given in words.
        assert physical["region"] == {"startLine": 1}
        words = finding.position.describe()
        assert re.fullmatch(r"第\d+页第\d+行|第\d+段|第\d+个表格第\d+行第\d+列", words)
        assert result["message"]["text"].startswith(f"{words}：{finding.message}")
        assert result["properties"]["place"] == words
        assert result["properties"]["position"] == finding.position.as_dict()
        suffix = ".pdf" if finding.position.page is not None else ".docx"
        assert unquote(physical["artifactLocation"]["uri"]) == f"年报-defects{suffix}"
    pdf, docx = (next(r for r in run["results"] if r["ruleId"] == "DL301" and r["properties"]["position"].get(key))
                 for key in ("page", "paragraph"))
    assert pdf["message"]["text"].startswith("第3页第13行：")
    assert docx["message"]["text"].startswith("第2个表格第4行第9列：")
    assert docx["properties"]["position"]["cell"] == {"table": 2, "row": 4, "column": 9}


def test_every_sarif_result_has_what_github_code_scanning_needs(text_results, document_results, made, tmp_path):
    """sarif-sdk's GitHub rules: a location with artifactLocation.uri (GH1001) that is relative or a
    file: URI (GH1005), and region.startLine (GH1003)."""
    outside = tmp_path / "外部 报告.txt"
    outside.write_bytes(DEFECTS.read_bytes())
    inside = made / "子目录" / "年报 副本.txt"
    inside.parent.mkdir(exist_ok=True)
    inside.write_bytes(DEFECTS.read_bytes())
    stdin = lint("-", all_rules(), DEFECTS.read_bytes())
    everything = [*text_results, *document_results, lint(str(outside), all_rules()), lint(str(inside), all_rules()),
                  stdin]
    results = sarif.as_dict(everything, all_rules(), base=made)["runs"][0]["results"]
    assert len(results) == sum(len(r.findings) for r in everything)
    for result in results:
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert uri and " " not in uri and uri.isascii()
        assert urlsplit(uri).scheme in ("", "file")
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        assert result["message"]["text"].strip()
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert outside.as_uri() in uris  # outside the base folder: an absolute file: URI, percent-encoded
    assert "stdin" in uris
    assert quote_name("年报-defects.pdf") in uris
    assert quote_name("子目录/年报 副本.txt") == "%E5%AD%90%E7%9B%AE%E5%BD%95/%E5%B9%B4%E6%8A%A5%20%E5%89%AF%E6%9C%AC.txt"
    assert quote_name("子目录/年报 副本.txt") in uris  # relative, percent-encoded, with its folder


def quote_name(name: str) -> str:
    """Percent-encoding of everything but ASCII letters, digits, `-._~` and `/` (RFC 3986)."""
    keep = re.compile(r"[A-Za-z0-9\-._~/]")
    return "".join(c if keep.fullmatch(c) else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in name)


def test_sarif_standard_input_can_be_given_a_name():
    stdin = lint("-", all_rules(), DEFECTS.read_bytes())
    run = sarif.as_dict([stdin], all_rules(), base=ROOT, stdin_name="reports/2024.txt")["runs"][0]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {
        "reports/2024.txt"}


def test_sarif_fingerprints_are_unique_and_survive_lines_inserted_above(tmp_path):
    text = DEFECTS.read_text(encoding="utf-8")
    moved = tmp_path / "2024-report-defects.txt"
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("二、主动公开"))
    moved.write_text("\n".join(lines[:heading] + [""] * 3 + lines[heading:]), encoding="utf-8")
    # the original text, named as the moved file (through a `..`, which the URI does not keep)
    before = lint(str(tmp_path / "a" / ".." / "2024-report-defects.txt"), all_rules(), text.encode("utf-8"))
    after = lint(str(moved), all_rules())
    assert [f.code for f in before.findings] == [f.code for f in after.findings]
    assert [f.line for f in before.findings] != [f.line for f in after.findings]  # the lines did move

    def prints(result):
        run = sarif.as_dict([result], all_rules(), base=tmp_path)["runs"][0]
        return [r["partialFingerprints"]["disclosureLint/v1"] for r in run["results"]]

    assert prints(before) == prints(after)
    assert len(set(prints(after))) == len(after.findings)


def test_sarif_statistics_go_into_the_run_property_bag(text_results, document_results, made):
    everything = [*text_results, *document_results]
    run = sarif.as_dict(everything, all_rules(), base=made, statistics=True)["runs"][0]
    assert run["properties"]["statistics"] == [s.as_dict() for s in rule_statistics(everything)]
    assert "properties" not in sarif.as_dict(everything, all_rules(), base=made)["runs"][0]


# ----------------------------------------------------------------------------------- GitHub

GITHUB_TEXT_LINE = re.compile(
    r"::(?P<command>error|warning|notice) file=(?P<file>[^,:%\r\n]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endColumn=(?P<end>\d+),title=(?P<code>[A-Z]{2,}\d{3}) (?P<name>[a-z0-9-]+)::(?P<message>[^\r\n]+)")
GITHUB_FILE_LINE = re.compile(
    r"::(?P<command>error|warning|notice) file=(?P<file>[^,:\r\n]+),title=(?P<code>[A-Z]{2,}\d{3}) "
    r"(?P<name>[a-z0-9-]+)::(?P<message>[^\r\n]+)")
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def test_github_lines_for_a_text_report(text_results):
    out = github.render(text_results, base=ROOT)
    lines = out.split("\n")
    findings = text_results[0].findings
    assert len(lines) == len(findings)  # one line per finding; the clean report adds none
    for finding, line in zip(findings, lines):
        m = GITHUB_TEXT_LINE.fullmatch(line)
        assert m, line
        assert m["command"] == COMMANDS[finding.severity.value]
        assert m["file"] == "examples/2024-report-defects.txt"
        assert (int(m["line"]), int(m["col"]), int(m["end"])) == DEFECT_PLACES[finding.code]
        assert (m["code"], m["name"]) == (finding.code, finding.name)
        assert m["message"].startswith(finding.message)
    assert github.render([text_results[1]], base=ROOT) == ""


def test_github_lines_for_pdf_and_word_name_the_file_and_the_place_in_words(document_results, made):
    lines = github.render(document_results, base=made).split("\n")
    findings = [f for r in document_results for f in r.findings]
    assert len(lines) == len(findings)
    for finding, line in zip(findings, lines):
        m = GITHUB_FILE_LINE.fullmatch(line)
        assert m, line
        assert m["file"] == Path(finding.path).name
        assert m["message"].startswith(f"{finding.position.describe()}：")


def test_github_escapes_data_and_properties_as_the_actions_toolkit_does(text_results):
    finding = next(f for f in text_results[0].findings if f.code == "DL303")
    odd = replace(finding, message="50% 完成: 第一行,\r\n第二行", note=None, path="a,b:c%.txt", severity=Severity.INFO)
    line = github.render([Result(text_results[0].report, (odd,))], base=ROOT)
    assert line == ("::notice file=a%2Cb%3Ac%25.txt,line=65,col=26,endColumn=27,title=DL303 balance"
                    "::50%25 完成: 第一行,%0D%0A第二行")
    assert "\n" not in line and "\r" not in line

    def unescape(text: str) -> str:
        return re.sub("%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m[1]).decode(), text)

    head, message = line[2:].split("::", 1)
    assert unescape(message) == odd.message
    properties = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert unescape(properties["file"]) == "a,b:c%.txt"


def test_github_standard_input_names_no_file():
    stdin = lint("-", all_rules(), DEFECTS.read_bytes())
    lines = github.render([stdin]).split("\n")
    assert lines and all(re.fullmatch(r"::(error|warning|notice) title=DL\d{3} [a-z-]+::[^\r\n]+", x) for x in lines)


def test_github_refuses_statistics_with_a_chinese_message(text_results):
    with pytest.raises(OutputUsageError, match="--statistics.*github"):
        github.render(text_results, statistics=True)
    with pytest.raises(OutputUsageError) as refused:
        check_statistics_format("github")
    assert re.search(r"[\u4e00-\u9fff]", str(refused.value)) and "\n" not in str(refused.value)
    for fmt in ("text", "json", "sarif", "junit"):
        check_statistics_format(fmt)
    assert set(STATISTICS_FORMATS) == {"text", "json", "sarif", "junit"}


# ----------------------------------------------------------------------------------- JUnit


def test_junit_one_testcase_per_file_and_a_failure_per_finding(text_results, document_results, made):
    everything = [*text_results, *document_results]
    root = ET.fromstring(junit.render(everything, base=made).encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(everything) == 4
    failing = sum(1 for r in everything if r.findings)
    for element in (root, suite):
        assert int(element.get("tests")) == 4
        assert int(element.get("failures")) == failing == 3  # failed tests, as JUnit counts them
        assert int(element.get("errors")) == 0 and int(element.get("skipped")) == 0
        assert float(element.get("time")) >= 0
    for result, case in zip(everything, cases):
        failures = case.findall("failure")
        assert len(failures) == len(result.findings)
        assert case.get("classname") == case.get("name") == case.get("file")
        for finding, failure in zip(result.findings, failures):
            assert failure.get("type") == finding.code
            assert failure.get("message") == f"{finding.code} {finding.message}"
            assert finding.where() in failure.text and finding.message in failure.text
            if finding.note:
                assert f"说明：{finding.note}" in failure.text
    clean = cases[1]
    assert clean.get("name") == "examples/2024-report.txt" or clean.get("name").endswith("2024-report.txt")
    assert list(clean) == []  # a clean file passes
    assert sum(len(c.findall("failure")) for c in cases) == sum(len(r.findings) for r in everything)
    pdf_failures = cases[2].findall("failure")
    assert any("第4页第9行" in f.text for f in pdf_failures)


def test_junit_names_files_relative_to_the_base(text_results):
    root = ET.fromstring(junit.render(text_results, base=ROOT))
    names = [c.get("name") for c in root.iter("testcase")]
    assert names == ["examples/2024-report-defects.txt", "examples/2024-report.txt"]


def test_junit_survives_characters_xml_cannot_carry(text_results):
    finding = text_results[0].findings[0]
    odd = replace(finding, message="分页符\x0c之后 <b>&amp;\x00", note="引号\"与'单引号'")
    xml = junit.render([Result(text_results[0].report, (odd,))], base=ROOT)
    failure = ET.fromstring(xml).find(".//failure")
    assert failure.get("message") == f"{odd.code} 分页符\\x0c之后 <b>&amp;\\x00"
    assert "引号\"与'单引号'" in failure.text


def test_junit_statistics_are_suite_properties(text_results, document_results, made):
    everything = [*text_results, *document_results]
    suite = ET.fromstring(junit.render(everything, statistics=True, base=made)).find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    expected = {f"{s.code} {s.name}": f"{s.files} 个文件，{s.count} 处，{s.severity.label}"
                for s in rule_statistics(everything)}
    assert properties == expected and properties["DL203 blank-cell"] == "3 个文件，3 处，错误"
    assert ET.fromstring(junit.render(everything, base=made)).find("testsuite/properties") is None


def test_junit_of_nothing_is_still_a_valid_report():
    root = ET.fromstring(junit.render([]))
    assert root.get("tests") == "0" and root.get("failures") == "0"


# ----------------------------------------------------------------------------------- JSON and statistics


def test_json_without_statistics_is_the_bare_array_of_findings(text_results):
    data = json.loads(json_output.render(text_results))
    assert data == [f.as_dict() for r in text_results for f in r.findings]
    assert json.loads(json_output.render([text_results[1]])) == []


def test_json_with_statistics_is_an_object_of_findings_and_statistics(text_results, document_results):
    everything = [*text_results, *document_results]
    data = json.loads(json_output.render(iter(everything), statistics=True))  # any iterable, read once
    assert set(data) == {"findings", "statistics"}
    assert data["findings"] == [f.as_dict() for r in everything for f in r.findings]
    by_code = {s["code"]: s for s in data["statistics"]}
    assert [s["code"] for s in data["statistics"]] == sorted(DEFECT_PLACES)
    for code in DEFECT_PLACES:
        assert by_code[code]["files"] == 3 and by_code[code]["count"] == 3  # text, PDF and Word
    assert by_code["DL303"] == {"code": "DL303", "name": "balance", "severity": "error", "files": 3, "count": 3}
    assert json.loads(json_output.render([text_results[1]], statistics=True)) == {"findings": [], "statistics": []}


def test_rule_statistics_count_files_and_findings_and_take_the_most_severe_level(text_results):
    report = text_results[0].report
    base = next(f for f in text_results[0].findings if f.code == "DL203")
    findings = (replace(base, severity=Severity.INFO), replace(base, severity=Severity.ERROR),
                replace(base, path="other.txt", severity=Severity.WARNING))
    stats = rule_statistics([Result(report, findings[:2]), Result(report, findings[2:])])
    assert stats == [RuleStatistics("DL203", "blank-cell", Severity.ERROR, files=2, count=3)]
    assert rule_statistics([]) == []


def test_text_statistics_use_the_shared_computation(text_results, document_results):
    everything = [*text_results, *document_results]
    console = Console(file=io.StringIO(), width=120, no_color=True, highlight=False)
    render_statistics(everything, console)
    lines = console.file.getvalue().splitlines()
    stats = rule_statistics(everything)
    assert len(lines) == len(stats) + 1
    for s, line in zip(stats, lines):
        assert re.fullmatch(rf"{s.code} {re.escape(s.name)} +{s.files} 个文件 +{s.count} 处", line), line
    assert lines[-1].startswith("4 个文件：1 个通过，3 个有问题")


# ----------------------------------------------------------------------------------- write_atomic


def test_write_atomic_writes_utf8_with_a_final_newline_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "结果.sarif"
    write_atomic(target, "报告 ✓")
    assert target.read_bytes() == "报告 ✓\n".encode()
    write_atomic(str(target), "已有换行\n")
    assert target.read_bytes() == "已有换行\n".encode()  # not doubled
    assert sorted(p.name for p in tmp_path.iterdir()) == ["结果.sarif"]


def test_write_atomic_replaces_and_keeps_the_permissions(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    inode = target.stat().st_ino
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != inode  # a new file renamed over the old one, not rewritten in place
    fresh = tmp_path / "fresh.json"
    write_atomic(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not a temporary file's 0600


def test_write_atomic_leaves_the_old_file_and_no_temporary_file_when_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.xml"
    target.write_text("old\n", encoding="utf-8")
    renamed = []

    def failing_replace(source, destination):
        renamed.append(Path(source))
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputWriteError, match="无法写入输出文件.*out.xml.*没有写入权限"):
        write_atomic(target, "new")
    assert renamed and renamed[0].parent == tmp_path  # the temporary file was in the target's folder
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xml"]


def test_write_atomic_cleans_up_when_interrupted_while_writing(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing-folder", "folder"])
def test_write_atomic_errors_name_the_file_in_chinese(tmp_path, where):
    target = tmp_path / "no" / "such" / "out.json" if where == "missing-folder" else tmp_path
    with pytest.raises(OutputWriteError) as failed:
        write_atomic(target, "x")
    message = str(failed.value)
    assert message.startswith("无法写入输出文件") and str(target) in message and "\n" not in message
    assert isinstance(failed.value, OSError)
    if where == "missing-folder":
        assert not (tmp_path / "no").exists()


def test_sarif_describes_a_rule_that_found_something_without_being_passed_in(text_results, schema):
    """Defensive: every result's ruleIndex must point at a descriptor of its rule."""
    only = tuple(r for r in all_rules() if r.code == "DL303")
    run = sarif.as_dict(text_results, only, base=ROOT)["runs"][0]
    validate({"version": "2.1.0", "runs": [run]}, schema)
    rules = run["tool"]["driver"]["rules"]
    assert rules[0]["id"] == "DL303"
    for result in run["results"]:
        descriptor = rules[result["ruleIndex"]]
        assert descriptor["id"] == result["ruleId"] and descriptor["help"]["text"].strip()


# ----------------------------------------------------------------------------------- docs


def doc_blocks(language: str) -> list[str]:
    """The fenced code blocks of docs/output-formats.md in that language ("" for none)."""
    page = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", page, flags=re.M | re.S)
    return [body for lang, body in blocks if lang == language]


def test_the_documented_examples_are_what_the_renderers_print(text_results):
    """docs/output-formats.md shows real output of the defective example."""
    sarif_example = next(json.loads(b) for b in doc_blocks("json") if '"ruleId"' in b)
    run = sarif.as_dict(text_results, all_rules(), base=ROOT)["runs"][0]
    actual = next(r for r in run["results"] if r["ruleId"] == sarif_example["ruleId"])
    assert {k: v for k, v in actual.items() if k != "ruleIndex"} == {
        k: v for k, v in sarif_example.items() if k != "ruleIndex"}
    json_example = next(json.loads(b) for b in doc_blocks("json") if '"statistics"' in b)
    findings = {f["code"]: {**f, "path": Path(f["path"]).relative_to(ROOT).as_posix()}
                for f in json.loads(json_output.render(text_results))}
    assert json_example["findings"] == [findings[f["code"]] for f in json_example["findings"]]
    printed = github.render(text_results, base=ROOT).split("\n")
    shown = [line for line in doc_blocks("")[0].split("\n") if "2024-report-defects.txt" in line]
    assert shown and all(line in printed for line in shown)
