"""How tightly a handout's page prints from the browser, so that it takes one sheet, as its
PDF does.

The PDF renderer lays a sheet out and, when it runs onto a second page, tries a tighter
step (pdf/renderer.py, pdf.css `guide-fit-*`). A browser prints a page once, as it is, so
the page says beforehand how tightly to print: from an estimate of the printed lines its
words and places to write take on a sheet. A translation says more than the English (a
Spanish checklist sheet runs a quarter longer), and prints a step or two tighter
(print.css, `guide-print-fit-*`). The estimate only chooses a step; the browser print test
(tests/test_print_stylesheet.py) proves every handout page of every edition fits.
"""

from __future__ import annotations

from math import ceil

from pydantic import BaseModel

from ..data.model import Handout
from ..text.text_kinds import text_fields

LINE = 100  # characters of a printed line of a handout's list, at its print size on Letter
BLOCK = 0.35  # the space around a paragraph, item or heading, in lines
# The most lines a sheet holds at each step (print.css): step 0 prints as the English does.
STEPS = (48.3, 52.5, 56)
SHOWN = {"title", "text", "label", "audience"}  # what a handout's page prints of its items


def print_lines(handout: Handout, included: list[BaseModel]) -> float:
    """The printed lines of a handout's page: its words (what it includes as well), its
    lines to write on, fill-in lines, a table's rows and the signature lines."""
    lines = 0.0
    items = 0
    for model in (handout, *included):
        for field in text_fields(model):
            if field.name not in SHOWN:
                continue
            lines += ceil(len(field.value) / LINE) + BLOCK
            items += field.name == "text"
    lines += items * handout.writing_lines
    lines += len(handout.fill_in) * 1.6 + len(handout.signatures) * 1.6
    if handout.table:
        lines += (1 + len(handout.table.rows) + handout.table.empty_rows) * 1.5
    if handout.rubric:
        lines += (1 + len(handout.rubric.criteria)) * 2 + (3 if handout.rubric.comments else 0)
    return lines


def print_fit(handout: Handout, included: list[BaseModel]) -> int:
    """The step a handout's page prints at: 0 as the English sheets do, up to 3."""
    lines = print_lines(handout, included)
    return next((step for step, most in enumerate(STEPS) if lines <= most), len(STEPS))
