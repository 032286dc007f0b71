"""Did-you-mean suggestions for misspelled keys, placeholders, ids and district names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, if one is close enough to be a likely typo."""
    options = sorted(set(choices))
    by_case = {option.lower(): option for option in options}
    if word.lower() in by_case:
        return by_case[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(by_case), n=1, cutoff=0.6)
    return by_case[match[0]] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint line such as "Did you mean 'learners'?", or None."""
    match = closest(word, choices)
    return f"Did you mean '{match}'?" if match and match != word else None


def one_of(choices: Iterable[str]) -> str:
    """A readable list of the allowed values: 'a', 'b' or 'c'."""
    quoted = [f"'{choice}'" for choice in sorted(set(choices))]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
