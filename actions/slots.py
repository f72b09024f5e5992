"""Slot names shared by the actions (they must match domain.yml)."""

COUNTRY = "country"
LEVEL = "level"
TOPIC = "topic"
ROLE = "role"
SPECIALISATION = "specialisation"
BACKGROUND = "background"
LAST_ANSWER = "last_answer"
