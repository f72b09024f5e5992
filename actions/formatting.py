"""How facts from the store are written into the responses' {variables}.

Only presentation lives here (bullets, money, lists of sources); the sentences around them are
the domain's responses.
"""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.query import PassageHit, Salary, Source

CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£"}
BULLET = "•"


def money(amount: int, currency: str) -> str:
    """``€50,000`` (sign before the number, comma thousands)."""
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{amount:,}" if sign else f"{amount:,} {currency}"


def salary_range(salary: Salary) -> str:
    """A range as the source states it: ``€50,000–€60,000``, ``up to €150,000 or more``."""
    plus = " or more" if salary.open_ended else ""
    if salary.low is None and salary.high is not None:
        text = f"up to {money(salary.high, salary.currency)}{plus}"
    elif salary.high is None and salary.low is not None:
        text = f"from {money(salary.low, salary.currency)}"
    elif salary.low is not None and salary.high is not None:
        text = f"{money(salary.low, salary.currency)}–{money(salary.high, salary.currency)}"
        text += "+" if salary.open_ended else ""
    else:
        text = "no figure"
    if salary.median is not None:
        text += f" (midpoint {money(salary.median, salary.currency)})"
    return text


LEVEL_NAMES = {
    "junior": "Junior / entry level",
    "mid": "Mid-level",
    "senior": "Senior",
    None: "All levels",
}


def salary_lines(salaries: Iterable[Salary], *, with_source: bool = True) -> str:
    """One bullet per salary range."""
    lines = []
    for salary in salaries:
        label = LEVEL_NAMES.get(salary.level, salary.level or "All levels")
        # The source's own wording is worth showing when it adds the years of experience.
        stated = (
            f" ({salary.level_label})"
            if salary.level_label and any(ch.isdigit() for ch in salary.level_label)
            else ""
        )
        source = f" — {salary.source.label}" if with_source else ""
        lines.append(f"{BULLET} {label}{stated}: {salary_range(salary)}{source}")
    return "\n".join(lines)


def passage_lines(hits: Iterable[PassageHit], *, max_chars: int = 420) -> str:
    """One bullet per passage, each ending with its source.

    A list keeps the heading it sits under ("This role may not suit you if…"): without it the
    items could read as the opposite of what the source says.
    """
    lines = []
    previous_heading: str | None = None
    for hit in hits:
        if hit.kind == "list_item" and hit.heading and hit.heading != previous_heading:
            lines.append(f"{hit.heading}")
        previous_heading = hit.heading
        text = (
            hit.text if len(hit.text) <= max_chars else hit.text[:max_chars].rsplit(" ", 1)[0] + "…"
        )
        lines.append(f"{BULLET} {text} ({hit.source.label})")
    return "\n".join(lines)


def source_names(items: Iterable[PassageHit | Salary | Source]) -> str:
    """Distinct source labels in order of first appearance: ``Bessand, CBT Nuggets``."""
    names: list[str] = []
    for item in items:
        label = item.label if isinstance(item, Source) else item.source.label
        if label not in names:
            names.append(label)
    return ", ".join(names)


def source_description(source: Source) -> str:
    """A line describing a source document."""
    details = [
        d
        for d in (
            source.publisher,
            source.title and f"“{source.title}”",
            source.author and f"by {source.author}",
            source.published,
        )
        if d
    ]
    return f"{BULLET} {source.label}" + (f": {', '.join(details)}" if details else "")
