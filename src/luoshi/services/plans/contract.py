"""Read an extraction (the luoshi.extract/1 JSON object) into checked, typed parts for the import."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from luoshi.vocabulary import Comparator, SectionKind, TargetKind

SCHEMA = "luoshi.extract/1"
SECTION_KINDS = tuple(k.value for k in SectionKind)
TARGET_KINDS = tuple(k.value for k in TargetKind)
COMPARATORS = tuple(c.value for c in Comparator)

T = TypeVar("T")


class ContractError(ValueError):
    """The extraction does not follow the contract; the message says where and what."""


@dataclass(frozen=True)
class SectionIn:
    """A heading of the report."""

    key: str
    parent: str | None
    number: str
    title: str
    kind: SectionKind


@dataclass(frozen=True)
class TargetIn:
    """A target with its quote and, when the extractor gives them, the quote's offsets."""

    metric: str
    kind: TargetKind
    comparator: Comparator | None
    value: float | None
    unit: str | None
    quote: str
    section: str | None
    horizon: tuple[int, int] | None
    per_year: bool
    commitment: str | None
    base_value: float | None
    base_unit: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class TaskIn:
    """A work item and the indexes of its targets."""

    key: str
    section: str
    title: str
    text: str
    horizon: tuple[int, int] | None
    targets: tuple[int, ...]
    start: int | None
    end: int | None


@dataclass(frozen=True)
class ExtractionIn:
    """The parts of an extraction the tracker keeps."""

    sha256: str
    name: str
    encoding: str | None
    title: str | None
    region: str | None
    plan_year: int | None
    term: tuple[int, int] | None
    sections: tuple[SectionIn, ...]
    targets: tuple[TargetIn, ...]
    tasks: tuple[TaskIn, ...]


def read_extraction(data: Mapping[str, Any]) -> ExtractionIn:
    """Check an extraction dict against the contract and return its parts; raise ContractError if not."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise ContractError(f"不是落实提取结果（schema 应为 {SCHEMA}）")
    source, report = _mapping(data, "source"), _mapping(data, "report")
    sections = _items(data, "sections", _section)
    targets = _items(data, "targets", _target)
    tasks = _items(data, "tasks", _task)
    _check_links(sections, targets, tasks)
    return ExtractionIn(
        sha256=_text(source, "sha256", "source"),
        name=str(source.get("name") or ""),
        encoding=_optional(source, "encoding", str, "source"),
        title=_optional(report, "title", str, "report"),
        region=_optional(report, "region", str, "report"),
        plan_year=_optional(report, "plan_year", int, "report"),
        term=_span(report.get("term"), "report.term"),
        sections=sections,
        targets=targets,
        tasks=tasks,
    )


def _section(raw: Mapping[str, Any], where: str) -> SectionIn:
    """A section from its JSON object."""
    kind = _text(raw, "kind", where)
    if kind not in SECTION_KINDS:
        raise ContractError(f"{where}.kind 未知：{kind!r}")
    return SectionIn(
        key=_text(raw, "id", where),
        parent=_optional(raw, "parent", str, where),
        number=str(raw.get("number") or ""),
        title=_text(raw, "title", where),
        kind=SectionKind(kind),
    )


def _target(raw: Mapping[str, Any], where: str) -> TargetIn:
    """A target from its JSON object."""
    kind, comparator = _text(raw, "kind", where), _optional(raw, "comparator", str, where)
    if kind not in TARGET_KINDS:
        raise ContractError(f"{where}.kind 未知：{kind!r}")
    if comparator is not None and comparator not in COMPARATORS:
        raise ContractError(f"{where}.comparator 未知：{comparator!r}")
    value = _number(raw.get("value"), f"{where}.value")
    if kind != "qualitative" and value is None:
        raise ContractError(f"{where}.value 缺失：{kind} 目标须有数值")
    return TargetIn(
        metric=_text(raw, "metric", where),
        kind=TargetKind(kind),
        comparator=Comparator(comparator) if comparator is not None else None,
        value=value,
        unit=_optional(raw, "unit", str, where),
        quote=_text(raw, "quote", where),
        section=_optional(raw, "section", str, where),
        horizon=_span(raw.get("horizon"), f"{where}.horizon"),
        per_year=bool(raw.get("per_year", False)),
        commitment=_optional(raw, "commitment", str, where),
        base_value=_number(raw.get("base_value"), f"{where}.base_value"),
        base_unit=_optional(raw, "base_unit", str, where),
        start=_optional(raw, "start", int, where),
        end=_optional(raw, "end", int, where),
    )


def _task(raw: Mapping[str, Any], where: str) -> TaskIn:
    """A task from its JSON object."""
    indexes = raw.get("targets", [])
    if not isinstance(indexes, list) or not all(type(i) is int for i in indexes):
        raise ContractError(f"{where}.targets 应为目标序号列表")
    return TaskIn(
        key=_text(raw, "id", where),
        section=_text(raw, "section", where),
        title=_text(raw, "title", where),
        text=str(raw.get("text") or ""),
        horizon=_span(raw.get("horizon"), f"{where}.horizon"),
        targets=tuple(indexes),
        start=_optional(raw, "start", int, where),
        end=_optional(raw, "end", int, where),
    )


def _check_links(sections: tuple[SectionIn, ...], targets: tuple[TargetIn, ...], tasks: tuple[TaskIn, ...]) -> None:
    """Every reference points at something that exists: parents, sections, target indexes."""
    keys = [s.key for s in sections]
    if len(set(keys)) != len(keys):
        raise ContractError("sections 中有重复的 id")
    for s in sections:
        if s.parent is not None and s.parent not in keys:
            raise ContractError(f"章节 {s.key} 的上级 {s.parent} 不存在")
    for i, t in enumerate(targets):
        if t.section is not None and t.section not in keys:
            raise ContractError(f"targets[{i}] 所在章节 {t.section} 不存在")
    for task in tasks:
        if task.section not in keys:
            raise ContractError(f"任务 {task.key} 所在章节 {task.section} 不存在")
        if any(not 0 <= i < len(targets) for i in task.targets):
            raise ContractError(f"任务 {task.key} 引用了不存在的目标序号")


def _items(data: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any], str], T]) -> tuple[T, ...]:
    """A list of the contract, each item read and checked."""
    raw = data.get(key, [])
    if not isinstance(raw, list):
        raise ContractError(f"{key} 应为列表")
    return tuple(read(_as_mapping(item, f"{key}[{i}]"), f"{key}[{i}]") for i, item in enumerate(raw))


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """A required object member."""
    return _as_mapping(data.get(key), key)


def _as_mapping(value: Any, where: str) -> Mapping[str, Any]:
    """The value, which must be a JSON object."""
    if not isinstance(value, Mapping):
        raise ContractError(f"{where} 应为对象")
    return value


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    """A required, non-blank text member."""
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContractError(f"{where}.{key} 缺失或不是文本")
    return value


def _optional(raw: Mapping[str, Any], key: str, kind: type[T], where: str) -> T | None:
    """An optional member of one type."""
    value = raw.get(key)
    if value is None:
        return None
    # bool is an int in Python; a true/false where a number belongs is a wrong kind of value.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ContractError(f"{where}.{key} 类型错误：{value!r}")
    return value


def _number(value: Any, where: str) -> float | None:
    """An optional number (int or float, not bool)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContractError(f"{where} 应为数值：{value!r}")
    return float(value)


def _span(value: Any, where: str) -> tuple[int, int] | None:
    """A {from, to} horizon or a [from, to] term as a pair of years."""
    if value is None:
        return None
    pair = [value.get("from"), value.get("to")] if isinstance(value, Mapping) else value
    if not isinstance(pair, list) or len(pair) != 2 or not all(type(y) is int for y in pair):
        raise ContractError(f"{where} 应为起止年份")
    if pair[1] < pair[0]:
        raise ContractError(f"{where} 止年早于起年")
    return pair[0], pair[1]
