"""Find amounts and ranges of money in text, the many ways web pages write them.

Currency signs, ISO codes and names before or after the number ("€", "CA$", "CHF", "euros",
"Rs."); thousands written 95,992 / 95.992 / 95 992 / 95'992 and Indian grouping (1,70,000);
multipliers k, lakh, crore and "LPA"; ranges ("X–Y", "from X to Y", "between X and Y") and open
ends ("up to X", "X+", "X or more", "from X"). The digits themselves are read by ``price-parser``
(it decides whether "95.992" is ninety-five thousand or ninety-five point nine); this module finds
where an amount starts and ends, which currency it is in and what bounds a range has.

A bare ``$`` is read as US dollars and flagged (``bare_dollar``): the caller decides from the page
whether that holds (a page about Canada that states its figures in US dollars) or is ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from price_parser import Price

# Currency written before the number, longest first so "CA$" wins over "$".
_PREFIX_CURRENCIES: dict[str, str] = {
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "US$": "USD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "INR": "INR",
    "EUR": "EUR",
    "USD": "USD",
    "GBP": "GBP",
    "CAD": "CAD",
    "AUD": "AUD",
    "CHF": "CHF",
    "SGD": "SGD",
    "NZD": "NZD",
    "Fr.": "CHF",
}
# Currency written after the number ("85K€", "95,992 euros", "120,000 Canadian dollars").
_SUFFIX_CURRENCIES: dict[str, str] = {
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "swiss francs": "CHF",
    "euros": "EUR",
    "euro": "EUR",
    "dollars": "USD",
    "pounds": "GBP",
    "rupees": "INR",
    "francs": "CHF",
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    **{code.lower(): code for code in ("EUR", "USD", "GBP", "CAD", "AUD", "CHF", "INR", "SGD")},
}
_BARE_DOLLARS = {"$", "dollars"}
_MULTIPLIERS: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "lacs": 100_000,
    "lpa": 100_000,  # lakh per annum ("12 LPA")
    "crore": 10_000_000,
    "crores": 10_000_000,
    "cr": 10_000_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
INDIAN_MULTIPLIERS = frozenset({"lakh", "lakhs", "lac", "lacs", "lpa", "crore", "crores", "cr"})


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A number: grouped with , . ' (Indian grouping has pairs before the last three digits), grouped
# with spaces (three digits each), or plain; an optional decimal part of one or two digits.
_NUMBER = (
    r"\d{1,3}(?:[,.'’](?:\d{2}[,.'’])*\d{3})+(?:[.,]\d{1,2})?(?!\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)"
    r"|\d+(?:[.,]\d+)?"
)
_PRE = _alternation(list(_PREFIX_CURRENCIES))
_POST = _alternation([w for w in _SUFFIX_CURRENCIES if not w.isalpha() or len(w) > 3])
_POST_CODES = "EUR|USD|GBP|CAD|AUD|CHF|INR|SGD"
_MULT = r"k|K|thousand|lakhs?|lacs?|LPA|crores?|cr\b|million|mn\b|billion|bn\b"


def _amount(name: str) -> str:
    return (
        rf"(?P<{name}pre>{_PRE})?\s?(?P<{name}num>{_NUMBER})"
        rf"(?:\s?(?P<{name}mult>{_MULT}))?(?![\w])"
        rf"(?:\s?(?P<{name}post>{_POST}|(?-i:{_POST_CODES})\b))?"
    )


_RANGE = re.compile(
    rf"(?P<qual>\b(?:up to|upwards of|from|between|over|above|more than|at least|starting at"
    rf"|starting from|as much as|as high as)\s+)?"
    rf"{_amount('a')}"
    rf"(?:\s*(?P<joint>-|–|—|\bto\b|\band\b|\bà\b)\s*{_amount('b')})?"
    rf"(?P<plus>\s?\+|\s+or more\b|\s+and above\b|\s+and up\b|\s+plus\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MoneyRange:
    """An amount or a range of amounts of money as the text writes it."""

    low: int | None
    """Lower bound; None for "up to X"."""
    high: int | None
    """Upper bound; None for a single amount or an open top ("X+", "from X")."""
    open_ended: bool
    """True when the top is not a ceiling ("X+", "X or more", "from X", "over X")."""
    currency: str | None
    """ISO 4217 code; None when the text names no currency (a bare number with "lakh" is INR)."""
    bare_dollar: bool
    """True when the currency is a bare "$" or "dollars": the page must say which dollar."""
    start: int
    end: int
    text: str
    per_annum_in_unit: bool = False
    """True for "LPA" (lakh per annum): the period is written into the unit."""

    @property
    def is_range(self) -> bool:
        """True when the text gives two bounds, or one bound and a direction ("up to", "+")."""
        return (
            (self.low is not None and self.high is not None)
            or self.open_ended
            or (self.low is None and self.high is not None)
        )


def parse_number(digits: str) -> Decimal | None:
    """The value of a written number ("95.992", "1,70,000", "95 992", "70.000,50")."""
    cleaned = re.sub(r"[\s\u00a0\u202f'’]", "", digits)
    if re.fullmatch(r"\d{1,3}(?:,\d{2})*,\d{3}", cleaned):  # Indian or English grouping
        return Decimal(cleaned.replace(",", ""))
    amount = Price.fromstring(cleaned).amount
    return amount


def _bound(match: re.Match[str], name: str) -> tuple[Decimal, str | None, str | None, bool]:
    """(value, multiplier word, currency, bare dollar) of one side of a range."""
    value = parse_number(match.group(f"{name}num")) or Decimal(0)
    multiplier = (match.group(f"{name}mult") or "").lower() or None
    currency_word = match.group(f"{name}pre") or match.group(f"{name}post")
    currency: str | None = None
    bare = False
    if currency_word:
        key = currency_word if currency_word in _PREFIX_CURRENCIES else currency_word.lower()
        currency = _PREFIX_CURRENCIES.get(key) or _SUFFIX_CURRENCIES.get(key)
        bare = key in _BARE_DOLLARS
    return value, multiplier, currency, bare


def find_money(text: str) -> list[MoneyRange]:
    """Every amount or range of money in ``text`` that names a currency (or lakh/crore)."""
    found: list[MoneyRange] = []
    for match in _RANGE.finditer(text):
        low_value, low_mult, low_currency, low_bare = _bound(match, "a")
        second = match.group("bnum") is not None
        if second:
            high_value, high_mult, high_currency, high_bare = _bound(match, "b")
        else:
            high_value, high_mult, high_currency, high_bare = low_value, None, None, False
        joint = (match.group("joint") or "").lower()
        qualifier = (match.group("qual") or "").strip().lower()
        if joint == "and" and qualifier != "between":
            # "€50k and €60k" outside "between" are two figures: read the first alone.
            second = False
            high_mult, high_currency, high_bare = None, None, False
        currency = low_currency or (high_currency if second else None)
        bare = low_bare if low_currency else (high_bare if second else False)
        multiplier = low_mult or (high_mult if second else None)
        if currency is None and multiplier not in INDIAN_MULTIPLIERS:
            continue
        if currency is None:
            currency, bare = "INR", False
        # A multiplier written once applies to both bounds ("45–60K€", "€85-95k", "12-18 lakh").
        low_factor = _MULTIPLIERS.get(low_mult or "", 1)
        if second and not low_mult and high_mult and low_value < 1000:
            low_factor = _MULTIPLIERS[high_mult]
        low_amount = int(round(low_value * low_factor))
        end = match.end("b" + "num") if second else match.end("anum")
        for group in ("bmult", "bpost") if second else ("amult", "apost"):
            if match.group(group):
                end = max(end, match.end(group))
        per_annum = multiplier == "lpa"
        open_ended = bool(match.group("plus")) or qualifier in (
            "from",
            "over",
            "above",
            "more than",
            "at least",
            "starting at",
            "starting from",
            "upwards of",
        )
        if second:
            high_factor = _MULTIPLIERS.get(high_mult or "", 0) or _MULTIPLIERS.get(
                low_mult or "", 1
            )
            low, high = low_amount, int(round(high_value * high_factor))
            open_ended = bool(match.group("plus"))
        elif qualifier in ("up to", "as much as", "as high as"):
            low, high = None, low_amount
        else:
            low, high = low_amount, None
        if match.group("plus"):
            end = max(end, match.end("plus"))
        start = match.start("qual") if match.group("qual") else match.start()
        found.append(
            MoneyRange(
                low=low,
                high=high,
                open_ended=open_ended,
                currency=currency,
                bare_dollar=bare,
                start=start,
                end=end,
                text=text[start:end].strip(),
                per_annum_in_unit=per_annum,
            )
        )
    return found
