"""Frozen dataclasses of an extraction and their serialisation to the luoshi.extract/1 contract.

Kinds and comparators are the shared vocabulary's enums (`luoshi.vocabulary`), printed as their strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from luoshi.vocabulary import Comparator, SectionKind, TargetKind

SCHEMA = "luoshi.extract/1"


@dataclass(frozen=True)
class YearSpan:
    """A span of calendar years, both ends included."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"from": self.start, "to": self.end}


@dataclass(frozen=True)
class Source:
    """The file a report was read from."""

    name: str
    sha256: str
    encoding: str
    chars: int


@dataclass(frozen=True)
class Report:
    """Who reports, where and when (from the disclosure header and the text)."""

    title: str | None = None
    region: str | None = None
    level: str | None = None
    issuer: str | None = None
    index_no: str | None = None
    category: str | None = None
    doc_no: str | None = None
    keywords: tuple[str, ...] = ()
    written_date: str | None = None
    published_date: str | None = None
    delivered_date: str | None = None
    congress: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    plan_year: int | None = None
    term: tuple[int, int] | None = None


@dataclass(frozen=True)
class Section:
    """A heading of the report and the span of text it governs."""

    id: str
    parent: str | None
    number: str
    title: str
    kind: SectionKind
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """A quantified achievement the report states."""

    metric: str
    kind: TargetKind
    value: float
    unit: str
    quote: str
    start: int
    end: int
    section: str | None
    period: YearSpan | None
    per_year: bool
    estimated: bool
    base_value: float | None = None
    base_unit: str | None = None
    indicator: str | None = None  # key of a headline indicator (indicators.yaml): gdp_growth, cpi, …


@dataclass(frozen=True)
class Target:
    """A quantified or explicit goal the report sets."""

    metric: str
    kind: TargetKind
    value: float | None
    unit: str | None
    quote: str
    start: int
    end: int
    section: str | None
    comparator: Comparator | None
    horizon: YearSpan | None
    per_year: bool
    commitment: str | None
    base_value: float | None = None
    base_unit: str | None = None
    indicator: str | None = None  # key of a headline indicator (indicators.yaml): gdp_growth, cpi, …


@dataclass(frozen=True)
class Task:
    """A work item of the plan: a unit to assign and track."""

    id: str
    section: str
    title: str
    text: str
    start: int
    end: int
    horizon: YearSpan | None
    targets: tuple[int, ...]
    projects: tuple[str, ...]


@dataclass(frozen=True)
class Extraction:
    """Everything read from one report, in the order of the contract."""

    source: Source
    report: Report
    sections: tuple[Section, ...] = ()
    facts: tuple[Fact, ...] = ()
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    warnings: tuple[str, ...] = ()
    text: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the JSON object of the luoshi.extract/1 contract."""
        return {
            "schema": SCHEMA,
            "source": _plain(self.source),
            "report": _plain(self.report),
            "sections": [_plain(s) for s in self.sections],
            "facts": [_plain(f) for f in self.facts],
            "targets": [_plain(t) for t in self.targets],
            "tasks": [_plain(t) for t in self.tasks],
            "warnings": list(self.warnings),
        }


def _plain(obj: Any) -> Any:
    """Turn a dataclass tree into JSON-ready values (spans as {from, to}, tuples as lists)."""
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, YearSpan):
        return obj.to_dict()
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple | list):
        return [_plain(v) for v in obj]
    if isinstance(obj, float) and obj.is_integer():
        return int(obj)
    return obj
