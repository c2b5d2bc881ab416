"""Numbers with their units in normalised text: Arabic, Chinese and mixed numerals, ranges.

Finds every amount a report states (326.5亿元, 两所, 百分之五, 3至5亿元, 7500多亿元) with its
offsets, and leaves out what only looks like one: dates, ordinals, slogans in quotes, codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from luoshi.extraction.rules import Rules, rules

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
)
# Spans where no number is a quantity: dates, quoted slogans, codes and formulas.
_MASKS = re.compile(
    r"(?:19|20)\d{2}\s*(?:年(?:度|底|末|初|中|前|后)?|-\d{1,2}(?:-\d{1,2})?|\.\d{1,2}(?!\d))"
    r"|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号](?=[^\d])"
    r"|“[^“”\n]{1,24}”|‘[^‘’\n]{1,24}’|《[^《》\n]{1,40}》"
    r"|[A-Za-z]+[-\d.]*\d[A-Za-z\d]*|\d+[A-Za-z]+[A-Za-z\d]*"
    r"|\d+(?:\+\d+|\+[A-Z])+|\[\d+\]|[①-⑳]"
)


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


def chinese_to_number(text: str) -> float | None:
    """Value of a Chinese numeral such as 三千五百, 十二, 两, 千 (None if it is not one)."""
    if not text or any(c not in CN_DIGITS and c not in CN_MULTIPLIERS for c in text):
        return None
    if all(c in CN_DIGITS for c in text) and len(text) > 1:
        # Digit by digit, as in 二〇二二 (rare outside dates, which are masked).
        return float("".join(str(CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * CN_MULTIPLIERS[c]
            digit = None
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


@cache
def _unit_pattern() -> re.Pattern[str]:
    r = rules()
    prefixes = "|".join(sorted(map(re.escape, r.prefixes), key=len, reverse=True))
    units = "|".join(sorted(map(re.escape, r.units), key=len, reverse=True))
    return re.compile(rf"(?P<approx>多|余)?(?P<prefix>{prefixes})?(?P<approx2>多|余)?(?P<unit>{units})?")


@cache
def _formula_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, rules().lexicon.formula_names)))


def _masked(text: str) -> list[bool]:
    mask = [False] * (len(text) + 1)
    for m in [*_MASKS.finditer(text), *_formula_pattern().finditer(text)]:
        for i in range(m.start(), m.end()):
            mask[i] = True
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
    return chinese_to_number(m.group("cn")), None, True


def _read_unit(text: str, pos: int, r: Rules) -> tuple[str, str | None, int]:
    """The unit written at `pos` (prefix and unit), an approximation word, and where it ends."""
    m = _unit_pattern().match(text, pos)
    if not m or not (m.group("prefix") or m.group("unit")):
        return "", None, pos
    unit = (m.group("prefix") or "") + (m.group("unit") or "")
    word = m.group("approx") or m.group("approx2")
    approx = r.lexicon.after_comparators.get(word) if word else None
    return unit, approx, m.end()


def _is_chinese_noise(text: str, m: re.Match[str], value: float, unit: str, end: int, r: Rules) -> bool:
    """A Chinese numeral that is an article, list marker, ordinal or part of a name, not an amount."""
    if value == 1 and unit not in r.prefixes:
        return True  # 一批, 一个, 一项: "a", not "one"
    if m.group(0) in ("百", "千", "万"):
        return True  # 千家万户, 以千万计: idioms, not amounts
    before = text[m.start() - 1] if m.start() else ""
    clause = re.split(r"[,;:。!?\n]", text[max(0, m.start() - 30) : m.start()])[-1]
    if value <= 3 and clause and clause[-1] not in "(的" and not any(v in clause for v in r.lexicon.count_verbs):
        return True  # 国际国内两个市场: counts a pair or a triple just named
    after = text[end : end + 2]
    if before == "第" or before in r.lexicon.list_closers:
        return True
    if any(after.startswith(w) for w in r.lexicon.name_followers):
        return True
    return not unit


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
        if mask[m.start()] or (m.start() and text[m.start() - 1] == "第" and m.group("ar")):
            continue
        value, implied, chinese = _core_value(m)
        if value is None:
            continue
        if implied is not None:
            unit, approx, end = implied, None, m.end()
            if implied == "":  # fractions may still take a unit-less tail like 以上
                unit = ""
        else:
            unit, approx, end = _read_unit(text, m.end(), r)
            if chinese and (_is_chinese_noise(text, m, value, unit, end, r) or _is_set_phrase(text, m.start(), end)):
                continue
        found.append(Amount(m.start(), end, value, unit, chinese, approx))
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
    return [a for a in merged if a.unit or a.high is not None or _is_fraction(text, a)]


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
