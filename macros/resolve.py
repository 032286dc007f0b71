"""Shared text -> one district's text: hide items, apply overrides, pick fallbacks, fill terms.

The result has the same models as the input, so the renderer never needs to know about
districts. Runs only on data that validated.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from .model import Activity, District
from .terms import Terms
from .validate import TEXT_FIELDS, item_index, main_field

M = TypeVar("M", bound=BaseModel)


def resolve_activity(activity: Activity, district: District, terms: Terms) -> Activity:
    overrides = district.overrides.get(activity.id, {})
    hidden = set(district.hide.get(activity.id, ()))
    index = item_index(activity)
    # A plain-text override replaces the item's main field: its text, or its title.
    changes = {ident: ({main_field(index[ident][1]): value} if isinstance(value, str) else value)
               for ident, value in overrides.items()}
    data = activity.model_dump()
    for key in list(data):
        if isinstance(data[key], dict):
            data[key] = None if key in hidden else _resolve(data[key], key, changes, hidden, terms)
    for name in TEXT_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = terms.render(data[name])
    return Activity.model_validate(data)


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
        if isinstance(value, list):
            node[key] = [_resolve(child, None, changes, hidden, terms) if isinstance(child, dict) else child
                         for child in value if not (isinstance(child, dict) and child.get("id") in hidden)]
        elif isinstance(value, dict):
            node[key] = _resolve(value, None, changes, hidden, terms)
    return node
