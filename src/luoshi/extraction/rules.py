"""Load and validate the rule tables under `rules/` once; the engine reads only these objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

import yaml

COMPARATORS = frozenset({">=", "<=", "~", "="})
SECTION_KINDS = frozenset({"review", "programme", "plan", "other"})
_COMPARATOR_KEYS = ("after_comparators", "before_comparators")


class RuleError(ValueError):
    """A rule file that does not have the expected shape."""


@dataclass(frozen=True)
class UnitInfo:
    """What the engine knows of one unit."""

    name: str
    base: str | None
    rate: bool
    change: bool
    duration: bool
    share: bool = False  # a part of a whole (两成, 翻一番): never "a" or a pair just named
    digits: bool = False  # only after Arabic digits (4金, but 五金 is hardware)
    time: bool = False  # a span of time; a noun right after it makes a name (15分钟生活圈)
    per: bool = False  # only after a slash, as the second part of a compound unit (元/月)


@dataclass(frozen=True)
class HeadingLevel:
    """One printed heading form."""

    name: str
    pattern: re.Pattern[str]
    number: str


@dataclass(frozen=True)
class KindRule:
    """Section kind given when a title contains any of the words."""

    kind: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Word lists of the quantity engine."""

    after_comparators: dict[str, str]
    before_comparators: dict[str, str]
    commitments: tuple[str, ...]
    growth_verbs: tuple[str, ...]
    level_after_growth: tuple[str, ...]
    per_year_words: tuple[str, ...]
    range_separators: tuple[str, ...]
    metric_leading_noise: tuple[str, ...]
    metric_trailing_noise: tuple[str, ...]
    inherit_metric_openers: tuple[str, ...]
    past_markers: tuple[str, ...]
    estimate_markers: tuple[str, ...]
    main_targets_openers: tuple[str, ...]
    name_followers: tuple[str, ...]
    date_followers: tuple[str, ...]
    formula_names: tuple[str, ...]
    list_closers: tuple[str, ...]
    baseline_openers: tuple[str, ...]
    reach_verbs: tuple[str, ...]
    duration_contexts: tuple[str, ...]
    future_markers: tuple[str, ...]
    address_openers: tuple[str, ...]
    metric_leading_patterns: tuple[str, ...]
    noun_stoppers: tuple[str, ...]
    count_verbs: tuple[str, ...]
    comparison_words: tuple[str, ...]
    comparison_openers: tuple[str, ...]
    tail_verbs: tuple[str, ...]
    metric_inner_noise: tuple[str, ...]
    word_parts: tuple[str, ...]
    meeting_words: tuple[str, ...]
    numeral_words: tuple[str, ...]
    spec_followers: tuple[str, ...]
    noun_joints: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    keep_verbs: tuple[str, ...]
    existing_verbs: tuple[str, ...]
    metric_heads: tuple[str, ...]
    metric_trailing_patterns: tuple[str, ...]
    slogan_heads: tuple[str, ...]
    transitive_changes: tuple[str, ...]
    document_nouns: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    """All rule tables."""

    prefixes: dict[str, float]
    units: dict[str, UnitInfo]
    headings: tuple[HeadingLevel, ...]
    title_end: re.Pattern[str]
    max_title_chars: int
    kinds: tuple[KindRule, ...]
    lexicon: Lexicon


def _load(name: str) -> dict[str, Any]:
    text = resources.files("luoshi.extraction").joinpath("rules", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise RuleError(f"{name}: expected a mapping at the top")
    return data


def _words(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise RuleError(f"{source}: {key} must be a list of non-empty strings")
    # Longest first, so that a scan stops at the most specific word.
    return tuple(sorted(value, key=len, reverse=True))


def _comparators(data: dict[str, Any], key: str, source: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(v in COMPARATORS for v in value.values()):
        raise RuleError(f"{source}: {key} must map words to one of {sorted(COMPARATORS)}")
    return {str(k): str(v) for k, v in sorted(value.items(), key=lambda kv: -len(str(kv[0])))}


def _units(data: dict[str, Any]) -> tuple[dict[str, float], dict[str, UnitInfo]]:
    prefixes = data.get("prefixes")
    units = data.get("units")
    if not isinstance(prefixes, dict) or not isinstance(units, dict):
        raise RuleError("units.yaml: needs `prefixes` and `units` mappings")
    infos = {}
    for name, spec in units.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise RuleError(f"units.yaml: unit {name!r} must map to a mapping")
        infos[str(name)] = UnitInfo(
            name=str(name),
            base=spec.get("base"),
            rate=bool(spec.get("rate")),
            change=bool(spec.get("change")),
            duration=bool(spec.get("duration")),
            share=bool(spec.get("share")),
            digits=bool(spec.get("digits")),
            time=bool(spec.get("time")),
            per=bool(spec.get("per")),
        )
    return {str(k): float(v) for k, v in prefixes.items()}, infos


def _headings(data: dict[str, Any]) -> tuple[tuple[HeadingLevel, ...], tuple[KindRule, ...]]:
    levels = []
    for spec in data.get("levels") or []:
        pattern = re.compile(spec["pattern"])
        if not {"num", "rest"} <= set(pattern.groupindex):
            raise RuleError(f"headings.yaml: {spec['name']} must capture num and rest")
        levels.append(HeadingLevel(name=spec["name"], pattern=pattern, number=spec["number"]))
    kinds = []
    for spec in data.get("kinds") or []:
        if spec.get("kind") not in SECTION_KINDS:
            raise RuleError(f"headings.yaml: unknown section kind {spec.get('kind')!r}")
        kinds.append(KindRule(kind=spec["kind"], words=tuple(spec["any"])))
    if not levels or not kinds:
        raise RuleError("headings.yaml: needs `levels` and `kinds`")
    return tuple(levels), tuple(kinds)


@cache
def rules() -> Rules:
    """The rule tables, loaded and validated on first use."""
    units_data, lexicon_data, headings_data = _load("units.yaml"), _load("lexicon.yaml"), _load("headings.yaml")
    prefixes, units = _units(units_data)
    levels, kinds = _headings(headings_data)
    src = "lexicon.yaml"
    lexicon = Lexicon(
        after_comparators=_comparators(lexicon_data, "after_comparators", src),
        before_comparators=_comparators(lexicon_data, "before_comparators", src),
        # every other field of Lexicon is a word list of the same name
        **{f.name: _words(lexicon_data, f.name, src) for f in fields(Lexicon) if f.name not in _COMPARATOR_KEYS},
    )
    return Rules(
        prefixes=prefixes,
        units=units,
        headings=levels,
        title_end=re.compile(headings_data.get("title_end", "[。]")),
        max_title_chars=int(headings_data.get("max_title_chars", 60)),
        kinds=kinds,
        lexicon=lexicon,
    )
