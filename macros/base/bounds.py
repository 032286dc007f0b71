"""How much the data may ask for: every number it holds and every count the build expands.

Data files are untrusted input (an outside pull request, a careless paste). A number with
no bound can end a build with a traceback (Python reads at most 4,300 digits), push a date
past the calendar, or ask for more pages than anyone can print; an include with no bound
makes the site grow faster than the YAML. Each bound here is generous for a real guide
and is checked, with a located message, before anything is computed from the value.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

# --- whole numbers ------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]{1,6}")  # ASCII digits only: '٣' or '²' is not a count here


def whole_number(low: int, high: int, description: str) -> Any:
    """An int field written as plain digits from `low` to `high`: no sign, no decimal point,
    no exponent, no .nan or .inf, no true/false. (Scalars arrive as text, loader.py.)"""
    def read(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):  # a default, or a model built in code
            number = value
        elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
            number = int(value.strip())
        else:
            raise ValueError(f"expected a whole number from {low} to {high}, received {_shown(value)}")
        if not low <= number <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, received {number}")
        return number

    return Annotated[int, Field(ge=low, le=high, description=description), BeforeValidator(read)]


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return "nothing"
        if text.isdigit() and len(text) > 12:
            return f"a number {len(text):,} digits long"
        return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}...'"
    if value is None:
        return "nothing"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else repr(value)


# --- timeline steps -----------------------------------------------------------------------

# A step falls at most three years from the activity: the planner's dates and the calendar
# file stay real dates, and a typo such as '30 months' for '3 months' still fits.
MAX_DUE = {"day": 1095, "week": 156, "month": 36}
_DUE_COUNT = re.compile(r"^([0-9]+) (day|week|month)s? (before|after)$")


def due_count_problem(due: str) -> str | None:
    """What is wrong with a due rule's count ('5000 months before'), or None."""
    match = _DUE_COUNT.match(due)
    if match is None:
        return None
    digits, unit, direction = match.groups()
    limit = MAX_DUE[unit]
    if len(digits) <= 6 and int(digits) <= limit:
        return None
    received = digits if len(digits) <= 12 else f"a number {len(digits):,} digits long"
    return f"expected at most {limit} {unit}s {direction} the activity, received {received}"


# --- includes: what handouts and collections reproduce ------------------------------------

MAX_HANDOUTS = 40  # handouts of one activity (a page and a PDF each)
MAX_BUNDLES = 12  # download collections of one activity (a page and a PDF each)
MAX_HANDOUT_INCLUDES = 20  # a handout is one printed sheet
# The characters of text a handout may hold, its own and what it includes: a sheet holds
# about 4,000 (the bundled activities' longest handout holds 3,250, in English).
MAX_HANDOUT_TEXT = 8_000
MAX_BUNDLE_INCLUDES = 40  # a collection gathers the activity's handouts and sections
# How many times the same text may be printed across one activity's pages: on its own page,
# in the handouts that include it and in the collections that gather those (the bundled
# activities print a text at most 4 times). The site then grows at most this many times
# the data, however the includes are arranged.
MAX_COPIES = 8
# A district's local resources are listed on every activity's resources page.
MAX_RESOURCES = 60
# Days or ranges a district's schools are closed (a school year has a few dozen).
MAX_CLOSED_DAYS = 200
