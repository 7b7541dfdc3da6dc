from __future__ import annotations

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


class YearMismatch(Rule):
    """标题年度、统计期限和正文所写年度不一致

    标题写明报告年度，前言的统计期限和正文（如“2024年，我局……”）应是同一年。标题改成了新年度而统计期限
    或正文仍是上一年，几乎总是照搬往年报告时漏改，数字也可能是旧的。请核对统计期限、正文中的年度和所有数据。
    """

    code = "DL403"
    name = "year-mismatch"
    severity = Severity.ERROR
    examples = (
        Example(bad="统计期限自2023年1月1日至2023年12月31日", good="统计期限自2024年1月1日至2024年12月31日"),
        Example(bad="示例市数据管理局2025年政府信息公开工作年度报告", good="示例市数据管理局2024年政府信息公开工作年度报告",
                note="只改了标题的年度，统计期限和正文仍是 2024 年"),
    )

    def check(self, report: Report):
        facts = report.facts
        title, period = facts.title_year, facts.period_years
        counts = facts.body_year_counts()
        if title and period:
            wrong = [p for p in period if p.year != title.year]
            if wrong:
                other = wrong[0].year
                body = f"，正文也有{counts[other]}处写作{other}年" if counts.get(other) else ""
                # Reports are copied forward: the older of the two years is the one left unchanged.
                if other < title.year:
                    yield Problem(f"统计期限为{other}年，与标题年度{title.year}年（{title.span.start.describe()}）不符{body}："
                                  f"疑为沿用上年报告未改", wrong[0].span)
                else:
                    yield Problem(f"标题年度为{title.year}年，但统计期限（{wrong[0].span.start.describe()}）为{other}年{body}："
                                  f"标题年度疑未更新", title.span)
                return
        anchor = title or (period[0] if period else None)
        if anchor is None or counts.get(anchor.year):
            return
        minimum = knowledge().body_year_min_mentions
        others = sorted(((n, y) for y, n in counts.items() if y < anchor.year and n >= minimum), reverse=True)
        if not others:
            return
        n, year = others[0]
        first = next(m for m in facts.body_years if m.year == year)
        source = "标题和统计期限" if title and period else "标题" if title else "统计期限"
        yield Problem(f"{source}为{anchor.year}年度，但正文{n}处写作{year}年、没有一处写{anchor.year}年"
                      f"（如{first.span.start.describe()}“{first.text}”）：疑为沿用往年报告", first.span)
