"""Reports keep the normalised text their quote offsets point into, and the extractor version that read it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00

Existing reports get the text their stored source bytes read to with the reader of this code; a
source the reader refuses leaves both columns NULL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from luoshi.extraction import EXTRACTOR_VERSION, ReadError
from luoshi.extraction.reading import read_document

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPORT = sa.table(
    "report",
    sa.column("id", sa.Integer()),
    sa.column("source", sa.LargeBinary()),
    sa.column("text", sa.Text()),
    sa.column("text_version", sa.String(32)),
)


def upgrade() -> None:
    """Add the two columns, then fill them report by report from the source bytes."""
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("text_version", sa.String(length=32), nullable=True))
    connection = op.get_bind()
    for (report_id,) in connection.execute(sa.select(REPORT.c.id).order_by(REPORT.c.id)).all():
        source = connection.execute(sa.select(REPORT.c.source).where(REPORT.c.id == report_id)).scalar_one()
        try:
            text = read_document(bytes(source)).text
        except ReadError:
            continue
        fill = sa.update(REPORT).where(REPORT.c.id == report_id).values(text=text, text_version=EXTRACTOR_VERSION)
        connection.execute(fill)


def downgrade() -> None:
    """Drop the two columns (the source bytes stay, from which the text can be read again)."""
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_column("text_version")
        batch_op.drop_column("text")
