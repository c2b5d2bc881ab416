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
from luoshi.extraction.words import ending_word, has_word, inside_word, starting_word, word_at

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


def _after_word(text: str, pos: int, words: dict[str, str] | tuple[str, ...]) -> str | None:
    """The word of `words` written at `pos`, if any (the longest that fits, never half a word)."""
    return word_at(text, pos, words)


def _ending_word(text: str, words: dict[str, str] | tuple[str, ...]) -> str | None:
    """The word of `words` that `text` ends with, if any (the longest that fits, never half a word)."""
    return ending_word(text, words)


def _strip_words(metric: str, lead: tuple[str, ...], trail: tuple[str, ...], patterns: re.Pattern[str]) -> str:
    """Drop opening and closing noise words until none is left (再生水 keeps its 再, 累计 its 计)."""
    trailing = _trailing_patterns()
    changed = True
    while changed and metric:
        changed = False
        metric = metric.strip("、, ")
        while metric and metric[0] in "和及与并" and not inside_word(metric, 0):
            metric = metric[1:]
        while metric and metric[-1] in "和及与并" and not inside_word(metric, len(metric) - 1):
            metric = metric[:-1]
        m = patterns.match(metric)
        if m and m.end():
            metric, changed = metric[m.end() :], True
            continue
        m = trailing.search(metric)
        if m and m.start() < len(metric):
            metric, changed = metric[: m.start()], True
            continue
        w = starting_word(metric, lead)
        if w:
            metric, changed = metric[len(w) :], True
        w = ending_word(metric, trail)
        if w:
            metric, changed = metric[: -len(w)], True
    return metric


@cache
def _leading_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in rules().lexicon.metric_leading_patterns))


@cache
def _trailing_patterns() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in rules().lexicon.metric_trailing_patterns) + ")$")


_NOTE = re.compile(r"\([^()]*\)")


@cache
def _first_chars() -> frozenset[str]:
    """The characters that open a joint, a stop word or a comparator: where `following_noun` looks."""
    lex = rules().lexicon
    return frozenset(w[0] for w in (*lex.noun_joints, *lex.noun_stoppers, *lex.after_comparators)) | {"、"}


@cache
def _noise() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words that open and close a metric without being part of it."""
    lex = rules().lexicon
    lead = lex.metric_leading_noise + lex.per_year_words
    trail = (
        lex.metric_trailing_noise
        + tuple(lex.before_comparators)
        + lex.per_year_words
        + lex.reach_verbs
        + lex.comparison_words
    )
    return lead, trail


@cache
def _item_noise() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words around the items of a list that are no part of them (推动制造业、…增加值年均)."""
    lex = rules().lexicon
    return lex.metric_leading_noise + lex.lead_verbs, _noise()[1]


@cache
def _deeds() -> tuple[str, ...]:
    lex = rules().lexicon
    return lex.commitments + lex.count_verbs


@cache
def _openings() -> tuple[str, ...]:
    lex = rules().lexicon
    return lex.per_year_words + lex.commitments


@cache
def _verbs() -> tuple[str, ...]:
    """Verbs that govern an amount or a noun: a metric made only of them names nothing."""
    lex = rules().lexicon
    words = {*lex.count_verbs, *lex.tail_verbs, *lex.commitments, *lex.reach_verbs, *lex.lead_verbs}
    return tuple(sorted(words, key=len, reverse=True))


def clean_metric(raw: str, lex: Lexicon, inner: bool = True) -> str:
    """The metric in the report's words: no verbs of intent, comparators, connectives or subjects.

    With `inner`, verbs of intent go wherever they stand (力争实现…), else only at the ends.
    """
    metric = _drop_words(raw, lex.commitments) if inner else raw
    lead, trail = _noise()
    metric = _strip_words(metric, lead, trail, _leading_patterns())
    metric = _strip_words(_drop_words(metric, lex.metric_inner_noise), lead, trail, _leading_patterns())
    # 实施老楼加装电梯, 推进建设世界一流学科: generic verbs opening the metric go, and a verb right
    # after them, unless the noun left would be bare (实施项目 stays).
    verb = starting_word(metric, lex.lead_verbs)
    while verb and len(_CJK.findall(metric[len(verb) :])) > 2:
        metric = _strip_words(metric[len(verb) :], lead, trail, _leading_patterns())
        verb = starting_word(metric, _verbs())
    if starting_word(metric, lex.lead_verbs) == metric:
        return ""  # 稳步达到3000亿元以上: an adverb names nothing
    return metric if len(_CJK.findall(metric)) >= 2 else ""


def _drop_words(metric: str, words: tuple[str, ...]) -> str:
    """`metric` without `words` wherever they stand as words (均 goes, 人均 stays; 完成投资 keeps 完成)."""
    for w in words:
        at = metric.find(w)
        while at >= 0:
            if inside_word(metric, at, len(w)):
                at = metric.find(w, at + 1)
            else:
                metric = metric[:at] + metric[at + len(w) :]
                at = metric.find(w, at)
    return metric


def _is_verb_phrase(words: str) -> bool:
    """Whether a lead names no thing: only verbs and adverbs (新建, 全域推进, 用于)."""
    return not words or _lead_verb(words)


def _lead_verb(words: str) -> bool:
    """Whether words end with a verb that governs an amount (推进20个老旧小区的综合改造)."""
    return ending_word(words.rstrip(), _verbs()) is not None


def following_noun(text: str, pos: int, end: int, lex: Lexicon, open_list: bool = False) -> str:
    """The noun an amount counts when it stands after it (13条黑臭水体全部消臭 -> 黑臭水体).

    The noun runs over quotations (20个“天府优品”品牌), embedded numerals and Latin letters
    (3个5万吨级泊位, 4A级以上景区) and, when no other amount follows in the clause (`open_list`),
    over 和 and 、 between nouns (智能车间、数字化工厂); it stops at a stop word or a verb of purpose.
    """
    if pos >= end or not (_CJK.match(text[pos]) or text[pos] in "“(" or text[pos].isdigit()):
        return ""
    if _after_word(text, pos, lex.noun_joints) or _after_word(text, pos, lex.noun_stoppers):
        return ""
    firsts = _first_chars()
    i = pos
    while i < end:
        c = text[i]
        if c in "“(":
            close = text.find("”" if c == "“" else ")", i + 1, end)
            if close < 0:
                break
            i = close + 1
            continue
        if c.isascii() and (c.isalnum() or (c == "." and i > pos and text[i - 1].isdigit())):
            i += 1
            continue
        if c not in firsts:  # most characters open no listed word: no lookup needed
            if not _CJK.match(c):
                break
            i += 1
            continue
        joint = "、" if c == "、" else _after_word(text, i, lex.noun_joints)
        if joint and i > pos:
            nxt = i + len(joint)
            if not (open_list and nxt < end and _CJK.match(text[nxt]) and not _after_word(text, nxt, _verbs())):
                break
            i = nxt
            continue
        grade = _after_word(text, i, lex.after_comparators) if i > pos else None
        if grade and grade not in ("多", "余") and i + len(grade) < end and _CJK.match(text[i + len(grade)]):
            i += len(grade)  # 亿元以上产业项目, 二级以上医院: a grade inside the noun
            continue
        stop = _after_word(text, i, lex.noun_stoppers) if i > pos else None
        if not _CJK.match(c) or (stop and (len(stop) == 1 or i - pos >= 2)):
            break  # a two-character stop needs a noun before it (拟竣工投产项目 is one noun)
        i += 1
    noun = _NOTE.sub("", text[pos:i])  # 行政村(含涉农社区): the note is no part of the name
    return noun if len(noun) >= 2 else ""


def _is_qualifier(text: str, a: Amount, c_start: int, c_end: int, later: list[Amount], lex: Lexicon) -> bool:
    """`10亿元以上企业` in `引进10亿元以上企业5家`: an amount that qualifies a noun, part of a metric.

    A threshold (以上, 超) before a noun qualifies it when the noun's own count follows in the same
    list item. Alone, a measure graded by 以上/以下 still only qualifies the noun (10万千瓦及以下燃煤
    机组, 年运量150万吨以上的物流园区), and so does any amount right after the measure it bounds
    (生产总值超千亿元县, 出生人口超百万的省份); a count after a verb states an amount (新增30家以上
    高新技术企业, ≥ 30 家), and a share is always stated (80%以上的项目).
    """
    word = _after_word(text, a.end, lex.after_comparators)
    pos = a.end + len(word) if word else a.end
    head = text[c_start : a.start]
    if a.high is not None and _is_measure(a.unit) and pos < c_end and _CJK.match(text[pos]):
        return True  # 0-6岁儿童: a range of a measure before a noun names a class
    before = _ending_word(head, lex.before_comparators)
    if later and later[0].start == pos and (word or before):
        return True  # 年产值超亿元17家: a threshold right before the count it qualifies
    npos = pos + 1 if text.startswith("的", pos) else pos
    if npos >= c_end or not _CJK.match(text[npos]) or _after_word(text, npos, _verbs()):
        return False
    if _after_word(text, npos, lex.tail_verbs) or _after_word(text, npos, lex.noun_stoppers):
        return False
    item_end = _item_end(text, pos, c_end)
    if (word or before) and any(b.start < item_end for b in later):
        return True
    grade = word in ("以上", "以下", "及以上", "及以下")
    if not grade and before is None:
        return False
    info = unit_info(a.unit)
    if grade and _is_measure(a.unit):
        return True
    if info is not None and (info.rate or info.share):
        return False
    # 生产总值超千亿元县, 吞吐量超千万人次的机场: the threshold of the measure just named; but
    # 设立超500亿元区域基金, 为近3.6万农民工解决欠薪: the amount itself.
    lead = head[: len(head) - len(before)] if before else head
    return _ending_word(lead, lex.metric_heads) is not None


def _is_measure(unit: str) -> bool:
    """Money, mass, energy, length, area, households (20户以上自然村): units that measure a thing."""
    info = unit_info(unit)
    return info is not None and info.base is not None and info.base != "人次"


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
    info = unit_info(unit)
    if info is not None and info.change:
        return "growth"
    if unit not in ("%", "‰", "", "成", "倍"):
        return "level"
    # 增长9% and 压减“三公”经费6% are changes; 提高到60% or 达100% is the level reached;
    # 居民消费价格涨幅控制在3%: a keep verb leaves the change a change.
    lead = lead.rstrip()
    if _ending_word(lead, lex.reach_verbs):
        return "ratio"
    keep = _ending_word(lead, lex.keep_verbs)
    if keep:
        lead = lead[: -len(keep)]
    opening = _strip_words(lead, _openings(), (), _leading_patterns())
    verb = _ending_word(lead, lex.growth_verbs) or next(
        (w for w in lex.growth_verbs if opening.startswith(w) and not opening.startswith(w + "值")), None
    )
    # 平均压减时间58%: a change of a short noun right after the verb (not 增加值比重).
    for k in range(1, 5):
        if verb or len(lead) <= k or not _CJK.match(lead[-k]):
            break
        verb = _ending_word(lead[:-k], lex.transitive_changes)
        if verb and inside_word(lead, len(lead) - k - len(verb), len(verb)):
            verb = None
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
        if not _duration_ok(text, a, c_start, lex) or _is_background(text, a, c_start, c_end, lex):
            continue
        if _is_baseline(text, c_start, a, c_end, later, lex):
            # 高速公路里程从13.6万公里增加到17.7万公里: the metric stands before 从.
            cut = _baseline_cut(text, c_start, a, lex)
            continue
        start = c_start if prev_end is None or prev_end < c_start else prev_end
        while start < a.start and text[start] in "、和及与并 " and not inside_word(text, start):
            start += 1
        for q in _read_amount(text, a, (start, c_start, c_end), prev, later, lex, cut):
            out.append(q)
            prev = q
            prev_end = max(prev_end or 0, q.quote_end)
        cut = None
    return _respective(text, out)


def _is_background(text: str, a: Amount, c_start: int, c_end: int, lex: Lexicon) -> bool:
    """Amounts that describe what exists or where, not what is stated.

    The size of an existing fund or a policy rate (发挥首期50亿元基金作用, 延续15%的优惠税率): an
    amount before a noun after a verb of using what exists; the scope of a statement
    (22个重点产业集群中,…占比超过三分之一).
    """
    after = _after_word(text, a.end, lex.after_comparators)
    pos = a.end + len(after or "")
    rest = text[pos:c_end]
    if re.fullmatch(r"[\u4e00-\u9fff“”]+?(?:之中|当中|中)", rest) and c_start == a.start:
        return True
    if _after_word(text, pos, lex.document_nouns):
        return True  # 设置了29项主要指标: the plan counts its own indicators
    noun = following_noun(text, pos + 1 if rest.startswith("的") else pos, c_end, lex)
    return bool(noun) and has_word(text[c_start : a.start], lex.existing_verbs)


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


def _list_items(words: str, lex: Lexicon) -> list[str]:
    """The items of `A、B和C` (不 cut inside a word: 和美乡村 is one item)."""
    items, begin, i = [], 0, 0
    while i < len(words):
        joint = "、" if words[i] == "、" else _after_word(words, i, lex.noun_joints)
        if joint:
            items.append(words[begin:i])
            i += len(joint)
            begin = i
        else:
            i += 1
    items.append(words[begin:])
    return [item for item in items if item]


def _share_head(items: list[str], lex: Lexicon) -> list[str]:
    """Give every item of a list the head its last item carries.

    `食品、药品抽检合格率`, `先进制造业、高技术制造业增加值占…比重`: the head follows the character the
    first item ends with (抽检合格率, 增加值占…比重); `城镇和农村居民人均可支配收入`, `一、二、三产增加值`:
    short items modify the last item's head; `美丽河湖、美丽海湾建成率`: parallel items; `清洁能源装机
    容量和发电量占比`: an item without a head word of its own takes the last item's (…容量占比), while
    `规上工业增加值、固定资产投资` keep theirs.
    """
    items = [_strip_words(item, *_item_noise(), _leading_patterns()) or item for item in items]
    first, last = items[0], items[-1]
    width = len(first)
    own = [bool(_ending_word(item, lex.metric_heads)) for item in items[:-1]]
    anchor = last.find(first[-1]) + 1
    head = last[anchor:] if anchor > 0 else ""
    if not (len(head) > 1 and _ending_word(head, lex.metric_heads) and not own[0]):
        head = last[width:]
        short = all(len(item) <= 2 for item in items[:-1])
        parallel = first[:2] == last[:2] and all(len(item) == width for item in items[:-1]) and not any(own)
        if not (len(head) > 1 and (short or (parallel and _ending_word(head, lex.metric_heads)))):
            head = ""
    if head:
        return [item if has else item + head for item, has in zip(items[:-1], own, strict=True)] + [last]
    head_word = _ending_word(last, lex.metric_heads)
    if head_word is None or len(head_word) >= len(last):
        return items
    # an item ending like the head (起数 before 人数) has a head of its own
    return [
        item if has or item[-1] == head_word[-1] else item + head_word
        for item, has in zip(items[:-1], own, strict=True)
    ] + [last]


def _shared_list(text: str, c_start: int, a: Amount, lex: Lexicon) -> tuple[list[str], str, str] | None:
    """For `A、B分别增长7%、8%` or `A、B均增长6%`: the items, the distributing word and the verb between."""
    head = text[c_start : a.start]
    for word in ("分别", "均"):
        at = next((m.start() for m in re.finditer(word, head) if _after_word(head, m.start(), (word,))), -1)
        if at < 0:
            continue
        items = _list_items(head[:at], lex)
        if len(items) < 2:
            return None
        verb = head[at + len(word) :]
        first = re.search(r"\d", verb)
        return _share_head(items, lex), word, verb[: first.start()] if first else verb
    return None


def _item_kind(unit: str, item: str, verb: str, lex: Lexicon) -> str:
    """The kind of one item of a list (失业率 is a ratio, 物价涨幅 a growth, under one 控制在)."""
    kind = _kind(unit, verb, lex)
    if kind == "ratio" and _ending_word(item, lex.growth_verbs):
        return "growth"
    return kind


def _item_end(text: str, pos: int, c_end: int) -> int:
    """End of the list item an amount stands in: the next 、 or the clause end."""
    stop = text.find("、", pos, c_end)
    return stop if stop >= 0 else c_end


def _counts_what_follows(unit: str, tail: str, lex: Lexicon) -> bool:
    """Whether the words after an amount name what it counts (13条黑臭水体, 设立20亿元风险补偿资金).

    Not for rates and durations (延长30年试点), nor before a verb of purpose (3000亿元支持…).
    """
    info = unit_info(unit) or _NO_UNIT
    if info.rate or info.duration or info.share:
        return False
    return not (tail.startswith(lex.tail_verbs) or _after_word(tail, 0, _verbs()))


def _tail(text: str, pos: int, c_end: int, later: list[Amount]) -> str:
    """Words after an amount that belong to it (13条黑臭水体全部消臭), up to the item's end.

    Words that run straight into the next amount are that amount's metric instead
    (投入2.39亿元实施项目397个), and a connective (及, 和) opens the next item; with no other amount
    in the clause, the tail runs to its end (新建300个智能车间、数字化工厂).
    """
    following = [b for b in later if b.start < c_end]
    end = _item_end(text, pos, following[0].start) if following else c_end
    runs_into_next = (
        bool(following)
        and end == following[0].start
        and not following_noun(text, following[0].end, c_end, rules().lexicon)
    )
    starts_noun = _CJK.match(text[pos]) or text[pos] == "“" or text[pos].isdigit() if pos < end else False
    joint = pos < end and (text[pos] in "并、" or _after_word(text, pos, rules().lexicon.noun_joints))
    if runs_into_next or pos >= end or joint or not starts_noun:
        return ""
    return text[pos:end]


def _separate_item(subject: str, lead: str, lex: Lexicon) -> bool:
    """Whether the last 、-item of a lead is a statement of its own, not one object of a shared verb.

    It is when it opens with a verb of its own (、压减资金) or when a verb stands inside the item before
    it (地区实现污水处理设施全覆盖、…); `新建、改造高标准农田` and `发放抚恤金、补助金` are one object.
    """
    before, last = subject.rsplit("、", 1)
    before = before.rsplit("、", 1)[-1]
    if len(_CJK.findall(before)) <= 2 or len(_CJK.findall(last)) < 2:
        return False
    if _after_word(last, 0, lex.count_verbs) or _after_word(last, 0, lex.growth_verbs):
        return True
    raw = lead.rsplit("、", 1)[0].rsplit("、", 1)[-1] if "、" in lead else ""
    return has_word(raw[2:], _deeds())


def _with_lead(subject: str, lead: str, noun: str) -> str:
    """The metric of an amount followed by its noun: the noun, after the lead when the lead names a thing.

    设立20亿元风险补偿资金 -> 风险补偿资金; 京津冀1053个事项 -> 京津冀事项; A、B等5个垂直大模型 -> 垂直大模型.
    """
    lead = lead.rstrip()
    # 壮大6大特色产业集群和18条乡村富民产业链: after a joint the amount opens an item of its own.
    noun = _strip_words(noun, (), rules().lexicon.metric_trailing_noise, _leading_patterns()) or noun
    if not subject or _is_verb_phrase(lead) or lead.endswith("等") or _ending_word(lead, rules().lexicon.noun_joints):
        return noun
    subject = subject.rsplit("、", 1)[-1]
    return subject + ("的" if lead.endswith("的") else "") + noun


def _read_amount(
    text: str,
    a: Amount,
    bounds: tuple[int, int, int],
    prev: Quantity | None,
    later: list[Amount],
    lex: Lexicon,
    cut: tuple[int, int, str] | None = None,
) -> list[Quantity]:
    """The quantities stated by one amount: two for a range, one per item for `A、B均增长6%`."""
    start, c_start, c_end = bounds
    after = _after_word(text, a.end, lex.after_comparators)
    quote_end = a.end + len(after or "")
    lead = _lead_text(text, start, a, lex)
    kind = "level" if a.index else _kind(a.unit, lead, lex)
    if cut is not None and start <= cut[0]:
        # Drop the baseline and the verb: 将制造业等行业现行16%的税率降至13% -> 制造业等行业税率.
        between = text[cut[1] : a.start]
        verb = _ending_word(between, lex.reach_verbs) or ""
        lead = text[start : cut[0]] + between[: len(between) - len(verb)].lstrip("的")
        kind = "level" if kind == "level" else "ratio"
    subject = clean_metric(lead, lex)
    open_list = not any(b.start < c_end for b in later)
    tail = _tail(text, quote_end, c_end, later)
    metric = noun = ""
    modifier = re.match(r"[\u4e00-\u9fff]{0,3}?的", tail)
    if tail.startswith("的"):
        # 完成12公里的管网改造任务: the amount counts what follows 的; 总投资50亿元的滨海大道项目: it
        # measures what follows (滨海大道项目总投资).
        noun = following_noun(text, quote_end + 1, quote_end + len(tail), lex, open_list)
        metric = noun + ("" if _is_verb_phrase(lead) else subject) if noun else ""
    elif tail and _counts_what_follows(a.unit, tail, lex):
        # 推进20个老旧小区的综合改造: the noun before 的 is what the amount counts.
        noun = following_noun(text, quote_end, quote_end + len(tail), lex, open_list)
        if noun and text.startswith("的", quote_end + len(noun)) and not _lead_verb(lead):
            return []  # 端牢近14亿中国人的饭碗: an amount inside a modifier, governed by no verb of counting
        if noun and not subject and not _lead_verb(lead):
            # 14个市空气质量首次全部达到国家二级标准: an amount opening its clause counts what the
            # rest of the clause says.
            metric = clean_metric(tail, lex, inner=False) or noun
        else:
            metric = _with_lead(subject, lead, noun) if noun else ""
    elif modifier and (unit_info(a.unit) or _NO_UNIT).rate:
        # 保持6%一档的税率不变: a rate of the noun after 的.
        pos = quote_end + modifier.end()
        metric = following_noun(text, pos, quote_end + len(tail), lex, open_list)
    elif tail and subject and not _after_word(tail, 0, _verbs()) and not tail.startswith(lex.tail_verbs):
        # 互认覆盖二级以上医疗机构97%门诊量: a share of the noun after it.
        noun = following_noun(text, quote_end, quote_end + len(tail), lex, open_list)
        metric = subject + noun if noun else ""
    elif not tail and later and later[0].start < c_end and _counts_what_follows(a.unit, "", lex):
        # 8支市级高精尖产业基金带动社会投资超千亿元: the noun up to the verb is this amount's; the words
        # stay the next amount's metric too.
        noun = following_noun(text, quote_end, later[0].start, lex)
        if noun and quote_end + len(noun) < later[0].start and not subject:
            metric = noun
    pair = bool(later) and text[quote_end : later[0].start] in ("、", "和") and later[0].unit == a.unit
    if not metric and not tail and pair:
        # 相继出台43条、16条具体举措: two amounts of one noun.
        pos = later[0].end + len(_after_word(text, later[0].end, lex.after_comparators) or "")
        noun = following_noun(text, pos, c_end, lex)
        metric = _with_lead(subject, lead, noun) if noun else ""
    if tail.startswith("达"):
        # 全区行政村100%达干净整洁村标准、60%达美丽宜居标准: subject plus the standard reached.
        subject = subject or (prev.subject if prev else "")
        metric = subject + tail
    if not (metric or subject) and tail and not _after_word(tail, 0, _verbs()):
        # 90%以上村庄达到干净整洁村标准, 70%村卫生室实现一体化管理: a share of what follows.
        metric = clean_metric(tail, lex, inner=False)
    quote_end += len(tail)
    if not metric and "、" in subject and _separate_item(subject, lead, lex):
        # 开展财政事前评估和预算评审、压减资金42.6亿元, 地区实现污水处理全覆盖、垃圾处理率达98.5%:
        # the last of a list of deeds is the one that states the amount.
        subject = subject.rsplit("、", 1)[1]
    metric = metric or subject
    shared = _shared_list(text, c_start, a, lex)
    if shared is not None or "分别" in text[c_start : a.start]:
        # 分别增长5.5%和7.2%: every amount of the list is stated by the whole clause.
        start, quote_end = c_start, max(quote_end, _clause_end(text, a.end, c_end))
    subjects = [(metric, kind)]
    if shared is not None:
        items, word, verb = shared
        place = len(re.findall(r"[\d%][^、和及\d]*?(?:、|和|及)", text[c_start : a.start].split(word, 1)[1]))
        chosen = items if word == "均" else items[place : place + 1]
        subjects = [(clean_metric(item, lex) or item, _item_kind(a.unit, item, verb, lex)) for item in chosen]
        subjects = subjects or [(metric, kind)]
    elif prev is not None and lead.lstrip().startswith(lex.comparison_openers) and not noun:
        subjects = [("", kind)]  # 比去年增加8000亿元: the same metric as the amount before
    if not subjects[0][0] and prev is not None:
        # 增长7%以上、力争达到8%: the second tier continues the first one's metric and kind.
        subject = prev.subject
        subjects = [(prev.metric, prev.kind if prev.unit == a.unit and kind != "growth" else kind)]
    head = text[c_start : a.start]
    base = dict(
        unit=a.unit,
        subject=subject,
        commitment=next((w for w in lex.commitments if w in head), None),
        per_year=has_word(head, lex.per_year_words),
        quote_start=start,
        quote_end=quote_end,
        amount_start=a.start,
    )
    out = []
    for metric, kind in subjects:
        if a.high is not None:
            out.append(Quantity(metric=metric, kind=kind, value=a.value, comparator=">=", **base))  # type: ignore[arg-type]
            out.append(Quantity(metric=metric, kind=kind, value=a.high, comparator="<=", **base))  # type: ignore[arg-type]
        else:
            comparator = _comparator(text, a, after, start, later, lex)
            out.append(Quantity(metric=metric, kind=kind, value=a.value, comparator=comparator, **base))  # type: ignore[arg-type]
    return out


def _comparator(text: str, a: Amount, after: str | None, start: int, later: list[Amount], lex: Lexicon) -> str:
    """>=, <=, ~ or = from the words after the amount, after the last of its list, or before it.

    `控制在5.5%和3%左右`: a list-final 左右 (以上, 以内) applies to every amount of the list.
    """
    if after:
        return lex.after_comparators[after]
    pos = a.end
    for b in later:
        if text[pos : b.start] not in ("、", "和", "及", "与") or b.high is not None:
            break
        word = _after_word(text, b.end, lex.after_comparators)
        if word:
            return lex.after_comparators[word]
        pos = b.end
    before = _ending_word(text[start : a.start], lex.before_comparators)
    if before:
        return lex.before_comparators[before]
    return a.approx or "="
