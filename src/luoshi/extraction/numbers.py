"""Numbers with their units in normalised text: Arabic, Chinese and mixed numerals, ranges.

Finds every amount a report states (326.5亿元, 两所, 百分之五, 3至5亿元, 7500多亿元) with its
offsets, and leaves out what only looks like one: dates, ordinals, slogans in quotes, codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from luoshi.extraction.rules import Rules, UnitInfo, rules
from luoshi.extraction.words import ending_word, has_word, word_at

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_MULTIPLIERS)

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = f"[{CN_CHARS}]+"
_CORE = re.compile(
    rf"百分之(?P<pct>{_ARABIC}|[{CN_CHARS}点]+)"
    rf"|(?P<den>[{CN_CHARS}]+)分之(?P<num>[{CN_CHARS}]+)"
    rf"|(?P<half>一半)"
    rf"|(?P<ar>{_ARABIC})"
    rf"|(?P<cn>{_CN})"
    rf"|(?P<mag>万亿|万|亿)"
)
# Spans where no number is a quantity: dates, quoted slogans, codes and formulas.
_MASKS = re.compile(
    r"(?:19|20)\d{2}\s*(?:年(?:度|底|末|初|中|前|后)?|-\d{1,2}(?:-\d{1,2})?|\.\d{1,2}(?![\d万亿元%]))"
    r"|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号](?=[^\d])"
    r"|“[^“”\n]{1,24}”|‘[^‘’\n]{1,24}’|《[^《》\n]{1,40}》"
    r"|[A-Za-z]+[-\d.]*\d[A-Za-z\d]*|\d+[A-Za-z]+[A-Za-z\d]*"
    r"|\d+(?:\+\d+|\+[A-Z])+|\[\d+\]|[①-⑳]"
)
# Specifications (2×66万千瓦机组) and proportions (8.3∶41.4∶50.3): numbers joined by × or ∶.
_JOINED = re.compile(r"\d+(?:\.\d+)?(?:\s*[×*]\s*|[:∶])\d+(?:\.\d+)?(?:[:∶]\d+(?:\.\d+)?)*")
_JOINT = re.compile(r"\d(?:\s*[×*]\s*|[:∶])\d")


@dataclass(frozen=True)
class Amount:
    """A number and its unit as written; for a range, `high` is the upper bound."""

    start: int
    end: int
    value: float
    unit: str
    chinese: bool
    approx: str | None = None
    high: float | None = None
    index: bool = False  # a number without a unit that is a level reached (PUE降至1.3以下)


def chinese_to_number(text: str) -> float | None:
    """Value of a Chinese numeral such as 三千五百, 十二, 两, 千 (None if it is not one)."""
    if not text or any(c not in CN_DIGITS and c not in CN_MULTIPLIERS for c in text):
        return None
    if all(c in CN_DIGITS for c in text) and len(text) > 1:
        # Digit by digit, as in 二〇二二 (rare outside dates, which are masked).
        return float("".join(str(CN_DIGITS[c]) for c in text))
    total, digit, last = 0, None, 10000
    for c in text:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        else:
            if CN_MULTIPLIERS[c] >= last:
                return None  # 千千万万, 十十: a repetition, not a numeral
            total += (1 if digit is None else digit) * CN_MULTIPLIERS[c]
            digit, last = None, CN_MULTIPLIERS[c]
    return float(total + (digit or 0))


def _decimal_chinese(text: str) -> float | None:
    """Value of 五, 十五点五 or 5.5 as used after 百分之."""
    if re.fullmatch(_ARABIC, text):
        return float(text.replace(",", ""))
    whole, _, frac = text.partition("点")
    value = chinese_to_number(whole)
    if value is None:
        return None
    if frac:
        digits = [CN_DIGITS.get(c) for c in frac]
        if any(d is None for d in digits):
            return None
        value += float("0." + "".join(str(d) for d in digits))
    return value


def _either(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@cache
def _unit_pattern() -> re.Pattern[str]:
    """Prefix and unit, with a second unit after a slash (元/月) or an alternative in brackets (套(间))."""
    r = rules()
    prefixes = _either(list(r.prefixes))
    units = _either([u for u, info in r.units.items() if not info.per])
    seconds = _either(list(r.units))
    return re.compile(
        rf"(?P<approx>多|余)?(?P<prefix>(?:{prefixes}){{1,2}})?(?P<approx2>多|余)?"
        rf"(?P<unit>(?:{units})(?:[/／∕](?:{prefixes})?(?:{seconds})|\((?:{units})\))?)?"
    )


@cache
def _formula_pattern() -> re.Pattern[str]:
    lex = rules().lexicon
    return re.compile(_either([*lex.formula_names, *lex.numeral_words]))


@cache
def _session_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """届 or a meeting word (a cheap literal search), then the numerals and the chain around it."""
    lex = rules().lexicon
    meetings = _either(list(lex.meeting_words))
    n = f"[{CN_CHARS}]+"
    anchor = re.compile(rf"届|(?<=[次中])(?:{meetings})")
    chain = re.compile(rf"(?:{n}[次中](?:[、和及]{n}[次中])*(?:{meetings})?)?")
    return anchor, chain


def _sessions(text: str) -> list[tuple[int, int]]:
    """十三届五次全会, 十一届七次、八次全会, 二十届三中全会, 十次全会: ordinals of meetings."""
    anchor, chain = _session_patterns()
    spans = []
    for m in anchor.finditer(text):
        start = m.start() - (m.group(0) != "届")
        while start > 0 and (text[start - 1] in CN_CHARS or text[start - 1] in "、和及"):
            start -= 1
        follow = chain.match(text, m.end()) if m.group(0) == "届" else None
        spans.append((start, follow.end() if follow else m.end()))
    return spans


def _masked(text: str) -> list[bool]:
    mask = [False] * (len(text) + 1)
    for m in [*_MASKS.finditer(text), *_formula_pattern().finditer(text)]:
        mask[m.start() : m.end()] = [True] * (m.end() - m.start())
    for hit in _JOINT.finditer(text):  # rare: found by the joint, matched from the first number
        start = hit.start()
        while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
            start -= 1
        joined = _JOINED.match(text, start)
        if joined:
            mask[start : joined.end()] = [True] * (joined.end() - start)
    for start, end in _sessions(text):
        mask[start:end] = [True] * (end - start)
    return mask


def _core_value(m: re.Match[str]) -> tuple[float | None, str | None, bool]:
    """Value of a numeric core, the unit it implies (% for 百分之), and whether it is Chinese."""
    if m.group("pct") is not None:
        return _decimal_chinese(m.group("pct")), "%", not m.group("pct")[0].isdigit()
    if m.group("den") is not None:
        den, num = chinese_to_number(m.group("den")), chinese_to_number(m.group("num"))
        return (num / den if den and num is not None else None), "", True
    if m.group("half") is not None:
        return 0.5, "", True
    if m.group("ar") is not None:
        return float(m.group("ar").replace(",", "")), None, False
    if m.group("mag") is not None:
        return 1.0, None, True
    return chinese_to_number(m.group("cn")), None, True


def _read_unit(text: str, pos: int, r: Rules) -> tuple[str, str | None, int]:
    """The unit written at `pos` (prefix and unit), an approximation word, and where it ends."""
    m = _unit_pattern().match(text, pos)
    if not m or not (m.group("prefix") or m.group("unit")):
        return "", None, pos
    prefix = m.group("prefix") or ""
    if len(prefix) > 1 and prefix not in r.prefixes and prefix[: len(prefix) // 2] == prefix[len(prefix) // 2 :]:
        return "", None, pos  # 万万: a repetition, not a magnitude
    unit = prefix + (m.group("unit") or "")
    word = m.group("approx") or m.group("approx2")
    approx = r.lexicon.after_comparators.get(word) if word else None
    return unit, approx, m.end()


@cache
def unit_info(unit: str) -> UnitInfo | None:
    """What the tables say of a unit as written (万元/人 -> 元), prefixes and a second part aside."""
    r = rules()
    head = re.split(r"[/(]", unit, maxsplit=1)[0]
    while head and head not in r.units:
        prefix = next((p for p in sorted(r.prefixes, key=len, reverse=True) if head.startswith(p)), None)
        if prefix is None:
            return None
        head = head[len(prefix) :]
    return r.units.get(head)


def _is_chinese_noise(text: str, m: re.Match[str], value: float, unit: str, end: int, r: Rules) -> bool:
    """A Chinese numeral that is an article, list marker, ordinal or part of a name, not an amount."""
    if not unit:
        return True  # 一流, 三农: a numeral without a unit states no amount
    info = unit_info(unit)
    if info is not None and info.digits:
        return True  # 五金, 三门峡: a name, not 5 medals or 3 courses
    share = info is not None and info.share
    magnitude = unit[:1] in "万亿" and unit not in r.prefixes
    compared = _compared(text, m.start(), end, r)
    if m.group("mag") or m.group(0) in ("百", "千"):
        # 超千亿元, 万名以上 are amounts; in 500个亿元以上项目 the bare 亿元以上 qualifies the noun
        lex = r.lexicon
        before_word = ending_word(text[max(0, m.start() - 4) : m.start()], lex.before_comparators)
        after_word = word_at(text, end, lex.after_comparators)
        compared = before_word is not None or (
            after_word is not None and not _CJK_NOUN.match(text, end + len(after_word))
        )
    if value == 1 and unit not in r.prefixes and not (share or magnitude or _chained(text, end, r)):
        return True  # 一批, 一个, 一项: "a", not "one" (but 翻一番, 一条A、两座B, 突破万亿元)
    if m.group(0) in ("百", "千", "万", "亿", "万亿") and not (compared and unit):
        return True  # 千家万户, 以千万计: idioms, not amounts (but 超千亿元, 万名以上)
    before = text[m.start() - 1] if m.start() else ""
    clause = re.split(r"[,;:。!?\n]", text[max(0, m.start() - 30) : m.start()])[-1]
    pair = value <= 3 and clause and clause[-1] not in "(的" and not has_word(clause, r.lexicon.count_verbs)
    if pair and not (share or magnitude or compared):
        return True  # 国际国内两个市场: counts a pair or a triple just named
    if before == "第" or before in r.lexicon.list_closers:
        return True
    # 三大攻坚战, 九街十二巷: a follower right after the numeral; after a unit only a longer word or a
    # quotation (两个方面, 五个“必须”), since one character there starts the noun counted (两座大桥).
    if word_at(text, m.end(), r.lexicon.name_followers) is not None:
        return True
    after = word_at(text, end, r.lexicon.name_followers)
    if after is not None and (len(after) > 1 or after == "“"):
        return True
    # 四张名片, 抓好五件事: a numbered slogan or the count of points to come
    return word_at(text, end, r.lexicon.slogan_heads) is not None


def _compared(text: str, start: int, end: int, r: Rules) -> bool:
    """Whether a comparator stands just before the numeral or just after its unit (超两成, 万名以上)."""
    lex = r.lexicon
    return ending_word(text[max(0, start - 4) : start], lex.before_comparators) is not None or (
        word_at(text, end, lex.after_comparators) is not None
    )


@cache
def _chain_pattern() -> re.Pattern[str]:
    units = _either([u for u, info in rules().units.items() if not info.per])
    more = CN_CHARS.replace("一", "")  # 一条跑道、一条小径: "a … a …", not a count
    return re.compile(rf"[^,;:。!?、\n\d]{{1,20}}、[{more}][{CN_CHARS}]*(?:{units})")


def _chained(text: str, end: int, r: Rules) -> bool:
    """`建设一条A、两座B、三个C`: a Chinese count followed by another, each item its own amount."""
    return _chain_pattern().match(text, end) is not None


def _counts_list(text: str, start: int, value: float, end: int, r: Rules) -> bool:
    """`建立调度、督办、考核三项机制`: a count of the items just listed, before the noun that names them."""
    if value < 2 or value != int(value) or not _CJK_NOUN.match(text, end):
        return False
    if word_at(text, end, r.lexicon.after_comparators) is not None:
        return False
    clause = re.split(r"[,;:。!?\n]", text[max(0, start - 60) : start])[-1]
    if not clause or clause[-1] in "、和及与":
        return False
    listed = clause.count("、") + 1
    joined = listed + len(re.findall("[和及与]", clause))
    return (listed >= 2 and value == listed) or (joined >= 2 and value == joined)


_CJK_NOUN = re.compile(r"[\u4e00-\u9fff“]")


def _is_name(text: str, m: re.Match[str], value: float, unit: str, end: int, r: Rules) -> bool:
    """Numbers that name or specify rather than count (10万吨级码头, 15分钟生活圈, A、B、C三项机制)."""
    if word_at(text, end, r.lexicon.spec_followers) is not None:
        return True  # 10万吨级码头, 25兆瓦级风电轴承
    info = unit_info(unit)
    # 15分钟生活圈, 240小时过境免签, 再延长30年试点: a span of time that names a concept;
    # 五年来, 3年内, 30天以上 still state a length.
    if (
        info is not None
        and info.time
        and _CJK_NOUN.match(text, end)
        and not (text[end] in "内来后前间的里多余" or word_at(text, end, r.lexicon.after_comparators))
    ):
        return True
    return _counts_list(text, m.start(), value, end, r)


def _is_index(text: str, m: re.Match[str], r: Rules) -> bool:
    """A number without a unit that is a level reached (PUE降至1.3以下, 收入比从2.5缩小到2.3)."""
    if m.group("ar") is None or text.startswith(("%", ".", "/", "∶", ":"), m.end()):
        return False
    nxt = text[m.end() : m.end() + 1]
    lex = r.lexicon
    if (
        nxt
        and _CJK_NOUN.match(nxt)
        and word_at(text, m.end(), lex.after_comparators) is None
        and not any(text.startswith(v, m.end()) for v in lex.reach_verbs)
    ):
        return False
    head = text[max(0, m.start() - 6) : m.start()]
    verbs = lex.reach_verbs + tuple(w for w in lex.before_comparators if len(w) > 1)
    if ending_word(head, verbs) is not None:
        return True
    return ending_word(head, lex.baseline_openers) is not None and any(
        text.startswith(v, m.end()) for v in lex.reach_verbs
    )


def _is_set_phrase(text: str, start: int, end: int) -> bool:
    """A numeral phrase the report repeats (两个合作区) is a name, not an amount."""
    return text.count(text[start : end + 2]) >= 3


def find_amounts(text: str) -> list[Amount]:
    """Every amount with a unit (or a range of two) in the text, in order."""
    r = rules()
    mask = _masked(text)
    found: list[Amount] = []
    pos = 0
    while True:
        m = _CORE.search(text, pos)
        if not m:
            return _merge_ranges(text, found, r)
        pos = m.end()
        if mask[m.start()] or mask[m.end() - 1] or (m.start() and text[m.start() - 1] == "第" and m.group("ar")):
            continue
        value, implied, chinese = _core_value(m)
        if value is None:
            continue
        index = False
        if implied is not None:
            unit, approx, end = implied, None, m.end()
        else:
            # a bare 万 or 亿 (突破万亿元) is read with the unit it opens
            unit, approx, end = _read_unit(text, m.start() if m.group("mag") else m.end(), r)
            if chinese and (_is_chinese_noise(text, m, value, unit, end, r) or _is_set_phrase(text, m.start(), end)):
                continue
            if _is_name(text, m, value, unit, end, r):
                continue
            index = not unit and _is_index(text, m, r)
        found.append(Amount(m.start(), end, value, unit, chinese, approx, index=index))
        pos = max(pos, end)


def _merge_ranges(text: str, amounts: list[Amount], r: Rules) -> list[Amount]:
    """Join `3至5亿元` and `6%-6.5%` into one amount with a low and a high bound."""
    merged: list[Amount] = []
    for a in amounts:
        prev = merged[-1] if merged else None
        gap = text[prev.end : a.start] if prev else ""
        if (
            prev is not None
            and prev.high is None
            and gap in r.lexicon.range_separators
            and (prev.unit in ("", a.unit))
            and prev.value < a.value
        ):
            merged[-1] = Amount(prev.start, a.end, prev.value, a.unit, prev.chinese, a.approx, a.value)
        else:
            merged.append(a)
    return [a for a in merged if a.unit or a.index or a.high is not None or _is_fraction(text, a)]


def _is_fraction(text: str, a: Amount) -> bool:
    """Fractions (三分之一, 一半) are amounts without a unit."""
    span = text[a.start : a.end]
    return "分之" in span or span == "一半"


def base_value(value: float, unit: str) -> tuple[float | None, str | None]:
    """The value in a base unit (2.2万亩 -> 22000 亩), or (None, None) when there is none."""
    r = rules()
    for prefix in sorted(r.prefixes, key=len, reverse=True):
        if unit.startswith(prefix) and unit != prefix:
            info = r.units.get(unit[len(prefix) :])
            if info and info.base:
                return value * r.prefixes[prefix], info.base
    return None, None
