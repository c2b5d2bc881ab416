"""Every table of luoshi, imported here so that the metadata is complete."""

from luoshi.storage.models.access import ApiToken, LoginAttempt, WebSession
from luoshi.storage.models.audit import AuditEvent
from luoshi.storage.models.people import Department, User
from luoshi.storage.models.plans import Milestone, Plan, Section, Target, Task, TaskDepartment
from luoshi.storage.models.progress import Attachment, AttachmentBlob, ProgressReport
from luoshi.storage.models.reports import Report

__all__ = [
    "ApiToken",
    "Attachment",
    "AttachmentBlob",
    "AuditEvent",
    "Department",
    "LoginAttempt",
    "Milestone",
    "Plan",
    "ProgressReport",
    "Report",
    "Section",
    "Target",
    "Task",
    "TaskDepartment",
    "User",
    "WebSession",
]
