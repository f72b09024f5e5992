"""Read typed salary facts out of cleaned passages.

Handles the ways the corpus states pay: "€50,000 to €60,000 gross/year", "45–60K€ at entry
level", "up to €150,000 or more", "$140,000 - $180,000+", "£60,500 to £103,000, with a midpoint
of £81,750". A figure's level comes from its own clause or row label; its country from the
sentence, else from the section it sits in (a heading or intro such as "In France, ...").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from gazetteer.countries import find_countries
from gazetteer.levels import level_of
from knowledge.text import sentences

CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP"}
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"


def _amount(prefix: str) -> str:
    """An amount with optional currency sign before it, or K and € after it ("45K€")."""
    return (
        rf"(?P<{prefix}sym>[$€£])?\s?(?P<{prefix}num>{_NUM})"
        rf"\s?(?P<{prefix}k>[kK])?\s?(?P<{prefix}ksym>€)?"
    )


_RANGE = re.compile(
    rf"(?P<upto>\bup to\s+)?{_amount('a')}"
    rf"(?:\s*(?:to|-|–|—)\s*{_amount('b')})?"
    rf"(?P<plus>\+)?(?P<more>\s*or more)?"
)
_MEDIAN = re.compile(rf"\b(?:midpoint|median)\s+(?:of\s+)?{_amount('m')}", re.I)
_CLAUSE_SPLIT = re.compile(r",\s+(?!\d{3})|;\s+")
# A sentence that names the data behind a figure: a survey, a job board, a dated source line.
_BASIS = re.compile(
    r"^source:|\b(salary|pay) data\b|\bsurvey\b|\bglassdoor\b|\bindeed\b|\bpayscale\b"
    r"|\bjobs247\b|\blevels\.fyi\b|\bvacancies advertised\b|\bas of (?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december|\d{4})\b",
    re.I,
)
_GROSS = re.compile(r"\bgross\b|\bbefore tax(?:es)?\b|\bpre-tax\b", re.I)
_NET = re.compile(r"\bnet\b(?! ?work)|\bafter tax(?:es)?\b|\btake-home\b", re.I)


def pay_basis(quote: str) -> bool | None:
    """True if the statement calls its figures gross, False if net, None if it does not say."""
    if _GROSS.search(quote):
        return True
    if _NET.search(quote):
        return False
    return None


def data_basis(quote: str, section_sentences: list[str]) -> str | None:
    """The sentence naming the data behind a figure: in its own statement, else its section."""
    for sentence in [*sentences(quote), *section_sentences]:
        if _BASIS.search(sentence):
            return sentence.strip()
    return None


@dataclass(frozen=True)
class ExtractedSalary:
    """One salary range as the text states it."""

    country: str | None
    level: str | None
    level_label: str | None
    low: int | None
    high: int | None
    open_ended: bool
    median: int | None
    currency: str
    period: str
    quote: str
    gross: bool | None = None
    basis: str | None = None


def _value(match: re.Match[str], prefix: str) -> tuple[int, str | None]:
    number = float(match.group(f"{prefix}num").replace(",", ""))
    if match.group(f"{prefix}k"):
        number *= 1000
    symbol = match.group(f"{prefix}sym") or match.group(f"{prefix}ksym")
    return int(round(number)), symbol


def _is_money(match: re.Match[str]) -> bool:
    has_symbol = any(match.group(g) for g in ("asym", "aksym", "bsym", "bksym"))
    has_thousands = bool(match.group("ak") or match.group("bk"))
    return has_symbol and (has_thousands or "," in match.group(0) or len(match.group("anum")) >= 4)


def _level_label(clause: str) -> str | None:
    phrase = re.search(r"\b(?:at|for)\s+([\w\s-]+?)(?:\s+profiles)?$", clause.strip(" ."))
    if phrase:
        return phrase.group(1).strip()
    label, sep, _ = clause.partition(":")
    return label.strip() if sep and len(label.split()) <= 6 else None


def extract(passage: str, section_text: str) -> list[ExtractedSalary]:
    """Every salary range in ``passage``.

    ``section_text`` gives the country when the passage itself names none.
    """
    median_match = _MEDIAN.search(passage)
    median = _value(median_match, "m")[0] if median_match else None
    body = _MEDIAN.sub("", passage) if median_match else passage
    facts: list[ExtractedSalary] = []
    for clause in _CLAUSE_SPLIT.split(body):
        for match in _RANGE.finditer(clause):
            if not _is_money(match):
                continue
            first, symbol_a = _value(match, "a")
            second = _value(match, "b") if match.group("bnum") else None
            symbol = symbol_a or (second[1] if second else None)
            if symbol is None:
                continue
            if match.group("bnum") is None and not match.group("upto"):
                continue  # a lone amount is not a range (e.g. a midpoint already read)
            low: int | None
            high: int | None
            if match.group("upto"):
                low, high = None, (second[0] if second else first)
            else:
                low, high = first, second[0] if second else None
            # "45–60K€": the K and the sign written once apply to both bounds.
            if match.group("bk") and not match.group("ak") and low is not None and low < 1000:
                low *= 1000
            label_text = clause[: match.start()] + clause[match.end() :]
            facts.append(
                ExtractedSalary(
                    country=None,
                    level=level_of(label_text),
                    level_label=_level_label(clause) if level_of(label_text) else None,
                    low=low,
                    high=high,
                    open_ended=bool(match.group("plus") or match.group("more")),
                    median=median,
                    currency=CURRENCIES[symbol],
                    period="year",
                    quote=passage,
                    gross=pay_basis(passage),
                )
            )
    if facts:
        # The first place the passage names, else the first its section names; else none.
        countries = find_countries(passage) or find_countries(section_text)
        if countries:
            facts = [dataclasses.replace(f, country=countries[0]) for f in facts]
    return facts
