"""The domain's closed sets of values and their Chinese labels, once, for every layer.

PURE: no import from luoshi. Each enum is a `StrEnum`, so a member is its stored string: the
tables keep it, the extraction contract prints it, and a form's value compares equal to it.
Each member's `label` is the word a user reads.
"""

from __future__ import annotations

from enum import StrEnum


class PlanStatus(StrEnum):
    """A plan's life: draft → published → closed."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """草稿, 已发布 or 已关闭, as the workbench shows it."""
        return _PLAN_LABELS[self]

    @property
    def public_label(self) -> str:
        """执行中 or 已结束, as the public portal shows a plan it may show (blank for a draft)."""
        return _PLAN_PUBLIC_LABELS.get(self, "")


class ReportingCycle(StrEnum):
    """How often departments report on a plan: monthly by default, quarterly as a plan setting."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    @property
    def months(self) -> int:
        """Months in one reporting period."""
        return 1 if self is ReportingCycle.MONTHLY else 3

    @property
    def counter(self) -> str:
        """The Chinese counter for a number of periods, as in 3个月 / 3个季度."""
        return "个月" if self is ReportingCycle.MONTHLY else "个季度"

    @property
    def label(self) -> str:
        """每月 or 每季度."""
        return "每月" if self is ReportingCycle.MONTHLY else "每季度"


class SectionKind(StrEnum):
    """What a heading governs, as in the extraction contract."""

    REVIEW = "review"
    PROGRAMME = "programme"
    PLAN = "plan"
    OTHER = "other"

    @property
    def label(self) -> str:
        """工作回顾, 规划目标, 年度安排 or 其他."""
        return _SECTION_LABELS[self]


class TargetKind(StrEnum):
    """What a target measures, as in the extraction contract."""

    GROWTH = "growth"
    LEVEL = "level"
    RATIO = "ratio"
    QUALITATIVE = "qualitative"

    @property
    def label(self) -> str:
        """增长率, 数量, 比率 or 定性."""
        return _KIND_LABELS[self]


class Comparator(StrEnum):
    """How a value meets a target, as in the extraction contract."""

    AT_LEAST = ">="
    AT_MOST = "<="
    ABOUT = "~"
    EQUAL = "="

    @property
    def label(self) -> str:
        """The word written after the number: 以上, 以内, 左右, or nothing for a bare number."""
        return _COMPARATOR_LABELS[self]


class DepartmentRole(StrEnum):
    """A department's part in a task."""

    LEAD = "lead"
    COOPERATING = "cooperating"

    @property
    def label(self) -> str:
        """牵头单位 or 配合单位."""
        return "牵头单位" if self is DepartmentRole.LEAD else "配合单位"


class UserRole(StrEnum):
    """What a signed-in user may do."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    DEPARTMENT = "department"
    LEADER = "leader"

    @property
    def label(self) -> str:
        """系统管理员, 督查室, 责任单位 or 领导."""
        return _ROLE_LABELS[self]


class ReportState(StrEnum):
    """A progress report's life: draft → submitted → approved or returned."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        """草稿, 已提交, 已审核 or 已退回."""
        return _STATE_LABELS[self]


class Colour(StrEnum):
    """The lamp (红黄绿灯) plus the states before and after judging."""

    DONE = "done"
    NOT_STARTED = "not_started"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def severity(self) -> int:
        """Rank for the worst-of roll-up: done is best, red is worst."""
        return _SEVERITY[self]

    @property
    def label(self) -> str:
        """已完成, 未开始, 绿灯, 黄灯 or 红灯."""
        return _COLOUR_LABELS[self]


class Flag(StrEnum):
    """Marks a lamp carries besides its colour; the value is the Chinese word shown."""

    OVERDUE = "逾期"
    LATE = "未报送"

    @property
    def label(self) -> str:
        """The word itself."""
        return self.value


def colour_label(colour: str) -> str:
    """The Chinese word of a lamp colour given by its stored string (the string itself if unknown)."""
    try:
        return Colour(colour).label
    except ValueError:
        return colour


_PLAN_LABELS = {PlanStatus.DRAFT: "草稿", PlanStatus.PUBLISHED: "已发布", PlanStatus.CLOSED: "已关闭"}
_PLAN_PUBLIC_LABELS = {PlanStatus.PUBLISHED: "执行中", PlanStatus.CLOSED: "已结束"}
_SECTION_LABELS = {
    SectionKind.REVIEW: "工作回顾",
    SectionKind.PROGRAMME: "规划目标",
    SectionKind.PLAN: "年度安排",
    SectionKind.OTHER: "其他",
}
_KIND_LABELS = {
    TargetKind.LEVEL: "数量",
    TargetKind.RATIO: "比率",
    TargetKind.GROWTH: "增长率",
    TargetKind.QUALITATIVE: "定性",
}
_COMPARATOR_LABELS = {
    Comparator.AT_LEAST: "以上",
    Comparator.AT_MOST: "以内",
    Comparator.ABOUT: "左右",
    Comparator.EQUAL: "",
}
_ROLE_LABELS = {
    UserRole.ADMIN: "系统管理员",
    UserRole.SUPERVISOR: "督查室",
    UserRole.DEPARTMENT: "责任单位",
    UserRole.LEADER: "领导",
}
_STATE_LABELS = {
    ReportState.DRAFT: "草稿",
    ReportState.SUBMITTED: "已提交",
    ReportState.APPROVED: "已审核",
    ReportState.RETURNED: "已退回",
}
_SEVERITY = {Colour.DONE: 0, Colour.NOT_STARTED: 1, Colour.GREEN: 2, Colour.YELLOW: 3, Colour.RED: 4}
_COLOUR_LABELS = {
    Colour.DONE: "已完成",
    Colour.NOT_STARTED: "未开始",
    Colour.GREEN: "绿灯",
    Colour.YELLOW: "黄灯",
    Colour.RED: "红灯",
}
