"""The gazetteer: entity mentions users type, read by the spaCy entity ruler and normalised."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from gazetteer.entities import normalise, ruler_patterns


@pytest.fixture(scope="module")
def ruler() -> Language:
    """The same entity ruler `make spacy-model` saves, built in memory from the gazetteer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    nlp.get_pipe("entity_ruler").add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    return nlp


def _entities(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(span.label_, span.ent_id_ or span.text) for span in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("salaries in London", ("country", "GB")),
        ("how much in the States", ("country", "US")),
        ("mle salary us", ("country", "US")),  # "us" after a pay word or "in" is the country
        ("how much in us", ("country", "US")),
        ("us salary for a junior?", ("country", "US")),  # ... and before a pay or market word
        ("what are us rates like", ("country", "US")),
        ("uk vs us", ("country", "US")),
        ("and paris?", ("country", "FR")),
        ("what do they earn in frnace", ("country", "FR")),  # a swap of two letters
        ("germny pay", ("country", "DE")),
        ("ml jobs in austrailia", ("country", "AU")),
        ("what about britian", ("country", "GB")),
        ("do australians earn more", ("country", "AU")),  # a plural is no typo of "australia"
        ("what do germans make", ("country", "DE")),
        ("salary for a junior", ("level", "junior")),
        ("vs a data scientist", ("role", "data_scientist")),
        ("and vs a data engineer?", ("role", "data_engineer")),
        ("je suis comptable depuis 8 ans", ("background", "finance")),
        ("il faut quels outils ?", ("skill_area", "tools")),
        ("i work in logistics", ("background", "operations")),
        ("je suis prof de maths au lycée", ("background", "teaching")),
        ("combien en début de carrière ?", ("level", "junior")),
        ("et le salaire en sortie d'école ?", ("level", "junior")),
        ("what's the pay like for someone just starting?", ("level", "junior")),
        ("how much at the start of my career", ("level", "junior")),
        ("and in bangalore", ("country", "IN")),  # an old name the gazetteer lacks
        ("what about zurich", ("country", "CH")),  # "Zürich" typed without its accent
        # the whole span, so that more than five years is senior, as "5+ years" is
        ("et pour un senior avec plus de 5 ans ?", ("level", "plus de 5 ans")),
        ("someone with more than 5 years", ("level", "more than 5 years")),
    ],
)
def test_mentions_users_type_are_recognised(
    ruler: Language, text: str, expected: tuple[str, str]
) -> None:
    assert expected in _entities(ruler, text)


@pytest.mark.parametrize(
    "text",
    [
        "ok say i want to try, where do i begin",  # "begin" is two edits from "belgian"
        "what is the median salary",  # "median" ~ "mexican"
        "is a medical background useful",  # "medical" ~ "mexican"
        "what's the state of the job market",  # "state" ~ "states"
        "does the job status matter",
        "brain teasers in interviews?",  # "brain" ~ "britain"
        "do you work on an island",  # "island" ~ "ireland"
        "tell us about it",  # "us" and "it" in lower case are pronouns
        "can you help us in choosing",
        "give us a hand",
        "tell us more",
        "which portal lists jobs",  # "portal" ~ "portugal"
        "what does a typical day look like",
    ],
)
def test_everyday_words_are_not_read_as_countries(ruler: Language, text: str) -> None:
    assert not {e for e in _entities(ruler, text) if e[0] == "country"}


@pytest.mark.parametrize(
    ("entity", "text", "value"),
    [
        ("country", "the UK", "GB"),
        ("country", "salary us", "US"),
        ("country", "in us", "US"),
        ("country", "american", "US"),
        ("country", "Manchester", "GB"),
        ("country", "atlantis", None),
        ("level", "4 years of experience", "mid"),
        ("level", "plus de 5 ans", "senior"),
        ("level", "more than 5 years", "senior"),
        ("level", "5 ans", "mid"),
        ("level", "entry-level", "junior"),
        ("level", "profil intermédiaire", "mid"),
        ("level", "senior", "senior"),
        ("role", "DS", "data_scientist"),
        ("role", "software engineers", "software_engineer"),
        ("study_route", "without a degree", "no_degree"),
        ("country", "   ", None),
    ],
)
def test_normalise(entity: str, text: str, value: str | None) -> None:
    assert normalise(entity, text) == value


def test_the_skills_a_message_names_are_read_in_the_gazetteers_words() -> None:
    from gazetteer.entities import values_named

    assert values_named("skill_area", "python, spark and aws") == {"languages", "big_data", "cloud"}


def test_a_city_is_known_by_the_area_a_page_may_name_for_it() -> None:
    from gazetteer.countries import areas_of

    assert "Silicon Valley" in areas_of("san francisco")
    assert areas_of("Paris") == []
