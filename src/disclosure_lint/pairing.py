"""Pairing: which report is the same agency's report of the year before (the DL6xx rules' input).

In a run over several reports each report is paired with the report of its agency for the
previous year when that report is among the inputs:

* the **agency** is the one the title names, else the one signed at the end of the report (a line
  that names an agency, last or just before the signed date), else the configured `agency`; it is
  compared normalised (`normalise_agency`: NFKC, so full-width forms and compatibility ideographs
  fold, and without white space or quotes), after the configured aliases (`agency-aliases`: an
  old name to the new one, followed through renamings) are applied;
* the **year** is the one the title states, else the statistics period's (`ReportFacts.year` when
  its source is one of these). A configured default year or the year the body mentions most is a
  guess, and pairing on a guess would compare the wrong reports: such a report is not paired.

Reports are indexed by (agency, year) in one dict, so pairing is linear in the number of reports.
A report whose agency or year is unknown, or whose agency has no report of the previous year among
the inputs (none at all, or only older ones: a gap of two years), is not cross-checked. Two or more
reports claiming the same agency and year are a `Duplicate`: each is still checked against its own
previous year, but none of them is chosen as the previous year's report of the year after — that
report is left unpaired and `Pairing.warnings()` says why. A name that differs from a previous
year's report only by a leading place name (洪泽区人民政府 / 淮安市洪泽区人民政府) is not paired either,
but the report's note suggests the alias to configure.

`--previous FILE` pairs explicitly (`pair_explicit`): the report is checked against that file
whatever the titles say; when the agencies differ or the years are not consecutive the pairing
carries a warning.

The result, `Pairing`, answers `previous_of(index)`, says why a report is unpaired (`entries`),
and gives itself as a dict for `disclosure-lint dump` (`as_dict`, `report_dict`).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

import regex

from disclosure_lint.document import compact

if TYPE_CHECKING:
    from disclosure_lint.model import Report

AgencySource = Literal["title", "signature", "default"]
YearSource = Literal["title", "statistics_period"]

DEFAULT_COPIED_TEXT_THRESHOLD = 0.8


@dataclass(frozen=True)
class CrossYearOptions:
    """What the configuration says about cross-year checks (`Settings.cross_year`).

    `agency_aliases`: (old name, new name) pairs, names as written (they are normalised here);
    `copied_text_threshold`: the share of a paragraph, 0 < t ≤ 1, copied from last year's narrative
    that makes DL603 report it.
    """

    agency_aliases: tuple[tuple[str, str], ...] = ()
    copied_text_threshold: float = DEFAULT_COPIED_TEXT_THRESHOLD

    @property
    def aliases(self) -> dict[str, str]:
        return resolve_aliases(self.agency_aliases)


# --------------------------------------------------------------------------- agency names

_QUOTES = "\"'“”‘’「」『』《》<>*`"
_AGENCY_SHAPE = regex.compile(r"[^\d,，。.;；:：!！?？、|/\\()（）]{2,40}")
_PLACE_END = regex.compile(r"(?:省|自治区|市|州|盟|地区|区|县|旗)")


def normalise_agency(name: str) -> str:
    """The agency name as pairing compares it: NFKC (full-width forms, compatibility ideographs),
    no white space, no quotes or markdown emphasis around or inside it."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in _QUOTES)


class AliasError(ValueError):
    """An alias table that renames in a circle (A → B → A)."""


def resolve_aliases(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """old → newest name, normalised, renamings followed (A → B and B → C give A → C and B → C).
    Raises AliasError for a cycle."""
    direct: dict[str, str] = {}
    for old, new in pairs:
        old, new = normalise_agency(old), normalise_agency(new)
        if old and new and old != new:
            direct[old] = new
    resolved: dict[str, str] = {}
    for old in direct:
        seen = [old]
        name = direct[old]
        while name in direct:
            if name in seen:
                raise AliasError("、".join([*seen, name]))
            seen.append(name)
            name = direct[name]
        resolved[old] = name
    return resolved


@cache
def _template_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    from disclosure_lint.knowledge import knowledge
    from disclosure_lint.template import load

    suffix = regex.compile(load().raw["title"]["agency_suffix"])
    return suffix, knowledge().signed_date


def signature_agency(report: Report) -> str | None:
    """The agency signed at the end of the report: among the last lines of its last section, a
    short line that names an agency (ends as the template's agency names do) and is the last line
    or stands just before the signed date. None when there is no such line."""
    if not report.sections:
        return None
    last = max(report.sections, key=lambda s: s.span.start.sort_key)
    suffix, signed_date = _template_patterns()
    cells = [compact(c.text) for c in last.passage.cells[-4:]]
    if cells and signed_date.match(cells[-1]):
        cells = cells[:-1]
    if not cells:
        return None
    candidate = cells[-1]
    if _AGENCY_SHAPE.fullmatch(candidate) and suffix.search(candidate):
        return candidate
    return None


# --------------------------------------------------------------------------- identities


@dataclass(frozen=True)
class Identity:
    """Whose report and for which year, as pairing sees it."""

    agency: str  # the key: normalised, aliases applied
    year: int
    written: str  # the agency as the report (or the configuration) names it
    agency_source: AgencySource
    year_source: YearSource
    renamed_from: str | None = None  # the normalised name an alias mapped to `agency`

    @property
    def key(self) -> tuple[str, int]:
        return self.agency, self.year

    def label(self) -> str:
        return f"{self.agency}{self.year}年度报告"

    def as_dict(self) -> dict:
        return {"agency": self.agency, "year": self.year, "agency_as_written": self.written,
                "agency_source": self.agency_source, "year_source": self.year_source,
                "renamed_from": self.renamed_from}


@dataclass(frozen=True)
class Unidentified:
    """Why a report has no identity (it is then not paired)."""

    reason: str


def identify(report: Report, aliases: Mapping[str, str] | None = None) -> Identity | Unidentified:
    """The report's agency and year for pairing (see the module's docstring for the sources)."""
    if not report.is_report:
        return Unidentified("不是可读的年度报告")
    facts = report.facts
    if facts.year is None or facts.year_source not in ("title", "statistics_period"):
        return Unidentified("标题和统计期限都没有写明年度")
    written, source = None, None
    if report.title is not None and report.title.agency:
        written, source = report.title.agency, "title"
    if not written:
        signed = signature_agency(report)
        if signed:
            written, source = signed, "signature"
    if not written and facts.agency_source == "default" and facts.agency:
        written, source = facts.agency, "default"
    agency = normalise_agency(written) if written else ""
    if not agency:
        return Unidentified("标题和落款都没有写明机关名称")
    renamed = None
    aliases = aliases or {}
    if agency in aliases:
        renamed, agency = agency, aliases[agency]
    return Identity(agency, facts.year, written, source, facts.year_source, renamed)


# --------------------------------------------------------------------------- pairing


@dataclass(frozen=True)
class Entry:
    """One input report's place in the pairing."""

    index: int  # its position among the inputs
    path: str
    identity: Identity | None
    previous: int | None = None  # the index of last year's report, if paired
    explicit: bool = False  # paired by --previous
    note: str | None = None  # why it is not paired, or what to know about the pairing

    def as_dict(self, paths: Sequence[str]) -> dict:
        found = {"path": self.path}
        found.update(self.identity.as_dict() if self.identity else {"agency": None, "year": None})
        found["previous"] = paths[self.previous] if self.previous is not None else None
        found["explicit"] = self.explicit
        found["note"] = self.note
        return found


@dataclass(frozen=True)
class Duplicate:
    """Reports claiming the same agency and year."""

    agency: str
    year: int
    indices: tuple[int, ...]
    ambiguous_for: tuple[int, ...] = ()  # reports of the year after left unpaired because of it

    def as_dict(self, paths: Sequence[str]) -> dict:
        return {"agency": self.agency, "year": self.year, "paths": [paths[i] for i in self.indices],
                "left_unpaired": [paths[i] for i in self.ambiguous_for]}


@dataclass(frozen=True)
class Pairing:
    entries: tuple[Entry, ...]
    duplicates: tuple[Duplicate, ...] = ()
    operations: int = 0  # dict look-ups and insertions made: linear in the number of reports
    explicit_warnings: tuple[str, ...] = field(default=())

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(e.path for e in self.entries)

    def previous_of(self, index: int) -> int | None:
        return self.entries[index].previous

    def pairs(self) -> list[tuple[int, int]]:
        """(this year's index, last year's index) of every paired report, in input order."""
        return [(e.index, e.previous) for e in self.entries if e.previous is not None]

    def warnings(self) -> list[str]:
        """What a person should know about the pairing, one line each (the command line prints
        them on stderr): same agency and year claimed twice where it mattered (a report of the year
        after was left unpaired because of it), and an explicit pairing that looks wrong."""
        lines = list(self.explicit_warnings)
        paths = self.paths
        for d in self.duplicates:
            if not d.ambiguous_for:
                continue
            claimed = _list(paths[i] for i in d.indices)
            after = _list(paths[i] for i in d.ambiguous_for)
            lines.append(f"{claimed} 都是{d.agency}{d.year}年度报告，无法确定哪一份是上一年度报告，"
                         f"{after} 未作跨年度检查")
        return lines

    def report_dict(self, index: int) -> dict:
        """One report's pairing for `dump`: its agency and year as pairing sees them, where they
        came from, the previous year's report it is paired with (or null) and why not."""
        return self.entries[index].as_dict(self.paths)

    def as_dict(self) -> dict:
        """The whole pairing for `dump`: every report's entry, the pairs and the duplicates."""
        paths = self.paths
        return {
            "reports": [e.as_dict(paths) for e in self.entries],
            "pairs": [{"report": paths[a], "previous": paths[b]} for a, b in self.pairs()],
            "duplicates": [d.as_dict(paths) for d in self.duplicates],
            "warnings": self.warnings(),
        }


def _list(paths: Iterable[str], most: int = 3) -> str:
    paths = list(paths)
    shown = "、".join(paths[:most])
    return shown + (f" 等 {len(paths)} 份" if len(paths) > most else "")


def pair_reports(reports: Sequence[Report], aliases: Mapping[str, str] | Sequence[Mapping[str, str]] | None = None
                 ) -> Pairing:
    """Pair every report with its agency's report of the previous year among `reports`.

    `aliases`: one table for all (old → new, as `resolve_aliases` gives it), or one per report (each
    report's own configuration's)."""
    identities = []
    for i, report in enumerate(reports):
        table = aliases[i] if isinstance(aliases, Sequence) else aliases
        identities.append(identify(report, table))
    return pair_identities([r.path for r in reports], identities)


def pair_identities(paths: Sequence[str], identities: Sequence[Identity | Unidentified | None]) -> Pairing:
    """The pairing of reports whose identities are known (`identify`): one pass to index them by
    (agency, year), one to look each one's previous year up. Linear in the number of reports."""
    operations = 0
    by_key: dict[tuple[str, int], list[int]] = {}
    years: dict[str, list[int]] = {}
    tails: dict[tuple[str, int], int] = {}  # (a name less a leading place name, year) -> a report
    for i, identity in enumerate(identities):
        if not isinstance(identity, Identity):
            continue
        by_key.setdefault(identity.key, []).append(i)
        years.setdefault(identity.agency, []).append(identity.year)
        operations += 2
        for tail in _place_tails(identity.agency):
            tails.setdefault((tail, identity.year), i)
            operations += 1

    duplicates: dict[tuple[str, int], list[int]] = {}
    sorted_years: dict[str, list[int]] = {}  # an agency's distinct years, sorted once when first needed
    entries: list[Entry] = []
    for i, identity in enumerate(identities):
        path = paths[i]
        if not isinstance(identity, Identity):
            reason = identity.reason if isinstance(identity, Unidentified) else "未识别机关和年度"
            entries.append(Entry(i, path, None, note=f"{reason}，未作跨年度检查"))
            continue
        wanted = (identity.agency, identity.year - 1)
        found = by_key.get(wanted, ())
        operations += 1
        if len(found) == 1:
            entries.append(Entry(i, path, identity, previous=found[0]))
            continue
        if len(found) > 1:
            duplicates.setdefault(wanted, []).append(i)
            entries.append(Entry(i, path, identity, note=(
                f"输入中有 {len(found)} 份{identity.agency}{identity.year - 1}年度报告，"
                "无法确定哪一份是上一年度报告，未作跨年度检查")))
            continue
        if identity.agency not in sorted_years:
            sorted_years[identity.agency] = sorted(set(years[identity.agency]))
        entries.append(Entry(i, path, identity, note=_unpaired_note(
            identity, sorted_years[identity.agency], by_key, tails, paths)))
        operations += 3

    dups = []
    for key, members in by_key.items():
        operations += 1
        if len(members) > 1:
            dups.append(Duplicate(key[0], key[1], tuple(members), tuple(duplicates.get(key, ()))))
    dups.sort(key=lambda d: d.indices[0])
    return Pairing(tuple(entries), tuple(dups), operations)


def _place_tails(agency: str) -> list[str]:
    """The name less each leading place name (淮安市洪泽区人民政府: 洪泽区人民政府, 人民政府 is too short
    to mean anything and is left out): for suggesting an alias, never for pairing."""
    tails = []
    for m in _PLACE_END.finditer(agency):
        tail = agency[m.end():]
        if len(tail) >= 4 and _PLACE_END.search(tail[:8]) and m.end() <= 12:
            tails.append(tail)
    return tails


def _unpaired_note(identity: Identity, agency_years: list[int], by_key: dict, tails: dict,
                   paths: Sequence[str]) -> str:
    previous = identity.year - 1
    before = bisect.bisect_left(agency_years, identity.year)
    if before:
        latest = agency_years[before - 1]
        return (f"输入中{identity.agency}最近的是{latest}年度报告，与{identity.year}年度不相邻"
                f"（相隔 {identity.year - latest} 年），未作跨年度检查")
    hint = ""
    near = tails.get((identity.agency, previous))
    if near is None:
        for tail in _place_tails(identity.agency):
            near = next(iter(by_key.get((tail, previous), ())), None)
            if near is not None:
                break
    if near is not None:
        hint = (f"；{paths[near]} 是{previous}年度报告，机关名称只差地名前缀，如为同一机关，"
                "请在配置的 agency-aliases 中写明旧名与新名")
    return f"输入中没有{identity.agency}{previous}年度报告，未作跨年度检查{hint}"


def pair_explicit(reports: Report | Sequence[Report], previous: Report,
                  aliases: Mapping[str, str] | Sequence[Mapping[str, str]] | None = None,
                  previous_aliases: Mapping[str, str] | None = None) -> Pairing:
    """`--previous FILE`: each of `reports` (indices 0…n-1; usually one, this year's draft) is
    paired with `previous` (index n) as the user says. When both identities are known and the
    agencies differ, or the years are not consecutive, the pairing holds but carries a warning
    (the draft's title may still be last year's, which DL403 reports)."""
    if not isinstance(reports, Sequence):
        reports = [reports]
    n = len(reports)
    if isinstance(aliases, Sequence):
        tables = list(aliases)
    else:
        tables = [aliases] * n
    last = identify(previous, previous_aliases if previous_aliases is not None else (tables[0] if tables else None))
    warnings, entries = [], []
    if not previous.is_report:
        why = f"（{previous.unreadable}）" if previous.unreadable else ""
        warnings.append(f"--previous {previous.path} 不是可读的年度报告{why}，未作跨年度检查")
    paired = n if previous.is_report else None
    for i, report in enumerate(reports):
        this = identify(report, tables[i])
        if isinstance(this, Identity) and isinstance(last, Identity):
            if this.agency != last.agency:
                warnings.append(f"{report.path} 是{this.agency}的报告，--previous {previous.path} 是{last.agency}的报告，"
                                "仍按指定比较")
            if this.year - last.year != 1:
                warnings.append(f"{report.path} 是{this.year}年度报告，--previous {previous.path} 是{last.year}年度报告，"
                                "不是相邻年度，仍按指定比较")
        entries.append(Entry(i, report.path, this if isinstance(this, Identity) else None, previous=paired, explicit=True,
                             note=None if isinstance(this, Identity) else this.reason))
    entries.append(Entry(n, previous.path, last if isinstance(last, Identity) else None, explicit=True,
                         note=PREVIOUS_NOTE))
    return Pairing(tuple(entries), (), 0, tuple(warnings))


PREVIOUS_NOTE = "由 --previous 指定的上一年度报告"
