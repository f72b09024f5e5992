"""Read typed pay figures out of cleaned passages: who, where, how much, per what, what kind.

A figure is read from the clause that states it ("45–60K€ at entry level, 70–90K€ for confirmed
profiles" is two figures), from a table row whose cells name their columns ("Role: Data
Scientist; City: Toronto; Salary (CAD/year): 100,000–130,000"), or from a label / amount / period
laid out on separate lines. What the clause does not say comes from the passage, then the
heading, then the section, then the page: the level, the role, the place, the period.

Amounts are found by ``knowledge.money``; everything here decides whether an amount is pay (a
course price, a raise or a company's revenue is not) and what it is pay for. Figures that look
like pay but cannot be typed are returned as ``Untyped`` with the reason, for the review step.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from gazetteer.countries import city_in, find_countries, find_places
from gazetteer.levels import level_in_words
from knowledge.money import MoneyRange, find_money
from knowledge.records import ML_ENGINEER, Salary
from knowledge.text import sentences

# A sentence that names the data behind a figure: a survey, a job board, a dated source line.
_BASIS = re.compile(
    r"^source:|\b(salary|pay) data\b|\bsurvey\b|\bglassdoor\b|\bindeed\b|\bpayscale\b"
    r"|\bjobs247\b|\blevels\.fyi\b|\bvacancies advertised\b|\bas of (?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december|\d{4})\b",
    re.I,
)
_GROSS = re.compile(r"\bgross\b|\bbefore tax(?:es)?\b|\bpre-tax\b|\bbrut\b", re.I)
_NET = re.compile(r"\bnet\b(?! ?work)|\bafter tax(?:es)?\b|\btake-home\b", re.I)
_CLAUSE_SPLIT = re.compile(r",\s+(?!\d{3})|;\s+|\s+while\s+|\s+whereas\s+")

_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (period, re.compile(pattern, re.I))
    for period, pattern in (
        ("hour", r"\bper hour\b|/\s?h(?:ou)?r\b|\ban hour\b|\bhourly\b|\bp/h\b"),
        ("day", r"\bper day\b|/\s?day\b|\ba day\b|\bday[- ]rates?\b|\bdaily\b|\bper diem\b"),
        ("week", r"\bper week\b|/\s?w(?:ee)?k\b|\ba week\b|\bweekly\b"),
        ("month", r"\bper month\b|/\s?mo(?:nth)?\b|\ba month\b|\bmonthly\b|\bper mensem\b"),
        (
            "year",
            r"\bper (?:year|annum)\b|/\s?y(?:ea)?r\b|\ba year\b|\bannual(?:ly)?\b|\byearly\b"
            r"|\bp\.\s?a\.|\bLPA\b|\bper yr\b|\bCTC\b",
        ),
    )
)
# Words beside an amount that make it something other than pay.
_NOT_PAY = re.compile(
    r"\b(raise|raises|increase|increases|bonus|bonuses|billion|revenue|funding|raised|round"
    r"|course|courses|fee|fees|tuition|price|prices|priced|cost|costs|subscription|valuation"
    r"|budget|spent|spend|investment|rent|sign-on|signing|stipend|grant|relocation allowance"
    r"|equity|stock|stocks|worth|valued|grants|esop|esops|options|minimum wage|living wage|cover"
    r"|insurance|indemnity|premium|premiums|fine|fines|prize|award|awards|voucher|vouchers"
    r"|referral|save|saving|savings|discount|enroll|enrol|financing|upfront|ticket|tickets"
    r"|admission|membership|deposit)\b",
    re.I,
)
_PAY = re.compile(
    r"\b(salary|salaries|pay|paid|pays|earn|earns|earning|earnings|make|makes|compensation"
    r"|income|wage|wages|rate|rates|package|ctc|remuneration|gross|net|per (?:year|annum|month"
    r"|week|day|hour)|a year|an hour|a day|a month|annually|range|total comp|base|salaire"
    r"|rémunération|gehalt|sueldo|stipendio|lpa)\b",
    re.I,
)
_STATISTICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("median", re.compile(r"\bmedian\b|\b50th percentile\b", re.I)),
    ("average", re.compile(r"\baverages?\b|\bmean\b|\bavg\.?\b|\bon average\b", re.I)),
    (
        "typical",
        re.compile(
            r"\btypical(?:ly)?\b|\busually\b|\baround\b|\babout\b|\broughly\b|\bapprox", re.I
        ),
    ),
)
_QUARTILE = re.compile(r"\b(25th|75th) percentile\b|\b(lower|upper) quartile\b", re.I)
_MIDPOINT_CUE = re.compile(r"\b(midpoint|median|mid-point)\s*(?:of|is|at|:)?\s*$", re.I)
_LEAD = re.compile(r"\b(lead|leads|staff|principal|head of)\b(?!\s+to\b)", re.I)
_YEARS_RANGE = re.compile(
    r"(\d{1,2})\s*(?:-|–|—|to)\s*(\d{1,2})\s*\+?\s*(?:years?|yrs?|ans)\b", re.I
)
_YEARS_OPEN = re.compile(
    r"(\d{1,2})\s*\+\s*(?:years?|yrs?|ans)\b|(\d{1,2}) or more years\b"
    r"|\b(?:over|more than|at least)\s+(\d{1,2})\s+years\b",
    re.I,
)
_YEARS_ONE = re.compile(r"\b(\d{1,2})\s+(?:years?|yrs?)\b(?!\s*(?:-|–|to)\s*\d)", re.I)

_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.I))
    for role, pattern in (
        (
            "mlops_engineer",
            r"\bml ?ops (?:engineers?|contractors?|specialists?|roles?)\b"
            r"|\bml platform engineers?\b",
        ),
        (
            ML_ENGINEER,
            r"\b(?:machine[- ]learning|ml|ai/ml|ml/ai)[- ]engineers?\b|\bmles?\b"
            r"|\bml engineering\b|\bmachine learning engineering\b",
        ),
        ("data_scientist", r"\bdata scientists?\b"),
        ("data_engineer", r"\bdata engineers?\b"),
        ("software_engineer", r"\bsoftware (?:engineers?|developers?)\b|\bswes?\b"),
    )
)
_OTHER_ROLE = re.compile(
    r"\b((?:[A-Z][\w/+.-]*\s){0,3}(?:Engineer|Scientist|Analyst|Manager|Developer|Architect"
    r"|Researcher|Consultant|Specialist|Designer|Administrator)s?)\b"
)
_DOLLAR_STATEMENT = re.compile(
    r"\b(US|U\.S\.|American|Canadian|Australian|New Zealand|Singapore) dollars\b"
    r"|\bin (USD|CAD|AUD|NZD|SGD)\b|\b(USD|CAD|AUD|NZD|SGD) unless\b",
    re.I,
)
_DOLLARS = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "canadian": "CAD",
    "australian": "AUD",
    "new zealand": "NZD",
    "singapore": "SGD",
}
# Plausible pay per period, in US-dollar-like units (an amount in rupees is divided by 80).
_PLAUSIBLE = {
    "year": (3_000, 2_000_000),
    "month": (250, 200_000),
    "week": (60, 50_000),
    "day": (30, 10_000),
    "hour": (4, 2_000),
}
_WEAK_CURRENCIES = {"INR": 80}


@dataclass(frozen=True)
class PageContext:
    """What a whole page says that its figures inherit."""

    country: str | None = None
    """The country the page is about, from its title or first lines."""
    city: str | None = None
    """The city the page is about, when its title names one ("Vancouver ML pay survey")."""
    dollar: str | None = None
    """What a bare "$" means when the page says so ("figures are in Canadian dollars")."""
    gross: bool | None = None
    """True when the page says all its figures are gross ("all figures … before tax")."""
    about_pay: bool = False
    """True when the page's title is about pay ("ML engineer salary guide")."""


@dataclass(frozen=True)
class Untyped:
    """An amount that looks like pay but could not be typed, and why."""

    text: str
    reason: str
    quote: str


@dataclass(frozen=True)
class _Scope:
    """The text around a figure, nearest first: clause, sentence, passage, heading, page."""

    clause: str
    passage: str
    heading: str
    section: str
    page: PageContext
    lead: str = ""
    """For a list item, the sentence that introduces its list."""
    preamble: str = ""
    """The words of the sentence before the clause, when they hold no amount ("With 3 to 5
    years of experience, salaries move to …")."""


_PAGE_WIDE = re.compile(
    r"\b(all|every) (figures|salaries|amounts|numbers|pay figures|rates)\b"
    r"|\bfigures (on|in) this (page|guide|report|article)\b|\bunless (stated|noted) otherwise\b",
    re.I,
)


def page_context(title: str | None, text: str) -> PageContext:
    """The country, city, dollar and gross/net a page states for all its figures."""
    opening = " ".join([title or "", *text.splitlines()[:3]])
    places = find_places(opening)
    statement = _DOLLAR_STATEMENT.search(text)
    dollar = None
    if statement:
        word = next(g for g in statement.groups() if g)
        dollar = _DOLLARS.get(word.lower(), word.upper())
    title_cities = [city for _, city in find_places(title or "") if city]
    page_wide = [
        sentence
        for line in text.splitlines()
        if _PAGE_WIDE.search(line)
        for sentence in sentences(line)
        if _PAGE_WIDE.search(sentence)
    ]
    gross = next((pay_basis(s) for s in page_wide if pay_basis(s) is not None), None)
    return PageContext(
        country=places[0][0] if places else None,
        city=title_cities[0] if title_cities else None,
        dollar=dollar,
        gross=gross,
        about_pay=bool(_PAY.search(title or "")),
    )


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


def extract(
    passage: str,
    section_text: str,
    *,
    heading: str | None = None,
    lead: str | None = None,
    page: PageContext | None = None,
) -> list[Salary]:
    """Every pay figure in ``passage`` (see ``read_figures``)."""
    return read_figures(passage, section_text, heading=heading, lead=lead, page=page)[0]


def read_figures(
    passage: str,
    section_text: str,
    *,
    heading: str | None = None,
    lead: str | None = None,
    page: PageContext | None = None,
) -> tuple[list[Salary], list[Untyped]]:
    """The pay figures in ``passage``, and the amounts that look like pay but could not be typed.

    Args:
        passage: one block of cleaned text (a paragraph, list item or table row).
        section_text: its section's heading and text, for the place when the passage names none.
        heading: its section's heading.
        lead: for a list item, the sentence that introduces its list.
        page: what the page states for all its figures.
    """
    if not _DIGIT.search(passage):
        return [], []  # most passages: no amount, nothing to read (and no sentence split)
    page = page or PageContext()
    facts: list[Salary] = []
    untyped: list[Untyped] = []
    base = _Scope(passage, passage, heading or "", section_text, page, lead or "")
    cells = _cells(passage)
    if cells:
        return _read_row(cells, base)
    for sentence in sentences(passage) or [passage]:
        in_sentence: list[Salary] = []
        preamble = ""
        for clause in _CLAUSE_SPLIT.split(sentence):
            if not clause.strip():
                continue
            scope = dataclasses.replace(base, clause=clause, preamble=preamble)
            untyped.extend(_read_clause(clause, scope, in_sentence))
            if not find_money(clause):
                preamble = f"{preamble} {clause}".strip()
            elif not in_sentence:
                preamble = ""
        facts.extend(_join_quartiles(in_sentence))
    return facts, untyped


_DIGIT = re.compile(r"\d")


def _cells(passage: str) -> list[tuple[str, str]]:
    """The (column, value) cells of a table row written "Column: value; Column: value"."""
    parts = passage.split("; ")
    if len(parts) < 2 or not all(": " in part for part in parts):
        return []
    return [tuple(part.split(": ", 1)) for part in parts]  # type: ignore[misc]


def _read_clause(clause: str, scope: _Scope, facts: list[Salary]) -> list[Untyped]:
    """Add the clause's figures to ``facts`` (its sentence's so far): a midpoint joins a range."""
    untyped: list[Untyped] = []
    previous_end = 0
    for money in find_money(clause):
        before = clause[: money.start]
        if facts and _MIDPOINT_CUE.search(before[-30:]) and facts[-1].low is not None:
            facts[-1] = dataclasses.replace(facts[-1], midpoint=money.low or money.high)
            previous_end = money.end
            continue
        label = clause[previous_end : money.start] + " " + clause[money.end :]
        window = clause[previous_end : money.end + 40]
        fact, reason = _figure(money, clause, label, window, scope)
        previous_end = money.end
        if fact is not None:
            facts.append(fact)
        elif reason:
            untyped.append(Untyped(money.text, reason, scope.passage))
    if previous_end == 0 and (_PAY.search(clause) or _OFFER.search(clause) or scope.page.about_pay):
        untyped.extend(
            Untyped(match.group(0).strip(), "no currency named", scope.passage)
            for match in _BARE_AMOUNT.finditer(clause)
            if not _NOT_A_SUM.match(clause[match.end() :])
        )
    return untyped


_OFFER = re.compile(r"\b(offer|offers|offered|quote|quotes|quoted|hires|hiring)\b", re.I)
# A number that may be pay written without a currency: "110k", "95,000", "around 160".
_BARE_AMOUNT = re.compile(
    r"(?<![\w$€£₹.,])(?:\d{2,3}\s?[kK]\b|\d{1,3}(?:,\d{3})+(?![\d,])|(?:around|about|roughly)\s+\d{2,3}\b)"
)
# What a bare number counts when it is not money ("12,000 openings", "2,814 data points").
_NOT_A_SUM = re.compile(
    r"\s*(?:%|percent\b|people\b|staff\b|(?!plus\b)(?:[a-z-]+\s)?(?!plus\b)[a-z-]+s\b)"
)


def _read_row(cells: list[tuple[str, str]], scope: _Scope) -> tuple[list[Salary], list[Untyped]]:
    """A table row: each cell holding money is a figure; the other cells describe it."""
    facts: list[Salary] = []
    untyped: list[Untyped] = []
    read = [(column, *_cell_money(column, value)) for column, value in cells]
    described = "; ".join(f"{column}: {text}" for column, text, found in read if not found)
    for column, text, found in read:
        for money in found:
            cell = f"{column}: {text}"
            label = f"{column}; {described}; {text[: money.start]} {text[money.end :]}"
            fact, reason = _figure(money, cell, label, cell, scope, row=described)
            if fact is not None:
                facts.append(fact)
            elif reason:
                untyped.append(Untyped(money.text, reason, scope.passage))
    return _join_quartiles(facts), untyped


def _join_quartiles(facts: list[Salary]) -> list[Salary]:
    """A 25th and a 75th percentile stated together are one figure: its quartiles."""
    quartiles = [f for f in facts if f.statistic == "quartiles"]
    lower = [f for f in quartiles if f.low is not None and f.high is None]
    upper = [f for f in quartiles if f.high is not None and f.low is None]
    if len(lower) == 1 and len(upper) == 1:
        joined = dataclasses.replace(lower[0], high=upper[0].high)
        return [joined if f is lower[0] else f for f in facts if f is not upper[0]]
    return facts


def _cell_money(column: str, value: str) -> tuple[str, list[MoneyRange]]:
    """A cell's text and its amounts, in the currency its column states ("Salary (CAD)")."""
    found = find_money(value)
    if found or not _DIGIT.search(value):
        return value, found
    unit = _COLUMN_CURRENCY.search(column)
    if not unit:
        return value, []
    text = f"{unit.group(0)} {value}"
    return text, find_money(text)


_COLUMN_CURRENCY = re.compile(r"\b(EUR|USD|GBP|CAD|AUD|CHF|INR|SGD|NZD)\b|([$€£₹])")


_PROJECT_PRICE = re.compile(
    r"\b(fixed[- ]price|fixed[- ]scope|per project|for the project|proof of concept|quoted)\b", re.I
)
_OR_MORE_AFTER = re.compile(r"^\s*(?:a|an|per|/)\s*\w+\s+(?:or more|and (?:above|up))\b", re.I)
_LARGE = re.compile(r"\b(million|billion|mn|bn)\b", re.I)


def _figure(
    money: MoneyRange, clause: str, label: str, window: str, scope: _Scope, row: str = ""
) -> tuple[Salary | None, str | None]:
    """The typed figure for one amount, or the reason it is not pay (None: silently not pay)."""
    if _NOT_PAY.search(_without_money(window)) or _LARGE.search(money.text):
        return None, None
    context = " ".join([clause, row, scope.heading, scope.lead, scope.passage, scope.section])
    if _PROJECT_PRICE.search(window):
        return None, "a price for a piece of work, not pay per period"
    if not (_PAY.search(context) or scope.page.about_pay or _names_role(clause[: money.start])):
        return None, "no word says this amount is pay"
    if _OR_MORE_AFTER.match(clause[money.end :]) and money.high is None:
        money = dataclasses.replace(money, open_ended=True)
    period = _period(money, clause, row, scope)
    statistic, low, high, value = _shape(money, label, scope)
    country, city = _place(label, scope)
    currency, ambiguous = _currency(money, country, scope.page)
    amounts = [a for a in (low, high, value) if a is not None]
    reason = _implausible(amounts, currency, period)
    if reason:
        return None, reason
    years_min, years_max = _years(label)
    if years_min is None:
        years_min, years_max = _years(scope.preamble)
    level = _level(label) or _level(scope.preamble) or _level(scope.heading)
    role, role_label = _role(label, money, clause, scope)
    gross = pay_basis(f"{clause} {row}")
    if gross is None:
        gross = pay_basis(scope.passage) if not row else None
    return (
        Salary(
            currency=currency,
            currency_ambiguous=ambiguous,
            quote=scope.passage,
            country=country,
            city=city,
            role=role,
            role_label=role_label,
            level=level,
            level_label=_level_label(label, clause) if level else None,
            years_min=years_min,
            years_max=years_max,
            statistic=statistic,
            low=low,
            high=high,
            value=value,
            open_ended=money.open_ended,
            period=period,
            gross=scope.page.gross if gross is None else gross,
        ),
        None,
    )


def _names_role(label: str) -> bool:
    """True for a label naming a role ("Research Scientist: up to £140,000")."""
    return any(p.search(label) for _, p in _ROLES) or bool(_OTHER_ROLE.search(label))


def _without_money(text: str) -> str:
    for money in find_money(text):
        text = text.replace(money.text, " ")
    return text


def _period(money: MoneyRange, clause: str, row: str, scope: _Scope) -> str:
    """Per what: the words right after the amount, then the clause, row, heading; else a year."""
    if money.per_annum_in_unit:
        return "year"
    after = clause[money.end : money.end + 30]
    before = clause[max(0, money.start - 30) : money.start]
    for text in (after, before, clause, row, scope.heading, scope.lead):
        for period, pattern in _PERIODS:
            if pattern.search(text):
                return period
    return "year"


def _shape(
    money: MoneyRange, label: str, scope: _Scope
) -> tuple[str, int | None, int | None, int | None]:
    """(statistic, low, high, value): a range, quartiles, or one average/median/typical figure."""
    quartile = _QUARTILE.search(label)
    if quartile:
        amount = money.low if money.low is not None else money.high
        upper = (quartile.group(1) or "").startswith("75") or quartile.group(2) == "upper"
        return ("quartiles", None, amount, None) if upper else ("quartiles", amount, None, None)
    if money.is_range:
        return "range", money.low, money.high, None
    for text in (label, scope.preamble, scope.heading):
        for statistic, pattern in _STATISTICS:
            if pattern.search(text):
                return statistic, None, None, money.low
    return "typical", None, None, money.low


_EXCLUDED_PLACE = re.compile(r"\b(outside|beyond|except|unlike|excluding)\s+(?:of\s+)?$", re.I)


def _places(text: str) -> list[tuple[str, str | None]]:
    """Places named in ``text``, leaving out those it excludes ("outside London")."""
    kept = []
    for code, city in find_places(text):
        name = city or ""
        position = text.find(name) if name else -1
        if name and position >= 0 and _EXCLUDED_PLACE.search(text[:position]):
            continue
        kept.append((code, city))
    return kept


def _place(label: str, scope: _Scope) -> tuple[str | None, str | None]:
    """(country, city): the clause's place, else the sentence's, passage's, heading's, page's."""
    for text in (label, scope.preamble, scope.passage, scope.heading):
        places = _places(text)
        if places:
            cities = [p for p in places if p[1]]
            if cities:
                return cities[0][0], cities[0][1]
            if scope.page.city and places[0][0] == scope.page.country:
                return places[0][0], scope.page.city
            return places[0][0], None
    countries = find_countries(scope.section)
    country = countries[0] if countries else scope.page.country
    named = re.match(r"^\s*([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2})\s*[:;]", label)
    small_city = city_in(named.group(1), country) if named and country else None
    if small_city:
        return country, small_city  # a town the list of large cities leaves out ("Waterloo")
    if countries:
        return country, scope.page.city if country == scope.page.country else None
    return scope.page.country, scope.page.city


def _currency(money: MoneyRange, country: str | None, page: PageContext) -> tuple[str, bool]:
    """The currency, and whether it is a bare dollar the page never pins down."""
    assert money.currency is not None
    if not money.bare_dollar:
        return money.currency, False
    if page.dollar:
        return page.dollar, False
    place = country or page.country
    return "USD", place not in (None, "US")


def _implausible(amounts: list[int], currency: str, period: str) -> str | None:
    if not amounts:
        return "no amount"
    scale = _WEAK_CURRENCIES.get(currency, 1)
    low, high = _PLAUSIBLE[period]
    if max(amounts) / scale > high:
        return f"too large for pay per {period}"
    if max(amounts) / scale < low:
        if period == "year":
            return "too small for a yearly salary and no period stated"
        return f"too small for pay per {period}"
    return None


def _years(label: str) -> tuple[int | None, int | None]:
    """Years of experience a label states ("3–5 years" → (3, 5); "8+ years" → (8, None))."""
    match = _YEARS_RANGE.search(label)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = _YEARS_OPEN.search(label)
    if match:
        return int(next(g for g in match.groups() if g)), None
    match = _YEARS_ONE.search(label)
    if match and re.search(r"experience|exp\b", label, re.I):
        return int(match.group(1)), int(match.group(1))
    return None, None


def _level(text: str) -> str | None:
    """The level a label names in words (years alone name none): lead, then junior/mid/senior."""
    if not text:
        return None
    without_years = _YEARS_OPEN.sub(" ", _YEARS_RANGE.sub(" ", text))
    without_years = _YEARS_ONE.sub(" ", without_years)
    if _LEAD.search(without_years):
        return "lead"
    return level_in_words(without_years)


def _level_label(label: str, clause: str) -> str | None:
    phrase = re.search(r"\b(?:at|for)\s+([\w\s-]+?)(?:\s+profiles)?$", clause.strip(" ."))
    if phrase and _level(phrase.group(1)):
        return phrase.group(1).strip()
    name, sep, _ = clause.partition(":")
    if sep and len(name.split()) <= 6:
        return name.strip()
    return None


def _role(label: str, money: MoneyRange, clause: str, scope: _Scope) -> tuple[str, str | None]:
    """Whose pay: the role named nearest before the amount, else in the row, heading; else MLE."""
    before = clause[: money.start]
    for text in (before, scope.preamble, label, scope.heading):
        mentions: list[tuple[int, str, str | None]] = []
        for role, pattern in _ROLES:
            mentions.extend((m.start(), role, None) for m in pattern.finditer(text))
        for match in _OTHER_ROLE.finditer(text):
            if not any(start <= match.start(1) < start + 40 for start, _, _ in mentions):
                if not any(p.search(match.group(1)) for _, p in _ROLES):
                    mentions.append((match.start(1), "other", match.group(1).strip()))
        if mentions:
            nearest = text in (before, scope.preamble)
            _, role, role_label = max(mentions) if nearest else min(mentions)
            return role, role_label
    return ML_ENGINEER, None
