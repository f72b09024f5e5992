"""The knowledge store: source documents about the ML engineer career, cleaned, split and tagged.

Nothing in this package imports Rasa. Ingestion (``ingest``) writes; ``query`` only reads.
"""
