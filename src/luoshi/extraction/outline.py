"""The heading tree: printed heading forms, their nesting, titles, spans and section kinds."""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.extraction.model import Section
from luoshi.extraction.rules import Rules, rules
from luoshi.extraction.segment import paragraphs
from luoshi.vocabulary import SectionKind


@dataclass(frozen=True)
class Heading:
    """A heading line as found: its form's rank, number, title and where it stands."""

    rank: int
    number: str
    title: str
    start: int
    title_end: int


def find_headings(text: str) -> list[Heading]:
    """Every line that opens with a printed heading number and a title."""
    r = rules()
    found = []
    for par in paragraphs(text):
        line = par.text
        for rank, level in enumerate(r.headings):
            m = level.pattern.match(line)
            if not m:
                continue
            rest = m.group("rest")
            cut = r.title_end.search(rest)
            title = rest[: cut.start()] if cut else rest
            if 2 <= len(title) <= r.max_title_chars:
                title_end = par.start + m.start("rest") + len(title)
                found.append(Heading(rank, level.number.format(num=m.group("num")), title, par.start, title_end))
            break
    return found


def kind_of(title: str, r: Rules) -> str:
    """The kind of a top section from its title (review, programme, plan, other)."""
    for rule in r.kinds:
        if any(w in title for w in rule.words):
            return rule.kind
    # Unlabelled top headings (二、坚持实行扩大内需的方针) are the work the report arranges.
    return "plan"


def build_sections(text: str) -> tuple[Section, ...]:
    """Sections with path ids ("3.2"), parents, kinds and the span each governs."""
    r = rules()
    headings = find_headings(text)
    sections: list[Section] = []
    stack: list[tuple[Heading, str, str, int]] = []  # heading, id, kind, children so far
    top_count = 0
    for i, h in enumerate(headings):
        while stack and stack[-1][0].rank >= h.rank:
            stack.pop()
        if stack:
            parent, parent_id, kind, children = stack[-1]
            stack[-1] = (parent, parent_id, kind, children + 1)
            sid, pid = f"{parent_id}.{children + 1}", parent_id
        else:
            top_count += 1
            sid, pid = str(top_count), None
            kind = kind_of(h.title, r)
        end = next((g.start for g in headings[i + 1 :] if g.rank <= h.rank), len(text))
        sections.append(Section(sid, pid, h.number, h.title, SectionKind(kind), h.start, end))
        stack.append((h, sid, kind, 0))
    return tuple(sections)


def section_at(sections: tuple[Section, ...], pos: int) -> Section | None:
    """The innermost section whose span holds `pos`."""
    best = None
    for s in sections:
        if s.start <= pos < s.end and (best is None or s.start >= best.start):
            best = s
    return best
