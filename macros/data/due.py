"""Timeline due rules and the school-year start, in the form the timeline planner reads.

The YAML says when a step falls in words ('2 months before', 'start of school year'; the
grammar is DUE_PATTERN in model.py). The planner in the browser only does date arithmetic:
the words are read here, once, and written into the page as a signed count of months or
days, or as the school-year rule, with the district's school-year start as month and day.
"""

from __future__ import annotations

import re

from .model import DUE_PATTERN, MONTHS, NUMBER_WORDS

SCHOOL_YEAR = "school-year"
_SPAN = re.compile(r"^(\w+) (day|week|month)s? (before|after)$", re.ASCII)


def due_offset(due: str) -> tuple[int, str]:
    """(count, unit) for a due rule: unit is 'month', 'day' or 'school-year'; the count is
    negative before the activity date. Weeks are counted as seven days. The model has
    bounded the count (bounds.py) before anything asks for it."""
    if not re.match(DUE_PATTERN, due, re.ASCII) or len(due) > 40:
        raise ValueError(f"not a due rule: {due[:40]!r}")
    if due == "start of school year":
        return 0, SCHOOL_YEAR
    if due == "on the day":
        return 0, "day"
    number, unit, direction = _SPAN.match(due).groups()
    count = int(number) if number.isdigit() else NUMBER_WORDS[number]
    if unit == "week":
        count, unit = count * 7, "day"
    return (-count if direction == "before" else count), unit


def month_day(school_year_start: str) -> str:
    """'September 8' -> '09-08', as the planner reads it."""
    month, day = school_year_start.split()
    return f"{MONTHS.index(month) + 1:02d}-{int(day):02d}"
