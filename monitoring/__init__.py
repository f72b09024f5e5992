"""Learning from use: ratings of the bot's answers, live metrics, the tracker store's address.

Nothing here imports Rasa at module level, so the light processes (the action server, the
report) can use it. It sits beside ``knowledge`` in the layers: ``channels``, ``actions``,
``serving`` and ``evaluation`` may import it; it imports only ``runtime``.
"""
