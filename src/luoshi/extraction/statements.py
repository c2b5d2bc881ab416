"""Facts and targets: which quantities look back and which look ahead, and their years."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
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
    scope: tuple[str | None, YearSpan | None, YearSpan | None] = (None, None, None)  # see _scope_after
    for par in paragraphs(text):
        sents = sentences(par)
        scope = _scope_after(par, sections, timeline, scope)
        # An opening 预计 (预计全年地区生产总值增长6%。…) governs the whole paragraph.
        estimated_from_here = bool(sents) and _opens_with_estimate(sents[0].text, lex)
        programme = _speaks_of_programme(par.text, timeline)
        # A recap of the past: opened by the paragraph's opening (过去五年,…; 这五年,…; “十四五”时期
        # 是…) in a plan or programme section, or by an earlier sentence of the paragraph.
        recap = "paragraph" if _opens_on_past(par.text, timeline) else ""
        opens = True  # the sentence opens after a full stop (not after a ;)
        for sent in sents:
            inside = amounts[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if any(w in sent.text for w in lex.estimate_markers):
                estimated_from_here = estimated_from_here or "下同" in sent.text
            quantities = read_sentence(text, sent, inside) if inside else []
            section = section_at(sections, sent.start) if quantities else None
            back = bool(quantities) and _looks_back(sent, section, timeline, lex, recap=recap)
            for q in quantities:
                if back:
                    estimated = estimated_from_here or any(w in sent.text for w in lex.estimate_markers)
                    facts.append(_fact(text, q, sent, section, timeline, estimated, scope[1]))
                elif section is None or section.kind != "other":
                    on_programme = programme or _speaks_of_programme(sent.text, timeline)
                    targets.append(_target(text, q, sent, section, timeline, programme=on_programme))
            recap = _recap_after(sent, recap, lex, opens=opens)
            opens = sent.text.rstrip().endswith(("。", "!", "?"))
    targets.extend(qualitative_targets(text, sections, timeline, amounts_at={a.start for a in amounts}))
    return tuple(facts), tuple(sorted(targets, key=lambda t: t.start))


def _opens_with_estimate(first: str, lex: Lexicon) -> bool:
    """Whether a paragraph's first sentence says 预计 before its first number."""
    digit = re.search(r"\d", first)
    head = first[: digit.start()] if digit else first
    return any(w in head for w in lex.estimate_markers)


def _opens_on_past(paragraph: str, tl: Timeline) -> bool:
    """Whether a paragraph opens on the past: a look back (过去五年, 这五年), a past year or a past
    five-year plan's period (“十四五”时期是…, in a report planning 2026)."""
    if tl.plan_year is None:
        return False
    sr = rules().statements
    opening = re.split(r"[,;:。]", paragraph, maxsplit=1)[0]
    if any(w in opening for w in sr.plan_time_words):
        return False
    marks = _time_marks(opening, tl.plan_year - 1, multi=True)
    return (
        any(not one_year for _, _, one_year in marks)
        or any(w in opening for w in sr.recap_openers)
        or any(int(y) < tl.plan_year for y in _YEAR.findall(opening))
    )


def _looks_back(sent: Span, section: Section | None, timeline: Timeline, lex: Lexicon, *, recap: str) -> bool:
    """A fact when the section reviews, or the sentence speaks of the past in a plan section.

    Past forms of verbs of intent (实现了, 完成了) are the past, not intent; a sentence that
    goes on a recap opened earlier in its paragraph is the past unless it speaks of the plan
    year or of intent. In a paragraph that opens on the past, only markers of the future
    (将, 力争, 今年), not verbs of intent alone (实现“十四五”圆满收官), make a target.
    """
    if section is not None and section.kind == "review":
        return True
    tm = rules().statements
    plain = sent.text
    done = any(w in plain for w in tm.past_aspect)
    for w in tm.past_aspect + (tm.reached_goal_words if done or recap else ()):
        plain = plain.replace(w, "")
    if recap == "paragraph":
        stripped = plain
        for w in tm.not_future_words:
            stripped = stripped.replace(w, "")
        return not any(w in stripped for w in lex.future_markers + tm.plan_time_words)
    future = _future(plain, lex)
    years = [int(y) for y in _YEAR.findall(plain)]
    if timeline.plan_year and years and max(years) < timeline.plan_year and not future:
        return True
    for w in lex.comparison_words:
        plain = plain.replace(w, "")
    if (done or any(w in plain for w in lex.past_markers)) and not future:
        return True
    if recap and not future and not any(w in plain for w in tm.plan_time_words):
        return True
    return section is None and not future


def _recap_after(sent: Span, recap: str, lex: Lexicon, *, opens: bool) -> str:
    """Whether the paragraph is recapping the past after this sentence (过去一年,我们…。).

    A recap opens with a sentence after a full stop whose first clause looks back; the part of
    a sentence after a ; (今年压力较大:…;去年翘尾影响1个百分点。) opens none.
    """
    tm = rules().statements
    if recap == "paragraph":
        return recap
    if _future(sent.text, lex) or _words_re(tm.plan_time_words).search(sent.text):
        return ""
    if recap or not opens:
        return recap
    first_clause = _CLAUSE_CUT.split(sent.text, maxsplit=1)[0]
    return "sentence" if _words_re(tm.recap_openers).search(first_clause) else ""


_CLAUSE_CUT = re.compile(r"[,;:]")


@cache
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of the words (word lists are scanned for every sentence)."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _future(text: Span | str, lex: Lexicon) -> bool:
    """Whether words of the future or of intent stand in the text (not 重要 for 要)."""
    words = text.text if isinstance(text, Span) else text
    return _future_words().search(_not_future_words().sub("", words)) is not None


@cache
def _future_words() -> re.Pattern[str]:
    lex = rules().lexicon
    return re.compile("|".join(map(re.escape, lex.future_markers + lex.commitments)))


@cache
def _not_future_words() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, rules().statements.not_future_words)))


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


def _fact(
    text: str, q: Quantity, sent: Span, section: Section | None, tl: Timeline, est: bool, scope: YearSpan | None
) -> Fact:
    period = _period(text, q, sent, section, tl, scope)
    return Fact(**_common(text, q, section), period=period, estimated=est)


def _target(
    text: str, q: Quantity, sent: Span, section: Section | None, tl: Timeline, *, programme: bool = False
) -> Target:
    horizon = _horizon(text, q.amount_start, sent, section, tl, programme=programme)
    comparator = Comparator(q.comparator) if q.comparator else None
    return Target(**_common(text, q, section), comparator=comparator, horizon=horizon, commitment=q.commitment)


def _speaks_of_programme(paragraph: str, tl: Timeline) -> bool:
    """Whether a paragraph or sentence opens on the programme (《纲要(草案)》明确了…, “十五五”时期…)
    and says nothing of the plan year: its targets have the programme's term."""
    if tl.term is None or tl.plan_year is None:
        return False
    sr = rules().statements
    if f"{tl.plan_year}年" in paragraph or any(w in paragraph for w in sr.plan_time_words):
        return False
    opening = re.split(r"[,;:。]", paragraph, maxsplit=1)[0]
    names = [name for name, first in sr.five_year_plans.items() if first == tl.term[0]]
    return any(w in opening for w in (*sr.programme_words, *names))


def _horizon(
    text: str, pos: int, sent: Span, section: Section | None, tl: Timeline, *, programme: bool = False
) -> YearSpan | None:
    """The plan year, a programme's term, or the year the clause names (到2025年).

    `programme` is for a paragraph of a plan section that speaks of the programme only.
    """
    first = tl.plan_year
    if (programme or (section is not None and section.kind == "programme")) and tl.term:
        first = tl.term[0]
        last = tl.term[1]
    elif first is not None:
        last = first
    else:
        return None
    head = text[sent.start : pos]
    named = [int(y) for y in _YEAR.findall(head)]
    last_year = max((m.start() for m in _YEAR.finditer(head)), default=-1)
    plan_word = max((head.rfind(w) for w in rules().statements.plan_time_words), default=-1)
    if tl.plan_year is not None and plan_word > last_year:
        # 到2025年…,今年新建5G基站5000个: the later clause speaks of the plan year.
        return YearSpan(tl.plan_year, tl.plan_year)
    if named and first is not None and named[-1] >= first:
        return YearSpan(first if "到" in head or "至" in head else named[-1], named[-1])
    return YearSpan(first, last)


def _period(
    text: str, q: Quantity, sent: Span, section: Section | None, tl: Timeline, scope: YearSpan | None = None
) -> YearSpan | None:
    """The year or years a fact covers.

    The last time phrase before the amount in its sentence governs it: a year (2021年), a
    look back (五年来, 近三年), a five-year plan's period (“十三五”时期) or a one-year word
    (全年, 去年); else the years the last paragraph that opened with one spoke of (2025年是…。
    then 地区生产总值增长5.4%); else the span the review's title looks back over. 年均 and 累计
    are never given one year: without a span they get none.
    """
    if tl.plan_year is None:
        return None
    tm = rules().statements
    end_year = tl.plan_year - 1
    multi = q.per_year or any(w in text[q.quote_start : q.quote_end] for w in tm.cumulative_words)
    marks = _time_marks(text[sent.start : q.amount_start], end_year, multi=multi)
    if scope is not None:
        marks.insert(0, (-1, scope, scope.start == scope.end))
    for _, span, one_year in reversed(marks):
        if not (one_year and multi):
            return span
    title_span = _title_span(section.title if section is not None else "", end_year)
    if title_span is not None:
        return title_span
    return None if multi else YearSpan(end_year, end_year)


def _scope_after(
    par: Span,
    sections: tuple[Section, ...],
    tl: Timeline,
    scope: tuple[str | None, YearSpan | None, YearSpan | None],
) -> tuple[str | None, YearSpan | None, YearSpan | None]:
    """(top section id, the years this paragraph speaks of, the years later paragraphs speak of).

    A paragraph opening with a time phrase (刚刚过去的2025年,我们…; 过去五年,…; 这是…的五年。)
    speaks of those years. The last year, or the span of the section's title, goes on for the
    paragraphs after it in the same top section; another span (经过八年持续奋斗,…) is its own.
    """
    section = section_at(sections, par.start)
    top = section.id.split(".")[0] if section is not None else None
    lasting = scope[2] if scope[0] == top else None
    if tl.plan_year is None:
        return top, None, None
    end_year = tl.plan_year - 1
    body = par.text
    for w in rules().lexicon.address_openers:  # 各位代表!经过五年接续奋斗,…
        body = re.sub(rf"^{w}[!,:]", "", body)
    opening = re.split(r"[,;:]", body, maxsplit=1)[0]
    marks = _time_marks(opening, end_year, multi=False)
    if not marks:
        return top, lasting, lasting
    years = marks[-1][1]
    title = _title_span(section.title if section is not None else "", end_year)
    if years.start == years.end or title is None or years == title:
        lasting = years
    return top, years, lasting


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _years_back(numeral: str) -> int:
    """三 -> 3, 十 -> 10, 十五 -> 15, 二十 -> 20."""
    tens, ten, ones = numeral.partition("十")
    if not ten:
        return _CN_DIGITS.get(numeral, 0)
    return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)


def _time_marks(head: str, end_year: int, *, multi: bool) -> list[tuple[int, YearSpan, bool]]:
    """The time phrases of a sentence's head, in order: (position, years, whether one year)."""
    tm = rules().statements
    marks: list[tuple[int, YearSpan, bool]] = []
    if "年" not in head and "五" not in head:
        return marks  # every time phrase holds 年, but a five-year plan's name (“十四五”时期)
    for m in _YEAR_NOT_DATE.finditer(head):
        year = int(m.group(1))
        if year <= end_year:
            marks.append((m.start(), YearSpan(year, year), True))
    for pattern in tm.lookback_patterns:
        for m in pattern.finditer(head):
            n = _years_back(m.group("n"))
            if n > 1:
                marks.append((m.start(), YearSpan(end_year - n + 1, end_year), False))
    for m in _plan_periods().finditer(head):
        first = tm.five_year_plans[m.group(1)]
        if (m.group(2) or multi) and first <= end_year:
            marks.append((m.start(), YearSpan(first, min(first + 4, end_year)), False))
    for m in _one_year_words().finditer(head):
        marks.append((m.start(), YearSpan(end_year, end_year), True))
    return sorted(marks, key=lambda mark: mark[0])


# A year that is no date (2023年6月 is one).
_YEAR_NOT_DATE = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月)")


@cache
def _plan_periods() -> re.Pattern[str]:
    names = "|".join(map(re.escape, rules().statements.five_year_plans))
    return re.compile(rf"({names})”?(时期|期间|以来|规划期)?")


@cache
def _one_year_words() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, rules().statements.one_year_words)))


def _title_span(title: str, end_year: int) -> YearSpan | None:
    """The years a review title looks back over, when more than one (过去五年, “十四五”时期)."""
    tm = rules().statements
    spans = [
        YearSpan(first, min(first + 4, end_year))
        for name, first in tm.five_year_plans.items()
        if name in title and first <= end_year
    ]
    for pattern in tm.lookback_patterns:
        for m in pattern.finditer(title):
            n = _years_back(m.group("n"))
            if n > 1:
                spans.append(YearSpan(end_year - n + 1, end_year))
    return max(spans, key=lambda s: s.end - s.start) if spans else None


def _states_targets(sentence: str) -> bool:
    """Whether a sentence after the passage's first 。 goes on stating targets (not a comment on them)."""
    sr = rules().statements
    body = sentence.strip()
    if not body or len(body) > 300 or body.startswith(sr.passage_closers):
        return False
    if any(w in body for w in sr.passage_references):
        return False
    # Every clause states a target: a number or a verb of one (今年任务繁重,我们要看到… states none).
    clauses = [c for c in re.split(r"[,;。!?]", body) if len(c.strip()) > 2]  # not 同时, 其中
    return all(re.search(r"\d", c) or any(w in c for w in sr.qualitative_verbs) for c in clauses)


def _next_paragraphs(text: str, pos: int, limit: int) -> list[Span]:
    """Up to `limit` non-empty lines after `pos` (the end of a line)."""
    out: list[Span] = []
    while len(out) < limit and pos < len(text):
        start = pos + 1
        end = text.find("\n", start)
        end = end if end >= 0 else len(text)
        if text[start:end].strip():
            out.append(Span(start, end, text[start:end]))
        pos = end
    return out


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d{1,2}[.、])")


def _passage_end(text: str, begin: int, par_end: int) -> int:
    """End of the main-targets passage: its first sentence, then every sentence and paragraph after
    it that goes on stating targets (一产、二产增加值分别增长…。生态环境质量等任务全面完成。),
    up to a comment on them (上述目标,…), a heading or a sentence of another kind. A colon that
    ends its line opens a passage of one item per line.
    """
    chunks = [(begin, par_end)] + [(p.start, p.end) for p in _next_paragraphs(text, par_end, 15)]
    end, started = begin, False
    for pos, stop in chunks:
        if started and _HEADING_START.match(text[pos:stop]):
            break
        for m in re.finditer(r"[^。!?]+[。!?]?", text[pos:stop]):
            sentence = m.group(0)
            if started and not _states_targets(sentence):
                return end
            started = started or bool(sentence.strip())
            end = pos + m.end() - (1 if sentence.endswith("。") else 0)
    return end


def _passage_items(text: str, begin: int, end: int, amounts_at: set[int]) -> list[tuple[int, int]]:
    """(start, end) of each clause of the passage that states a target without a number.

    A clause with a number is a quantity; the part after its 、 may still be one without
    (粮食产量1300亿斤以上、力争比去年实现更多增长). Riders (努力争取更好结果) are left out.
    """
    sr = rules().statements
    out = []
    for m in re.finditer(r"[^,;:。!?\n]+", text[begin:end]):
        s, e = begin + m.start(), begin + m.end()
        pieces = [(s, e)]
        if any(s <= a < e for a in amounts_at) or re.search(r"\d", text[s:e]):
            cuts = [s + p.start() for p in re.finditer("、", text[s:e])]
            pieces = list(zip([s, *(c + 1 for c in cuts)], [*cuts, e], strict=True))
            numbered = [i for i, (a, b) in enumerate(pieces) if re.search(r"\d", text[a:b])]
            pieces = pieces[numbered[-1] + 1 :] if numbered else []
        for a, b in pieces:
            while a < b and text[a] == " ":
                a += 1
            item = text[a:b].strip()
            if len(item) < 4 or re.search(r"\d", item) or any(w in item for w in sr.qualitative_riders):
                continue
            out.append((a, a + len(item)))
    return out


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
        for s, e in _passage_items(text, begin, end, amounts_at):
            item = text[s:e]
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
