"""Salary answers read their figures in index order; the overview reads a per-country summary.

An answer lists figures by source (its slug), junior first, then in the order read. That order
joined every matching fact to its document and sorted them all, hundreds per country in a store
of 10,000 pages, to keep forty; the overview with no country grouped all 17,000 facts to name
its countries. ``salary_fact`` now holds its document's slug and its level's rank, indexed in
the answer's order, and ``salary_summary`` holds each country's first source and fact and its
number of facts by role and level (ingestion writes both; this migration fills them).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Kept here as it was written: a migration does not change when the code does.
_LEVEL_RANK = "coalesce(nullif({position}('junior mid senior lead', coalesce(level, '')), 0), 99)"


def upgrade() -> None:
    """Add salary_fact.document_slug, level_rank and their indexes; create salary_summary."""
    bind = op.get_bind()
    with op.batch_alter_table("salary_fact") as batch:
        batch.add_column(
            sa.Column("document_slug", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("level_rank", sa.Integer(), nullable=False, server_default="99"))
    position = "instr" if bind.dialect.name == "sqlite" else "strpos"
    op.execute(
        "UPDATE salary_fact SET document_slug = "
        "(SELECT slug FROM document WHERE document.id = salary_fact.document_id), "
        f"level_rank = {_LEVEL_RANK.format(position=position)}"
    )
    op.create_index(
        "ix_salary_fact_by_country",
        "salary_fact",
        ["role", "country", "document_slug", "level_rank", "id"],
    )
    op.create_index(
        "ix_salary_fact_in_order", "salary_fact", ["role", "document_slug", "level_rank", "id"]
    )
    op.create_table(
        "salary_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("level", sa.String(10)),
        sa.Column("country", sa.String(2)),
        sa.Column("first_slug", sa.String(200), nullable=False),
        sa.Column("first_fact", sa.Integer(), nullable=False),
        sa.Column("facts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_salary_summary"),
    )
    op.create_index("ix_salary_summary_role", "salary_summary", ["role"])
    op.execute(SUMMARY_FILL)


SUMMARY_FILL = (
    "INSERT INTO salary_summary (role, level, country, first_slug, first_fact, facts) "
    "SELECT role, level, country, min(document_slug), min(id), count(*) FROM salary_fact "
    "GROUP BY role, level, country"
)


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_index("ix_salary_summary_role", table_name="salary_summary")
    op.drop_table("salary_summary")
    op.drop_index("ix_salary_fact_in_order", table_name="salary_fact")
    op.drop_index("ix_salary_fact_by_country", table_name="salary_fact")
    with op.batch_alter_table("salary_fact") as batch:
        batch.drop_column("level_rank")
        batch.drop_column("document_slug")
