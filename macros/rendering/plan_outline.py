"""What the My plans page needs to know of each activity, as data for its script.

A plan (assets/javascripts/plans.js) holds only ids: the ids of the checklist items ticked
and of the timeline steps with notes. To list, order and print plans away from the
activity's own pages, my-plans.js needs each activity's title, its checklist items and its
timeline steps with their due rules, in the district's words. This module writes that as
plain JSON-ready data; the template puts it in one data attribute, which the script reads
with JSON.parse and shows only as text.

An attribute holds words only, so a text that a translated edition still shows in English
(fallback.py) is named in its entry's `english` list ({"id": ..., "text": ..., "english":
["text"]}), and the script puts it in an element of its own marked lang="en" (WCAG 3.1.2),
on the page and in a printed plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..data.due import due_offset, month_day
from ..data.model import Activity, District, Part
from ..data.paths import PLANS, section_path, url_between
from ..base.fallback import is_fallback
from .render import words


def _items(parts: list[Part]) -> Iterator[dict]:
    """Every checklist item, in the page's order (parts and their sub-parts)."""
    for part in parts:
        for item in part.items:
            yield _marked({"id": item.id}, text=item.text)
        yield from _items(part.parts)


def plan_outline(activities, district: District) -> list[dict]:
    """One entry per activity that has a checklist or a timeline: what plans refer to."""
    outline = []
    for activity in activities:
        if activity.checklist is None and activity.timeline is None:
            continue
        outline.append(_activity(activity, district))
    return outline


def _activity(activity: Activity, district: District) -> dict:
    # The activity's name for its date ("Interview date"), as its timeline says it.
    named = {"dateLabel": activity.timeline.date_label} if activity.timeline and activity.timeline.date_label else {}
    entry = _marked({"id": activity.id}, title=activity.title, **named)
    entry.update({"items": [], "steps": [], "schoolYearStart": month_day(district.school_year_start)})
    if activity.checklist is not None:
        entry["checklist"] = url_between(PLANS, section_path(activity.id, "checklist"))
        entry["items"] = list(_items(activity.checklist.parts))
    if activity.timeline is not None:
        entry["timeline"] = url_between(PLANS, section_path(activity.id, "timeline"))
        for step in activity.timeline.steps:
            count, unit = due_offset(step.due)
            entry["steps"].append(dict(_marked({"id": step.id}, when=step.when, text=step.text),
                                       count=count, unit=unit))
    return entry


def _marked(entry: dict, **texts: str) -> dict:
    """`entry` with each text's words, and the names of those still in English listed."""
    entry.update({name: words(text) for name, text in texts.items()})
    english = [name for name, text in texts.items() if is_fallback(text)]
    if english:
        entry["english"] = english
    return entry
