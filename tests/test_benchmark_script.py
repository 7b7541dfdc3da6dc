"""The benchmark's corpus generator (tests/benchmark.py) makes reports the linter reads, with the
defects it injects found. No timing here: the benchmark is run by hand (docs/performance.md)."""

from __future__ import annotations

import json
import random

import benchmark
import pytest

from disclosure_lint.lint import lint
from disclosure_lint.registry import all_rules


def codes_of(path: str, data: bytes) -> tuple[list[str], bool]:
    result = lint(path, all_rules(), data)
    return [f.code for f in result.findings], result.report.is_report


def test_generated_corpus_is_read_as_reports_with_the_injected_defects(tmp_path):
    items = benchmark.generate(tmp_path, 20, seed=7)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in manifest["files"]] == [item.name for item in items]
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == sorted(item.name for item in items)
    assert any(item.defect for item in items) and any(not item.defect for item in items)
    for item in items:
        path = tmp_path / item.name
        found, is_report = codes_of(str(path), path.read_bytes())
        assert is_report, item
        assert set(item.expected) <= set(found), (item, found)
        assert item.agency and item.agency in path.read_bytes().decode(item.encoding)


def test_same_seed_same_corpus(tmp_path):
    one = benchmark.generate(tmp_path / "a", 6, seed=3)
    two = benchmark.generate(tmp_path / "b", 6, seed=3)
    assert one == two
    assert all((tmp_path / "a" / i.name).read_bytes() == (tmp_path / "b" / i.name).read_bytes() for i in one)


@pytest.mark.parametrize("source", list(benchmark.SOURCES))
def test_varied_report_keeps_the_findings_of_its_source(source: str):
    text = benchmark.SOURCES[source].read_text(encoding="utf-8")
    varied, agency = benchmark.vary(text, random.Random(source))
    assert varied != text and agency in varied
    assert sorted(codes_of("v.txt", varied.encode())[0]) == sorted(codes_of("s.txt", text.encode())[0])


@pytest.mark.parametrize("defect", list(benchmark.DEFECTS))
@pytest.mark.parametrize("layout", list(benchmark.LAYOUTS))
def test_each_defect_is_found_in_each_layout(defect: str, layout: str):
    text, _ = benchmark.vary(benchmark.SOURCES["2024"].read_text(encoding="utf-8"), random.Random(1))
    assert codes_of("clean.txt", benchmark.layout(text, layout).encode())[0] == []
    data = benchmark.layout(benchmark.inject(text, defect, random.Random(2)), layout).encode("gb18030")
    found, is_report = codes_of("defect.txt", data)
    assert is_report
    assert benchmark.DEFECTS[defect] in found


def test_grown_report_is_bigger_and_still_clean():
    text = benchmark.SOURCES["2023"].read_text(encoding="utf-8")
    grown = benchmark.grow(text, 3, random.Random(0), (0, 4))
    assert 2.9 < len(grown.encode()) / len(text.encode()) < 3.3
    assert codes_of("grown.txt", grown.encode()) == ([], True)
    assert 0.95e6 < len(benchmark.big_report()) < 1.1e6
