"""Headline indicators: the key of the indicator a fact's or target's metric names (indicators.yaml).

`indicator_of("全省地区生产总值", "growth", "%")` is `gdp_growth`; `("地区生产总值", "level", "万亿元")`
is `gdp`; `("单位地区生产总值能耗", "growth", "%")` is `energy_intensity`; `("粮食安全", …)` is None.
A metric is normalised (brackets, spellings of GDP, leading subjects such as 全省/全年/力争, trailing
qualifiers such as 实际/平均/涨幅) and must then be exactly a synonym of the key, with a kind and a
unit the key accepts. A qualitative target is a whole clause: it takes the key of the synonym it
opens with when a predicate follows (进出口|稳中提质).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from luoshi.extraction.rules import Indicator, IndicatorRules, RuleError, indicator_rules, rules

_QUALITATIVE = "qualitative"
_MIN_PREFIX = 3  # a qualitative clause must open with a synonym of at least 3 characters (not 经济, GDP)


@dataclass(frozen=True)
class _Index:
    """Normalised synonym -> the indicators it names; the longest synonym; magnitude prefixes."""

    by_synonym: dict[str, tuple[Indicator, ...]]
    longest: int
    prefixes: tuple[str, ...]


@dataclass(frozen=True)
class _Normaliser:
    """The table's rewrites, and its leading and trailing words and patterns as one regex each."""

    rewrite: tuple[tuple[re.Pattern[str], str], ...]
    leading: re.Pattern[str]
    trailing: re.Pattern[str]

    @classmethod
    def of(cls, table: IndicatorRules) -> _Normaliser:
        def alternatives(words: tuple[str, ...], patterns: tuple[re.Pattern[str], ...]) -> str:
            return "|".join([re.escape(w) for w in words] + [f"(?:{p.pattern})" for p in patterns])

        # as many as stand there, leaving at least one character
        leading = re.compile(f"^(?:{alternatives(table.leading, table.leading_patterns)})+(?=.)")
        trailing = re.compile(f"(?<=.)(?:{alternatives(table.trailing, table.trailing_patterns)})+$")
        return cls(table.rewrite, leading, trailing)

    def __call__(self, metric: str, *, trailing: bool) -> str:
        s = "".join(metric.split()).upper()
        for pattern, to in self.rewrite:
            s = pattern.sub(to, s)
        s = self.leading.sub("", s, count=1)
        if trailing:
            s = self.trailing.sub("", s, count=1)
        return s


def normalise(metric: str, *, trailing: bool = True) -> str:
    """The metric as it is looked up: rewritten, without leading subjects and trailing qualifiers."""
    return _normaliser()(metric, trailing=trailing)


@cache
def _normaliser() -> _Normaliser:
    return _Normaliser.of(indicator_rules())


def _overlap(a: Indicator, b: Indicator) -> bool:
    """Whether some item could be taken for both keys (a shared kind and unit)."""
    kinds = a.kinds & b.kinds
    return bool(kinds - {_QUALITATIVE} and a.units & b.units) or _QUALITATIVE in kinds


@cache
def _index() -> _Index:
    table = indicator_rules()
    normalised = _Normaliser.of(table)
    by_synonym: dict[str, list[Indicator]] = {}
    for ind in table.indicators:
        for syn in ind.synonyms:
            named = by_synonym.setdefault(normalised(syn, trailing=True), [])
            if ind in named:
                continue
            for other in named:
                if _overlap(ind, other):
                    raise RuleError(
                        f"indicators.yaml: indicators.{ind.key}: synonym {syn!r} is also a synonym of "
                        f"{other.key} for the same kind and unit"
                    )
            named.append(ind)
    prefixes = tuple(sorted(rules().prefixes, key=len, reverse=True))
    longest = max(len(s) for s in by_synonym)
    return _Index({s: tuple(v) for s, v in by_synonym.items()}, longest, prefixes)


def _base_unit(unit: str, index: _Index) -> str:
    """万亿元 -> 元, 万人 -> 人, 千米 -> 公里 (units.yaml's base), % -> %."""
    for prefix in index.prefixes:
        if unit.startswith(prefix) and unit != prefix:
            unit = unit[len(prefix) :]
            break
    info = rules().units.get(unit)
    return info.base if info is not None and info.base else unit


def _accepts(ind: Indicator, kind: str, unit: str | None, index: _Index) -> bool:
    if kind not in ind.kinds:
        return False
    if kind == _QUALITATIVE:
        return True
    return unit is not None and _base_unit(unit, index) in ind.units


@lru_cache(maxsize=8192)
def indicator_of(metric: str, kind: str, unit: str | None) -> str | None:
    """The key of the headline indicator the metric names, for this kind and unit, else None."""
    if not metric:
        return None
    index = _index()
    if kind == _QUALITATIVE:
        return _qualitative(metric, index)
    for ind in index.by_synonym.get(normalise(metric), ()):
        if _accepts(ind, kind, unit, index):
            return ind.key
    return None


def _qualitative(clause: str, index: _Index) -> str | None:
    """The key of the synonym a qualitative clause opens with, when a predicate follows it."""
    s = normalise(clause, trailing=False)
    predicates = indicator_rules().qualitative_predicates
    for n in range(min(len(s) - 1, index.longest), _MIN_PREFIX - 1, -1):
        named = index.by_synonym.get(s[:n])
        if named is None:
            continue
        if not s[n:].startswith(predicates):
            return None  # the longest synonym it opens with is followed by a noun: another metric
        return next((i.key for i in named if _QUALITATIVE in i.kinds), None)
    return None
