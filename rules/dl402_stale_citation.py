from __future__ import annotations

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity

_CITATION_2021 = ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                  "（国办公开办函〔2021〕30号）")
_CITATION_2019 = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）"


class StaleCitation(Rule):
    """前言引用了已被替代的年报格式通知

    2021 年度起，年度报告应依据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开
    工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制；国办公开办函〔2019〕60号只适用于 2019、2020
    年度报告。前言仍引用旧通知，通常说明报告是照着往年报告改的，表格和表述也可能一并沿用了旧格式。
    通知及其适用年度在 rules/knowledge.json 中维护。
    """

    code = "DL402"
    name = "stale-citation"
    severity = Severity.WARNING
    examples = (Example(bad=_CITATION_2019, good=_CITATION_2021),)

    def check(self, report: Report):
        known = knowledge()
        facts = report.facts
        expected = facts.expected_format()
        if expected is None:
            return
        notices = [c for c in facts.citations if c.kind == "notice"]
        current = [c for c in notices if c.key == expected.notice]
        for citation in sorted(notices, key=lambda c: c.form != "number"):  # a cited number is the surest
            notice = known.notice(citation.key)
            cited_format = known.format(notice.format) if notice else None
            # with no year known, the expected format's first year (the configured `format`)
            year = facts.year if facts.year is not None else expected.first_year
            if cited_format is None or cited_format.last_year is None or cited_format.last_year >= year:
                continue
            # Citing the current notice as well (by number, or at all when the old one is cited by title
            # only) is a history, not a stale basis.
            if any(c.form == "number" or citation.form == "title" for c in current):
                continue
            expected_notice = known.notice(expected.notice)
            yield Problem(
                f"前言引用的“{citation.text}”是{cited_format.name}的通知（{notice.number}），只适用于"
                f"{cited_format.first_year}—{cited_format.last_year}年度报告；{facts.report_label}应依据"
                f"{expected_notice.number}（{expected.name}）",
                citation.span,
            )
            return
