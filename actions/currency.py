"""Figures in another currency, for comparing countries: ECB reference rates, never the network.

The rates come with the ``CurrencyConverter`` package (the European Central Bank's reference
rates up to the date the installed version was published); answers name that date.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import replace

from babel.numbers import get_currency_name
from currency_converter import CurrencyConverter

from actions.formatting import BULLET, level_label, salary_range
from knowledge.records import Salary


@functools.lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    """The rates shipped with the package, loaded once (~0.4 s)."""
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def rates_date(currencies: set[str]) -> datetime.date:
    """The latest date with a reference rate for every one of ``currencies`` (besides EUR)."""
    bounds = [_converter().bounds[c].last_date for c in currencies if c != "EUR"]
    return min(bounds) if bounds else max(b.last_date for b in _converter().bounds.values())


def can_convert(currency: str) -> bool:
    """True if the ECB publishes a reference rate for ``currency``."""
    return currency in _converter().currencies


def convert(amount: int, currency: str, into: str, on: datetime.date) -> int:
    """``amount`` in ``currency`` expressed in ``into`` at the reference rate of ``on``."""
    return int(round(_converter().convert(amount, currency, into, date=on), -2))


def converted(salary: Salary, into: str, on: datetime.date) -> Salary:
    """The same figure with every amount in ``into`` (for display beside the original)."""

    def amount(value: int | None) -> int | None:
        return None if value is None else convert(value, salary.currency, into, on)

    return replace(
        salary,
        currency=into,
        currency_ambiguous=False,
        low=amount(salary.low),
        high=amount(salary.high),
        value=amount(salary.value),
        midpoint=amount(salary.midpoint),
    )


# "how much is that in euros", "et en euros ?": the currency the person wants the figures in.
WANTED_CURRENCY = (
    ("EUR", re.compile(r"\b(euros?|eur|€)\b", re.I)),
    ("GBP", re.compile(r"\b(pounds?|gbp|sterling|livres?)\b", re.I)),
    ("USD", re.compile(r"\b(us dollars?|usd|american dollars?|dollars?)\b", re.I)),
    ("CAD", re.compile(r"\b(canadian dollars?|cad)\b", re.I)),
    ("INR", re.compile(r"\b(rupees?|inr)\b", re.I)),
    ("CHF", re.compile(r"\b(swiss francs?|chf)\b", re.I)),
)


# "is that in US dollars?" asks which currency the figures are in, not for them converted.
ASKS_YES_OR_NO = re.compile(
    r"^\W*(and |so |ok )?(is|are|was|were)\s+(that|this|it|they|those|these|the \w+)\b"
    r"|^\W*(c'est|ce sont|est-ce)\b(?![^?]*\bcombien\b)",
    re.I,
)


def wanted_currency(text: str) -> str | None:
    """The currency ``text`` asks the figures in, if it names one (most specific first)."""
    if ASKS_YES_OR_NO.search(text):
        return None
    named = [code for code, pattern in WANTED_CURRENCY if pattern.search(text)]
    if "CAD" in named:
        return "CAD"
    return named[0] if named else None


def plural_currency(code: str) -> str:
    """A currency named in the plural: "Australian dollars", "euros", "Indian rupees"."""
    *nation, unit = get_currency_name(code, locale="en").split()
    return " ".join([*nation, unit.lower() + "s"])


def converted_lines(facts: list[Salary], into: str) -> list[str] | None:
    """The figures in ``into`` at the ECB reference rate, if any needs converting and can be."""
    others = [
        f
        for f in facts
        if f.currency != into
        and not f.currency_ambiguous
        and can_convert(f.currency)
        and can_convert(into)
    ]
    if not others:
        return None
    on = rates_date({into, *(f.currency for f in others)})
    lines = [
        f"In {plural_currency(into)} at the European Central Bank's reference rate of "
        f"{on.isoformat()} (a rough guide: taxes and living costs differ):"
    ]
    for fact in others:
        label = level_label(fact)
        lines.append(
            f"{BULLET} {label[0].upper()}{label[1:]}: {salary_range(fact)} ≈ "
            f"{salary_range(converted(fact, into, on))} — {fact.source.label}"
        )
    return lines
