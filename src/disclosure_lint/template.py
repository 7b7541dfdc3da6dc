"""The national template (grammar/template.json), loaded once and compiled for matching."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex


@dataclass(frozen=True)
class SectionSpec:
    number: int
    numeral: str
    title: str
    variants: tuple[str, ...]
    pattern: regex.Pattern

    @property
    def canonical_heading(self) -> str:
        return f"{self.numeral}、{self.title}"


@dataclass(frozen=True)
class Template:
    raw: dict[str, Any]
    sections: tuple[SectionSpec, ...]
    heading: regex.Pattern
    heading_max_title: int
    not_headings: regex.Pattern
    report_name: regex.Pattern
    agency_suffix: regex.Pattern
    preamble_facts: dict[str, regex.Pattern]
    table2_rows: tuple[tuple[str, regex.Pattern], ...]
    table2_group: regex.Pattern
    table3_rows: tuple[tuple[str, regex.Pattern], ...]
    blank_marks: frozenset[str]  # always a blank cell: — / -
    blank_words: frozenset[str]  # a blank cell alone or next to numbers: 无 空

    def section(self, number: int) -> SectionSpec:
        return self.sections[number - 1]

    @property
    def table2(self) -> dict[str, Any]:
        return self.raw["tables"]["2"]

    @property
    def table3(self) -> dict[str, Any]:
        return self.raw["tables"]["3"]

    @property
    def table4(self) -> dict[str, Any]:
        return self.raw["tables"]["4"]


def grammar_file(name: str) -> str:
    return resources.files("disclosure_lint").joinpath("grammar", name).read_text(encoding="utf-8")


@cache
def load() -> Template:
    raw = json.loads(grammar_file("template.json"))
    sections = tuple(
        SectionSpec(s["number"], s["numeral"], s["title"], tuple(s["variants"]), regex.compile(s["pattern"]))
        for s in raw["sections"]
    )
    tables = raw["tables"]
    return Template(
        raw=raw,
        sections=sections,
        heading=regex.compile(raw["heading"]["pattern"]),
        heading_max_title=raw["heading"]["max_title_length"],
        not_headings=regex.compile(raw["heading"]["not_headings"]),
        report_name=regex.compile(raw["title"]["report_name"]),
        agency_suffix=regex.compile(raw["title"]["agency_suffix"]),
        preamble_facts={k: regex.compile(v) for k, v in raw["preamble_facts"].items()},
        table2_rows=tuple((k, regex.compile(p)) for k, p in tables["2"]["row_patterns"]),
        table2_group=regex.compile(tables["2"]["group_pattern"]),
        table3_rows=tuple((k, regex.compile(p)) for k, p in tables["3"]["row_patterns"]),
        blank_marks=frozenset(raw["blank_marks"]),
        blank_words=frozenset(raw["blank_words"]),
    )
