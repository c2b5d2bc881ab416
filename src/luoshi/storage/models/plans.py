"""A plan and its tree: sections, tasks, targets (linked to their quotes), milestones and assignments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from luoshi.storage.base import Base, Versioned, choice, utcnow
from luoshi.vocabulary import Comparator, DepartmentRole, PlanStatus, ReportingCycle, SectionKind, TargetKind


class Plan(Versioned, Base):
    """The accountable plan of a plan year (and a term for a five-year programme) with its status rules."""

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("yellow_points >= 0 AND yellow_points <= red_points", name="thresholds"),
        CheckConstraint("term_start IS NULL OR term_end >= term_start", name="term"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[PlanStatus] = mapped_column(choice(PlanStatus, "plan_status"), default=PlanStatus.DRAFT)
    plan_year: Mapped[int]
    term_start: Mapped[int | None]
    term_end: Mapped[int | None]
    # The plan's settings, each declared in luoshi.tracking.settings (type, default, bounds, label); a
    # column per declaration, with its default (tests/storage/test_plan_settings.py holds them together).
    cycle: Mapped[ReportingCycle] = mapped_column(
        choice(ReportingCycle, "reporting_cycle"), default=ReportingCycle.MONTHLY
    )
    yellow_points: Mapped[float] = mapped_column(Float, default=10.0)
    red_points: Mapped[float] = mapped_column(Float, default=30.0)
    growth_yellow_points: Mapped[float] = mapped_column(Float, default=1.0)
    not_started_periods: Mapped[int] = mapped_column(default=3)
    approx_tolerance_points: Mapped[float] = mapped_column(Float, default=0.5)
    report_grace_days: Mapped[int] = mapped_column(default=5)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    sections: Mapped[list[Section]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Section.position"
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Task.position"
    )


class Section(Versioned, Base):
    """A heading of the plan; `key` is the extraction's section id such as "3.2"."""

    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[SectionKind] = mapped_column(choice(SectionKind, "section_kind"))
    position: Mapped[int] = mapped_column(default=0)

    plan: Mapped[Plan] = relationship(back_populates="sections")
    targets: Mapped[list[Target]] = relationship(
        back_populates="section", order_by="Target.position", foreign_keys="Target.section_id"
    )


class Task(Versioned, Base):
    """A work item (工作任务) to assign and track, with its deadline (完成时限)."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"), index=True)
    key: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    lead_leader: Mapped[str | None] = mapped_column(String(64))
    horizon_start: Mapped[int | None]
    horizon_end: Mapped[int | None]
    deadline: Mapped[date | None]
    quote_start: Mapped[int | None]
    quote_end: Mapped[int | None]

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    targets: Mapped[list[Target]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        order_by="Target.position",
        foreign_keys="Target.task_id",
    )
    departments: Mapped[list[TaskDepartment]] = relationship(back_populates="task", cascade="all, delete-orphan")
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Milestone.due"
    )


class Target(Versioned, Base):
    """A target (目标) of a task, or of a section directly (the main expected targets), with its quote."""

    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint("task_id IS NOT NULL OR section_id IS NOT NULL", name="owner"),
        CheckConstraint("quote_end IS NULL OR quote_end >= quote_start", name="quote_span"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    metric: Mapped[str] = mapped_column(Text)
    kind: Mapped[TargetKind] = mapped_column(choice(TargetKind, "target_kind"))
    comparator: Mapped[Comparator | None] = mapped_column(choice(Comparator, "comparator"))
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    base_value: Mapped[float | None] = mapped_column(Float)
    base_unit: Mapped[str | None] = mapped_column(String(32))
    horizon_start: Mapped[int | None]
    horizon_end: Mapped[int | None]
    per_year: Mapped[bool] = mapped_column(default=False)
    commitment: Mapped[str | None] = mapped_column(String(16))
    quote: Mapped[str] = mapped_column(Text, default="")
    quote_start: Mapped[int | None]
    quote_end: Mapped[int | None]

    section: Mapped[Section | None] = relationship(back_populates="targets", foreign_keys=[section_id])
    task: Mapped[Task | None] = relationship(back_populates="targets", foreign_keys=[task_id])


class TaskDepartment(Versioned, Base):
    """A department assigned to a task as lead (牵头单位) or cooperating (配合单位)."""

    __tablename__ = "task_department"
    __table_args__ = (UniqueConstraint("task_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"), index=True)
    role: Mapped[DepartmentRole] = mapped_column(choice(DepartmentRole, "department_role"))

    task: Mapped[Task] = relationship(back_populates="departments")


class Milestone(Versioned, Base):
    """A dated checkpoint (节点) of a task; `done_on` is set when it is met."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    due: Mapped[date]
    done_on: Mapped[date | None]

    task: Mapped[Task] = relationship(back_populates="milestones")
