"""Custom actions: thin adapters between Rasa and the knowledge store (one module per feature).

The action server's entry point (``actions/server.py``) keeps TensorFlow out of its process.
"""
