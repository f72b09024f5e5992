"""The money reader: every way a page writes an amount reads back as the amount written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.money import find_money, parse_number

CURRENCY_FORMS = [
    # (before, after, ISO code, bare dollar)
    ("€", "", "EUR", False),
    ("", " €", "EUR", False),
    ("", "€", "EUR", False),
    ("$", "", "USD", True),
    ("US$", "", "USD", False),
    ("CA$", "", "CAD", False),
    ("C$", "", "CAD", False),
    ("A$", "", "AUD", False),
    ("£", "", "GBP", False),
    ("₹", "", "INR", False),
    ("Rs. ", "", "INR", False),
    ("CHF ", "", "CHF", False),
    ("", " CHF", "CHF", False),
    ("EUR ", "", "EUR", False),
    ("", " EUR", "EUR", False),
    ("USD ", "", "USD", False),
    ("GBP ", "", "GBP", False),
    ("INR ", "", "INR", False),
    ("CAD ", "", "CAD", False),
    ("AUD ", "", "AUD", False),
    ("", " euros", "EUR", False),
    ("", " Canadian dollars", "CAD", False),
]


def grouped(amount: int, separator: str) -> str:
    """``amount`` with its thousands grouped by ``separator`` ("95,992", "95 992")."""
    return f"{amount:,}".replace(",", separator)


def indian(amount: int) -> str:
    """``amount`` in Indian grouping: 1,70,000 and 12,50,000."""
    digits = str(amount)
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def written(amount: int, style: str) -> str:
    """``amount`` written in one of the styles pages use."""
    if style == "k":
        return f"{amount // 1000}k"
    if style == "indian":
        return indian(amount)
    separators = {"comma": ",", "dot": ".", "space": " ", "nbsp": "\u00a0", "apostrophe": "'"}
    return grouped(amount, separators[style]) if style in separators else str(amount)


STYLES = ["comma", "dot", "space", "nbsp", "apostrophe", "plain", "k", "indian"]


@settings(max_examples=300, deadline=None)
@given(
    thousands=st.integers(min_value=10, max_value=9_999),
    style=st.sampled_from(STYLES),
    form=st.sampled_from(CURRENCY_FORMS),
)
def test_any_written_amount_reads_back(thousands: int, style: str, form: tuple) -> None:
    amount = thousands * 1000 if style == "k" else thousands * 1000 + thousands % 1000
    before, after, code, bare = form
    text = f"The pay is {before}{written(amount, style)}{after} for this role."
    [money] = find_money(text)
    assert (money.low, money.high, money.currency, money.bare_dollar) == (amount, None, code, bare)


@settings(max_examples=200, deadline=None)
@given(
    low=st.integers(min_value=20, max_value=400),
    width=st.integers(min_value=1, max_value=200),
    joint=st.sampled_from(["-", "–", " - ", " – ", " to "]),
    form=st.sampled_from(CURRENCY_FORMS),
    repeat_currency=st.booleans(),
)
def test_any_written_range_reads_back(
    low: int, width: int, joint: str, form: tuple, repeat_currency: bool
) -> None:
    before, after, code, _ = form
    high = low + width
    first = f"{before}{low:,}000" + (after if repeat_currency else "")
    second = (before if repeat_currency else "") + f"{high:,}000{after}"
    [money] = find_money(f"Seniors earn {first}{joint}{second} a year.")
    assert (money.low, money.high, money.currency) == (low * 1000, high * 1000, code)


@pytest.mark.parametrize(
    ("text", "low", "high", "open_ended", "currency"),
    [
        ("between €50,000 and €60,000 gross/year", 50_000, 60_000, False, "EUR"),
        ("45–60K€ at entry level", 45_000, 60_000, False, "EUR"),
        ("up to €150,000 or more", None, 150_000, True, "EUR"),
        ("$140,000 - $180,000+", 140_000, 180_000, True, "USD"),
        ("from 85k CHF", 85_000, None, True, "CHF"),
        ("from €40,000 to €55,000", 40_000, 55_000, False, "EUR"),
        ("€85,000-95k", 85_000, 95_000, False, "EUR"),
        ("₹12-18 LPA", 1_200_000, 1_800_000, False, "INR"),
        ("12 lakh", 1_200_000, None, False, "INR"),
        ("1.2 crore", 12_000_000, None, False, "INR"),
        ("A$150k+", 150_000, None, True, "AUD"),
        ("£450–£600 per day", 450, 600, False, "GBP"),
        ("€4.500 per month", 4_500, None, False, "EUR"),
        ("EUR 70.000,50", 70_000, None, False, "EUR"),
    ],
)
def test_forms_pages_use(
    text: str, low: int | None, high: int | None, open_ended: bool, currency: str
) -> None:
    [money] = find_money(text)
    assert (money.low, money.high, money.open_ended, money.currency) == (
        low,
        high,
        open_ended,
        currency,
    )


@pytest.mark.parametrize(
    "text",
    [
        "12,000 openings in 2025",
        "a 15% raise",
        "between 50 and 60 hours a week",
        "call 541-284-5522",
    ],
)
def test_numbers_without_a_currency_are_not_money(text: str) -> None:
    assert find_money(text) == []


def test_lpa_carries_its_period() -> None:
    [money] = find_money("Freshers start at ₹8-12 LPA in Bengaluru.")
    assert money.per_annum_in_unit


def test_european_and_indian_grouping() -> None:
    assert parse_number("95.992") == 95992
    assert parse_number("1,70,000") == 170000
    assert parse_number("95 992") == 95992
