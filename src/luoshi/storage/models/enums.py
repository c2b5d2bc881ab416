"""The closed sets of values the tables store, each as its stored string."""

from __future__ import annotations

from enum import Enum


class PlanStatus(Enum):
    """A plan's life: draft → published → closed."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class ReportingCycle(Enum):
    """How often departments report on a plan."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class SectionKind(Enum):
    """What a heading governs, as in the extraction contract."""

    REVIEW = "review"
    PROGRAMME = "programme"
    PLAN = "plan"
    OTHER = "other"


class TargetKind(Enum):
    """What a target measures, as in the extraction contract."""

    GROWTH = "growth"
    LEVEL = "level"
    RATIO = "ratio"
    QUALITATIVE = "qualitative"


class Comparator(Enum):
    """How a value meets a target, as in the extraction contract."""

    AT_LEAST = ">="
    AT_MOST = "<="
    ABOUT = "~"
    EQUAL = "="


class DepartmentRole(Enum):
    """A department's part in a task: 牵头单位 or 配合单位."""

    LEAD = "lead"
    COOPERATING = "cooperating"


class UserRole(Enum):
    """What a signed-in user may do."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    DEPARTMENT = "department"
    LEADER = "leader"


class ReportState(Enum):
    """A progress report's life: draft → submitted → approved or returned."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
