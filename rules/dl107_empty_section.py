from __future__ import annotations

import regex

from disclosure_lint.model import Report
from disclosure_lint.rule import Example, Problem, Rule, Severity
from disclosure_lint.rules._common import section_name
from disclosure_lint.template import load

_PUNCTUATION = regex.compile(r"[\p{P}\p{S}\d\s]+")
MIN_CHARACTERS = 15
SECTION_FIVE = (
    "（一）存在的主要问题。一是政策解读形式较为单一，图解、视频等解读占比不高；"
    "二是依申请公开答复文书的规范性仍有提升空间。\n\n"
    "（二）改进措施。一是丰富解读形式，重要政策文件同步推出图解或视频解读；"
    "二是加强答复文书审核，组织依申请公开业务培训，提升答复质量。\n"
)


class EmptySection(Rule):
    """部分内容为空或过于简单

    第一至第五部分每年都有内容可报告：第一部分是总体工作，第二至第四部分是各自的统计表，
    第五部分是存在的主要问题及改进情况。只写“无”、空白或半句话的部分不能向读者说明任何情况。
    第五部分必须既写问题，也写改进措施。
    """

    code = "DL107"
    name = "empty-section"
    severity = Severity.WARNING
    examples = (
        Example(bad="无。\n", good=SECTION_FIVE, note="（第五部分只写“无。”）"),
    )

    def check(self, report: Report):
        for number in (1, 2, 3, 4, 5):
            section = report.section(number)
            if section is None:
                continue
            if number in (2, 3, 4):
                if section.body_blocks == 0:
                    yield Problem(f"{section_name(number)}没有内容", section.span)
                continue
            words = _PUNCTUATION.sub("", section.passage.text)
            if len(words) < MIN_CHARACTERS:
                yield Problem(f"{section_name(number)}没有实质内容（只有“{section.passage.text.strip()[:20]}”）"
                              if words else f"{section_name(number)}没有内容", section.span)
            else:
                spec = load().section(number)  # grammar/template.json: what the section must state
                lacks = [name for name, pattern in spec.states if not pattern.search(section.passage.squeezed)]
                if lacks:
                    yield Problem(f"{section_name(number)}应写明{spec.title}，未见{'和'.join(lacks)}", section.span)
