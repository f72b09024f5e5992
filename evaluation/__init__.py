"""Evaluation of the assistant on the held-out set (``evaluation/sets/heldout.yml``).

    python -m evaluation [--nlu-only] [--config PATH] [--model PATH]

Three measures on the same turns: NLU (intents, out-of-scope refusals, entities, parse latency)
with the trained model loaded in-process, end-to-end answers from the real bot over its REST
channel, and a retrieval baseline (the best full-text passage). The report goes to ``reports/``.
"""
