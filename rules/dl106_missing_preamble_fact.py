from __future__ import annotations

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


class MissingPreambleFact(Rule):
    """前言缺少统计期限、公开渠道或联系方式

    前言（标题与“一、总体情况”之间的文字）应写明统计期限（统计期限自…至…）、报告的公开渠道（网站或栏目），
    以及有疑问时的联系方式（地址、邮编、电话）。三者读者都需要。
    """

    code = "DL106"
    name = "missing-preamble-fact"
    severity = Severity.WARNING
    examples = (
        Example(bad="本报告所列数据的时间为2024年度。",
                good="本报告所列数据的统计期限自2024年1月1日至2024年12月31日。"),
    )

    def check(self, report: Report):
        preamble = report.preamble
        missing = [
            name for name, fact in (("统计期限", preamble.statistics_period),
                                    ("公开渠道（网站或栏目）", preamble.publication_place),
                                    ("联系方式（地址、邮编、电话）", preamble.contact))
            if fact is None
        ]
        if missing:
            where = preamble.span or (report.title.span if report.title else None) or (
                report.sections[0].span if report.sections else None)
            yield Problem(f"前言缺少{'、'.join(missing)}", where)
