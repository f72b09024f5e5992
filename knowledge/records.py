"""The records the store holds and its read API returns: frozen, detached from any session.

``Salary`` is the one salary type of the project: ingestion builds it from a page, the
``salary_fact`` table is declared from its fields (each field names its column type), and
queries return it with its ``Source``. Adding a field is one edit here plus a migration in
``knowledge/migrations/versions``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Column, Integer, String, Text

from gazetteer.levels import LEVELS as LEVELS  # the levels a figure is stated for

PERIODS = ("year", "month", "week", "day", "hour")
STATISTICS = ("range", "average", "median", "typical", "quartiles")
ML_ENGINEER = "ml_engineer"


def _column(type_: Any, **options: Any) -> dict[str, Any]:
    """Field metadata: the column that stores the field in ``salary_fact``."""
    return {"column": (type_, options)}


@dataclass(frozen=True)
class Source:
    """A source document as the bot cites it."""

    slug: str
    label: str
    publisher: str | None
    title: str | None
    author: str | None
    published: str | None


UNSOURCED = Source(slug="", label="", publisher=None, title=None, author=None, published=None)
"""The source of a figure read from a page not yet stored (ingestion)."""


@dataclass(frozen=True, kw_only=True)
class Salary:
    """One pay figure exactly as a source states it: who, where, how much, per what, what kind."""

    currency: str = field(metadata=_column(String(3), nullable=False))
    """ISO 4217 code."""
    quote: str = field(metadata=_column(Text, nullable=False))
    """The exact sentence (or table row) the figure was read from."""
    country: str | None = field(default=None, metadata=_column(String(2), index=True))
    """ISO 3166-1 alpha-2 code of the country the text ties the figure to; None if it names none."""
    city: str | None = field(default=None, metadata=_column(String(100), index=True))
    """The city the text ties the figure to ("Toronto"), in English; None if none."""
    role: str = field(default=ML_ENGINEER, metadata=_column(String(40), nullable=False, index=True))
    """Whose pay: ``ml_engineer``, a compared role (``data_scientist``…) or ``other``."""
    role_label: str | None = field(default=None, metadata=_column(String(100)))
    """The role as the text words it, when it is not the ML engineer ("AI Product Manager")."""
    level: str | None = field(default=None, metadata=_column(String(10), index=True))
    """One of ``LEVELS``; None when the figure covers every level."""
    level_label: str | None = field(default=None, metadata=_column(String(100)))
    """The level as the text words it ("Entry-Level (0-2 years)")."""
    years_min: int | None = field(default=None, metadata=_column(Integer))
    """Years of experience the text states for the figure ("3–5 years" → 3)."""
    years_max: int | None = field(default=None, metadata=_column(Integer))
    """Upper bound of those years; None when open ("8+ years") or unstated."""
    statistic: str = field(default="range", metadata=_column(String(12), nullable=False))
    """One of ``STATISTICS``: what kind of figure the text gives."""
    low: int | None = field(default=None, metadata=_column(Integer))
    """Lower bound (25th percentile for quartiles); None when none ("up to €150,000")."""
    high: int | None = field(default=None, metadata=_column(Integer))
    """Upper bound (75th percentile for quartiles); None when none."""
    value: int | None = field(default=None, metadata=_column(Integer))
    """The single figure of an average, median or typical pay."""
    midpoint: int | None = field(default=None, metadata=_column(Integer))
    """A midpoint or median the text gives together with a range."""
    open_ended: bool = field(default=False, metadata=_column(Boolean, nullable=False))
    """True when the text says the top is not a ceiling ("or more", "+", "from")."""
    currency_ambiguous: bool = field(default=False, metadata=_column(Boolean, nullable=False))
    """True when the text writes a bare "$" and never says which dollar (read as USD)."""
    period: str = field(default="year", metadata=_column(String(10), nullable=False))
    """One of ``PERIODS``: a day rate is a contractor's rate, never mixed into yearly pay."""
    gross: bool | None = field(default=None, metadata=_column(Boolean))
    """True when the text calls the figure gross (before tax), False for net; None if unsaid."""
    basis: str | None = field(default=None, metadata=_column(Text))
    """The sentence naming the data behind the figure ("Source: Glassdoor, as of December
    2024"); None when the text names none."""
    source: Source = field(default_factory=lambda: UNSOURCED)
    """The document that states it (set by the read API; ``UNSOURCED`` while ingesting)."""

    @property
    def amounts(self) -> list[int]:
        """Every figure it states."""
        return [a for a in (self.low, self.high, self.value, self.midpoint) if a is not None]


STORED_FIELDS = tuple(f for f in dataclasses.fields(Salary) if "column" in f.metadata)


def salary_columns() -> list[Column]:
    """The ``salary_fact`` columns that store a ``Salary``, one per field, in field order."""
    return [
        Column(f.name, f.metadata["column"][0], **f.metadata["column"][1]) for f in STORED_FIELDS
    ]


def salary_row(salary: Salary) -> dict[str, Any]:
    """The stored fields of ``salary`` as a row for ``salary_fact``."""
    return {f.name: getattr(salary, f.name) for f in STORED_FIELDS}


def salary_from_row(row: Any, source: Source) -> Salary:
    """A ``Salary`` from a ``salary_fact`` row (a mapped object or a row mapping)."""
    get = row.__getitem__ if isinstance(row, dict) else lambda name: getattr(row, name)
    return Salary(**{f.name: get(f.name) for f in STORED_FIELDS}, source=source)
