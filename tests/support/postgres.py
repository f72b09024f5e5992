"""A throwaway PostgreSQL server: ``benchmarks.postgres``, which ``make bench`` shares."""

from benchmarks.postgres import find_pg_bin, free_port, postgres_server

__all__ = ["find_pg_bin", "free_port", "postgres_server"]
