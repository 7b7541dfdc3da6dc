"""The national template (grammar/template.json), loaded once and compiled for matching."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

from disclosure_lint.document import fold


@dataclass(frozen=True)
class SectionSpec:
    number: int
    numeral: str
    title: str
    variants: tuple[str, ...]
    pattern: regex.Pattern
    seen: tuple[str, ...] = ()  # deviating titles seen in reports: found inside running text, still DL104
    states: tuple[tuple[str, regex.Pattern], ...] = ()  # what its text must state: (name, the words that show it)

    @property
    def canonical_heading(self) -> str:
        return f"{self.numeral}、{self.title}"

    @property
    def inline(self) -> str:
        """A pattern for this heading inside running text: its own numeral, 、 and a title exactly."""
        titles = sorted({self.title, *self.variants, *self.seen}, key=len, reverse=True)
        return f"{self.numeral}[、.](?:{'|'.join(map(regex.escape, titles))})"


@dataclass(frozen=True)
class TextLayout:
    """What is not the report's text however a copy lays it out (template.json `layout`)."""

    page_furniture: regex.Pattern
    front_matter_field: regex.Pattern
    separator_line: regex.Pattern
    sentence: regex.Pattern
    title_field: regex.Pattern


# How a row label's numbering is written (1. 1、 （一） 一、), and how many of its first words find
# where the label starts in running text: enough to tell the rows apart, few enough to survive a
# report's small deviations from the template's wording.
_LABEL_NUMBERING = regex.compile(
    r"^(?:(?P<digit>\d+)[.、]|(?P<bracket>\([一二三四五六七八九十]+\))|(?P<numeral>[一二三四五六七八九十]+)、)")
_LABEL_WORDS = 4


def _label_start(label: str) -> str:
    """A pattern for the start of `label`: its numbering, however separated, and its first words."""
    m = _LABEL_NUMBERING.match(label)
    numbering = ""
    if m and m["digit"]:
        numbering = f"{m['digit']}[.、,]"
    elif m and m["bracket"]:
        numbering = regex.escape(m["bracket"])
    elif m and m["numeral"]:
        numbering = f"{m['numeral']}[、.]"
    words = regex.match(r"\p{Han}*", label[m.end() if m else 0:]).group()[:_LABEL_WORDS]
    return numbering + regex.escape(words)


def _row_label_starts(spec: dict[str, Any]) -> regex.Pattern | None:
    """Where a row label (or table 2's clause label, whose header follows it) starts in compact text."""
    starts = set()
    for key, label in spec.get("row_labels", {}).items():
        for spelling in (*spec.get("inline_spellings", {}).get(key, ()), label):
            starts.add(_label_start(fold(spelling)))
    if not starts:
        return None
    alternatives = sorted(starts, key=len, reverse=True)
    if "group_pattern" in spec:
        alternatives.insert(0, f"(?P<group>{spec['group_pattern']})")
    return regex.compile("|".join(alternatives))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the tokenizer memoizes per template
class Template:
    raw: dict[str, Any]
    sections: tuple[SectionSpec, ...]
    heading: regex.Pattern
    heading_max_title: int
    not_headings: regex.Pattern
    report_name: regex.Pattern
    agency_suffix: regex.Pattern
    preamble_facts: dict[str, tuple[regex.Pattern, ...]]  # tried in order; the first match is the fact
    table2_rows: tuple[tuple[str, regex.Pattern], ...]
    table2_group: regex.Pattern
    table3_rows: tuple[tuple[str, regex.Pattern], ...]
    blank_marks: frozenset[str]  # always a blank cell: — / -
    blank_words: frozenset[str]  # a blank cell alone or next to numbers: 无 空
    layout: TextLayout
    row_label_starts: dict[int, regex.Pattern | None]  # per table: where its row labels start in running text

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
        SectionSpec(s["number"], s["numeral"], s["title"], tuple(s["variants"]), regex.compile(s["pattern"]),
                    tuple(s.get("seen", ())), tuple((name, regex.compile(p)) for name, p in s.get("states", ())))
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
        preamble_facts={k: tuple(regex.compile(p) for p in ([v] if isinstance(v, str) else v))
                        for k, v in raw["preamble_facts"].items() if not k.startswith("_")},
        table2_rows=tuple((k, regex.compile(p)) for k, p in tables["2"]["row_patterns"]),
        table2_group=regex.compile(tables["2"]["group_pattern"]),
        table3_rows=tuple((k, regex.compile(p)) for k, p in tables["3"]["row_patterns"]),
        blank_marks=frozenset(raw["blank_marks"]),
        blank_words=frozenset(raw["blank_words"]),
        layout=TextLayout(
            page_furniture=regex.compile(raw["layout"]["page_furniture"]),
            front_matter_field=regex.compile(raw["layout"]["front_matter_field"]),
            separator_line=regex.compile(raw["layout"]["separator_line"]),
            sentence=regex.compile(raw["layout"]["sentence"]),
            title_field=regex.compile(raw["title"]["field"]),
        ),
        row_label_starts={n: _row_label_starts(tables[str(n)]) for n in (2, 3, 4)},
    )
