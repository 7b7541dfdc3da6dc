from __future__ import annotations

from decimal import Decimal

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


class NarrativeSum(Rule):
    """正文所列分项之和与所述总数不符，或所述占比有误

    正文常先写总数再列分项，如“共主动公开政府信息93条，其中机构职能类信息14条、工作情况类信息67条……”。
    分项之和应等于总数；写了“占××%”的，占比应与分项除以总数相符（允许末位的四舍五入误差）。
    以“等”结尾或后面还接着其他单位数字的列举，不视为完整的分项，不作检查；分项之和小于总数时，
    只有列举显然是全部分项（含“其他……”一项，或每项都写了占比）才报告，因为“其中”也常只列举重点。
    """

    code = "DL502"
    name = "narrative-sum"
    severity = Severity.WARNING
    examples = (Example(bad="工作动态类信息156条", good="工作动态类信息155条"),)

    def check(self, report: Report):
        for enum in report.facts.enumerations:
            parts = enum.parts
            total = sum(p.value for p in parts)
            if total > enum.total or (total < enum.total and enum.exhaustive):
                terms = " + ".join(str(p.value) for p in parts)
                yield Problem(
                    f"正文第{enum.span.line}行“{enum.text}”，其后所列{len(parts)}项之和为 {terms} = {total}"
                    f"{enum.unit}，与所述总数 {enum.total}{enum.unit} 不符",
                    enum.span,
                )
                continue
            if total != enum.total or enum.total == 0:
                continue
            for part in parts:
                if part.percent is None:
                    continue
                stated = Decimal(part.percent)
                places = max(0, -stated.as_tuple().exponent)
                actual = Decimal(part.value) * 100 / Decimal(enum.total)
                if abs(actual - stated) <= Decimal(1).scaleb(-places):
                    continue
                yield Problem(
                    f"“{part.label}{part.value}{enum.unit}”占总数 {enum.total}{enum.unit} 的 "
                    f"{actual.quantize(Decimal(1).scaleb(-places))}%，文中写作 {part.percent}%",
                    part.span,
                )
