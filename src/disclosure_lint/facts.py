"""Report facts: what the DL4xx-DL6xx rules check, a stage of its own over the finished model.

`ReportFacts(report, knowledge(), defaults)` computes each fact from the model when a rule first
asks for it: the report year as the title, the
statistics period and the narrative state it (each mention with its place), the table format the
tables' shape shows, the publication date when the text shows one, whether the report is a
people's government's own report (its deadline is later), the format notices the preamble cites
and the statutes cited with an order number, the narrative sentences that state a figure the tables also hold, and the narrative breakdowns with a
stated total. What it needs to know — which format applies to which years, the format notices, the
statutes and their order numbers, the deadlines, the phrases that state a figure — is data in
rules/knowledge.json (`disclosure_lint.knowledge`), passed in, so that a maintainer updates it when a new notice appears.

`ReportDefaults` (from the configuration's `year`, `agency` and `format`) fills in what a report does
not state itself; the report's own statement always wins.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import Literal

import regex

from disclosure_lint.document import compact
from disclosure_lint.knowledge import FormatSpec, Knowledge, ReportDefaults
from disclosure_lint.model import Passage, Report, Span
from disclosure_lint.numerals import parse_number

YearSource = Literal["title", "statistics_period", "body"]


@dataclass(frozen=True)
class YearMention:
    year: int
    span: Span
    source: YearSource
    text: str  # the words around it, as written (squeezed)


@dataclass(frozen=True)
class PublicationDate:
    date: datetime.date
    kind: Literal["web", "signed"]  # a web page's 发布时间, or a signed date at the end
    text: str
    span: Span


@dataclass(frozen=True)
class Citation:
    kind: Literal["statute", "notice"]
    key: str  # the statute's or the notice's key in knowledge.json
    text: str  # what was cited, as written (squeezed): 国务院令第七十一号, 国办公开办函〔2019〕60号
    span: Span
    number: int | None = None  # a statute's order number as cited
    form: Literal["number", "title"] = "number"  # a notice cited by its number or by its title
    issuer: str | None = None  # a statute's issuer as cited: 国务院令, 国令, 国务院


@dataclass(frozen=True)
class NarrativeFigure:
    key: str  # the figure spec's key in knowledge.json, e.g. applications_received
    value: int
    text: str  # the clause stating it, e.g. 全年共受理依申请公开7件
    span: Span  # the clause
    number_span: Span  # the figure itself


@dataclass(frozen=True)
class Part:
    label: str
    value: int
    span: Span
    percent: str | None = None  # a stated share, e.g. "12" for 占12%
    dimension: str | None = None  # the DimensionSpec key its label shows, if any

    @property
    def share_unit(self) -> Decimal | None:
        """The last written place of the share (0.1 for 占12.5%): rounding moves a share by less."""
        if self.percent is None:
            return None
        return Decimal(1).scaleb(Decimal(self.percent).as_tuple().exponent)


@dataclass(frozen=True)
class Breakdown:
    """One way the prose splits the total, a run of an enumeration's parts: 自然人113件，法人或其他组织7件."""

    parts: tuple[Part, ...]
    span: Span  # from the first part's label to the last part's figure
    name: str | None  # the dimension's name (按申请人分), when the labels show one
    checked: bool  # clearly about the total: the first breakdown, or one restating it or splitting it anew
    exhaustive: bool  # claims to cover the whole: a residual part (其他…), or shares stated that add up to 100%

    @property
    def sum(self) -> int:
        return sum(p.value for p in self.parts)


@dataclass(frozen=True)
class Enumeration:
    """A stated total followed by its parts: 共主动公开政府信息93条，其中…14条、…67条."""

    total: int
    unit: str
    text: str  # the clause stating the total
    span: Span  # the total figure
    parts: tuple[Part, ...]
    breakdowns: tuple[Breakdown, ...] = ()  # the parts cut into the ways they split the total


class ReportFacts:
    """The facts of one report, each computed when first asked for and kept (most runs select only
    some of the rules that need them). `ReportFacts(report, knowledge(), defaults)`."""

    def __init__(self, report: Report, known: Knowledge, defaults: ReportDefaults | None = None) -> None:
        self._report = report
        self._known = known
        self._defaults = defaults or ReportDefaults()
        self.default_format = self._defaults.format  # expected when the year does not decide it

    def __repr__(self) -> str:
        return f"ReportFacts({self._report.path!r})"

    @cached_property
    def title_year(self) -> YearMention | None:
        title = self._report.title
        if title and title.year and title.year_span:
            return YearMention(title.year, title.year_span, "title", title.text)
        return None

    @cached_property
    def period_years(self) -> tuple[YearMention, ...]:
        """The years of the statistics period the preamble states (its start, and end if written)."""
        period = self._report.preamble.statistics_period
        if period is None:
            return ()
        return tuple(YearMention(int(text), span, "statistics_period", period.text)
                     for name, text, span in period.groups if name in ("start", "end"))

    @cached_property
    def body_years(self) -> tuple[YearMention, ...]:
        return _body_years(self._report, self._known)

    @cached_property
    def _year(self) -> tuple[int | None, str | None]:
        return _report_year(self.title_year, self.period_years, self.body_years, self._defaults.year, self._known)

    @property
    def year(self) -> int | None:
        """The report year: the title's, else the statistics period's, else the configured default's,
        else the year the body mentions most."""
        return self._year[0]

    @property
    def year_source(self) -> Literal["title", "statistics_period", "default", "body"] | None:
        return self._year[1]

    @cached_property
    def table_formats(self) -> tuple[tuple[int, str, Span], ...]:
        """(table number, format, where) of tables 2 and 3, when their shape shows a format."""
        return tuple((n, t.format, t.span) for n in (2, 3)
                     if (t := self._report.table(n)) is not None and self._known.format(t.format) is not None)

    @cached_property
    def _agency(self) -> tuple[str | None, Literal["title", "default"] | None]:
        agency = self._report.title.agency if self._report.title else None
        if agency:
            return agency, "title"
        if self._defaults.agency:
            return self._defaults.agency, "default"
        return None, None

    @property
    def agency(self) -> str | None:
        """The title's agency, else the configured default."""
        return self._agency[0]

    @property
    def agency_source(self) -> Literal["title", "default"] | None:
        return self._agency[1]

    @cached_property
    def government_report(self) -> bool | None:
        """Whether a people's government reports (its deadline is later); None: the agency is unknown."""
        agency = self.agency
        return None if not agency else any(p.search(agency) for p in self._known.government_agency)

    @cached_property
    def publication_dates(self) -> tuple[PublicationDate, ...]:
        return _publication_dates(self._report, self._known)

    @cached_property
    def citations(self) -> tuple[Citation, ...]:
        """Notices in the preamble; statutes there and in the narrative."""
        return _citations(self._report, self._known)

    @cached_property
    def figures(self) -> tuple[NarrativeFigure, ...]:
        return _figures(self._report, self._known)

    @cached_property
    def enumerations(self) -> tuple[Enumeration, ...]:
        return _enumerations(self._report, self._known)

    @property
    def table_format(self) -> str | None:
        """The format the tables follow: "2019", "2021", "mixed", or None when no table shows it."""
        found = {fmt for _, fmt, _ in self.table_formats}
        if not found:
            return None
        return found.pop() if len(found) == 1 else "mixed"

    def expected_format(self) -> FormatSpec | None:
        """The format that applies to the report's year (2021 format for 2021 onward); the configured
        `format` when no year is known or no format covers it."""
        by_year = self._known.format_for_year(self.year)
        if by_year is None and self.default_format is not None:
            return self._known.format(self.default_format)
        return by_year

    @property
    def report_label(self) -> str:
        """How messages name the report: “2024年度报告”, or “本报告（未写明年度）” when its year is unknown
        (the expected format then comes from the configured `format`)."""
        return f"{self.year}年度报告" if self.year is not None else "本报告（未写明年度）"

    def body_year_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for mention in self.body_years:
            counts[mention.year] = counts.get(mention.year, 0) + 1
        return counts

    @property
    def publication_date(self) -> PublicationDate | None:
        """The date the report shows as published: a web 发布时间 if any, else a signed date."""
        web = [d for d in self.publication_dates if d.kind == "web"]
        return min(web or self.publication_dates, key=lambda d: d.date, default=None)


def with_facts(report: Report, known: Knowledge, defaults: ReportDefaults | None = None) -> Report:
    """The model with its facts stage attached (`report.facts`), computed lazily."""
    return replace(report, facts=ReportFacts(report, known, defaults))


def _report_year(title: YearMention | None, period: tuple[YearMention, ...], body: tuple[YearMention, ...],
                 default: int | None, known: Knowledge) -> tuple[int | None, str | None]:
    """The report year and where it came from: the title, the statistics period, the configured
    default, or the year the body mentions most (a guess, so a configured year is preferred)."""
    if title:
        return title.year, "title"
    if period:
        return period[0].year, "statistics_period"
    if default is not None:
        return default, "default"
    dominant = _dominant(body, known)
    return dominant, "body" if dominant is not None else None


def _inside_titles(text: str) -> list[bool]:
    """For each character: is it inside 《…》 (a cited title, whose years are not the report's)?"""
    depth, inside = 0, []
    for ch in text:
        if ch == "《":
            depth += 1
        inside.append(depth > 0)
        if ch == "》" and depth:
            depth -= 1
    return inside


def _body_years(report: Report, known: Knowledge) -> tuple[YearMention, ...]:
    mentions = []
    for section in report.sections:
        if section.number not in known.body_year_sections:
            continue
        passage = section.passage
        inside = _inside_titles(passage.squeezed)
        for m, span in passage.finditer(known.body_year):
            if inside[m.start()]:
                continue
            context = passage.squeezed[max(0, m.start() - 6): m.end() + 8]
            mentions.append(YearMention(int(m.group("year")), span, "body", context))
    return tuple(mentions)


def _dominant(mentions: tuple[YearMention, ...], known: Knowledge) -> int | None:
    counts: dict[int, int] = {}
    for mention in mentions:
        counts[mention.year] = counts.get(mention.year, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] < known.body_year_min_mentions or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _date(year: str, month: str, day: str) -> datetime.date | None:
    values = [parse_number(year), parse_number(month), parse_number(day)]
    if any(v is None for v in values):
        return None
    try:
        return datetime.date(*values)
    except ValueError:
        return None


def _publication_dates(report: Report, known: Knowledge) -> tuple[PublicationDate, ...]:
    found = []
    for passage in (report.front_matter, report.preamble.passage):
        for pattern in known.publication_dates:
            for m, span in passage.finditer(pattern):
                date = _date(m.group("year"), m.group("month"), m.group("day"))
                if date:
                    found.append(PublicationDate(date, "web", m.group(), span))
    section = report.section(6)
    if section is not None:
        for cell in section.passage.cells[-known.signed_date_last_cells:]:
            m = known.signed_date.match(compact(cell.text))
            if m:
                date = _date(m.group("year"), m.group("month"), m.group("day"))
                if date:
                    found.append(PublicationDate(date, "signed", cell.text, Span(cell.position, len(cell.text))))
    unique: dict[tuple, PublicationDate] = {}
    for d in found:
        unique.setdefault((d.date, d.kind, d.span.start.sort_key[:2]), d)
    return tuple(unique.values())


def _citations(report: Report, known: Knowledge) -> tuple[Citation, ...]:
    """Format notices cited in the preamble (the report's stated basis); statutes with their order
    numbers wherever the preamble or the narrative cites them."""
    preamble = report.preamble.passage
    found = []
    for notice in known.notices:
        for form, pattern in (("number", notice.number_pattern), ("title", notice.title_pattern)):
            for m, span in preamble.finditer(pattern):
                found.append(Citation("notice", notice.key, m.group(), span, form=form))
    for passage in (preamble, *_narrative(report, known)):
        squeezed = passage.squeezed
        for statute in known.statutes:
            for m, _ in passage.finditer(statute.title_pattern):
                after = known.citation_number.match(squeezed, m.end(), min(len(squeezed), m.end() + 60))
                if after is None:
                    continue
                first = "" if after.group("issuer") else "2"
                start = after.start(f"issuer{first}")
                found.append(Citation("statute", statute.key, squeezed[start: after.end()],
                                      passage.squeezed_span(start, after.end()),
                                      parse_number(after.group(f"number{first}")), issuer=after.group(f"issuer{first}")))
    found.sort(key=lambda c: c.span.start.sort_key)
    return tuple(found)


_MAX_LEAD = 8  # words kept before a figure's phrase when quoting it (全年共, 我局共)
_MAX_TOTAL_LEAD = 24  # … before a breakdown's total (2023年度共主动公开政府信息)
_CUT_TOTAL_LEAD = 16  # … of a longer one, quoted after “…”
_CLAUSE_END = regex.compile(r"[,，。;；:：!?！？]")


def _clause_start(text: str, end: int, pattern: regex.Pattern = _CLAUSE_END, limit: int = 40) -> int:
    start = max(0, end - limit)
    for m in pattern.finditer(text, start, end):
        start = m.end()
    return start


def _quote_start(text: str, start: int, end: int, lead: int) -> int:
    """Where a quotation of text[start:end]… begins: after a heading run into it ("（一）主动公开情况"),
    and without a lead-in longer than `lead` (then the phrase alone is quoted)."""
    close = max(text.rfind(")", start, end), text.rfind("）", start, end))
    if close >= 0:
        start = close + 1
    return start if end - start <= lead else end


def _narrative(report: Report, known: Knowledge) -> list[Passage]:
    return [s.passage for s in report.sections if s.number in known.narrative_sections]


def _figures(report: Report, known: Knowledge) -> tuple[NarrativeFigure, ...]:
    found: list[NarrativeFigure] = []
    taken: set[tuple[int, int]] = set()
    for passage in _narrative(report, known):
        text = passage.squeezed
        for spec in known.figures:
            for pattern in spec.patterns:
                for m, _ in passage.finditer(pattern):
                    value = parse_number(m.group("n"))
                    if value is None:
                        continue
                    clause = _clause_start(text, m.start())
                    if (known.not_this_year.search(text, clause, m.end())
                            or known.not_this_scope.search(text, clause, m.end())):
                        continue
                    if spec.context and spec.context not in text[clause: m.end()]:
                        continue
                    start = _quote_start(text, clause, m.start(), _MAX_LEAD)
                    number_span = passage.squeezed_span(*m.span("n"))
                    where = (number_span.line, number_span.column)
                    if where in taken:
                        continue
                    taken.add(where)
                    found.append(NarrativeFigure(spec.key, value, text[start: m.end()],
                                                 passage.squeezed_span(start, m.end()), number_span))
    found.sort(key=lambda f: f.span.start.sort_key)
    return tuple(found)


def _enumerations(report: Report, known: Knowledge) -> tuple[Enumeration, ...]:
    found = []
    for passage in _narrative(report, known):
        text = passage.squeezed
        for m, _ in passage.finditer(known.enumeration):
            total = parse_number(m.group("total"))
            labels, numbers, pcts = m.captures("label"), m.captures("part"), m.captures("pct")
            if total is None:
                continue
            lead = text[_clause_start(text, m.start("total")): m.start("total")]
            if regex.search(rf"(?:{known.raw['number_pattern']}){m.group('unit')}", lead):
                continue  # 建议12件、提案8件，其中主办…: the parts may split both counts, not the last
            rest = text[m.end():]
            following = regex.split(r"[、,;。]", rest, maxsplit=1)[0]
            if rest.startswith("等") or (known.number_then_unit.match(following)
                                         and not known.enumeration_stop.match(following)):
                continue  # 等, or more counts follow (解读9篇): not a complete breakdown
            values = [parse_number(n) for n in numbers]
            if any(v is None for v in values) or any(known.enumeration_channels.search(label) for label in labels):
                continue  # publication channels overlap: not a breakdown
            parts = []
            for label, value, (s, e), pct in zip(labels, values, m.spans("part"), pcts):
                percent = regex.search(r"\d+(?:\.\d+)?(?=%)", pct)
                dimension = next((d.key for d in known.enumeration_dimensions if d.labels.search(label)), None)
                parts.append(Part(label, value, passage.squeezed_span(s, e), percent.group() if percent else None,
                                  dimension))
            if len(parts) < known.enumeration_min_parts and all(p.percent is None for p in parts):
                continue  # one figure, no share: nothing to check
            start = _quote_start(text, _clause_start(text, m.start("total")), m.start("total"), _MAX_TOTAL_LEAD)
            quote = text[start: m.end("unit")]
            if start == m.start("total"):  # a long lead-in: its last words, marked as cut
                quote = "…" + text[max(0, start - _CUT_TOTAL_LEAD): m.end("unit")]
            sentence = text[text.rfind("。", 0, m.start()) + 1: m.end()]
            found.append(Enumeration(total, m.group("unit"), quote, passage.squeezed_span(*m.span("total")),
                                     tuple(parts), _breakdowns(passage, m, parts, total, sentence, known)))
    return tuple(found)


def _breakdowns(passage: Passage, m: regex.Match, parts: list[Part], total: int, sentence: str,
                known: Knowledge) -> tuple[Breakdown, ...]:
    """Cut the parts after a total into breakdowns, each to be checked against the total on its own.

    “共受理120件，其中自然人113件，法人或其他组织7件；共办理111件，结转下一年9件” splits 120 twice. A new
    breakdown starts at a label restating the total (共办理), at a ； where the parts are otherwise
    separated by 、 or ，, at a part of another dimension (by applicant, then by outcome), and after a
    run that already adds up to the total (before a part that is not 0)."""
    dimensions = {d.key: d for d in known.enumeration_dimensions}
    separators = m.captures("sep")[:-1]  # separators[i] ends parts[i]; the last one ends the list
    layered = ";" in separators and any(sep in "、," for sep in separators)
    restates = [bool(known.enumeration_restate.search(p.label)) for p in parts]

    def kind(run: list[int]) -> str | None:  # a run's dimension: its first part that shows one
        return next((parts[j].dimension for j in run if parts[j].dimension), None)

    def joins(a: str | None, b: str | None) -> bool:
        return a is None or b is None or a == b or b in dimensions[a].joins or a in dimensions[b].joins

    runs: list[list[int]] = []
    for i, part in enumerate(parts):
        run = runs[-1] if runs else None
        if run is None or (
            restates[i]
            or (layered and separators[i - 1] == ";")
            or not joins(kind(run), part.dimension)
            or (0 < total == sum(parts[j].value for j in run) and part.value > 0)
        ):
            runs.append([i])
        else:
            run.append(i)

    breakdowns, seen = [], set()
    for n, run in enumerate(runs):
        members = tuple(parts[j] for j in run)
        key = kind(run)
        spec = dimensions.get(key)
        # a later run is about the same total only when it says so: it restates the total or splits it
        # by a dimension not used yet; otherwise its figures may count something else (更新目录100条)
        checked = n == 0 or restates[run[0]] or (members[0].dimension is not None and key not in seen)
        if spec is not None:
            checked = checked and spec.checked and not (spec.unless and spec.unless.search(sentence))
        seen.add(key)
        shares = [Decimal(p.percent) for p in members if p.percent is not None]
        exhaustive = (any(known.enumeration_residual.search(p.label) for p in members)
                      or (len(shares) == len(members)
                          and abs(sum(shares) - 100) <= sum(p.share_unit for p in members)))
        span = passage.squeezed_span(m.spans("label")[run[0]][0], m.spans("part")[run[-1]][1])
        name = dimensions[members[0].dimension].name if members[0].dimension else None  # not from a stray label
        breakdowns.append(Breakdown(members, span, name, checked, exhaustive))
    return tuple(breakdowns)
