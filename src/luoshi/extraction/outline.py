"""The heading tree: printed heading forms, their nesting, titles, spans and section kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.extraction.model import Section
from luoshi.extraction.rules import Rules, rules
from luoshi.extraction.segment import Span, paragraphs
from luoshi.vocabulary import SectionKind

_YEAR = re.compile(r"((?:19|20)\d{2})年")
# Punctuation a bare heading may hold: quotes and brackets (“十五五”时期…, 《纲要》).
_BARE_PUNCTUATION = re.compile(r"[。,;:!?、—…·]")
# The rank of an unnumbered heading line: outside every printed form.
BARE_RANK = -1


@dataclass(frozen=True)
class Heading:
    """A heading line as found: its form's rank, number, title and where it stands."""

    rank: int
    number: str
    title: str
    start: int
    title_end: int


def find_headings(text: str) -> list[Heading]:
    """Every line that opens with a printed heading number and a title, and bare heading lines."""
    r = rules()
    found = []
    pars = paragraphs(text)
    body_start = _body_start(pars, r)
    for par in pars:
        heading = _numbered(par, r)
        if heading is None and par.start >= body_start and is_bare_heading(par.text, r):
            heading = Heading(BARE_RANK, "", par.text, par.start, par.end)
        if heading is not None:
            found.append(heading)
    return found


def _numbered(par: Span, r: Rules) -> Heading | None:
    """The heading a line opens with a printed number (一、 (一) 1. (1) 第一部分), if any."""
    for rank, level in enumerate(r.headings):
        m = level.pattern.match(par.text)
        if not m:
            continue
        rest = m.group("rest")
        cut = r.title_end.search(rest)
        title = rest[: cut.start()] if cut else rest
        if 2 <= len(title) <= r.max_title_chars:
            title_end = par.start + m.start("rest") + len(title)
            return Heading(rank, level.number.format(num=m.group("num")), title, par.start, title_end)
        return None
    return None


def _body_start(pars: list[Span], r: Rules) -> int:
    """Where the body begins: after the address to the deputies, else after the first line."""
    for par in pars:
        if par.text.startswith(r.lexicon.address_openers):
            return par.end
    return pars[0].end if pars else 0


def is_bare_heading(line: str, r: Rules | None = None) -> bool:
    """An unnumbered line that is a top heading (2024年工作回顾, “十五五”时期主要目标和2026年重点工作)."""
    s = (r or rules()).sections
    return (
        4 <= len(line) <= s.bare_heading_max_chars
        and not _BARE_PUNCTUATION.search(line)
        and any(w in line for w in s.bare_heading_words)
    )


def _names_plan_year(title: str, plan_year: int | None, r: Rules) -> bool:
    """Whether a top title names the plan year (2025年目标任务和主要工作) or 今年/明年, and no review."""
    s = r.sections
    if any(w in title for w in s.review_over_year):
        return False
    if any(w in title for w in s.plan_year_words):
        return True
    years = [int(y) for y in _YEAR.findall(title)]
    return plan_year is not None and plan_year in years and max(years) == plan_year


def kind_of(title: str, r: Rules, plan_year: int | None = None) -> str | None:
    """The kind of a top section from its title (review, programme, plan, other), None if it says none.

    A title that names the plan year is the plan whatever generic words it holds (主要工作);
    otherwise the first rule of the table that matches.
    """
    if _names_plan_year(title, plan_year, r):
        return "plan"
    for rule in r.kinds:
        if any(w in title for w in rule.words):
            return rule.kind
    return None


def headings_plan_year(titles: list[str], r: Rules) -> int | None:
    """The plan year as the top titles name it: the latest first year a plan title names.

    Titles that review (回顾, 成就) and titles with no word of a plan (到2035年的远景目标) are
    left out; a span (2026—2030年) counts by its first year.
    """
    s = r.sections
    plan_words = [w for rule in r.kinds if rule.kind == "plan" for w in rule.words] + list(s.bare_heading_words)
    years = []
    for title in titles:
        named = [int(y) for y in _YEAR.findall(title)]
        if named and not any(w in title for w in s.review_over_year) and any(w in title for w in plan_words):
            years.append(min(named))
    return max(years) if years else None


def _reports_past(text: str, start: int, end: int, plan_year: int | None, r: Rules) -> bool:
    """Whether the first paragraph of a section opens by reporting the past (过去一年, 2024年是…)."""
    first = next((p.text for p in paragraphs(text[start:end]) if p.text.strip()), "")
    for pattern in r.sections.review_openers:
        m = pattern.match(first)
        if not m:
            continue
        year = m.groupdict().get("year")
        if year is None or plan_year is None or int(year) < plan_year:
            return True
    return False


def build_sections(text: str, plan_year: int | None = None) -> tuple[Section, ...]:
    """Sections with path ids ("3.2"), parents, kinds and the span each governs.

    `plan_year`, when the front matter gives it (a delivery date), is the year a plan heading
    names; without it the top titles tell it.
    """
    r = rules()
    headings = find_headings(text)
    placed: list[tuple[Heading, str, str | None, int]] = []  # heading, id, parent id, end
    stack: list[tuple[Heading, str, int]] = []  # heading, id, children so far
    top_count = 0
    for i, h in enumerate(headings):
        while stack and stack[-1][0].rank >= h.rank:
            stack.pop()
        if stack:
            parent, parent_id, children = stack[-1]
            stack[-1] = (parent, parent_id, children + 1)
            sid, pid = f"{parent_id}.{children + 1}", parent_id
        else:
            top_count += 1
            sid, pid = str(top_count), None
        end = next((g.start for g in headings[i + 1 :] if g.rank <= h.rank), len(text))
        placed.append((h, sid, pid, end))
        stack.append((h, sid, 0))
    kinds = _top_kinds(text, placed, plan_year, r)
    return tuple(
        Section(sid, pid, h.number, h.title, SectionKind(kinds[sid.split(".")[0]]), h.start, end)
        for h, sid, pid, end in placed
    )


def _top_kinds(
    text: str, placed: list[tuple[Heading, str, str | None, int]], plan_year: int | None, r: Rules
) -> dict[str, str]:
    """The kind of each top section; sub-headings take the kind of their top heading."""
    tops = [(h, sid, end) for h, sid, pid, end in placed if pid is None]
    year = plan_year or headings_plan_year([h.title for h, _, _ in tops], r)
    kinds: dict[str, str] = {}
    opening = True  # no plan or programme heading yet: still in the report's look back
    for h, sid, end in tops:
        kind = kind_of(h.title, r, year)
        if kind is None:
            # A slogan (砥砺奋进,…迈出新步伐): review when it opens the body reporting the past,
            # else the work the report arranges (二、坚持实行扩大内需的方针).
            own_end = next((c.start for c, _, pid, _ in placed if pid == sid), end)
            kind = "review" if opening and _reports_past(text, h.title_end, own_end, year, r) else "plan"
        opening = opening and kind not in ("plan", "programme")
        kinds[sid] = kind
    return kinds


def section_at(sections: tuple[Section, ...], pos: int) -> Section | None:
    """The innermost section whose span holds `pos`."""
    best = None
    for s in sections:
        if s.start <= pos < s.end and (best is None or s.start >= best.start):
            best = s
    return best
