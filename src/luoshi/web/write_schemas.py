"""Shapes of the API's write operations, one per direction: …Create/…Update come in, …Public goes out."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from luoshi.services.plans.settings import PLAN_SETTINGS, PlanSetting
from luoshi.web.schemas import Public

Version = Annotated[int, Field(ge=0, le=2**31 - 1, description="the version the caller read (optimistic concurrency)")]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Title = Annotated[str, Field(min_length=1, max_length=500)]
Text = Annotated[str, Field(max_length=20000)]
Name = Annotated[str, Field(min_length=1, max_length=128)]
Narrative = Annotated[str, Field(max_length=5000)]
# A reported number: finite and within what any target could need.
Amount = Annotated[float, Field(ge=-1e12, le=1e12, allow_inf_nan=False)]


class In(BaseModel):
    """Base of the incoming schemas: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class TaskCreate(In):
    """A task added by hand at the end of a plan."""

    title: Title
    text: Text = ""
    section_id: Id | None = None


class TaskUpdate(In):
    """An edit of a task read at `version`; a field left out stays as it is."""

    version: Version
    title: Title | None = None
    text: Text | None = None
    section_id: Id | None = None


class AssignmentUpdate(In):
    """The lead department (牵头单位) and cooperating ones (配合单位), by name, replacing the old ones."""

    version: Version
    lead: Name
    cooperating: list[Name] = Field(default_factory=list, max_length=50)


class ScheduleUpdate(In):
    """The responsible leader (牵头领导) and the deadline (完成时限); a field left out stays as it is."""

    version: Version
    lead_leader: Annotated[str, Field(max_length=64)] | None = None
    deadline: date | None = None


class PublishCreate(In):
    """A request to publish a draft plan read at `version`."""

    version: Version


class ReportCreate(In):
    """A progress report (进展报送) of a period "YYYY-MM", saved as a draft; values keyed by target id."""

    period: Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]
    values: dict[Annotated[str, Field(pattern=r"^\d{1,9}$")], Amount] = Field(default_factory=dict, max_length=200)
    percent: Amount | None = None
    progress_text: Narrative = ""
    problems: Narrative = ""
    next_steps: Narrative = ""


class ReportUpdate(ReportCreate):
    """An edit of a draft or returned report read at `version`."""

    version: Version


class StepCreate(In):
    """Submit or approve a report read at `version`."""

    version: Version


class ReturnCreate(In):
    """Return a submitted report with the reviewer's comment."""

    version: Version
    comment: Annotated[str, Field(min_length=1, max_length=2000)]


class DepartmentCreate(In):
    """A new department and the keywords that suggest it."""

    name: Name
    keywords: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(default_factory=list, max_length=200)


class DepartmentUpdate(In):
    """An edit of a department read at `version`; a field left out stays as it is."""

    version: Version
    name: Name | None = None
    keywords: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = Field(None, max_length=200)
    active: bool | None = None


class AccountCreate(In):
    """A new account; a department user names its department."""

    username: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.\-]{2,64}$")]
    password: Annotated[str, Field(min_length=8, max_length=256)]
    role: Annotated[str, Field(pattern="^(admin|supervisor|department|leader)$")]
    department: Name | None = None
    display_name: Annotated[str, Field(max_length=64)] = ""


class PasswordUpdate(In):
    """A new password for an account read at `version`."""

    version: Version
    password: Annotated[str, Field(min_length=8, max_length=256)]


class VersionPublic(BaseModel):
    """A record after a change: its id and new version."""

    id: int
    version: int


class ReportPublic(Public):
    """A progress report as stored."""

    id: int
    task_id: int
    period: str
    revision: int
    state: str = Field(description="draft, submitted, approved or returned")
    values: dict[str, float]
    percent: float | None
    progress_text: str
    problems: str
    next_steps: str
    comment: str | None
    author_id: int | None
    reviewer_id: int | None
    submitted_at: datetime | None
    reviewed_at: datetime | None
    version: int


class MatchPublic(BaseModel):
    """A suggested department and why."""

    name: str
    reason: str
    score: int


class SuggestionPublic(BaseModel):
    """The suggested lead and cooperating departments of a task."""

    lead: MatchPublic | None
    cooperating: list[MatchPublic]


class DepartmentPublic(Public):
    """A department with its keywords."""

    id: int
    name: str
    keywords: list[str]
    active: bool
    version: int


class AccountPublic(Public):
    """An account (never its password)."""

    id: int
    username: str
    display_name: str
    role: str
    department: str | None
    disabled: bool
    version: int


def _setting_field(setting: PlanSetting) -> Any:
    """A plan setting as a schema field: its type, bounds and words from its one declaration."""
    words = f"{setting.label}{f'（{setting.unit_label}）' if setting.unit else ''}：{setting.hint}"
    if setting.choices:
        choices = "，".join(f"{value} {label}" for value, label in setting.choices)
        return Annotated[setting.kind, Field(title=setting.label, description=f"{words}（{choices}）")]
    above, low, high = setting.above_minimum, setting.minimum, setting.maximum
    bounds = Field(
        gt=low if above else None, ge=None if above else low, le=high, title=setting.label, description=words
    )
    if setting.kind is int:
        return Annotated[int, bounds]
    return Annotated[float, bounds, Field(allow_inf_nan=False)]


_SETTINGS: dict[str, Any] = {s.name: (_setting_field(s), ...) for s in PLAN_SETTINGS}

if TYPE_CHECKING:  # made from the declarations below; a type checker sees their bases
    PlanSettingsUpdate = In
    PlanSettingsPublic = Public
else:
    PlanSettingsUpdate = create_model(
        "PlanSettingsUpdate",
        __base__=In,
        __doc__="The plan's reporting cycle and lamp thresholds, every setting of docs/status-rules.md.",
        version=(Version, ...),
        **_SETTINGS,
    )
    PlanSettingsPublic = create_model(
        "PlanSettingsPublic",
        __base__=Public,
        __doc__="A plan's settings and version.",
        plan_id=(int, ...),
        version=(int, ...),
        **_SETTINGS,
    )
