"""Statements that PostgreSQL plans once per connection (``PREPARE`` / ``EXECUTE``).

psycopg2 sends every statement as text with its values in it, so PostgreSQL parses and plans
it again on each query: about 1 ms for search and 0.3–0.4 ms for a topic or salary statement
at five pages, more than running them. A ``Prepared`` statement is the read API's SQLAlchemy
statement compiled once for PostgreSQL, prepared on a pooled connection the first time that
connection runs it, then executed by name; on SQLite (whose driver keeps its own cache of
prepared statements) it is the statement itself, run by the session.

The pool's connections live as long as the action server, so each prepares each statement
once. A connection the pool replaces starts with none: what it has prepared is kept in the
connection's ``info``, which SQLAlchemy empties when it opens a new one.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.dialects.postgresql import psycopg2
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.types import NullType

_DIALECT = psycopg2.dialect()
# A bound value (psycopg2's "%(name)s"), an escaped percent sign, or an "IN" over a list bound
# when executed (SQLAlchemy's "expanding" parameter), which a prepared statement takes as one
# array: "x IN (__[POSTCOMPILE_ids])" becomes "x = ANY($1)" (the same rows, also for none).
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%| IN \(__\[POSTCOMPILE_(\w+)\]\)")
_INFO_KEY = "knowledge.prepared"


@dataclass(frozen=True)
class _Compiled:
    """A statement's PostgreSQL form: its name, PREPARE and EXECUTE, and its parameters."""

    name: str
    prepare: str
    execute: str
    names: tuple[str, ...]
    """The parameters in the order of ``$1, $2…``."""
    defaults: dict[str, Any]
    """Values the statement holds itself (``role = 'ml_engineer'``), bound like the others."""


def _compile(statement: Executable, types: Mapping[str, str]) -> _Compiled:
    """Compile ``statement`` for PostgreSQL, its bound values numbered ``$1, $2…``."""
    compiled = statement.compile(dialect=_DIALECT)
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        name = match.group(1) or match.group(2)
        if name not in names:
            names.append(name)
        position = f"${names.index(name) + 1}"
        return f" = ANY({position})" if match.group(2) else position

    sql = _PLACEHOLDER.sub(number, compiled.string)
    if "POSTCOMPILE" in sql:
        raise ValueError(f"cannot prepare {sql!r}: only IN over a list is supported")
    declared = dict(types)
    for name in names:
        if name not in declared:
            bind = compiled.binds[name]
            if isinstance(bind.type, NullType):
                raise ValueError(f"parameter {name!r} needs a type to be prepared")
            sql_type = bind.type.compile(dialect=_DIALECT)
            declared[name] = sql_type + "[]" if bind.expanding else sql_type
    name = "knowledge_" + hashlib.sha1(sql.encode()).hexdigest()[:16]
    arguments = ", ".join(f"%({name})s" for name in names)
    return _Compiled(
        name=name,
        prepare=f"PREPARE {name} ({', '.join(declared[n] for n in names)}) AS {sql}",
        execute=f"EXECUTE {name} ({arguments})" if names else f"EXECUTE {name}",
        names=tuple(names),
        defaults={key: value for key, value in compiled.params.items() if value is not None},
    )


class Prepared:
    """One read-API statement, prepared on each PostgreSQL connection that runs it."""

    def __init__(self, statement: Executable, types: Mapping[str, str] | None = None) -> None:
        """Wrap ``statement``; it is compiled for PostgreSQL when PostgreSQL first runs it.

        Args:
            statement: a Core statement or ``text()`` whose values are bound parameters.
            types: the SQL type of parameters SQLAlchemy cannot type (those of ``text()``).
        """
        self.statement = statement
        self.types = dict(types or {})

    @functools.cached_property
    def postgres(self) -> _Compiled:
        """The statement's PostgreSQL form (compiled once, on first use: SQLite never needs it)."""
        return _compile(self.statement, self.types)

    def execute(self, session: Session, parameters: Mapping[str, Any]) -> Result:
        """Run the statement with ``parameters`` in the session."""
        connection = session.connection()
        if connection.dialect.name != "postgresql":
            return session.execute(self.statement, dict(parameters))
        statement = self.postgres
        prepared: set[str] = connection.connection.info.setdefault(_INFO_KEY, set())
        if statement.name not in prepared:
            connection.exec_driver_sql(statement.prepare)
            prepared.add(statement.name)
        values = {**statement.defaults, **parameters}
        return connection.exec_driver_sql(
            statement.execute, {name: values.get(name) for name in statement.names}
        )
