"""What the DL4xx-DL6xx rules and the facts stage know: rules/knowledge.json, loaded once and compiled.

Which national format applies to which years, the format notices, the statutes and their order
numbers, the publication deadlines and which agencies are people's governments, the fee statement,
the narrative phrases with the table cell each one restates. A new format notice is a data change.
The statistics period is not here: it is a preamble fact of the template (grammar/template.json).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex


@dataclass(frozen=True)
class DimensionSpec:
    """A way of splitting a total, known by its parts' labels: by applicant, by outcome (knowledge.json)."""

    key: str  # applicant, outcome, …
    name: str  # 按申请人分, for messages
    labels: regex.Pattern
    joins: tuple[str, ...] = ()  # dimensions whose parts complete the same breakdown (结转 completes 办结)
    unless: regex.Pattern | None = None  # in the total's sentence (上年结转), its parts count a larger total
    checked: bool = True  # False: its parts count something outside the total



@dataclass(frozen=True)
class FormatSpec:
    key: str  # "2019", "2021"
    name: str  # 2019年版格式
    notice: str  # the key of the notice that established it
    first_year: int
    last_year: int | None

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@dataclass(frozen=True)
class NoticeSpec:
    key: str
    format: str
    number: str  # 国办公开办函〔2019〕60号
    title: str
    number_pattern: regex.Pattern
    title_pattern: regex.Pattern


@dataclass(frozen=True)
class StatuteSpec:
    key: str
    name: str
    title_pattern: regex.Pattern
    correct: str  # 国务院令第711号
    number: int
    issuer_pattern: regex.Pattern
    superseded: dict[int, str]


@dataclass(frozen=True)
class FigureSpec:
    key: str
    what: str  # what the figure counts, for messages
    patterns: tuple[regex.Pattern, ...]
    context: str | None
    table: int
    cells: dict[str, tuple[tuple[tuple[str, str], ...], ...]]  # format -> alternatives -> (row, column)

    def alternatives(self, table_format: str) -> tuple[tuple[tuple[str, str], ...], ...]:
        return self.cells.get(table_format) or self.cells.get("any") or ()


@dataclass(frozen=True)
class Knowledge:
    raw: dict[str, Any]
    formats: tuple[FormatSpec, ...]
    notices: tuple[NoticeSpec, ...]
    statutes: tuple[StatuteSpec, ...]
    citation_number: regex.Pattern
    body_year: regex.Pattern
    body_year_sections: tuple[int, ...]
    body_year_min_mentions: int
    publication_dates: tuple[regex.Pattern, ...]
    signed_date: regex.Pattern
    signed_date_last_cells: int
    deadlines: dict[str, dict[str, Any]]
    government_agency: tuple[regex.Pattern, ...]
    fee_statement: regex.Pattern
    fee_statement_formats: tuple[str, ...]
    not_this_year: regex.Pattern
    not_this_scope: regex.Pattern  # a clause about part of the body (区政府办代表区政府, 本级): not the table's figure
    figures: tuple[FigureSpec, ...]
    narrative_sections: tuple[int, ...]
    enumeration: regex.Pattern
    enumeration_min_parts: int
    enumeration_residual: regex.Pattern
    enumeration_channels: regex.Pattern
    enumeration_stop: regex.Pattern
    enumeration_restate: regex.Pattern  # a part's label restating the total (共办理…): a new breakdown
    enumeration_dimensions: tuple[DimensionSpec, ...]
    number_then_unit: regex.Pattern  # a further count in the next words: the list is not complete

    def format(self, key: str) -> FormatSpec | None:
        return next((f for f in self.formats if f.key == key), None)

    def format_for_year(self, year: int | None) -> FormatSpec | None:
        if year is None:
            return None
        return next((f for f in self.formats if f.applies_to(year)), None)

    def notice(self, key: str) -> NoticeSpec | None:
        return next((n for n in self.notices if n.key == key), None)

    def statute(self, key: str) -> StatuteSpec | None:
        return next((s for s in self.statutes if s.key == key), None)

    def deadline(self, year: int, government: bool) -> datetime.date:
        rule = self.deadlines["government" if government else "department"]
        return datetime.date(year + 1, rule["month"], rule["day"])


def knowledge_text() -> str:
    return resources.files("disclosure_lint").joinpath("rules", "knowledge.json").read_text(encoding="utf-8")


@cache
def knowledge() -> Knowledge:
    return compile_knowledge(json.loads(knowledge_text()))


def compile_knowledge(raw: dict[str, Any]) -> Knowledge:
    number = raw["number_pattern"]
    figures = []
    for spec in raw["narrative_figures"]:
        def expand(pattern: str, units: str = spec["units"]) -> regex.Pattern:
            return regex.compile(pattern.replace("{N}", f"(?P<n>{number})").replace("{UNIT}", f"(?:{units})"))

        figures.append(FigureSpec(
            key=spec["key"], what=spec["what"], patterns=tuple(expand(p) for p in spec["patterns"]),
            context=spec.get("context"), table=spec["table"],
            cells={fmt: tuple(tuple((row, column) for row, column in alt) for alt in alts)
                   for fmt, alts in spec["cells"].items()},
        ))
    enum = raw["enumeration"]
    units = enum["units"]
    enumeration = regex.compile(
        rf"(?<![\d.])(?P<total>{number})(?P<unit>{units})[,:。]?(?:{enum['markers']})[:,]?"
        rf"(?:(?P<label>(?:(?!{enum['label_stop']})[^\d,、;。:%()]){{1,{enum['max_label']}}}?)(?P<part>{number})(?P=unit)"
        rf"(?P<pct>(?:[,(]?(?:{enum['share']})\d+(?:\.\d+)?%\)?)?)(?P<sep>[、,;]|(?=。)|$))+"
    )
    return Knowledge(
        raw=raw,
        formats=tuple(FormatSpec(f["key"], f["name"], f["notice"], f["first_year"], f["last_year"])
                      for f in raw["formats"]),
        notices=tuple(NoticeSpec(n["key"], n["format"], n["number"], n["title"],
                                 regex.compile(n["number_pattern"]), regex.compile(n["title_pattern"]))
                      for n in raw["notices"]),
        statutes=tuple(StatuteSpec(s["key"], s["name"], regex.compile(s["title_pattern"]), s["correct"],
                                   s["number"], regex.compile(s["issuer_pattern"]),
                                   {int(k): v for k, v in s.get("superseded", {}).items()})
                       for s in raw["statutes"]),
        citation_number=regex.compile(raw["citation_number_pattern"]),
        body_year=regex.compile(raw["body_year_pattern"]),
        body_year_sections=tuple(raw["body_year_sections"]),
        body_year_min_mentions=raw["body_year_min_mentions"],
        publication_dates=tuple(regex.compile(p) for p in raw["publication_date_patterns"]),
        signed_date=regex.compile(raw["signed_date_pattern"]),
        signed_date_last_cells=raw["signed_date_last_cells"],
        deadlines=raw["deadlines"],
        government_agency=tuple(regex.compile(p) for p in raw["government_agency_patterns"]),
        fee_statement=regex.compile(raw["fee_statement_pattern"]),
        fee_statement_formats=tuple(raw["fee_statement_formats"]),
        not_this_year=regex.compile(raw["not_this_year"]),
        not_this_scope=regex.compile(raw["not_this_scope"]),
        figures=tuple(figures),
        narrative_sections=tuple(raw["narrative_sections"]),
        enumeration=enumeration,
        enumeration_min_parts=enum["min_parts"],
        enumeration_residual=regex.compile(enum["residual"]),
        enumeration_channels=regex.compile(enum["channels"]),
        enumeration_stop=regex.compile(enum["label_stop"]),
        enumeration_restate=regex.compile(enum["restate"]),
        enumeration_dimensions=tuple(
            DimensionSpec(d["key"], d["name"], regex.compile(d["labels"]), tuple(d.get("joins", ())),
                          regex.compile(d["unless"]) if d.get("unless") else None, d.get("checked", True))
            for d in enum["dimensions"]),
        number_then_unit=regex.compile(rf"^[^\d。]{{0,{enum['max_label']}}}?(?:{number})(?:{units}|元|人|名|期|场)"),
    )


@dataclass(frozen=True)
class ReportDefaults:
    """What to assume for a report that does not say (the configuration's `year`, `agency`, `format`).

    `year` is the report year when neither the title nor the statistics period states one (it is
    preferred to the year the body mentions most, which is only a guess); `agency` stands in for a
    title without an agency name (whether the deadline is a government's or a department's);
    `format` ("2019", "2021") is the national format expected when the year does not decide it.
    """

    year: int | None = None
    agency: str | None = None
    format: str | None = None
