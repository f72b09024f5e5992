"""How facts from the store are written into the responses' {variables}.

Only presentation lives here (bullets, money, lists of sources); the sentences around them are
the domain's responses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gazetteer import levels
from knowledge.compose import LEAD_IN_ENDINGS, Unit, without_lead
from knowledge.query import PassageHit, Salary, Source
from knowledge.records import ML_ENGINEER

CURRENCY_SIGNS = {
    "EUR": "€",
    "USD": "$",
    "GBP": "£",
    "INR": "₹",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "SGD": "S$",
    "CHF": "CHF ",
}
BULLET = "•"
PER_PERIOD = {"month": "a month", "week": "a week", "day": "a day", "hour": "an hour"}
"""Said after a figure that is not yearly pay (yearly is the default and goes unsaid)."""
STATISTIC_WORDS = {"average": "average", "median": "median", "typical": "about"}


def money(amount: int, currency: str) -> str:
    """``€50,000`` (sign before the number, comma thousands)."""
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{amount:,}" if sign else f"{amount:,} {currency}"


def period_phrase(salaries: Iterable[Salary]) -> str:
    """The header's ", per year" when every figure is yearly pay, else "" (each line says)."""
    return ", per year" if all(s.period == "year" for s in salaries) else ""


def salary_range(salary: Salary, *, say_year: bool = False) -> str:
    """A figure as the source states it, with its period when not a year.

    ``€50,000–€60,000``, ``up to €150,000 or more``, ``average CA$118,000``, ``£550–£700 a day``,
    ``€62,300–€88,700 (25th to 75th percentile)``.
    """
    text = _amounts(salary)
    if salary.period in PER_PERIOD:
        text += f" {PER_PERIOD[salary.period]}"
    elif say_year:
        text += " a year"
    if salary.statistic == "quartiles":
        text += " (25th to 75th percentile)"
    if salary.midpoint is not None:
        text += f" (midpoint {money(salary.midpoint, salary.currency)})"
    if salary.currency_ambiguous:
        text += " (the page does not say which dollar)"
    return text


def _amounts(salary: Salary) -> str:
    plus = " or more" if salary.open_ended else ""
    if salary.value is not None:
        word = STATISTIC_WORDS.get(salary.statistic, "")
        return f"{word} {money(salary.value, salary.currency)}".strip()
    if salary.low is None and salary.high is not None:
        text = f"up to {money(salary.high, salary.currency)}{plus}"
    elif salary.high is None and salary.low is not None:
        text = f"from {money(salary.low, salary.currency)}"
    elif salary.low is not None and salary.high is not None:
        text = f"{money(salary.low, salary.currency)}–{money(salary.high, salary.currency)}"
        text += "+" if salary.open_ended else ""
    else:
        text = "no figure"
    return text


# Specialisations as people write them (the gazetteer's values are identifiers: "nlp").
SPECIALISATION_NAMES = {"nlp": "NLP", "mlops": "MLOps", "applied": "applied ML"}


def specialisation_name(value: str) -> str:
    """``NLP``, ``MLOps``, ``computer vision``: a specialisation value said plainly."""
    return SPECIALISATION_NAMES.get(value, value.replace("_", " "))


LEVEL_NAMES: dict[str | None, str] = {None: "All levels"}
LEVEL_NAMES.update(levels.LEVEL_NAMES)
YEARS = re.compile(r"\d+\s*(?:\+|(?:-|–|to)\s*\d+)?\s*(?:years?|yrs?)", re.I)
_DANGLING = re.compile(r"\b(was|is|are|were|of|at|to|around|about|from|between)\s*$", re.I)
_MONEY_START = re.compile(
    r"(?:[A-Z]{0,3}[$€£₹]|Rs\.?|[A-Z]{3})\s?\d|\d[\d,.]*\s?[kK]?\s?(?:€|EUR|USD|GBP|CHF|INR|CAD|AUD)"
)


def level_label(salary: Salary) -> str:
    """The level once and plainly: ``Junior / entry level (0-2 years)``, ``All levels``."""
    label = LEVEL_NAMES.get(salary.level, salary.level or "All levels")
    stated = YEARS.search(salary.level_label or "")
    span = stated.group(0) if stated else _years_span(salary)
    if span:
        # "With 3–5 years" rather than "All levels (3–5 years)".
        label = f"With {span}" if salary.level is None else f"{label} ({span})"
    if salary.role != ML_ENGINEER:
        role = salary.role_label or salary.role.replace("_", " ").capitalize()
        label = f"{role}, {label[0].lower()}{label[1:]}"
    return f"{label}, {salary.city}" if salary.city else label


def _years_span(salary: Salary) -> str | None:
    """The years of experience a figure is for: "3–5 years", "8+ years", "4 years"."""
    low, high = salary.years_min, salary.years_max
    if low is None:
        return None
    if high is None:
        return f"{low}+ years"
    return f"{low} years" if high == low else f"{low}–{high} years"


def salary_lines(
    salaries: Iterable[Salary], *, with_source: bool = True, say_year: bool | None = None
) -> str:
    """One bullet per salary range, marked gross where the source says so."""
    lines = []
    salaries = list(salaries)
    # Beside a day rate or a monthly figure, yearly pay says so too.
    mixed = period_phrase(salaries) == "" if say_year is None else say_year
    for salary in salaries:
        gross = ", gross" if salary.gross else ", net" if salary.gross is False else ""
        source = f" — {salary.source.label}" if with_source else ""
        figure = salary_range(salary, say_year=mixed)
        lines.append(f"{BULLET} {level_label(salary)}: {figure}{gross}{source}")
    return "\n".join(lines)


def basis_of(salary: Salary) -> str | None:
    """What the source says its figures rest on, without the figures themselves."""
    if not salary.basis:
        return None
    basis = re.sub(r"^source:\s*", "", salary.basis.strip(), flags=re.I)
    money = _MONEY_START.search(basis)
    if money:
        before = basis[: money.start()]
        basis = before.rsplit(",", 1)[0] if "," in before else before
        if _DANGLING.search(basis):
            return None  # "The national median in our survey was" says nothing without its figure
    return basis.strip(" ,.:;") or None


def basis_lines(salaries: Iterable[Salary]) -> str:
    """One line per source that names the data behind its figures (survey, board, date)."""
    seen: dict[str, str] = {}
    for salary in salaries:
        basis = basis_of(salary)
        if basis and salary.source.label not in seen:
            seen[salary.source.label] = basis
    return "\n".join(f"Data behind the {label} figures: {basis}." for label, basis in seen.items())


# A list under a heading like this means the opposite without it ("may not suit you if…").
_KEEP_HEADING = re.compile(
    r"\bnot\b|n't\b|\bchalleng|\bdownside|\bcons\b|\bdrawback|\bdisadvantag", re.I
)


def composed_lines(units: Iterable[Unit]) -> str:
    """One bullet per passage (its chosen sentences joined), each ending with its source.

    A list item keeps the heading it sits under when the heading turns its meaning ("This role
    may not suit you if…"); other headings are left out, the answer's own frame says the topic.
    """
    lines: list[str] = []
    previous: Unit | None = None
    for unit in units:
        same_passage = previous is not None and previous.passage_id == unit.passage_id
        label = f" ({unit.source.label})"
        if same_passage and lines:
            lines[-1] = lines[-1].removesuffix(label) + f" {unit.text}{label}"
        elif lines and _same_list(previous, unit):
            # "Essential skills include: Applied Mathematics (…); Software development (…)":
            # the lead once, not before each item.
            item = without_lead(unit)
            if unit.lead and not _lead_ends_sentence(unit.lead):
                item = item[:1].lower() + item[1:] if item[1:2].islower() else item
            lines[-1] = lines[-1].removesuffix(label).rstrip(". ") + f"; {item}{label}"
        else:
            if (
                unit.kind == "list_item"
                and unit.heading
                and _KEEP_HEADING.search(unit.heading)
                and not unit.heading.endswith(LEAD_IN_ENDINGS)  # the item already leads with it
                and (previous is None or previous.heading != unit.heading)
            ):
                lines.append(unit.heading.rstrip(":") + ":")
            lines.append(f"{BULLET} {unit.text} ({unit.source.label})")
        previous = unit
    return "\n".join(lines)


def and_list(names: list[str]) -> str:
    """Names joined for a sentence: "France, the United Kingdom and the United States"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def or_list(names: list[str]) -> str:
    """Names joined as alternatives: "Portugal or Italy", "Spain, Portugal or Italy"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _same_list(previous: Unit | None, unit: Unit) -> bool:
    """True for an item of the list the previous item (shown with its lead) belongs to."""
    return (
        previous is not None
        and unit.kind == previous.kind == "list_item"
        and unit.lead is not None
        and unit.lead == previous.lead
        and unit.source.label == previous.source.label
        and unit.text != without_lead(unit)  # the item was shown with its lead
    )


def _lead_ends_sentence(lead: str) -> bool:
    return lead.rstrip().endswith(":")


def source_names(items: Iterable[PassageHit | Salary | Source]) -> str:
    """Distinct source labels in order of first appearance: ``Bessand, CBT Nuggets``."""
    names: list[str] = []
    for item in items:
        label = item.label if isinstance(item, Source) else item.source.label
        if label not in names:
            names.append(label)
    return ", ".join(names)


def source_description(source: Source, *, dated: bool = False) -> str:
    """A line describing a source document; with ``dated``, says so when it gives no date."""
    details = [
        d
        for d in (
            source.publisher,
            source.title and f"“{source.title}”",
            source.author and f"by {source.author}",
            source.published or (dated and "no date given"),
        )
        if d
    ]
    return f"{BULLET} {source.label}" + (f": {', '.join(details)}" if details else "")
