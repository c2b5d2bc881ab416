"""Departments (责任单位) as administrators keep them: add one, rename it, edit its keywords, retire it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.audited import change, event, load
from luoshi.services.errors import InvalidValue
from luoshi.storage import people, transaction
from luoshi.storage.models import Department


@dataclass(frozen=True)
class DepartmentPublic:
    """A department as the settings page lists it."""

    id: int
    name: str
    keywords: tuple[str, ...]
    active: bool
    version: int


@dataclass(frozen=True)
class DepartmentCreate:
    """A new department and the words that suggest it for a task."""

    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class DepartmentUpdate:
    """An edit of a department seen at `version`; None leaves a field as it is."""

    department_id: int
    version: int
    name: str | None = None
    keywords: tuple[str, ...] | None = None
    active: bool | None = None


def list_departments(*, sessions: sessionmaker[Session]) -> list[DepartmentPublic]:
    """Every department, active or not, in registry order."""
    with transaction(sessions) as session:
        return [_public(d) for d in people.departments(session, active_only=False)]


def add_department(*, sessions: sessionmaker[Session], actor: Actor, request: DepartmentCreate) -> DepartmentPublic:
    """Add a department at the end of the registry (administrators and the supervision office)."""
    require(actor, *PLANNERS)
    name = _name(request.name)
    with transaction(sessions) as session:
        if people.department_by_name(session, name) is not None:
            raise InvalidValue(f"部门「{name}」已存在")
        position = max((d.position for d in people.departments(session, active_only=False)), default=0) + 1
        department = Department(name=name, keywords=list(keywords(request.keywords)), position=position)
        session.add(department)
        session.flush()
        event(session, department, actor=actor, action="create")
        return _public(department)


def edit_department(*, sessions: sessionmaker[Session], actor: Actor, request: DepartmentUpdate) -> DepartmentPublic:
    """Rename a department, replace its keywords or retire it; a stale version is a conflict."""
    require(actor, *PLANNERS)
    values: dict[str, object] = {}
    if request.name is not None:
        values["name"] = _name(request.name)
    if request.keywords is not None:
        values["keywords"] = list(keywords(request.keywords))
    if request.active is not None:
        values["active"] = request.active
    with transaction(sessions) as session:
        department = load(session, Department, request.department_id, "部门")
        clash = people.department_by_name(session, str(values.get("name", department.name)))
        if clash is not None and clash.id != department.id:
            raise InvalidValue(f"部门「{clash.name}」已存在")
        change(session, department, actor=actor, action="edit", version=request.version, values=values)
        return _public(department)


def keywords(words: tuple[str, ...]) -> tuple[str, ...]:
    """Keywords trimmed, blanks and repeats dropped, in the order given."""
    return tuple(dict.fromkeys(w.strip() for w in words if w.strip()))


def split_keywords(text: str) -> tuple[str, ...]:
    """Keywords typed in one field, separated by 、 ， , ; or spaces."""
    for mark in "、，,；;\n\t":
        text = text.replace(mark, " ")
    return keywords(tuple(text.split(" ")))


def _name(name: str) -> str:
    """A department's name must say something and fit its column."""
    name = name.strip()
    if not name or len(name) > 128:
        raise InvalidValue("部门名称不能为空，且不超过128字")
    return name


def _public(department: Department) -> DepartmentPublic:
    """The outgoing schema of a department."""
    words = tuple(str(w) for w in department.keywords)
    return DepartmentPublic(department.id, department.name, words, department.active, department.version)
