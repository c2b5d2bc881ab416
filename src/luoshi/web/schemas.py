"""The API's outgoing and incoming shapes, one per direction (…Public goes out, …Create comes in)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Public(BaseModel):
    """Base of the outgoing schemas: read from the services' dataclasses."""

    model_config = ConfigDict(from_attributes=True)


class PlanPublic(Public):
    """A plan."""

    id: int
    title: str
    status: str = Field(description="draft, published or closed")
    plan_year: int
    term_start: int | None
    term_end: int | None
    report_id: int | None
    cycle: str = Field(description="monthly or quarterly")
    version: int = Field(description="the version a write must name (optimistic concurrency)")


class SectionPublic(Public):
    """A heading of a plan."""

    id: int
    key: str = Field(description="the extraction's section id, such as 3.2")
    parent_id: int | None
    number: str
    title: str
    kind: str = Field(description="review, programme, plan or other")


class TargetPublic(Public):
    """A target (目标) with its quote."""

    id: int
    task_id: int | None
    section_id: int | None
    metric: str
    kind: str = Field(description="growth, level, ratio or qualitative")
    comparator: str | None = Field(description=">=, <=, ~ or =")
    value: float | None
    unit: str | None
    horizon_start: int | None
    horizon_end: int | None
    per_year: bool
    commitment: str | None
    quote: str
    quote_start: int | None
    quote_end: int | None


class AssignmentPublic(Public):
    """A department on a task."""

    department_id: int
    name: str
    role: str = Field(description="lead (牵头单位) or cooperating (配合单位)")


class StatusPublic(Public):
    """A task's lamp (红黄绿灯) on a date."""

    colour: str = Field(description="done, not_started, green, yellow or red")
    reason: str
    flags: list[str] = Field(description="逾期 (overdue), 未报送 (late)")


class TaskPublic(Public):
    """A task (工作任务) with its departments, targets and lamp."""

    id: int
    plan_id: int
    key: str | None
    position: int
    title: str
    text: str
    section_id: int | None
    section_title: str | None
    deadline: str | None
    departments: list[AssignmentPublic]
    targets: list[TargetPublic]
    status: StatusPublic
    version: int = Field(description="the version a write must name (optimistic concurrency)")


class LampCountsPublic(Public):
    """Tasks per lamp."""

    total: int
    done: int
    green: int
    yellow: int
    red: int
    not_started: int


class GroupCountsPublic(Public):
    """Tasks per lamp of one section or lead department (id null: tasks without one)."""

    id: int | None
    name: str
    counts: LampCountsPublic


class PlanStatusPublic(BaseModel):
    """A plan's lamps on a date, as the caller may see them."""

    plan_id: int
    as_of: str
    counts: LampCountsPublic
    by_section: list[GroupCountsPublic]
    by_department: list[GroupCountsPublic]


class UserPublic(Public):
    """The signed-in user."""

    user_id: int
    username: str
    display_name: str
    role: str
    department_id: int | None
    department_name: str | None


class TokenCreate(BaseModel):
    """A request for a new API token."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=128, description="what the token is for")


class TokenIssued(BaseModel):
    """A new token; `token` is shown this once."""

    id: int
    name: str
    token: str


class ErrorBody(BaseModel):
    """The body of every error."""

    status: int
    message: str


class ErrorPublic(BaseModel):
    """An error answer: {"error": {"status": 403, "message": "…"}}."""

    error: ErrorBody
