"""Rules that a single model cannot check: placeholders, ids, overrides, district terms.

Each check returns problems located in the file the author has to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .colours import contrast_problems
from .errors import Problem
from .loader import Document
from .model import Activity, District, Labels, Paragraph, TimelineStep
from .suggest import closest, did_you_mean, one_of
from .terms import PLACEHOLDER, Term, TermSpec, Vocabulary, Word, pluralise

# Fields that hold prose (and so may hold placeholders); everything else is data.
TEXT_FIELDS = ("title", "nav_title", "text", "fallback", "when", "summary", "title_plural", "note",
               "audience", "label")

_TEMPLATE_CODE = re.compile(r"\{\{|\{%|\{#")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")


def walk_models(obj: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every model object in a tree, with its key path in the YAML file."""
    yield path, obj
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if isinstance(value, BaseModel):
            yield from walk_models(value, path + (name,))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                if isinstance(child, BaseModel):
                    yield from walk_models(child, path + (name, index))


def texts(obj: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, str, BaseModel]]:
    """(path, text, owner) for every prose field in a model tree."""
    for where, node in walk_models(obj, path):
        for name in TEXT_FIELDS:
            value = getattr(node, name, None)
            if isinstance(value, str):
                yield where + (name,), value, node


def check_text(document: Document, path: tuple, text: str, vocabulary: Vocabulary) -> list[Problem]:
    """Placeholders known, no template code, no raw HTML."""
    problems = [document.problem_in_text(path, p.raw, p.error, p.hint)
                for p in vocabulary.placeholders(text) if p.error]
    if "${" in PLACEHOLDER.sub("", text):
        problems.append(document.problem_in_text(path, "${", "a '${' is not closed with '}'",
                                                 "Write placeholders as ${learners}."))
    code = _TEMPLATE_CODE.search(text)
    if code:
        problems.append(document.problem_in_text(
            path, code.group(0), f"template code ('{code.group(0)}') is not allowed in guide text",
            "Write district words as ${placeholders}; text is never run as a template."))
    tag = _HTML_TAG.search(text)
    if tag:
        problems.append(document.problem_in_text(
            path, tag.group(0), f"raw HTML ('{tag.group(0)}') is not allowed in guide text",
            "Use Markdown instead: *emphasis*, **strong**, [a link](https://...)."))
    return problems


def check_activity(activity: Activity, document: Document, vocabulary: Vocabulary, stem: str) -> list[Problem]:
    problems: list[Problem] = []
    if activity.id != stem:
        problems.append(document.problem(("id",), f"expected '{stem}' (the file name), received '{activity.id}'",
                                         "An activity's id and its file name must match."))
    problems += _duplicate_ids(activity, document)
    optional = {key for key, spec in vocabulary.specs.items() if spec.optional}
    for path, text, owner in texts(activity):
        problems += check_text(document, path, text, vocabulary)
        used = {p.key for p in vocabulary.placeholders(text) if not p.error} & optional
        if not used or path[-1] == "fallback" or getattr(owner, "fallback", None) is not None:
            continue
        names = ", ".join(sorted(used))
        if isinstance(owner, (Paragraph, TimelineStep)) and path[-1] != "when":
            problems.append(document.problem(path, f"uses the optional term {names}, which a district may "
                                             "leave out, and has no fallback",
                                             f"Add a `fallback:` text without {names} beside it."))
        else:
            problems.append(document.problem(path, f"uses the optional term {names}, which a district may "
                                             "leave out", f"Reword without {names}: this field has no fallback."))
    problems += _check_includes(activity, document)
    return problems


def _check_includes(activity: Activity, document: Document) -> list[Problem]:
    """Handouts include sections or parts; download collections include handouts or sections."""
    problems = []
    index = item_index(activity)
    sections = dict(activity.sections())
    includable = [key for key in sections if key != "downloads"] + \
        [ident for ident, (path, node) in index.items()
         if type(node).__name__ in ("Part", "Paragraph") and path[0] != "handouts"]
    for number, handout in enumerate(activity.handouts):
        for position, ident in enumerate(handout.include):
            if ident not in includable:
                problems.append(document.problem(("handouts", number, "include", position),
                                                 f"no section, part or paragraph with id '{ident}'",
                                                 did_you_mean(ident, includable)))
    if activity.downloads:
        collectable = [h.id for h in activity.handouts] + [key for key in sections if key != "downloads"]
        for number, bundle in enumerate(activity.downloads.bundles):
            for position, ident in enumerate(bundle.include):
                if ident not in collectable:
                    problems.append(document.problem(("downloads", "bundles", number, "include", position),
                                                     f"no handout or section with id '{ident}'",
                                                     did_you_mean(ident, collectable)
                                                     or f"Handouts and sections: {one_of(collectable)}."))
    return problems


def _identified(activity: Activity) -> Iterator[tuple[str, tuple, BaseModel]]:
    """(id, path, node) for every section (by key) and every item with an id, handouts too."""
    for key, section in activity.sections():
        yield key, (key,), section
        for path, node in walk_models(section, (key,)):
            if getattr(node, "id", None) is not None:
                yield node.id, path, node
    for number, handout in enumerate(activity.handouts):
        for path, node in walk_models(handout, ("handouts", number)):
            if getattr(node, "id", None) is not None:
                yield node.id, path, node


def item_index(activity: Activity) -> dict[str, tuple[tuple, BaseModel]]:
    """Every addressable thing in an activity by id: sections by key, the rest by `id`."""
    found: dict[str, tuple[tuple, BaseModel]] = {}
    for ident, path, node in _identified(activity):
        found.setdefault(ident, (path, node))
    return found


def _duplicate_ids(activity: Activity, document: Document) -> list[Problem]:
    problems = []
    seen: dict[str, tuple] = {}
    for ident, path, _ in _identified(activity):
        if ident in seen:
            where = path + ("id",) if len(path) > 1 else path  # a section is named by its key
            problems.append(document.problem(where, f"duplicate id '{ident}' (also used on line "
                                             f"{document.where(seen[ident])[0]})",
                                             "Ids must be unique within an activity."))
        else:
            seen[ident] = path
    return problems


# Fields a district may override, by the kind of thing an id points at.
OVERRIDABLE = {
    "Paragraph": ("text", "fallback", "note"),
    "TimelineStep": ("when", "text", "fallback", "note"),
    "Link": ("title", "text", "url"),
    "Part": ("title", "note"),
    "Section": ("title", "nav_title", "note"),
    "Timeline": ("title", "nav_title", "note"),
    "Downloads": ("title", "nav_title"),
    "Bundle": ("title", "text"),
    "Handout": ("title", "nav_title", "audience"),
    "FillIn": ("label",),
}


def main_field(node: BaseModel) -> str:
    """The field a plain-text override replaces: the text if there is one, else the title."""
    return "text" if "text" in type(node).model_fields else "title"


def check_district(district: District, document: Document, vocabulary: Vocabulary,
                   activities: dict[str, Activity], broken: set[str] = frozenset(),
                   assets: Path | None = None) -> tuple[dict[str, Term], list[Problem]]:
    """Check a district profile; return its terms (for rendering) and its problems.

    `broken` names activities whose files exist but failed to load: their own problems
    are reported, so references to them are not checked (and not reported twice).
    """
    terms, problems = district_terms(district.terms, document, vocabulary)
    if district.coordinator_note:
        problems += check_text(document, ("coordinator_note",), district.coordinator_note, vocabulary)
        problems += _optional_used(document, ("coordinator_note",), district.coordinator_note, vocabulary, terms)
    problems += _check_overrides(district, document, vocabulary, activities, terms, broken)
    problems += _check_hidden(district, document, activities, broken)
    problems += _check_notes(district, document, vocabulary, activities, terms, broken)
    problems += _check_presentation(district, document, assets)
    for key, text in district.labels.items():
        if key not in Labels.model_fields:
            problems.append(document.problem(("labels", key), f"unknown label '{key}'",
                                             did_you_mean(key, Labels.model_fields) or
                                             f"Labels: {one_of(Labels.model_fields)}.", key=True))
        else:
            problems += check_text(document, ("labels", key), text, vocabulary)
    for path, text, _ in texts(district):
        if path[0] in ("contacts", "resources"):
            problems += check_text(document, path, text, vocabulary)
            problems += _optional_used(document, path, text, vocabulary, terms)
    return terms, problems


def _check_notes(district: District, document: Document, vocabulary: Vocabulary,
                 activities: dict[str, Activity], terms: dict[str, Term], broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for base, notes, index in _per_activity("notes", district.notes, document, activities, broken, problems):
        activity_id = base[1]
        for ident, text in notes.items():
            path = base + (ident,)
            node = index.get(ident, (None, None))[1]
            if node is None or "note" not in type(node).model_fields:
                takes_notes = [i for i, (_, n) in index.items() if "note" in type(n).model_fields]
                problems.append(document.problem(path, f"no section, part or item with id '{ident}' in {activity_id}",
                                                 did_you_mean(ident, takes_notes), key=True))
                continue
            problems += check_text(document, path, text, vocabulary)
            problems += _optional_used(document, path, text, vocabulary, terms)
    return problems


def _check_presentation(district: District, document: Document, assets: Path | None) -> list[Problem]:
    problems = []
    if district.colours:
        accent = district.colours.accent or district.colours.primary
        for key, message in contrast_problems(district.colours.primary, accent):
            field = key if key == "primary" or district.colours.accent else "primary"
            problems.append(document.problem(("colours", field), message))
    if district.logo and assets is not None:
        folder = document.file.removesuffix(".yml") + "/"  # data/districts/<id>/
        logo = assets / district.logo
        present = sorted(p.name for p in assets.glob("*")) if assets.is_dir() else []
        if ".." in Path(district.logo).parts or Path(district.logo).is_absolute():
            problems.append(document.problem(("logo",), f"the logo must be a file inside {folder}"))
        elif not logo.is_file():
            problems.append(document.problem(("logo",), f"no file '{district.logo}' in {folder}",
                                             did_you_mean(district.logo, present) or
                                             f"Put the logo in {folder} and give its file name."))
        elif logo.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg", ".webp"):
            problems.append(document.problem(("logo",), "expected an SVG, PNG, JPEG or WebP image, "
                                             f"received '{district.logo}'"))
    return problems


def _optional_used(document, path, text, vocabulary: Vocabulary, terms: dict[str, Term]) -> list[Problem]:
    missing = sorted({p.key for p in vocabulary.placeholders(text) if p.key and not p.error and p.key not in terms})
    if not missing:
        return []
    names = ", ".join(missing)
    return [document.problem(path, f"uses {names}, which this district does not define",
                             f"Define {names} under `terms:`, or reword without it.")]


def _check_overrides(district: District, document: Document, vocabulary: Vocabulary,
                     activities: dict[str, Activity], terms: dict[str, Term], broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for base, entries, index in _per_activity("overrides", district.overrides, document, activities,
                                              broken, problems):
        activity_id = base[1]
        for ident, value in entries.items():
            path = base + (ident,)
            if ident not in index:
                problems.append(document.problem(path, f"no item with id '{ident}' in {activity_id}",
                                                 did_you_mean(ident, index), key=True))
                continue
            node = index[ident][1]
            allowed = OVERRIDABLE.get(type(node).__name__, ())
            fields = {main_field(node): value} if isinstance(value, str) else value
            if not isinstance(fields, dict):
                problems.append(document.problem(path, "expected text, or a mapping such as {title: ...}, "
                                                 f"received {'a list' if isinstance(value, list) else repr(value)}"))
                continue
            for name, text in fields.items():
                where = path if isinstance(value, str) else path + (name,)
                if name not in allowed:
                    problems.append(document.problem(where, f"'{ident}' has no field '{name}' to override",
                                                     did_you_mean(name, allowed) or
                                                     f"Fields: {one_of(allowed)}.", key=True))
                elif not isinstance(text, str) or not text.strip():
                    problems.append(document.problem(where, "expected text, received "
                                                     + ("nothing" if not text else "a list or mapping")))
                else:
                    problems += check_text(document, where, text, vocabulary)
                    if name != "fallback" and not fields.get("fallback"):
                        problems += _optional_used(document, where, text, vocabulary, terms)
    return problems


def _per_activity(key: str, per_activity: dict, document: Document, activities: dict[str, Activity],
                  broken: set[str], problems: list[Problem]) -> Iterator[tuple[tuple, Any, dict]]:
    """(path, entries, id index) for each activity a district section names. An unknown
    activity is a problem; one whose file failed to load was reported already."""
    for activity_id, entries in per_activity.items():
        base = (key, activity_id)
        activity = activities.get(activity_id)
        if activity is not None:
            yield base, entries, item_index(activity)
        elif activity_id not in broken:
            problems.append(document.problem(base, f"unknown activity '{activity_id}'",
                                             did_you_mean(activity_id, activities) or
                                             (f"Activities: {one_of(activities)}." if activities else None),
                                             key=True))


def _check_hidden(district: District, document: Document, activities: dict[str, Activity],
                  broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    for base, idents, index in _per_activity("hide", district.hide, document, activities, broken, problems):
        activity_id = base[1]
        for position, ident in enumerate(idents):
            if ident == "overview":
                problems.append(document.problem(base + (position,), "the overview cannot be hidden",
                                                 "It is the activity's first page."))
            elif ident not in index:
                problems.append(document.problem(base + (position,), f"no item with id '{ident}' in {activity_id}",
                                                 did_you_mean(ident, index)))
    return problems


def district_terms(values: dict[str, Any], document: Document,
                   vocabulary: Vocabulary) -> tuple[dict[str, Term], list[Problem]]:
    """A district's `terms:` section, checked against data/terms.yml and worked into Terms."""
    problems: list[Problem] = []
    terms: dict[str, Term] = {}
    misspelt = set()
    for key in values:
        if key not in vocabulary.specs:
            match = closest(key, vocabulary.specs)
            misspelt.add(match)
            problems.append(document.problem(("terms", key), f"unknown term '{key}'",
                                             did_you_mean(key, vocabulary.specs) or
                                             "The terms are listed in data/terms.yml.", key=True))
    for key, spec in vocabulary.specs.items():
        if key not in values or values[key] in (None, ""):
            if not spec.optional and key not in misspelt:
                problems.append(document.problem(("terms",), f"missing term '{key}' ({spec.description.rstrip('.')})",
                                                 f"Add `{key}: ...` under `terms:`"
                                                 + (f", e.g. {spec.example}." if spec.example else ".")))
            continue
        term, found = _term(spec, values[key], document, ("terms", key))
        problems += found
        if term is not None:
            terms[key] = term
    return terms, problems


def _term(spec: TermSpec, value: Any, document: Document, path: tuple) -> tuple[Term | None, list[Problem]]:
    if spec.kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            return None, [document.problem(path, "expected a list of names, e.g. [Zoom, Microsoft Teams]")]
        problems = [p for i, item in enumerate(items) for p in _plain(document, path + (i,), item)]
        return Term(spec.key, "list", Word(items[0], items[0]), items=tuple(i.strip() for i in items)), problems
    if isinstance(value, str):
        problems = _plain(document, path, value)
        plural = value if spec.kind == "phrase" else pluralise(value.strip())
        return Term(spec.key, spec.kind, Word(value.strip(), plural)), problems
    if spec.kind == "phrase" or not isinstance(value, dict):
        expected = "text" if spec.kind == "phrase" else "text, or a mapping with singular: (and plural:, article:, variants)"
        return None, [document.problem(path, f"expected {expected}, received "
                                       + ("a list" if isinstance(value, list) else "a mapping"))]
    return _word_mapping(spec, value, document, path)


def _word_mapping(spec: TermSpec, value: dict, document: Document, path: tuple) -> tuple[Term | None, list[Problem]]:
    problems: list[Problem] = []
    allowed = ("singular", "plural", "article", *spec.variants)
    for name in value:
        if name not in allowed:
            problems.append(document.problem(path + (name,), f"unknown key '{name}'",
                                             did_you_mean(name, allowed) or f"Allowed here: {', '.join(allowed)}.", key=True))
    singular = value.get("singular")
    if not isinstance(singular, str) or not singular.strip():
        problems.append(document.problem(path, "missing required key 'singular'"))
        return None, problems
    article = value.get("article")
    if article is not None and article not in ("a", "an"):
        problems.append(document.problem(path + ("article",), f"expected 'a' or 'an', received '{article}'"))
        article = None
    plural = value.get("plural") or pluralise(singular.strip())
    variants: dict[str, Word] = {}
    for name in spec.variants:
        if name not in value:
            continue  # a missing variant falls back to the plain form
        form = value[name]
        if isinstance(form, str) and form.strip():
            variants[name] = Word(form.strip(), pluralise(form.strip()))
        elif isinstance(form, dict) and isinstance(form.get("singular"), str):
            variants[name] = Word(form["singular"].strip(), form.get("plural") or pluralise(form["singular"].strip()))
        else:
            problems.append(document.problem(path + (name,), "expected text, or a mapping with singular: and plural:"))
    for field in ("singular", "plural"):
        if isinstance(value.get(field), str):
            problems += _plain(document, path + (field,), value[field])
    return Term(spec.key, spec.kind, Word(singular.strip(), plural.strip()), variants, article), problems


def _plain(document: Document, path: tuple, value: Any) -> list[Problem]:
    """A term's value is used as written: no placeholders, template code or HTML inside."""
    if not isinstance(value, str):
        return [document.problem(path, "expected text, received a list or mapping")]
    if "${" in value or _TEMPLATE_CODE.search(value) or _HTML_TAG.search(value):
        return [document.problem(path, "a term's value must be plain words, without ${...}, "
                                 "template code or HTML")]
    return []


def check_vocabulary_entry(key: str, kind: str, document: Document) -> list[Problem]:
    if not re.match(r"^[a-z][a-z0-9_]*$", key):
        return [document.problem((key,), f"a term name must be lowercase letters, digits and "
                                 f"underscores, received '{key}'", key=True)]
    if kind == "word" and key.endswith("s"):
        return [document.problem((key,), f"a term name must not end in 's' ('{key}'): "
                                 f"${{{key}s}} is how shared text asks for the plural", key=True)]
    return []


__all__ = ["check_activity", "check_district", "check_text", "item_index", "main_field",
           "texts", "walk_models", "district_terms", "check_vocabulary_entry", "OVERRIDABLE"]
