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


# libyaml's safe loader when PyYAML has it (the same documents, read several times faster).
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
class SectionRules:
    """How the kind of a top section is told beyond its title's words (headings.yaml)."""

    plan_year_words: tuple[str, ...]
    review_over_year: tuple[str, ...]
    bare_heading_words: tuple[str, ...]
    bare_heading_max_chars: int
    review_openers: tuple[re.Pattern[str], ...]


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
class StatementRules:
    """Word lists of statements.py (lexicon.yaml): tense, years, the main-targets passage."""

    past_aspect: tuple[str, ...]
    reached_goal_words: tuple[str, ...]
    recap_openers: tuple[str, ...]
    plan_time_words: tuple[str, ...]
    one_year_words: tuple[str, ...]
    cumulative_words: tuple[str, ...]
    lookback_patterns: tuple[re.Pattern[str], ...]
    five_year_plans: dict[str, int]
    passage_closers: tuple[str, ...]
    passage_references: tuple[str, ...]
    qualitative_verbs: tuple[str, ...]
    qualitative_riders: tuple[str, ...]
    programme_words: tuple[str, ...]
    not_future_words: tuple[str, ...]


@dataclass(frozen=True)
class TaskRules:
    """What tasks.py reads beyond headings (lexicon.yaml)."""

    not_task_words: tuple[str, ...]
    item_ordinals: tuple[re.Pattern[str], ...]
    mid_title_max_chars: int
    mid_title_min_paragraph: int
    mid_title_min_body: int


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
    sections: SectionRules
    statements: StatementRules
    tasks: TaskRules


def _load(name: str) -> dict[str, Any]:
    text = resources.files("luoshi.extraction").joinpath("rules", name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_SAFE_LOADER)
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


def _section_rules(data: dict[str, Any]) -> SectionRules:
    src = "headings.yaml"
    return SectionRules(
        plan_year_words=_words(data, "plan_year_words", src),
        review_over_year=_words(data, "review_over_year", src),
        bare_heading_words=_words(data, "bare_heading_words", src),
        bare_heading_max_chars=int(data.get("bare_heading_max_chars", 40)),
        review_openers=tuple(re.compile(p) for p in _words(data, "review_openers", src)),
    )


def _statement_rules(data: dict[str, Any]) -> StatementRules:
    src = "lexicon.yaml"
    plans = data.get("five_year_plans")
    if not isinstance(plans, dict) or not all(isinstance(v, int) for v in plans.values()):
        raise RuleError(f"{src}: five_year_plans must map names to first years")
    return StatementRules(
        past_aspect=_words(data, "past_aspect", src),
        reached_goal_words=_words(data, "reached_goal_words", src),
        recap_openers=_words(data, "recap_openers", src),
        plan_time_words=_words(data, "plan_time_words", src),
        one_year_words=_words(data, "one_year_words", src),
        cumulative_words=_words(data, "cumulative_words", src),
        lookback_patterns=tuple(re.compile(p) for p in _words(data, "lookback_patterns", src)),
        five_year_plans={str(k): int(v) for k, v in plans.items()},
        passage_closers=_words(data, "passage_closers", src),
        passage_references=_words(data, "passage_references", src),
        qualitative_verbs=_words(data, "qualitative_verbs", src),
        qualitative_riders=_words(data, "qualitative_riders", src),
        programme_words=_words(data, "programme_words", src),
        not_future_words=_words(data, "not_future_words", src),
    )


def _task_rules(data: dict[str, Any]) -> TaskRules:
    src = "lexicon.yaml"
    ordinals = tuple(re.compile(p) for p in _words(data, "item_ordinals", src))
    if not all("n" in p.groupindex for p in ordinals):
        raise RuleError(f"{src}: item_ordinals must capture n")
    return TaskRules(
        not_task_words=_words(data, "not_task_words", src),
        item_ordinals=ordinals,
        mid_title_max_chars=int(data.get("mid_title_max_chars", 15)),
        mid_title_min_paragraph=int(data.get("mid_title_min_paragraph", 400)),
        mid_title_min_body=int(data.get("mid_title_min_body", 60)),
    )


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
        sections=_section_rules(headings_data),
        statements=_statement_rules(lexicon_data),
        tasks=_task_rules(lexicon_data),
    )


# --- Headline indicators (indicators.yaml) --------------------------------------------------

INDICATOR_KINDS = frozenset({"growth", "level", "ratio", "qualitative"})
_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


@dataclass(frozen=True)
class Indicator:
    """One headline indicator: its key, what it means, the kinds and base units it accepts."""

    key: str
    meaning: str
    kinds: frozenset[str]
    units: frozenset[str]
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorRules:
    """The vocabulary of headline indicators and how a metric is normalised before lookup."""

    rewrite: tuple[tuple[re.Pattern[str], str], ...]
    leading: tuple[str, ...]
    leading_patterns: tuple[re.Pattern[str], ...]
    trailing: tuple[str, ...]
    trailing_patterns: tuple[re.Pattern[str], ...]
    qualitative_predicates: tuple[str, ...]
    indicators: tuple[Indicator, ...]


def _patterns(data: dict[str, Any], key: str, source: str) -> tuple[re.Pattern[str], ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        raise RuleError(f"{source}: {key} must be a list of regular expressions")
    try:
        return tuple(re.compile(p) for p in value)
    except re.error as exc:
        raise RuleError(f"{source}: {key}: {exc}") from exc


def _rewrite(data: dict[str, Any], source: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for spec in data.get("rewrite") or []:
        if (
            not isinstance(spec, dict)
            or not isinstance(spec.get("pattern"), str)
            or not isinstance(spec.get("to"), str)
        ):
            raise RuleError(f"{source}: rewrite: each item needs a `pattern` and a `to` string")
        try:
            out.append((re.compile(spec["pattern"]), spec["to"]))
        except re.error as exc:
            raise RuleError(f"{source}: rewrite: {spec['pattern']!r}: {exc}") from exc
    return tuple(out)


def _indicator(key: Any, spec: Any, source: str) -> Indicator:
    where = f"{source}: indicators.{key}"
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise RuleError(f"{where}: a key is snake_case English (gdp_growth)")
    if not isinstance(spec, dict):
        raise RuleError(f"{where}: must map to meaning, kinds, units and synonyms")
    if not isinstance(spec.get("meaning"), str) or not spec["meaning"]:
        raise RuleError(f"{where}: needs a `meaning`")
    kinds = spec.get("kinds")
    if not isinstance(kinds, list) or not kinds or not set(kinds) <= INDICATOR_KINDS:
        raise RuleError(f"{where}: kinds must be a list of {sorted(INDICATOR_KINDS)}")
    units = spec.get("units")
    if not isinstance(units, list) or not units or not all(isinstance(u, str) and u for u in units):
        raise RuleError(f"{where}: units must be a list of base units (%, 元, 人 …)")
    synonyms = _words(spec, "synonyms", where)
    return Indicator(key, spec["meaning"], frozenset(kinds), frozenset(units), synonyms)


@cache
def indicator_rules() -> IndicatorRules:
    """The headline-indicator vocabulary (indicators.yaml), loaded and validated on first use."""
    src = "indicators.yaml"
    data = _load(src)
    table = data.get("indicators")
    if not isinstance(table, dict) or not table:
        raise RuleError(f"{src}: needs an `indicators` mapping of keys")
    return IndicatorRules(
        rewrite=_rewrite(data, src),
        leading=_words(data, "leading", src),
        leading_patterns=_patterns(data, "leading_patterns", src),
        trailing=_words(data, "trailing", src),
        trailing_patterns=_patterns(data, "trailing_patterns", src),
        qualitative_predicates=_words(data, "qualitative_predicates", src),
        indicators=tuple(_indicator(key, spec, src) for key, spec in table.items()),
    )
