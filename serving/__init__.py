"""Serving configuration generated from the environment (endpoints)."""
