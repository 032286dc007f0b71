"""Due rules as the timeline planner reads them: a signed count of months or days."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from wbl_guide.data.due import due_offset, month_day
from wbl_guide.data.model import DUE_PATTERN, MONTHS, NUMBER_WORDS


@pytest.mark.parametrize("due,offset", [
    ("start of school year", (0, "school-year")),
    ("on the day", (0, "day")),
    ("2 months before", (-2, "month")),
    ("two months before", (-2, "month")),
    ("1 month before", (-1, "month")),
    ("one week before", (-7, "day")),
    ("3 weeks after", (21, "day")),
    ("1 day after", (1, "day")),
    ("twelve days before", (-12, "day")),
    ("10 months after", (10, "month")),
])
def test_due_offsets(due, offset):
    assert due_offset(due) == offset


@given(st.one_of(st.integers(0, 400).map(str), st.sampled_from(sorted(set(NUMBER_WORDS) - {"zero"}))),
       st.sampled_from(["day", "days", "week", "weeks", "month", "months"]),
       st.sampled_from(["before", "after"]))
def test_every_rule_the_grammar_allows_has_an_offset(number, unit, direction):
    due = f"{number} {unit} {direction}"
    assert re.match(DUE_PATTERN, due)
    count, kind = due_offset(due)
    size = int(number) if number.isdigit() else NUMBER_WORDS[number]
    assert abs(count) == size * (7 if unit.startswith("week") else 1)
    assert (count < 0) == (direction == "before" and size > 0)
    assert kind == ("month" if unit.startswith("month") else "day")


def test_a_rule_outside_the_grammar_is_refused():
    with pytest.raises(ValueError):
        due_offset("fortnight before")


@pytest.mark.parametrize("text,expected", [("September 1", "09-01"), ("August 26", "08-26"),
                                           ("January 31", "01-31")])
def test_month_day(text, expected):
    assert month_day(text) == expected


def test_every_month_is_numbered():
    assert [month_day(f"{month} 1")[:2] for month in MONTHS] == [f"{n:02d}" for n in range(1, 13)]
