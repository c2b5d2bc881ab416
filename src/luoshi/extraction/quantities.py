"""Clause-level reading of amounts: quote, metric, kind, comparator, commitment, per-year.

Works on one sentence at a time and keeps offsets into the normalised text throughout; whether
a quantity is a fact or a target, and its years, is decided in `statements`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from luoshi.extraction.numbers import Amount, unit_info
from luoshi.extraction.rules import Lexicon, UnitInfo, rules
from luoshi.extraction.segment import Span

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_MARKS = ",;:。!?"
_OPEN, _CLOSE = "(“《", ")”》"
_NO_UNIT = UnitInfo("", None, False, False, False)


@dataclass(frozen=True)
class Quantity:
    """One value read from a clause, before it is classed as fact or target."""

    metric: str
    kind: str
    value: float
    unit: str
    comparator: str
    commitment: str | None
    per_year: bool
    quote_start: int
    quote_end: int
    amount_start: int
    subject: str = ""


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause holding `pos`, not counting marks inside brackets or quotes."""
    depth = 0
    i = pos
    while i > lo:
        c = text[i - 1]
        if c in _CLOSE:
            depth += 1
        elif c in _OPEN:
            depth = max(0, depth - 1)
        elif c in _CLAUSE_MARKS and depth == 0:
            return i
        i -= 1
    return lo


def _clause_end(text: str, pos: int, hi: int) -> int:
    """End of the clause holding `pos` (bracket-aware like `_clause_start`)."""
    depth = 0
    i = pos
    while i < hi:
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif c in _CLAUSE_MARKS and depth == 0:
            return i
        i += 1
    return hi


@cache
def _alternation(words: tuple[str, ...], at_end: bool) -> re.Pattern[str]:
    """One regular expression for a word list, longest word first (lists are scanned often)."""
    body = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(f"(?:{body})$" if at_end else f"(?:{body})")


def _after_word(text: str, pos: int, words: dict[str, str] | tuple[str, ...]) -> str | None:
    """The word of `words` written at `pos`, if any (the longest that fits)."""
    m = _alternation(tuple(words), False).match(text, pos)
    return m.group(0) if m else None


def _ending_word(text: str, words: dict[str, str] | tuple[str, ...]) -> str | None:
    """The word of `words` that `text` ends with, if any (the longest that fits)."""
    m = _alternation(tuple(words), True).search(text)
    return m.group(0) if m else None


def _strip_words(metric: str, lead: tuple[str, ...], trail: tuple[str, ...], patterns: re.Pattern[str]) -> str:
    """Drop opening and closing noise words until none is left."""
    changed = True
    while changed and metric:
        changed = False
        metric = metric.strip("、,和及与并 ")
        m = patterns.match(metric)
        if m and m.end():
            metric, changed = metric[m.end() :], True
            continue
        for w in lead:
            if metric.startswith(w):
                metric, changed = metric[len(w) :], True
                break
        for w in trail:
            if metric.endswith(w):
                metric, changed = metric[: -len(w)], True
                break
    return metric


@cache
def _leading_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in rules().lexicon.metric_leading_patterns))


def clean_metric(raw: str, lex: Lexicon) -> str:
    """The metric in the report's words: no verbs of intent, comparators or connectives."""
    metric = raw
    for w in lex.commitments + lex.metric_inner_noise:
        metric = metric.replace(w, "")
    lead = lex.metric_leading_noise + lex.per_year_words
    trail = lex.metric_trailing_noise + tuple(lex.before_comparators) + lex.per_year_words
    metric = _strip_words(metric, lead, trail, _leading_patterns())
    return metric if len(_CJK.findall(metric)) >= 2 else ""


def following_noun(text: str, pos: int, end: int, lex: Lexicon) -> str:
    """The noun an amount counts when it stands after it (13条黑臭水体全部消臭 -> 黑臭水体)."""
    i = pos
    while i < end and _CJK.match(text[i]) and not _after_word(text, i, lex.noun_stoppers):
        i += 1
    if i < end and text[i] in "(“" and i > pos:
        close = text.find(")" if text[i] == "(" else "”", i, end)
        i = close + 1 if close > 0 else i
    noun = text[pos:i]
    return noun if len(noun) >= 2 else ""


def _is_qualifier(text: str, a: Amount, c_start: int, c_end: int, later: list[Amount], lex: Lexicon) -> bool:
    """`10亿元以上企业` in `引进10亿元以上企业5家`: an amount that qualifies a noun, part of a metric.

    A threshold (以上, 超) before a noun qualifies it when the noun's own count follows in the same
    list item; alone, a count (新增30家以上高新技术企业, ≥ 30 家) states an amount, while a measure
    (10万千瓦及以下燃煤机组, 年运量150万吨以上的物流园区) still only qualifies the noun.
    """
    word = _after_word(text, a.end, lex.after_comparators)
    pos = a.end + len(word) if word else a.end
    before = _ending_word(text[c_start : a.start], lex.before_comparators)
    if later and later[0].start == pos and (word or before):
        return True  # 年产值超亿元17家: a threshold right before the count it qualifies
    noun = following_noun(text, pos + 1 if text.startswith("的", pos) else pos, c_end, lex)
    if not noun:
        return False
    item_end = _item_end(text, pos, c_end)
    counted_later = any(b.start < item_end for b in later)
    if word in ("以上", "以下", "及以上", "及以下"):
        return counted_later or _is_measure(a.unit)
    return counted_later and before is not None


def _is_measure(unit: str) -> bool:
    """Money, mass, energy, length, area, households (20户以上自然村): units that measure a thing."""
    info = unit_info(unit)
    return info is not None and info.base is not None and info.base != "人次"


def _is_dependent(text: str, a: Amount, c_end: int, lex: Lexicon) -> bool:
    """`67个` in `67个行政村(含…)627条自然村的整治`: an amount inside a modifier, not stated."""
    noun_end = a.end + len(following_noun(text, a.end, c_end, lex))
    return noun_end > a.end and noun_end < c_end and text[noun_end] in "(的"


def _is_baseline(text: str, c_start: int, a: Amount, clause_end: int, later: list[Amount], lex: Lexicon) -> bool:
    """`3万元` in `从3万元提高到10万元`: the old value, not the one stated."""
    if not any(w in text[c_start : a.start] for w in lex.baseline_openers):
        return False
    for b in later:
        if b.start >= clause_end:
            break
        gap = text[a.end : b.start]
        if any(gap.endswith(v) for v in lex.reach_verbs) and not re.search(r"[,;。]", gap):
            return True
    return False


def _kind(unit: str, lead: str, lex: Lexicon) -> str:
    """growth for a rate of change, ratio for a percentage level, level for amounts."""
    info = rules().units.get(unit)
    if info is not None and info.change:
        return "growth"
    if unit not in ("%", "‰", "", "成", "倍"):
        return "level"
    # 增长9% and 压减“三公”经费6% are changes; 提高到60% or 达100% is the level reached.
    opening = _strip_words(lead, lex.per_year_words + lex.commitments, (), _leading_patterns())
    verb = _ending_word(lead.rstrip(), lex.growth_verbs) or next(
        (w for w in lex.growth_verbs if opening.startswith(w) and not opening.startswith(w + "值")), None
    )
    return "growth" if verb else "ratio"


def _lead_text(text: str, start: int, a: Amount, lex: Lexicon) -> str:
    """The words just before the amount with comparators removed (超8.3万元 -> ...)."""
    lead = text[start : a.start]
    word = _ending_word(lead, lex.before_comparators)
    return lead[: -len(word)] if word else lead


def read_sentence(text: str, sentence: Span, amounts: list[Amount]) -> list[Quantity]:
    """Every quantity stated in one sentence, in order."""
    lex = rules().lexicon
    out: list[Quantity] = []
    prev_end: int | None = None
    prev: Quantity | None = None
    cut: tuple[int, int, str] | None = None
    for i, a in enumerate(amounts):
        c_start = _clause_start(text, sentence.start, a.start)
        c_end = _clause_end(text, a.end, sentence.end)
        later = amounts[i + 1 :]
        if _is_qualifier(text, a, c_start, c_end, later, lex):
            continue  # stays inside the next amount's metric
        if not _duration_ok(text, a, c_start, lex):
            continue
        if _is_baseline(text, c_start, a, c_end, later, lex):
            # 高速公路里程从13.6万公里增加到17.7万公里: the metric stands before 从.
            cut = _baseline_cut(text, c_start, a, lex)
            continue
        if _is_dependent(text, a, c_end, lex):
            prev_end = a.end  # its words belong to no metric
            continue
        start = c_start if prev_end is None or prev_end < c_start else prev_end
        while start < a.start and text[start] in "、和及与并 ":
            start += 1
        for q in _read_amount(text, a, (start, c_start, c_end), prev, later, lex, cut):
            out.append(q)
            prev = q
            prev_end = q.quote_end
        cut = None
    return _respective(text, out)


def _respective(text: str, found: list[Quantity]) -> list[Quantity]:
    """`A 42150元、B 21560元,分别增长5.5%和7.2%`: each rate takes the metric of its level, in order."""
    opening = [i for i, q in enumerate(found) if text[q.quote_start : q.amount_start].startswith("分别")]
    if not opening:
        return found
    first = opening[0]
    rates = [i for i in range(first, len(found)) if found[i].quote_start == found[first].quote_start]
    subjects = found[first - len(rates) : first] if first >= len(rates) else []
    if len(subjects) != len(rates) or len({q.metric for q in subjects}) != len(subjects):
        return found
    out = list(found)
    for i, subject in zip(rates, subjects, strict=True):
        out[i] = replace(found[i], metric=subject.metric, subject=subject.subject)
    return out


def _baseline_cut(text: str, c_start: int, a: Amount, lex: Lexicon) -> tuple[int, int, str]:
    """Where a baseline's words begin (at 从/由/现行) and end, and the noun between it and the verb."""
    head = text[c_start : a.start]
    opener = max((head.rfind(w) for w in lex.baseline_openers), default=-1)
    begin = c_start + opener if opener >= 0 else a.start
    return begin, a.end, ""


def _duration_ok(text: str, a: Amount, c_start: int, lex: Lexicon) -> bool:
    """Durations (五年, 3个月) are amounts only where the clause is about a length of time."""
    info = rules().units.get(a.unit)
    if info is None or not info.duration:
        return True
    return any(w in text[c_start : a.end + 2] for w in lex.duration_contexts)


def _distributed(text: str, a: Amount, c_start: int) -> str | None:
    """For `A、B分别增长7%、8%`: the subject of this amount's place in the list."""
    head = text[c_start : a.start]
    cut = head.find("分别")
    if cut < 0:
        return None
    items = [s for s in re.split(r"、|和|及|与", head[:cut]) if s]
    place = len(re.findall(r"[\d%][^、和及\d]*?(?:、|和|及)", head[cut:]))
    if len(items) < 2 or place >= len(items):
        return None
    return items[place]


def _item_end(text: str, pos: int, c_end: int) -> int:
    """End of the list item an amount stands in: the next 、 or the clause end."""
    stop = text.find("、", pos, c_end)
    return stop if stop >= 0 else c_end


def _counts_what_follows(unit: str, tail: str, lex: Lexicon) -> bool:
    """Whether the words after an amount name what it counts (13条黑臭水体, 1万亩土地收储).

    Not for rates, durations and money (3000亿元支持…, 延长30年试点), nor before a verb of purpose.
    """
    r = rules()
    info = r.units.get(unit) or r.units.get(unit.lstrip("".join(r.prefixes))) or _NO_UNIT
    if info.rate or info.duration or info.base in ("元", "美元"):
        return False
    return not tail.startswith(lex.tail_verbs)


def _tail(text: str, pos: int, c_end: int, later: list[Amount]) -> str:
    """Words after an amount that belong to it (13条黑臭水体全部消臭), up to the item's end.

    Words that run straight into the next amount are that amount's metric instead
    (投入2.39亿元实施项目397个), and a connective (及, 和) opens the next item.
    """
    following = [b for b in later if b.start < c_end]
    next_start = following[0].start if following else c_end
    end = _item_end(text, pos, next_start)
    runs_into_next = end == next_start < c_end and not following_noun(text, following[0].end, c_end, rules().lexicon)
    if runs_into_next or pos >= end or text[pos] in "及和与并、" or not _CJK.match(text[pos]):
        return ""
    return text[pos:end]


def _read_amount(
    text: str,
    a: Amount,
    bounds: tuple[int, int, int],
    prev: Quantity | None,
    later: list[Amount],
    lex: Lexicon,
    cut: tuple[int, int, str] | None = None,
) -> list[Quantity]:
    """The one or two quantities (two for a range) stated by one amount."""
    start, c_start, c_end = bounds
    after = _after_word(text, a.end, lex.after_comparators)
    quote_end = a.end + len(after or "")
    lead = _lead_text(text, start, a, lex)
    kind = _kind(a.unit, lead, lex)
    if cut is not None and start <= cut[0]:
        # Drop the baseline and the verb: 将制造业等行业现行16%的税率降至13% -> 制造业等行业税率.
        between = text[cut[1] : a.start]
        verb = _ending_word(between, lex.reach_verbs) or ""
        lead = text[start : cut[0]] + between[: len(between) - len(verb)].lstrip("的")
        kind = "level" if kind == "level" else "ratio"
    subject = clean_metric(lead, lex)
    tail = _tail(text, quote_end, c_end, later)
    metric = noun = ""
    if tail.startswith("的") and after:
        # 1500万人次以上的职工技能提升和转岗转业培训: the amount counts what follows 的.
        metric = tail[1:]
    elif tail and _counts_what_follows(a.unit, tail, lex):
        metric = noun = following_noun(text, quote_end, quote_end + len(tail), lex)
    if tail.startswith("达"):
        # 全区行政村100%达干净整洁村标准、60%达美丽宜居标准: subject plus the standard reached.
        subject = subject or (prev.subject if prev else "")
        metric = subject + tail
    quote_end += len(tail)
    metric = metric or subject
    if "分别" in text[c_start : a.start]:
        # 分别增长5.5%和7.2%: every amount of the list is stated by the whole clause.
        start, quote_end = c_start, max(quote_end, _clause_end(text, a.end, c_end))
    distributed = _distributed(text, a, c_start)
    if distributed is not None:
        head = text[c_start : a.start]
        first = re.search(r"\d", head[head.find("分别") :])
        kind = _kind(a.unit, head[: head.find("分别") + first.start()] if first else head, lex)
        metric, start = clean_metric(distributed, lex) or distributed, c_start
        quote_end = max(quote_end, _clause_end(text, a.end, c_end))
    if prev is not None and lead.lstrip().startswith(lex.comparison_openers) and not noun:
        metric = ""  # 比去年增加8000亿元: the same metric as the amount before
    if not metric and prev is not None:
        # 增长7%以上、力争达到8%: the second tier continues the first one's metric and kind.
        metric, subject = prev.metric, prev.subject
        kind = prev.kind if prev.unit == a.unit and kind != "growth" else kind
    head = text[c_start : a.start]
    base = dict(
        metric=metric,
        kind=kind,
        unit=a.unit,
        subject=subject,
        commitment=next((w for w in lex.commitments if w in head), None),
        per_year=any(w in head for w in lex.per_year_words),
        quote_start=start,
        quote_end=quote_end,
        amount_start=a.start,
    )
    if a.high is not None:
        return [
            Quantity(value=a.value, comparator=">=", **base),  # type: ignore[arg-type]
            Quantity(value=a.high, comparator="<=", **base),  # type: ignore[arg-type]
        ]
    comparator = _comparator(text, a, after, start, lex)
    return [Quantity(value=a.value, comparator=comparator, **base)]  # type: ignore[arg-type]


def _comparator(text: str, a: Amount, after: str | None, start: int, lex: Lexicon) -> str:
    """>=, <=, ~ or = from the words after and before the amount."""
    if after:
        return lex.after_comparators[after]
    before = _ending_word(text[start : a.start], lex.before_comparators)
    if before:
        return lex.before_comparators[before]
    return a.approx or "="
