from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


@dataclass(frozen=True)
class Province:
    name: str
    regulation: str
    places: tuple[str, ...]

    def holds(self, text: str) -> bool:
        return any(place in text for place in self.places)


@cache
def province() -> Province:
    """The pack's data (fujian.json): the province, its regulation, and the place names that make a
    title a Fujian agency's."""
    raw = json.loads((resources.files(__package__) / "fujian.json").read_text(encoding="utf-8"))
    places = tuple(p for group in raw["places"].values() for p in group)
    return Province(raw["province"], raw["regulation"], places)


class ProvincialRegulation(Rule):
    """福建省的机关未在前言中引用《福建省政府信息公开办法》

    福建省的行政机关依据《中华人民共和国政府信息公开条例》和《福建省政府信息公开办法》开展政府信息公开工作，
    年度报告的前言（标题与“一、总体情况”之间的文字）应把两者都列为编制依据。
    机关是否属于福建省，按标题判断：标题含“福建”，或含 disclosure_lint_fujian/fujian.json 所列的设区市、县（市、区）名称。
    本规则是第三方规则包的示例（examples/plugin），说明见 docs/plugins.md。
    """

    code = "FJ101"
    name = "provincial-regulation"
    severity = Severity.WARNING
    # `base` names the pack's own clean report (tests/fujian-2024-report.txt): the examples are the
    # pack's tests, as the built-in rules' are theirs (tests/test_examples.py).
    examples = (
        Example(bad="", good="、《福建省政府信息公开办法》", base="fujian-2024-report",
                note="前言只引用了国家的条例"),
        Example(bad="、《福建省政务公开规定》", good="、《福建省政府信息公开办法》", base="fujian-2024-report",
                note="规章名称应与省政府公布的一致"),
    )

    def check(self, report: Report):
        title = report.title
        known = province()
        if title is None or not known.holds(title.text):
            return  # not a Fujian agency's report, or no title to tell by (DL105 reports that)
        if known.regulation in report.preamble.passage.squeezed:
            return
        where = report.preamble.span or title.span
        yield Problem(f"{known.name}的机关应在前言中引用《{known.regulation}》作为编制依据", where)
