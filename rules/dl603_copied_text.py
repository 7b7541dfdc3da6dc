from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from disclosure_lint.knowledge import knowledge
from disclosure_lint.model import Passage, Report, Span
from disclosure_lint.rule import Example, PairRule, Problem, Severity
from disclosure_lint.rules._common import part
from disclosure_lint.rules._cross_year import previous_label, related, where


@dataclass(frozen=True)
class CopiedTextSpec:
    sections: tuple[int, ...]
    source_sections: tuple[int, ...]
    shingle: int
    min_chars: int
    year: regex.Pattern
    sentence_end: regex.Pattern
    boilerplate: tuple[regex.Pattern, ...]
    not_narrative: tuple[regex.Pattern, ...]


@cache
def spec() -> CopiedTextSpec:
    raw = knowledge().raw["cross_year"]["copied_text"]
    return CopiedTextSpec(
        tuple(raw["sections"]), tuple(raw["source_sections"]), raw["shingle"], raw["min_chars"],
        regex.compile(raw["year_pattern"]), regex.compile(raw["sentence_end"]),
        tuple(regex.compile(p) for p in raw["boilerplate"]), tuple(regex.compile(p) for p in raw["not_narrative"]),
    )


@dataclass(frozen=True)
class Paragraph:
    section: int
    passage: Passage
    start: int  # offsets in passage.text
    end: int
    normalised: str
    figures: frozenset[str]  # the numbers it states, years left out

    @property
    def span(self) -> Span:
        return self.passage.span_of(self.start, self.end)

    def opening(self, length: int = 24) -> str:
        text = "".join(self.passage.text[self.start:self.end].split())
        return text if len(text) <= length else text[:length] + "…"


_FIGURE = regex.compile(r"\d+(?:\.\d+)?")


def figures(text: str, known: CopiedTextSpec) -> frozenset[str]:
    return frozenset(_FIGURE.findall(known.year.sub("〇", "".join(text.split()))))


def normalise(text: str, known: CopiedTextSpec) -> str:
    """Without white space, punctuation and symbols, every year one placeholder (年 stays)."""
    text = known.year.sub("〇", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _kept(paragraph: str, known: CopiedTextSpec) -> str:
    """The paragraph less its sentences that the national template prescribes (boilerplate)."""
    squeezed = "".join(paragraph.split())
    kept, start = [], 0
    for m in [*known.sentence_end.finditer(squeezed), None]:
        end = m.end() if m else len(squeezed)
        sentence = squeezed[start:end]
        start = end
        bare = known.sentence_end.sub("", sentence)
        if bare and not any(p.search(bare) for p in known.boilerplate):
            kept.append(sentence)
    return "".join(kept)


def paragraphs(report: Report, sections: tuple[int, ...], known: CopiedTextSpec) -> list[Paragraph]:
    found = []
    for number in sections:
        section = report.section(number)
        if section is None:
            continue
        passage = section.passage
        text = passage.text
        start = 0
        for piece in [*text.split("\n")]:
            end = start + len(piece)
            squeezed = "".join(piece.split())
            if squeezed and not any(p.search(squeezed) for p in known.not_narrative):
                kept = _kept(piece, known)
                found.append(Paragraph(number, passage, start, end, normalise(kept, known), figures(kept, known)))
            start = end + 1
    return found


def copied(paragraph: Paragraph, index: dict[str, int], k: int) -> tuple[int, Counter[int]]:
    """(characters of the paragraph inside a k-character run that last year's narrative has, how
    many of those runs come from each last-year paragraph)."""
    text = paragraph.normalised
    covered_until, covered = 0, 0
    sources: Counter[int] = Counter()
    for i in range(len(text) - k + 1):
        source = index.get(text[i:i + k])
        if source is None:
            continue
        sources[source] += 1
        covered += i + k - max(i, covered_until)
        covered_until = i + k
    return covered, sources


class CopiedText(PairRule):
    """正文段落照搬上一年度报告

    年报常以上一年度的报告为底稿改写，没改到的段落就原样留了下来：第五部分“存在的主要问题及改进情况”年年一字不差，
    “下一步将……”的打算年年相同，第一部分的工作情况照抄去年。逐段比较第一、五、六部分与上一年度报告的正文：
    不计空白、标点和年份（2023年与2024年视为相同），一段中与上一年度正文连续相同（至少 8 个字）的文字所占比例
    达到阈值（默认 80%，配置项 copied-text-threshold）即报告，并指出上一年度报告中的对应段落。全国格式本身规定要写的
    内容（第六部分的信息处理费情况、“无其他需要报告的事项”、第一和第五部分各小项的标题）年年相同，不算照搬；
    过短的段落（不足 30 个字）不作判断；沿用上一年度句式但数字已按本年度更新的段落（其中有上一年度对应段落没有的数字）
    已经改写过，也不报告。规则只比较文字，是否确属照搬请对照两年的报告判断。
    """

    code = "DL603"
    name = "copied-text"
    severity = Severity.WARNING
    examples = (
        Example(
            bad="（一）存在的主要问题。一是政务数据开放目录更新不够及时，部分栏目信息更新滞后；二是政府信息公开申请答复的说理还不够充分。",
            good="（一）存在的主要问题。一是政策解读形式较为单一，图解、视频等解读占比不高；二是依申请公开答复文书的规范性仍有提升空间。",
            note="本年度报告的这一段与上一年度报告（examples/2023-report.txt）第五部分的段落一字不差"),
        Example(
            bad="（二）改进措施。一是丰富解读形式，重要政策文件同步推出图解或视频解读；二是加强答复文书审核，组织依申请公开业务培训，提升答复质量。",
            good="（二）改进措施。一是建立公开目录季度更新机制，明确各栏目更新责任人；二是规范答复文书格式，对不予公开的答复逐项说明理由和依据。",
            base="2023-report",
            note="改的是上一年度报告（examples/2023-report.txt）：上一年度的改进措施与本年度的一字不差"),
    )

    def check(self, report: Report, previous: Report):
        known = spec()
        k = known.shingle
        source = paragraphs(previous, known.source_sections, known)
        index: dict[str, int] = {}
        for n, paragraph in enumerate(source):
            text = paragraph.normalised
            for i in range(len(text) - k + 1):
                index.setdefault(text[i:i + k], n)
        if not index:
            return
        threshold = self.options.copied_text_threshold
        label = previous_label(previous)
        for paragraph in paragraphs(report, known.sections, known):
            length = len(paragraph.normalised)
            if length < known.min_chars:
                continue
            covered, sources = copied(paragraph, index, k)
            if not sources or covered < threshold * length:
                continue
            if paragraph.figures - frozenset().union(*(source[n].figures for n in sources)):
                continue  # it states figures last year's text does not have: updated for the year
            origin = sources.most_common(1)[0][0]
            share = int(covered * 100 / length)
            there = source[origin]
            span = paragraph.span
            yield Problem(
                f"{part(paragraph.section)}的这一段（{where(report, span)}，“{paragraph.opening()}”）"
                f"与{label}的段落（{where(previous, there.span)}，“{there.opening()}”）雷同："
                f"不计空白、标点和年份，{share}% 的文字与上一年度相同（阈值 {threshold * 100:g}%），请按本年度的情况改写",
                span,
                related=(related(previous, there.span, f"{label}{part(there.section)}的段落：“{there.opening()}”"),),
            )
