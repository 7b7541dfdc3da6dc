from __future__ import annotations

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity


class Citation(Rule):
    """法规的令号引用有误

    《中华人民共和国政府信息公开条例》现行文本是2019年修订后的国务院令第711号（也写作“国令第711号”）；
    国务院令第492号是2007年的旧条例。令号写错（如“国务院令第七十一号”“省政府令第711号”）或引用了旧令号，
    说明报告的法律依据没有核对。检查的法规及其正确令号在 rules/knowledge.json 中维护。
    """

    code = "DL503"
    name = "citation"
    severity = Severity.WARNING
    examples = (
        Example(bad="国务院令第71号", good="国务院令第711号"),
        Example(bad="国务院令第492号", good="国务院令第711号", note="2007年的旧条例"),
    )

    def check(self, report: Report):
        known = knowledge()
        for citation in report.facts.citations:
            if citation.kind != "statute" or citation.number is None:
                continue
            statute = known.statute(citation.key)
            if statute is None:
                continue
            if citation.number == statute.number and (
                    citation.issuer is None or statute.issuer_pattern.search(citation.issuer)):
                continue
            reason = statute.superseded.get(citation.number)
            yield Problem(
                f"《{statute.name}》应标注为{statute.correct}，此处写作“{citation.text}”"
                + (f"（{reason}）" if reason else ""),
                citation.span,
            )
