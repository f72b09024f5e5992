"""spaCy helpers shared by ingestion and search: sentence boundaries and stop words.

A blank English pipeline with the rule-based sentencizer is enough here and needs no model
download; it is built once per process.
"""

from __future__ import annotations

import functools

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

# French function words, for questions written in French. (spaCy's French stop-word list is not
# imported for this: importing spacy.lang.fr builds its tokenizer exceptions, about 6 s.)
FRENCH_STOP_WORDS = frozenset(
    "a à ai au aux avec c ca ça ce ces c'est cette d dans de des du elle en est et il ils j je "
    "l la le les leur lui ma mais me mes moi mon n ne nos notre nous on ou où par pas plus pour "
    "qu que quel quelle quels quelles qui quoi s sa se ses si son sont suis sur t ta te tes toi "
    "ton tu un une vos votre vous y ans alors aussi bien faut exactement vraiment".split()
)


# What a person sighs or mutters around a question ("hmm ok what about remote", "ugh ok france
# then"): never its subject, never a filter. Read by answer composition and the dialogue state.
MUTTERED = frozenset(
    {"hmm", "hmmm", "hm", "um", "umm", "uh", "ugh", "meh", "oh", "ah", "nah", "alright", "sigh"}
    | {"damn", "oof", "whatever", "bof", "bah"}
)


# Contractions typed without their apostrophe ("ill be on 80k", "someone elses job"): a frame
# of the sentence, never its subject ("ill" is far more often "I'll" than sick in a chat).
APOSTROPHE_DROPPED = frozenset(
    {"ill", "im", "ive", "id", "youre", "youve", "theyre", "theyve", "hes", "shes", "elses"}
    | {"whats", "thats", "theres", "heres", "dont", "doesnt", "didnt", "cant", "wont", "isnt"}
    | {"arent", "wasnt", "shouldnt", "wouldnt", "couldnt", "everyones", "someones", "anyones"}
)


# Abbreviations that come before an amount: their full stop does not end a sentence
# ("around Rs. 1,70,000 a month" is one sentence).
ABBREVIATIONS = ("Rs.", "rs.", "approx.", "Approx.", "ca.", "avg.", "Avg.")


@functools.lru_cache(maxsize=1)
def nlp() -> Language:
    """A blank English pipeline with a sentencizer."""
    pipeline = spacy.blank("en")
    tokenizer: Tokenizer = pipeline.tokenizer
    for abbreviation in ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    pipeline.add_pipe("sentencizer")
    return pipeline


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences with spaCy's sentencizer."""
    if not text.strip():
        return []
    return [s.text.strip() for s in nlp()(text).sents if s.text.strip()]


def content_words(text: str, limit: int = 32) -> list[str]:
    """Lower-cased alphanumeric tokens of ``text`` that are not stop words (for search)."""
    words: list[str] = []
    for token in nlp().tokenizer(text[:2000]):
        word = token.lower_
        if (token.is_alpha or token.like_num) and len(word) > 1:
            if word in STOP_WORDS or word in APOSTROPHE_DROPPED:
                continue
            if word not in words:
                words.append(word)
    return words[:limit]
