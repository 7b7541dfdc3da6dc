from __future__ import annotations

from decimal import Decimal

from disclosure_lint.facts import Breakdown, Enumeration
from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


class NarrativeSum(Rule):
    """正文所列分项之和与所述总数不符，或所述占比有误

    正文常先写总数再列分项，如“共主动公开政府信息93条，其中机构职能类信息14条、工作情况类信息67条……”。
    同一个总数也常被拆分两次，如“共受理申请120件，其中自然人113件，法人或其他组织7件；共办理111件，结转下一年9件”：
    按申请人分的 113 + 7 与按办理情况分的 111 + 9 各自等于 120，因此逐组核对，而不是把四项相加。新的一组从以下位置开始：
    重述总数的分句（共办理、已办结……），分项之间另用“、”“，”时的“；”，换了分法的一项（申请人、办理结果、结转），
    或前面各项已凑足总数之处；各种分法的用词在 rules/knowledge.json 中维护。
    每组分项之和应等于总数；写了“占××%”（占比××%、占总数的××%）的，占比应与分项除以总数相符（允许末位的舍入误差）。
    以“等”结尾、后面还接着其他单位数字、句中提到上年结转（分项可能另有总数），或看不出是否针对同一总数的分项，不作检查。
    一组之和小于总数时，只有该组显然是全部分项（含“其他……”一项，或每项都写了占比且合计为100%）才报告，
    因为“其中”也常只列举重点。
    """

    code = "DL502"
    name = "narrative-sum"
    severity = Severity.WARNING
    examples = (
        Example(bad="工作动态类信息156条", good="工作动态类信息155条"),
        Example(bad="工作动态类信息155条，占62%", good="工作动态类信息155条", note="（215条中的155条占72.1%）"),
    )

    def check(self, report: Report):
        min_parts = knowledge().enumeration_min_parts
        for enum in report.facts.enumerations:
            checked = [b for b in enum.breakdowns if b.checked]
            # when another breakdown adds up, the total is confirmed: point at the breakdown that does not
            confirmed = any(b.sum == enum.total and len(b.parts) >= min_parts for b in checked)
            for b in checked:
                if len(b.parts) >= min_parts and (b.sum > enum.total or (b.sum < enum.total and b.exhaustive)):
                    yield Problem(_sum_message(enum, b), b.span if confirmed else enum.span)
                elif enum.total > 0 and b.sum <= enum.total:  # parts of this total: their shares are of it
                    yield from _shares(enum, b)


def _sum_message(enum: Enumeration, b: Breakdown) -> str:
    if b.name:
        which = f"其后“{b.name}”的{len(b.parts)}项"
    elif b is enum.breakdowns[0]:
        which = f"其后所列{len(b.parts)}项"
    else:
        which = f"其后自“{b.parts[0].label}{b.parts[0].value}{enum.unit}”起的{len(b.parts)}项"
    terms = " + ".join(str(p.value) for p in b.parts)
    return (f"正文{enum.span.start.describe()}“{enum.text}”，{which}之和为 {terms} = {b.sum}{enum.unit}，"
            f"与所述总数 {enum.total}{enum.unit} 不符")


def _shares(enum: Enumeration, b: Breakdown):
    stated = [Decimal(p.percent) for p in b.parts if p.percent is not None]
    together = sum(stated) if len(stated) == len(b.parts) > 1 else None
    for part in b.parts:
        if part.percent is None:
            continue
        unit = part.share_unit
        actual = Decimal(part.value) * 100 / Decimal(enum.total)
        if abs(actual - Decimal(part.percent)) < unit:  # rounding either way moves a share by less than a unit
            continue
        note = f"（该组各项占比合计 {together}%）" if together is not None and together != 100 else ""
        yield Problem(
            f"“{part.label}{part.value}{enum.unit}”占总数 {enum.total}{enum.unit} 的 "
            f"{actual.quantize(unit)}%，文中写作 {part.percent}%{note}",
            part.span,
        )
