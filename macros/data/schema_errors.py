"""Pydantic's validation errors, reworded as located problems: key, expected, received."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .loader import Document
from ..base.suggest import closest, did_you_mean

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
}


def validate_model(model: type[BaseModel], document: Document, path: tuple = ()) -> tuple[Any, list]:
    """Validate document data (or the part of it at `path`) against a model."""
    data = document.data
    for step in path:
        data = data[step]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        errors = _without_misspelled_missing(model, error.errors(include_url=False))
        problems = [_problem(model, document, path + tuple(e["loc"]), e, len(path)) for e in errors]
        return None, problems


def _without_misspelled_missing(model, errors: list[dict]) -> list[dict]:
    """'titel' unknown and 'title' missing is one mistake: keep only the did-you-mean."""
    misspelled = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            match = closest(str(loc[-1]), _fields_at(model, loc[:-1]))
            if match:
                misspelled.add(loc[:-1] + (match,))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in misspelled)]


def _problem(model, document: Document, loc: tuple, error: dict, skip: int):
    kind = error["type"]
    received = describe(error.get("input"))
    inner = loc[skip:]
    if kind == "missing":
        return document.problem(loc[:-1], f"missing required key '{loc[-1]}'", key=False)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, inner[:-1])
        hint = did_you_mean(str(loc[-1]), allowed) if allowed else None
        if not hint and allowed:
            hint = "Allowed keys here: " + ", ".join(allowed) + "."
        return document.problem(loc, f"unknown key '{loc[-1]}'", hint, key=True)
    if kind in _EXPECTED:
        return document.problem(loc, f"expected {_EXPECTED[kind]}, received {received}",
                                _quote_hint(kind, error.get("input")))
    if kind == "string_too_short":
        return document.problem(loc, "expected text, received nothing",
                                "Write the text after the colon, or remove the key.")
    if kind == "too_short":
        return document.problem(loc, f"expected at least {error['ctx']['min_length']} item(s), received none")
    if kind == "string_pattern_mismatch":
        return document.problem(loc, _pattern_message(loc, received))
    if kind == "value_error":
        return document.problem(loc, str(error["ctx"]["error"]))
    return document.problem(loc, f"{error['msg'].lower()}, received {received}")


# What a value of each patterned key looks like, for "expected ..., received ..." messages.
_PATTERN_EXPECTED = {
    "id": "an id of lowercase letters, digits and hyphens (e.g. 'before-the-interview')",
    "url": "a full web address starting with https://",
    "language": "a language code such as 'en' or 'es'",
    "languages": "a language code such as 'en', 'es' or 'es-MX'",
    "school_year_start": "a month and day such as 'September 8'",
    "closed_days": "a date such as '2026-11-26' or a range such as '2026-12-21 to 2027-01-01'",
    "paper": "'letter' or 'a4'",
    "primary": "a color written as '#' and six hex digits, e.g. '#1d4f91'",
    "accent": "a color written as '#' and six hex digits, e.g. '#1d4f91'",
    "email": "an email address",
    "stage": "'awareness', 'exploration', 'preparation' or 'training'",
    "kind": "'word', 'phrase' or 'list'",
}


def _pattern_message(loc: tuple, received: str) -> str:
    name = next((step for step in reversed(loc) if isinstance(step, str)), "")  # a list's key for its items
    if name in ("overrides", "hide"):
        name = "id"
    return f"expected {_PATTERN_EXPECTED.get(name, 'a different form of value')}, received {received}"


def _quote_hint(kind: str, value: Any) -> str | None:
    if kind == "string_type" and isinstance(value, dict):
        return "If the text contains ': ', put it in quotes or write it after `>-` on the next lines."
    return None


def describe(value: Any) -> str:
    """How a received value reads in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        if not value.strip():
            return "nothing"
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"'{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at a location, by following the models down the path."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        target = _model_in(current)
        if target is None or step not in target.model_fields:
            return []
        current = target.model_fields[step].annotation
    target = _model_in(current)
    return list(target.model_fields) if target else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside Optional[...] / list[...] / Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
