"""Facts and targets: which quantities look back and which look ahead, and their years."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from luoshi.extraction.indicators import indicator_of
from luoshi.extraction.model import Fact, Section, Target, YearSpan
from luoshi.extraction.numbers import base_value, find_amounts
from luoshi.extraction.outline import section_at
from luoshi.extraction.quantities import Quantity, read_sentence
from luoshi.extraction.rules import Lexicon, rules
from luoshi.extraction.segment import Span, paragraphs, sentences
from luoshi.vocabulary import Comparator, TargetKind

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_SPAN_WORDS = {"五年": 5, "十年": 10, "三年": 3, "两年": 2, "一年": 1}


@dataclass(frozen=True)
class Timeline:
    """The years a report speaks of: the plan year, a programme's term, the reviewed span."""

    plan_year: int | None
    term: tuple[int, int] | None


def extract_statements(
    text: str, sections: tuple[Section, ...], timeline: Timeline
) -> tuple[tuple[Fact, ...], tuple[Target, ...]]:
    """All facts and targets of the report, each with its quote and section."""
    amounts = find_amounts(text)
    starts = [a.start for a in amounts]  # in text order, for slicing by sentence
    lex = rules().lexicon
    facts: list[Fact] = []
    targets: list[Target] = []
    for par in paragraphs(text):
        estimated_from_here = False
        for sent in sentences(par):
            inside = amounts[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if any(w in sent.text for w in lex.estimate_markers):
                estimated_from_here = estimated_from_here or "下同" in sent.text
            section = section_at(sections, sent.start)
            for q in read_sentence(text, sent, inside):
                if _looks_back(sent, section, timeline, lex):
                    estimated = estimated_from_here or any(w in sent.text for w in lex.estimate_markers)
                    facts.append(_fact(text, q, sent, section, timeline, estimated))
                elif section is None or section.kind != "other":
                    targets.append(_target(text, q, sent, section, timeline))
    targets.extend(qualitative_targets(text, sections, timeline, amounts_at={a.start for a in amounts}))
    return tuple(facts), tuple(sorted(targets, key=lambda t: t.start))


def _looks_back(sent: Span, section: Section | None, timeline: Timeline, lex: Lexicon) -> bool:
    """A fact when the section reviews, or the sentence speaks of the past in a plan section."""
    if section is not None and section.kind == "review":
        return True
    years = [int(y) for y in _YEAR.findall(sent.text)]
    if timeline.plan_year and years and max(years) < timeline.plan_year and not _future(sent, lex):
        return True
    plain = sent.text
    for w in lex.comparison_words:
        plain = plain.replace(w, "")
    if any(w in plain for w in lex.past_markers) and not _future(sent, lex):
        return True
    return section is None and not _future(sent, lex)


def _future(sent: Span, lex: Lexicon) -> bool:
    return any(w in sent.text for w in lex.future_markers + lex.commitments)


def _quote(text: str, q: Quantity) -> tuple[str, int, int]:
    start, end = q.quote_start, q.quote_end
    while end > start and text[end - 1] in ",;:、 ":
        end -= 1
    return text[start:end], start, end


def _common(text: str, q: Quantity, section: Section | None) -> dict[str, Any]:
    """The fields facts and targets share: metric, value and unit, quote and offsets, section."""
    quote, start, end = _quote(text, q)
    bv, bu = base_value(q.value, q.unit)
    return {
        "metric": q.metric,
        "kind": TargetKind(q.kind),
        "value": q.value,
        "unit": q.unit,
        "quote": quote,
        "start": start,
        "end": end,
        "section": section.id if section else None,
        "per_year": q.per_year,
        "base_value": bv,
        "base_unit": bu,
        "indicator": indicator_of(q.metric, q.kind, q.unit),
    }


def _fact(text: str, q: Quantity, sent: Span, section: Section | None, tl: Timeline, est: bool) -> Fact:
    period = _period(text, q, sent, section, tl)
    return Fact(**_common(text, q, section), period=period, estimated=est)


def _target(text: str, q: Quantity, sent: Span, section: Section | None, tl: Timeline) -> Target:
    horizon = _horizon(text, q.amount_start, sent, section, tl)
    comparator = Comparator(q.comparator) if q.comparator else None
    return Target(**_common(text, q, section), comparator=comparator, horizon=horizon, commitment=q.commitment)


def _horizon(text: str, pos: int, sent: Span, section: Section | None, tl: Timeline) -> YearSpan | None:
    """The plan year, a programme's term, or the year the clause names (到2025年)."""
    first = tl.plan_year
    if section is not None and section.kind == "programme" and tl.term:
        first = tl.term[0]
        last = tl.term[1]
    elif first is not None:
        last = first
    else:
        return None
    head = text[sent.start : pos]
    named = [int(y) for y in _YEAR.findall(head)]
    if named and first is not None and named[-1] >= first:
        return YearSpan(first if "到" in head or "至" in head else named[-1], named[-1])
    return YearSpan(first, last)


def _period(text: str, q: Quantity, sent: Span, section: Section | None, tl: Timeline) -> YearSpan | None:
    """The year or years a fact covers: a year the sentence names, else the reviewed span."""
    end_year = (tl.plan_year - 1) if tl.plan_year else None
    named = [int(y) for y in _YEAR.findall(text[sent.start : q.quote_end])]
    if named and not q.per_year:
        return YearSpan(named[-1], named[-1])
    span = _reviewed_years(section.title if section else "", sent.text)
    if end_year is None:
        return None
    if span > 1 and (q.per_year or not named):
        return YearSpan(end_year - span + 1, end_year)
    return YearSpan(end_year, end_year)


def _reviewed_years(title: str, sentence: str) -> int:
    """How many years a review section or sentence looks back over (五年来 -> 5)."""
    for words in (sentence, title):
        for w, n in _SPAN_WORDS.items():
            if w in words and n > 1:
                return n
    return 1


def _passage_end(text: str, begin: int, par_end: int) -> int:
    """End of the main-targets passage: its first 。, over item lines when the colon ends a line."""
    stop = text.find("。", begin, par_end)
    if stop >= 0 or text[begin:par_end].strip():
        return stop if stop >= 0 else par_end
    end = par_end
    for _ in range(15):  # one item per line (地区生产总值增长6%以上；) until one ends with 。
        nxt = text.find("\n", end + 1)
        line_end = nxt if nxt >= 0 else len(text)
        line = text[end + 1 : line_end].strip()
        if not line:
            if line_end >= len(text):
                break
            end = line_end
            continue
        if not line.endswith((";", "。", ",")):
            break
        end = line_end
        if line.endswith("。"):
            break
    return end


def qualitative_targets(text: str, sections: tuple[Section, ...], tl: Timeline, amounts_at: set[int]) -> list[Target]:
    """Targets without a number in the passage of main targets (居民收入增长与经济增长基本同步)."""
    lex = rules().lexicon
    out: list[Target] = []
    for par in paragraphs(text):
        opener = next((w for w in lex.main_targets_openers if w in par.text), None)
        if opener is None:
            continue
        colon = par.text.find(":", par.text.index(opener))
        if colon < 0:
            continue
        begin = par.start + colon + 1
        end = _passage_end(text, begin, par.end)
        section = section_at(sections, begin)
        if section is not None and section.kind == "review":
            continue
        for m in re.finditer(r"[^,;。\n]+", text[begin:end]):
            s, e = begin + m.start(), begin + m.end()
            item = text[s:e].strip()
            if len(item) < 4 or any(s <= a < e for a in amounts_at) or re.search(r"\d", item):
                continue
            out.append(
                Target(
                    metric=item,
                    kind=TargetKind.QUALITATIVE,
                    value=None,
                    unit=None,
                    quote=item,
                    start=s,
                    end=e,
                    section=section.id if section else None,
                    comparator=None,
                    horizon=_horizon(text, s, Span(s, e, item), section, tl),
                    per_year=False,
                    commitment=next((w for w in lex.commitments if w in item), None),
                    indicator=indicator_of(item, TargetKind.QUALITATIVE, None),
                )
            )
    return out
