"""Walking a model tree: every model object, every item with an id, and what a district may
override on each. Shared by validation, resolution and the lint; imports no checks."""

from __future__ import annotations

import functools
import typing
from typing import Any
from pydantic import BaseModel

from .model import Activity
from ..text.text_kinds import PLAIN, PROSE, URL, kind_of


def walk_models(obj: BaseModel, path: tuple = ()) -> list[tuple[tuple, BaseModel]]:
    """Every model object in a tree, with its key path in the YAML file."""
    found: list[tuple[tuple, BaseModel]] = []  # plain recursion: nested generators cost a third more
    _collect(obj, path, found)
    return found


def _collect(obj: BaseModel, path: tuple, found: list) -> None:
    found.append((path, obj))
    for name in _names(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, BaseModel):
            _collect(value, path + (name,), found)
        elif isinstance(value, list):
            for index, child in enumerate(value):
                if isinstance(child, BaseModel):
                    _collect(child, path + (name, index), found)


def identified(activity: Activity) -> list[tuple[str, tuple, BaseModel]]:
    """(id, path, node) for every section (by key) and every item with an id, handouts too."""
    found = []
    for key, section in activity.sections():
        found.append((key, (key,), section))
        found += [(node.id, path, node) for path, node in walk_models(section, (key,))
                  if getattr(node, "id", None) is not None]
    for number, handout in enumerate(activity.handouts):
        found += [(node.id, path, node) for path, node in walk_models(handout, ("handouts", number))
                  if getattr(node, "id", None) is not None]
    # The documents to keep: a district hides or rewords one by its id, like any item.
    found += [(kept.id, ("documents", number), kept) for number, kept in enumerate(activity.documents)]
    return found


def item_index(activity: Activity) -> dict[str, tuple[tuple, BaseModel]]:
    """Every addressable thing in an activity by id: sections by key, the rest by `id`."""
    found: dict[str, tuple[tuple, BaseModel]] = {}
    for ident, path, node in identified(activity):
        found.setdefault(ident, (path, node))
    return found


def overridable(node: BaseModel) -> tuple[str, ...]:
    """The fields a district may reword on a node: its text, plain text and addresses,
    as the model's annotations declare them. One text each: a list of texts (a table's
    columns, a rubric's levels) is the activity's shape, not wording to replace."""
    return _overridable(type(node))


@functools.lru_cache(maxsize=None)
def _overridable(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields
                 if _field_kind(model, name) in (PLAIN, PROSE, URL) and not _is_list(model.model_fields[name].annotation))


def _is_list(annotation) -> bool:
    """Whether a field holds a list, looking through `X | None`."""
    return any(typing.get_origin(member) in (list, tuple) for member in (typing.get_args(annotation) or (annotation,))) \
        or typing.get_origin(annotation) in (list, tuple)


def field_kind(node: BaseModel, name: str):
    """The kind a model field declares, looking through `X | None`."""
    return _field_kind(type(node), name)


# A model's fields and their kinds never change: worked out once per model, not per node
# (pydantic's model_fields is a costly property, and builds walk thousands of nodes).
@functools.lru_cache(maxsize=None)
def _names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


@functools.lru_cache(maxsize=None)
def _field_kind(model: type[BaseModel], name: str):
    info = model.model_fields[name]
    return kind_of(info.annotation, info.metadata) or \
        next((kind for kind in map(kind_of, typing.get_args(info.annotation)) if kind), None)


def main_field(node: BaseModel) -> str:
    """The field a plain-text override replaces: the text if there is one, else the title,
    else the label (a line to fill in, a signature), else what a document to keep shows."""
    fields = type(node).model_fields
    return next((name for name in ("text", "title", "label", "shows") if name in fields), "title")


def set_at(data: Any, path: tuple, value: Any) -> None:
    """Put `value` at a key path (as walk_models gives them) in plain data."""
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value
