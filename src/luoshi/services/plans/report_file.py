"""Importing a report file: its bytes read by the extractor, then a new draft plan, or the stored one compared.

The command line (`luoshi import`) and the demo call `import_report_file`; it is the one place that
puts the extractor and the import together. The same bytes again find the report imported before:
what a newer extraction would change is compared, and applied when asked (additions and edits only).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.extraction import EXTRACTOR_VERSION, ReadError, extract_report
from luoshi.services.actors import PLANNERS, Actor, require
from luoshi.services.errors import InvalidValue
from luoshi.services.plans.importing import ImportedReport, ImportReport, import_report
from luoshi.services.plans.reimport import ExtractionDiff, apply_import, compare_import


class UnreadableReport(InvalidValue):
    """The file cannot be read as a report (empty, binary, not a report); the extractor's words in both languages."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(error.zh)
        self.zh, self.en = error.zh, error.en


@dataclass(frozen=True)
class ReportFileImport:
    """What importing a file did.

    `imported`: the new (or, when it has no plan, the earlier) report and its plan with their counts;
    `diff`: for a file imported before, what the newer extraction changes, `applied` when it was applied.
    `warnings` are the extractor's (no headings found, no plan year …).
    """

    imported: ImportedReport | None
    diff: ExtractionDiff | None
    applied: bool
    warnings: tuple[str, ...]

    @property
    def plan_id(self) -> int | None:
        """The plan made from the file, new or earlier."""
        if self.imported is not None:
            return self.imported.plan_id
        return self.diff.plan_id if self.diff is not None else None


def import_report_file(
    *,
    sessions: sessionmaker[Session],
    actor: Actor,
    content: bytes,
    name: str,
    plan_year: int | None = None,
    apply: bool = False,
) -> ReportFileImport:
    """Extract the file and import it into a draft plan; a file imported before is compared (and applied)."""
    require(actor, *PLANNERS)
    try:
        read = extract_report(content, name=name)
    except ReadError as error:
        raise UnreadableReport(error) from None
    extraction = read.to_dict()
    warnings = tuple(extraction["warnings"])
    request = ImportReport(
        source=content,
        extraction=extraction,
        extractor_version=EXTRACTOR_VERSION,
        text=read.text,
        actor=actor.name,
        actor_id=actor.user_id,
        plan_year=plan_year,
    )
    diff = compare_import(sessions=sessions, request=request)
    if diff is None:
        return ReportFileImport(import_report(sessions=sessions, request=request), None, False, warnings)
    applied = apply and bool(diff.changes)
    if applied:
        apply_import(sessions=sessions, actor=actor, request=request)
    return ReportFileImport(None, diff, applied, warnings)
