"""Shared text -> one district's text: hide items, apply overrides, pick fallbacks, fill terms.

The result has the same models as the input, so the renderer never needs to know about
districts. Runs only on data that validated.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from .model import Activity, District, Labels
from .terms import Terms
from .validate import TEXT_FIELDS, item_index, main_field

LOCAL_RESOURCES = "local-resources"

M = TypeVar("M", bound=BaseModel)


def resolve_activity(activity: Activity, district: District, terms: Terms, labels: Labels) -> Activity:
    overrides = district.overrides.get(activity.id, {})
    hidden = set(district.hide.get(activity.id, ()))
    index = item_index(activity)
    # A plain-text override replaces the item's main field: its text, or its title.
    changes = {ident: ({main_field(index[ident][1]): value} if isinstance(value, str) else dict(value))
               for ident, value in overrides.items()}
    for ident, note in district.notes.get(activity.id, {}).items():
        changes.setdefault(ident, {})["note"] = note
    data = activity.model_dump()
    if district.resources and data.get("resources") is not None:
        data["resources"]["parts"].append({
            "id": LOCAL_RESOURCES, "title": labels.local_resources,
            "links": [link.model_dump() for link in district.resources]})
    for key in list(data):
        if isinstance(data[key], dict):  # a section, named by its key
            data[key] = None if key in hidden else _resolve(data[key], key, changes, hidden, terms)
        elif isinstance(data[key], list):  # the handouts
            data[key] = [_resolve(child, None, changes, hidden, terms) for child in data[key]
                         if child.get("id") not in hidden]
    for name in TEXT_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = terms.render(data[name])
    return Activity.model_validate(data)


def resolve_labels(guide_labels: Labels, district: District, terms: Terms) -> Labels:
    """The t() fallback chain: the district's label, else the guide's (else the default)."""
    merged = {**guide_labels.model_dump(), **district.labels}
    return Labels.model_validate({key: terms.render(value) for key, value in merged.items()})


def resolve_shared(model: M, terms: Terms) -> M:
    """Fill terms in text that districts do not override (data/guide.yml)."""
    return type(model).model_validate(_resolve(model.model_dump(), None, {}, set(), terms))


def _resolve(node: dict, ident: str | None, changes: dict, hidden: set, terms: Terms) -> dict:
    node = {**node, **changes.get(ident or node.get("id"), {})}
    if node.get("fallback") and isinstance(node.get("text"), str) and terms.missing(node["text"]):
        node["text"] = node["fallback"]
    for name in TEXT_FIELDS:
        if isinstance(node.get(name), str):
            node[name] = terms.render(node[name])
    for key, value in node.items():
        if key == "include":  # ids of things to gather: hidden ones are left out
            node[key] = [ident for ident in value if ident not in hidden]
        elif isinstance(value, list):
            node[key] = [_resolve(child, None, changes, hidden, terms) if isinstance(child, dict) else child
                         for child in value if not (isinstance(child, dict) and child.get("id") in hidden)]
        elif isinstance(value, dict):
            node[key] = _resolve(value, None, changes, hidden, terms)
    return node
