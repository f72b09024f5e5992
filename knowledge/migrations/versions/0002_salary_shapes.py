"""Pay in every shape a page states it: role, city, years, kind of figure, period, which dollar.

The midpoint given with a range was called ``median``; a median is now a kind of figure of its
own (``statistic``), so the column is renamed ``midpoint``. Existing rows are ML-engineer yearly
ranges, which the defaults say.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the new salary columns; rename median to midpoint."""
    with op.batch_alter_table("salary_fact") as batch:
        batch.alter_column("median", new_column_name="midpoint", existing_type=sa.Integer)
        batch.add_column(sa.Column("city", sa.String(100)))
        batch.add_column(
            sa.Column("role", sa.String(40), nullable=False, server_default="ml_engineer")
        )
        batch.add_column(sa.Column("role_label", sa.String(100)))
        batch.add_column(sa.Column("years_min", sa.Integer))
        batch.add_column(sa.Column("years_max", sa.Integer))
        batch.add_column(
            sa.Column("statistic", sa.String(12), nullable=False, server_default="range")
        )
        batch.add_column(sa.Column("value", sa.Integer))
        batch.add_column(
            sa.Column("currency_ambiguous", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.create_index("ix_salary_fact_city", ["city"])
        batch.create_index("ix_salary_fact_role", ["role"])


def downgrade() -> None:
    """Back to the first revision."""
    with op.batch_alter_table("salary_fact") as batch:
        batch.drop_index("ix_salary_fact_role")
        batch.drop_index("ix_salary_fact_city")
        for column in (
            "currency_ambiguous",
            "value",
            "statistic",
            "years_max",
            "years_min",
            "role_label",
            "role",
            "city",
        ):
            batch.drop_column(column)
        batch.alter_column("midpoint", new_column_name="median", existing_type=sa.Integer)
