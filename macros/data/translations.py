"""Translations of the shared text, keyed by stable ids: data/translations/<lang>/<source>.yml.

The English files stay the source: a translator writes one file per language and activity
(and one for data/guide.yml) and never edits the source. Each entry names an item by its id
(a section by its key, the activity by its own id, a label as `labels.<key>`), records
which English it translated as a short hash, and gives the translated fields:

    what-is:
      source: 3f2a91c0
      text: >-
        Una entrevista informativa es...

When the English changes, its hash does too: the entry is stale, `wbl-guide check` reports
it with both lines, and the page shows the English until the translator updates it. A
missing or stale text falls back to English, marked as English (fallback.py).
`wbl-guide translate <lang>` writes the entries still to do, with the English beside them.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from ..base.errors import Problem
from ..base.fallback import mark
from .walk import set_at
from .loader import Document, format_path
from .model import Activity, Guide, Labels
from ..base.suggest import did_you_mean, one_of
from ..words.terms import Vocabulary
from .text_checks import check_value
from ..text.text_kinds import PLAIN, PROSE, TextKind, text_fields

HASH = re.compile(r"^[0-9a-f]{8}$")
# A translation file's own key (no item's id: ids are the source's): whether a person from
# the district has read it against the English. `reviewed: false` until then, or
# `reviewed: {by: <name and role>, on: <date>}`. An edition with a file not reviewed says
# so on its home page, in its language; `wbl-guide check` lists them.
REVIEWED = "reviewed"
# Each "did you mean" compares a word with every id of the source: a file of thousands of
# unknown ids would cost their product. Past this many, the problems come without one.
MAX_HINTS = 100
GUIDE = "guide"  # the translation of data/guide.yml


def translations_dir(root: Path, language: str) -> Path:
    """data/translations/<language>/. `language` is a checked code (model.LANGUAGE_PATTERN),
    never a path: a folder named anything else is a mistake of the caller's."""
    if not language or Path(language).name != language or language in (".", ".."):
        raise ValueError(f"not a language code: {language!r}")
    return Path(root) / "data" / "translations" / language


@dataclass
class Unit:
    """One translatable item: its id, where it is in the English file, and its texts."""

    id: str
    path: tuple  # of the item in the English file
    fields: dict[str, Any] = field(default_factory=dict)  # name -> English text (or list of texts)
    kinds: dict[str, TextKind] = field(default_factory=dict)
    paths: dict[str, tuple] = field(default_factory=dict)  # name -> path of the field

    @functools.cached_property
    def source(self) -> str:
        """The hash of its English (units() fills the fields in before anyone asks), worked
        out once: every translated text of every edition asks for it."""
        return source_hash(self.fields)


def source_hash(fields: dict[str, Any]) -> str:
    """A short hash of the English an entry translates: it changes when any of it does."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def units(model: BaseModel) -> dict[str, Unit]:
    """Every translatable item of an activity or of the guide, by id, in file order."""
    found: dict[str, Unit] = {}
    for text in text_fields(model):
        if text.kind not in (PLAIN, PROSE):
            continue
        ident, name, unit_path = _identity(model, text.owner, text.name, text.path)
        unit = found.setdefault(ident, Unit(ident, unit_path))
        is_list = isinstance(text.path[-1], int) and text.path[-2] == text.name
        if is_list:
            unit.fields.setdefault(name, []).append(text.value)
            unit.paths.setdefault(name, text.path[:-1])
        else:
            unit.fields[name] = text.value
            unit.paths[name] = text.path
        unit.kinds[name] = text.kind
    return found


def _identity(model: BaseModel, owner: BaseModel, name: str, path: tuple) -> tuple[str, str, tuple]:
    """(unit id, field name in the entry, the unit's path) for one text of the model."""
    if isinstance(owner, Labels):
        return f"labels.{name}", "text", path
    ident = getattr(owner, "id", None)
    if owner is model:
        return ident or GUIDE, name, ()
    if isinstance(ident, str):
        depth = path.index(name)
        return ident, name, path[:depth]
    return str(path[0]), name, path[:1]  # a section (or the guide's activities page), by its key


@dataclass
class Translation:
    """One translation file, checked against its English source."""

    language: str
    source_name: str  # the activity's id, or "guide"
    document: Document | None
    entries: dict[str, dict[str, Any]]  # unit id -> field -> translated text (current or stale)
    hashes: dict[str, str]  # unit id -> the source hash the entry records
    review: dict[str, str] | None = None  # who reviewed it and when; None: not reviewed yet

    def current(self, unit: Unit) -> dict[str, Any]:
        """The translated fields of a unit whose English has not changed since."""
        if self.hashes.get(unit.id) != unit.source:
            return {}
        return {name: value for name, value in self.entries.get(unit.id, {}).items() if value not in (None, "", [])}

    def texts(self) -> Iterator[tuple[tuple, str]]:
        """(path in the file, text) of every translated text, one item of a list at a time:
        what the checks of the translations' words read (lint, spelling, glossary)."""
        for ident, fields in self.entries.items():
            for name, value in fields.items():
                if isinstance(value, list):
                    for position, text in enumerate(value):
                        yield (ident, name, position), text
                else:
                    yield (ident, name), value


def empty(language: str, source_name: str) -> Translation:
    return Translation(language, source_name, None, {}, {})


def read_translation(document: Document, language: str, source_name: str, table: dict[str, Unit],
                     vocabulary: Vocabulary, check_links) -> tuple[Translation, list[Problem]]:
    """A translation file checked against its source's units (`table`, units() of the
    English): known ids and fields, a source hash on every entry, every text by its kind
    in the language's grammar."""
    problems: list[Problem] = []
    entries: dict[str, dict[str, Any]] = {}
    hashes: dict[str, str] = {}
    data = document.data if isinstance(document.data, dict) else {}
    hints = MAX_HINTS
    review, found = _review(document, data.get(REVIEWED, False))
    problems += found
    for ident, entry in data.items():
        if ident == REVIEWED:
            continue
        unit = table.get(ident)
        if unit is None:
            hints -= 1
            problems.append(document.problem((ident,), f"no item '{ident}' in the English source",
                                             (hints >= 0 and did_you_mean(ident, table)) or "Entries are named by "
                                             "the ids of the English file; `wbl-guide translate` lists them.", key=True))
            continue
        if not isinstance(entry, dict):
            problems.append(document.problem((ident,), "expected a mapping with source: and the translated fields"))
            continue
        recorded = entry.get("source")
        if not isinstance(recorded, str) or not HASH.match(recorded.strip()):
            problems.append(document.problem((ident, "source") if "source" in entry else (ident,),
                                             "expected `source:` with the 8-character hash of the English it translates",
                                             f"The current English's hash is {unit.source}."))
            continue
        hashes[ident] = recorded.strip()
        translated: dict[str, Any] = {}
        for name, value in entry.items():
            if name == "source":
                continue
            path = (ident, name)
            if name not in unit.fields:
                problems.append(document.problem(path, f"'{ident}' has no text '{name}' to translate",
                                                 did_you_mean(name, unit.fields) or
                                                 f"Its texts: {one_of(unit.fields)}.", key=True))
                continue
            if value in (None, ""):
                continue  # not translated yet
            english = unit.fields[name]
            if isinstance(english, list):
                if not isinstance(value, list) or len(value) != len(english) or \
                        not all(isinstance(v, str) and v.strip() for v in value):
                    problems.append(document.problem(path, f"expected a list of {len(english)} texts, one for each "
                                                     "of the English"))
                    continue
                for position, item in enumerate(value):
                    problems += check_value(document, path + (position,), unit.kinds[name], item.strip(), vocabulary)
                translated[name] = [v.strip() for v in value]
                continue
            if not isinstance(value, str):
                problems.append(document.problem(path, "expected text, received a list or mapping"))
                continue
            value = value.strip()
            problems += check_value(document, path, unit.kinds[name], value, vocabulary)
            if unit.kinds[name] is PROSE:
                problems += check_links(document, path, value)
            translated[name] = value
        entries[ident] = translated
    return Translation(language, source_name, document, entries, hashes, review), problems


def _review(document: Document, value: Any) -> tuple[dict[str, str] | None, list[Problem]]:
    """`reviewed:` read: None for false, else {by, on}."""
    if value is False or value is None or (isinstance(value, str) and value.strip().lower() in ("false", "no")):
        return None, []  # (the loader reads YAML's false as text)
    if isinstance(value, dict) and set(value) == {"by", "on"} and all(
            isinstance(value[key], (str, datetime.date)) and str(value[key]).strip() for key in value):
        return {key: str(value[key]).strip() for key in ("by", "on")}, []
    return None, [document.problem((REVIEWED,), "expected `reviewed: false`, or `reviewed:` with `by:` (the "
                                   "reviewer's name and role at the district) and `on:` (the date)",
                                   "e.g. reviewed: then, indented below it, by: Ana Ruiz, family liaison, and on: 2027-01-15")]


def translate(model: BaseModel, translation: Translation) -> BaseModel:
    """The model in the translation's language: each text translated where the translation
    is current, else the English, marked as English."""
    table = units(model)
    data = model.model_dump()
    for unit in table.values():
        done = translation.current(unit)
        for name, english in unit.fields.items():
            value = done.get(name)
            if value is None:
                value = [mark(v) for v in english] if isinstance(english, list) else mark(english)
            set_at(data, unit.paths[name], value)
    return type(model).model_validate(data)


@dataclass(frozen=True)
class Coverage:
    language: str
    translated: int  # texts translated and current
    stale: int
    total: int
    unreviewed: tuple[str, ...] = ()  # the files no one from the district has reviewed

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


def coverage(language: str, sources: dict[str, BaseModel], translations: dict[str, Translation]) -> Coverage:
    translated = stale = total = 0
    unreviewed = []
    for name, model in sources.items():
        translation = translations.get(name) or empty(language, name)
        if translation.document is not None and translation.review is None:
            unreviewed.append(f"{name}.yml")
        for unit in units(model).values():
            total += len(unit.fields)
            done = translation.current(unit)
            translated += len(done)
            if unit.id in translation.hashes and not done and translation.entries.get(unit.id):
                stale += len([v for v in translation.entries[unit.id].values() if v])
    return Coverage(language, translated, stale, total, tuple(unreviewed))


def reviewed(translations: dict[str, Translation]) -> bool:
    """Whether a person from the district reviewed every file of a language."""
    return bool(translations) and all(t.review is not None for t in translations.values() if t.document is not None)


def stale_entries(translation: Translation, table: dict[str, Unit], source_document: Document) -> list[Problem]:
    """Entries whose English (its units, `table`) changed since they were translated, each
    located at the translation's `source:` line and naming the English's line."""
    found = []
    if translation.document is None:
        return found
    for ident, unit in table.items():
        recorded = translation.hashes.get(ident)
        if recorded is None or recorded == unit.source or not any(translation.entries.get(ident, {}).values()):
            continue
        first = next(iter(unit.paths.values()))
        line = source_document.where(first)[0]
        found.append(translation.document.problem(
            (ident, "source"), f"stale: the English of '{ident}' changed since it was translated "
            f"({source_document.file}:{line}, {format_path(first)})",
            f"Update the translation, then set `source: {unit.source}`. Until then the page shows the English."))
    return found


def model_sources(activities: dict[str, Activity], guide: Guide) -> dict[str, BaseModel]:
    """Everything that can be translated, by the name of its translation file."""
    return {GUIDE: guide, **activities}
