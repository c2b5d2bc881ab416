"""The department registry (a YAML data file), seeding it, and lead/cooperating suggestions for a task."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import people, transaction
from luoshi.storage.audit import record_event
from luoshi.storage.models import Department, Task

# A word in the title says more about the task than the same word deep in its text.
TITLE_WEIGHT = 2


class RegistryError(ValueError):
    """The department registry file is malformed; the message says which entry."""


@dataclass(frozen=True)
class DepartmentSeed:
    """A department as the registry lists it: name and duty keywords."""

    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentMatch:
    """A department suggested for a task, the words that matched and how often."""

    name: str
    words: tuple[str, ...]
    score: int

    @property
    def reason(self) -> str:
        """匹配关键词：园区、招商引资."""
        return "匹配关键词：" + "、".join(self.words)


@dataclass(frozen=True)
class Suggestion:
    """The suggested lead department (牵头单位) and cooperating ones (配合单位), best first."""

    lead: DepartmentMatch | None
    cooperating: tuple[DepartmentMatch, ...]


def load_registry(text: str | None = None) -> tuple[DepartmentSeed, ...]:
    """Read the registry (the bundled data/departments.yaml unless text is given) and check it."""
    if text is None:
        text = resources.files("luoshi").joinpath("data/departments.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, list) or not raw:
        raise RegistryError("部门名录应为非空列表")
    seeds = tuple(_seed(item, i) for i, item in enumerate(raw))
    names = [s.name for s in seeds]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RegistryError(f"部门名录中有重名：{'、'.join(duplicates)}")
    return seeds


def _seed(item: Any, index: int) -> DepartmentSeed:
    """One registry entry: a name and at least one keyword of two characters or more."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise RegistryError(f"部门名录第{index + 1}项缺少名称")
    words = item.get("keywords")
    if not isinstance(words, list) or not words or not all(isinstance(w, str | int) for w in words):
        raise RegistryError(f"部门「{item['name']}」缺少关键词列表")
    keywords = tuple(str(w) for w in words)
    short = [w for w in keywords if len(w) < 2]
    if short:
        raise RegistryError(f"部门「{item['name']}」的关键词过短：{'、'.join(short)}")
    return DepartmentSeed(item["name"].strip(), keywords)


def seed_departments(*, sessions: sessionmaker[Session], registry: Sequence[DepartmentSeed], actor: str) -> int:
    """Add the registry's departments that are not there yet (by name); returns how many were added."""
    with transaction(sessions) as session:
        present = people.department_names(session)
        added = [
            Department(name=s.name, keywords=list(s.keywords), position=i)
            for i, s in enumerate(registry)
            if s.name not in present
        ]
        session.add_all(added)
        session.flush()
        for department in added:
            record_event(session, actor=actor, action="seed", record=department)
        return len(added)


def suggest_departments(
    *, title: str, text: str, departments: Sequence[DepartmentSeed], cooperating: int = 3
) -> Suggestion:
    """Rank departments by their keywords in the task; the best leads, the next ones cooperate."""
    hits = _hits({w for d in departments for w in d.keywords}, title, text)
    matches = []
    for department in departments:
        words = tuple(w for w in department.keywords if w in hits)
        if words:
            matches.append(DepartmentMatch(department.name, words, sum(hits[w] for w in words)))
    # sorted() is stable, so equal scores keep the registry's order.
    ranked = sorted(matches, key=lambda m: -m.score)
    return Suggestion(lead=ranked[0] if ranked else None, cooperating=tuple(ranked[1 : 1 + cooperating]))


def _hits(words: set[str], title: str, text: str) -> dict[str, int]:
    """How often each keyword occurs, longest first, so 产业园 inside 农业产业园 is not counted again."""
    hits: dict[str, int] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        count = text.count(word) + TITLE_WEIGHT * title.count(word)
        if count:
            hits[word] = count
            blank = "\0" * len(word)
            title, text = title.replace(word, blank), text.replace(word, blank)
    return hits


def suggest_for_task(*, sessions: sessionmaker[Session], task_id: int, cooperating: int = 3) -> Suggestion:
    """Suggest departments for a stored task from the active departments' keywords."""
    with transaction(sessions) as session:
        task = session.get_one(Task, task_id)
        seeds = [_as_seed(d) for d in people.departments(session)]
        title, text = task.title, task.text
    return suggest_departments(title=title, text=text, departments=seeds, cooperating=cooperating)


def _as_seed(department: Department) -> DepartmentSeed:
    """A stored department as the matcher needs it."""
    return DepartmentSeed(department.name, tuple(str(w) for w in department.keywords))
