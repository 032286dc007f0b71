"""The one model of text: every string field of the data is of a declared kind.

A field's kind comes from its type annotation (`title: Plain`, `text: Prose`), never from a
hand-kept list of field names, so a new field cannot be forgotten: `text_fields` finds it,
validation checks it by its kind, resolution fills its placeholders and the templates
render it by its kind. A test fails if any string field of any model has no kind.

    plain   a title, name or label: placeholders allowed; always escaped, never Markdown
    prose   guide Markdown: placeholders, *emphasis*, **strong** and [links](https://...)
    url     a web address (https, http, mailto, tel) or a page of this guide (/activity/page/)
    email   an e-mail address (rendered as a mailto: link)
    id      a stable identifier: lowercase letters, digits and hyphens
    file    a file name inside the district's own folder
    token   a value from a fixed form (a color, a language code, a due rule...)
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field


@dataclass(frozen=True)
class TextKind:
    name: str
    placeholders: bool = False  # whether ${terms} are filled in

    def __repr__(self) -> str:
        return f"TextKind({self.name})"


PLAIN = TextKind("plain", placeholders=True)
PROSE = TextKind("prose", placeholders=True)
URL = TextKind("url")
EMAIL = TextKind("email")
IDENT = TextKind("id")
FILE = TextKind("file")
TOKEN = TextKind("token")
KINDS = (PLAIN, PROSE, URL, EMAIL, IDENT, FILE, TOKEN)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL_PATTERN = r"^[A-Za-z0-9.!#$%*+/=?^_|~'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$"
# A file name only: no folder, no quote, no space.
FILE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"

Plain = Annotated[str, PLAIN, Field(min_length=1, description=(
    "Plain text (no Markdown, no HTML). Write district words as ${placeholders}."))]
Prose = Annotated[str, PROSE, Field(min_length=1, description=(
    "Text in Markdown: *emphasis*, **strong** and [links](https://...). Write district words "
    "as ${placeholders}."))]
Url = Annotated[str, URL, Field(min_length=1, description=(
    "A web address (https://, http://, mailto:, tel:) or a page of this guide "
    "(/informational-interview/checklist/)."))]
Email = Annotated[str, EMAIL, Field(pattern=EMAIL_PATTERN, description="An e-mail address.")]
Id = Annotated[str, IDENT, Field(pattern=ID_PATTERN, description=(
    "A stable id: lowercase letters, digits and hyphens. Districts override items by id "
    "and checklists remember ticks by id, so keep it when the wording changes."))]
# The name's form is checked with the file itself (validate.py), to say what is wrong with it.
FileName = Annotated[str, FILE, Field(min_length=1, description=(
    "A file name (no folder) in the district's own folder, data/districts/<id>/: "
    "an SVG, PNG, JPEG or WebP image."))]


def token(pattern: str, description: str | None = None, **extra: Any) -> Any:
    """A string of a fixed form, e.g. token(r"^(letter|a4)$")."""
    return Annotated[str, TOKEN, Field(pattern=pattern, description=description, **extra)]


def kind_of(annotation: Any, metadata: typing.Iterable[Any] = ()) -> TextKind | None:
    """The kind a string annotation declares, if any."""
    for item in list(metadata) + list(getattr(annotation, "__metadata__", ())):
        if isinstance(item, TextKind):
            return item
    return None


def _unwrap(annotation: Any) -> tuple[Any, tuple]:
    """Annotated[X, ...] -> (X, metadata); anything else -> (itself, ())."""
    if typing.get_origin(annotation) is Annotated:
        return typing.get_args(annotation)[0], tuple(annotation.__metadata__)
    return annotation, ()


@dataclass(frozen=True)
class TextField:
    path: tuple  # key path in the YAML file
    kind: TextKind
    value: str
    owner: BaseModel  # the model object holding the field (or the container's owner)
    name: str  # the model field's name


def text_fields(obj: BaseModel, path: tuple = ()) -> Iterator[TextField]:
    """Every string of a model tree with its kind, in file order."""
    found: list[TextField] = []  # gathered by plain recursion: chained generators cost a third more
    _model(obj, path, found)
    return iter(found)


def _model(obj: BaseModel, path: tuple, found: list) -> None:
    for name, annotation, metadata, kind in _fields(type(obj)):
        value = getattr(obj, name)
        # The common cases first, without a call (most values are unset or text).
        if value is None:
            continue
        if value.__class__ is str:
            if kind is not None:
                found.append(TextField(path + (name,), kind, value, obj, name))
        elif isinstance(value, BaseModel):
            _model(value, path + (name,), found)
        else:
            _walk(annotation, metadata, value, path + (name,), obj, name, found)


def _walk(annotation: Any, metadata: tuple, value: Any, path: tuple, owner: BaseModel, name: str,
          found: list) -> None:
    if value is None:
        return
    if isinstance(value, BaseModel):
        _model(value, path, found)
        return
    kind, item, entry = _reading(annotation, metadata)
    if isinstance(value, str):
        if kind is not None:
            found.append(TextField(path, kind, value, owner, name))
        return
    if isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            if isinstance(child, BaseModel):  # a list of paragraphs, parts...: the common case
                _model(child, path + (index,), found)
            else:
                _walk(item, (), child, path + (index,), owner, name, found)
    elif isinstance(value, dict):
        for key, child in value.items():
            _walk(entry, (), child, path + (key,), owner, name, found)


# Every build walks thousands of values through a few dozen annotations: what each
# annotation says is worked out once (a third of the core's time went into it). The keys
# hold the annotations themselves, so a cached answer can never belong to another one.
@functools.lru_cache(maxsize=None)
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any, tuple, TextKind | None], ...]:
    """(name, annotation, metadata, the kind of a string there) for each field."""
    return tuple((name, info.annotation, tuple(info.metadata), _reading(info.annotation, tuple(info.metadata))[0])
                 for name, info in model.model_fields.items())


def _reading(annotation: Any, metadata: tuple) -> tuple[TextKind | None, Any, Any]:
    """(the kind a string here has, the element type of a list here, the value type of a
    dict here)."""
    try:
        return _cached_reading(annotation, metadata)
    except TypeError:  # an unhashable annotation: work it out each time
        return _cached_reading.__wrapped__(annotation, metadata)


@functools.lru_cache(maxsize=None)
def _cached_reading(annotation: Any, metadata: tuple) -> tuple[TextKind | None, Any, Any]:
    annotation, more = _unwrap(annotation)
    metadata = metadata + more
    kind = kind_of(annotation, metadata)
    if kind is None:
        kind = next((k for k in map(lambda a: kind_of(*_unwrap(a)), _alternatives(annotation)) if k), None)
    return kind, _container_arg(annotation, 0), _container_arg(annotation, 1)


def _alternatives(annotation: Any) -> tuple:
    """The members of a union (X | None), or the annotation alone."""
    return typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, _UnionType) else (annotation,)


_UnionType = type(int | None)


def _container_arg(annotation: Any, position: int) -> Any:
    """The element type of list[X] (position 0) or the value type of dict[K, V] (1),
    looking through X | None."""
    for candidate in _alternatives(annotation):
        candidate, _ = _unwrap(candidate)
        args = typing.get_args(candidate)
        if typing.get_origin(candidate) in (list, tuple) and args:
            return args[0]
        if typing.get_origin(candidate) is dict and len(args) == 2:
            return args[position] if position < len(args) else args[-1]
    return Any


def unkinded_fields(model: type[BaseModel], seen: set | None = None) -> list[str]:
    """'Model.field' for every string-typed field (anywhere in its annotation) that declares
    no kind: the test that keeps the model of text complete."""
    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)
    missing: list[str] = []
    for name, info in model.model_fields.items():
        missing += _strings_without_kind(info.annotation, tuple(info.metadata), seen, f"{model.__name__}.{name}")
    return missing


def _strings_without_kind(annotation: Any, metadata: tuple, seen: set, label: str) -> list[str]:
    annotation, more = _unwrap(annotation)
    metadata = metadata + more
    if annotation is str:
        return [] if kind_of(annotation, metadata) else [label]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return unkinded_fields(annotation, seen)
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict and len(args) == 2:
        args = args[1:]  # keys are checked where they are used (ids, label names, terms)
    missing: list[str] = []
    for argument in args:
        if argument is not type(None):
            missing += _strings_without_kind(argument, (), seen, label)
    return missing
