"""Every table of luoshi, imported here so that the metadata is complete."""

from luoshi.storage.models.audit import AuditEvent
from luoshi.storage.models.enums import (
    Comparator,
    DepartmentRole,
    PlanStatus,
    ReportingCycle,
    ReportState,
    SectionKind,
    TargetKind,
    UserRole,
)
from luoshi.storage.models.people import Department, User
from luoshi.storage.models.plans import Milestone, Plan, Section, Target, Task, TaskDepartment
from luoshi.storage.models.progress import Attachment, AttachmentBlob, ProgressReport
from luoshi.storage.models.reports import Report

__all__ = [
    "Attachment",
    "AttachmentBlob",
    "AuditEvent",
    "Comparator",
    "Department",
    "DepartmentRole",
    "Milestone",
    "Plan",
    "PlanStatus",
    "ProgressReport",
    "Report",
    "ReportState",
    "ReportingCycle",
    "Section",
    "SectionKind",
    "Target",
    "TargetKind",
    "Task",
    "TaskDepartment",
    "User",
    "UserRole",
]
