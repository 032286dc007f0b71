"""Terminology lint: shared text that hard-codes a district's word instead of a placeholder.

"students" typed into shared text would show in a learners' guide. Every form of every
word and phrase term of every loaded district is looked for, outside placeholders, in the
shared files' text and ids. List terms (product names such as Zoom) and the words a term
declares as `shared_words` are ordinary shared vocabulary and are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Problem
from .loader import Document
from .model import Labels
from .project import Project
from .resolve import resolve_activity
from .terms import PLACEHOLDER, Terms
from .validate import item_index, main_field, texts, walk_models


@dataclass(frozen=True)
class DistrictWord:
    text: str
    district: str
    placeholder: str  # what to write instead, e.g. ${learners}


def district_words(project: Project) -> list[DistrictWord]:
    words: dict[str, DistrictWord] = {}
    for district_id, terms in project.terms.items():
        for key, term in terms.items():
            spec = project.vocabulary.specs[key]
            if term.kind == "list":
                continue
            allowed = {word.lower() for word in spec.shared_words}
            forms = [(term.word.singular, key), (term.word.plural, key + "s")]
            for name, variant in term.variants.items():
                forms += [(variant.singular, f"{key}:{name}"), (variant.plural, f"{key}s:{name}")]
            for text, placeholder in forms:
                if text.lower() not in allowed:
                    words.setdefault(text.lower(), DistrictWord(text, district_id, "${" + placeholder + "}"))
    # Longest first, so "WBL Connectors" is reported rather than "Connectors" inside it.
    return sorted(words.values(), key=lambda word: -len(word.text))


def lint(project: Project) -> list[Problem]:
    return _hard_coded_words(project) + doubled_words(project)


# "Virtual & Virtual Options": a placeholder filled with a word the text already has.
_DOUBLED = re.compile(r"(?<![\w-])(\w+) (?:&|and|or) \1(?![\w-])", re.I)


def doubled_words(project: Project) -> list[Problem]:
    """Text that reads oddly in one district's words, located at its shared source."""
    problems = []
    for district_id, district in project.districts.items():
        terms = Terms(project.vocabulary, project.terms[district_id])
        for activity_id, source in project.activities.items():
            document = project.sources[f"activities/{activity_id}"]
            shared = item_index(source)
            resolved = resolve_activity(source, district, terms, Labels())
            for ident, (_, node) in item_index(resolved).items():
                for name in ("title", "nav_title", "text", "when"):
                    text = getattr(node, name, None)
                    written = getattr(shared[ident][1], name, None)
                    if not isinstance(text, str) or not isinstance(written, str) or \
                            _district_wrote(district, activity_id, ident, name, node):
                        continue
                    # Only what the terms made: "may and may not" is the author's English.
                    authored = {m.group(0).lower() for m in _DOUBLED.finditer(written)}
                    match = next((m for m in _DOUBLED.finditer(text) if m.group(0).lower() not in authored), None)
                    if match:
                        problems.append(document.problem(
                            shared[ident][0] + (name,), f"reads '{match.group(0)}' in {district_id}'s words",
                            f"Reword the shared text, or give {district_id} its own wording under "
                            f"`overrides: {activity_id}: {ident}:` in its profile."))
    return problems


def _district_wrote(district, activity_id: str, ident: str, name: str, node) -> bool:
    """Whether the district's profile gives this field its own wording."""
    override = district.overrides.get(activity_id, {}).get(ident)
    if isinstance(override, str):
        return name == main_field(node)
    return isinstance(override, dict) and name in override


def _hard_coded_words(project: Project) -> list[Problem]:
    words = district_words(project)
    if not words:
        return []
    patterns = [(word, re.compile(rf"(?<![\w-]){re.escape(word.text)}(?![\w-])", re.I)) for word in words]
    problems: list[Problem] = []
    shared = [("guide", project.guide)] + [(f"activities/{a}", m) for a, m in project.activities.items()]
    for source, model in shared:
        document = project.sources[source]
        for path, text, _ in texts(model):
            problems += _in_text(document, path, PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text), patterns)
        for path, node in walk_models(model):
            ident = getattr(node, "id", None)
            if ident:
                problems += _in_id(document, path + ("id",), ident, words)
        for key in _section_keys(model):  # section keys become web addresses
            problems += _in_id(document, (key,), key.replace("_", "-"), words, key=True)
    return problems


def _in_text(document: Document, path: tuple, text: str, patterns) -> list[Problem]:
    problems, taken = [], []
    for word, pattern in patterns:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue  # part of a longer word already reported
            taken.append(match.span())
            problems.append(document.problem_in_text(
                path, match.group(0), f"hard-codes '{match.group(0)}', {word.district}'s word",
                f"Shared text must not name one district's words: write {_as_written(word, match.group(0))}."))
    return problems


def _section_keys(model) -> list[str]:
    return [key for key, _ in model.sections()] if hasattr(model, "sections") else []


def _in_id(document: Document, path: tuple, ident: str, words: list[DistrictWord], *, key: bool = False) -> list[Problem]:
    parts = ident.split("-")
    for word in words:
        tokens = word.text.lower().split()
        if len(tokens) == 1 and tokens[0] in parts:
            return [document.problem(path, f"the id '{ident}' contains '{tokens[0]}', {word.district}'s word",
                                     "Ids appear in web addresses and page anchors: keep them neutral.", key=key)]
    return []


def _as_written(word: DistrictWord, found: str) -> str:
    placeholder = word.placeholder
    if found[:1].isupper() and not word.text[:1].isupper():
        placeholder = "${" + placeholder[2].upper() + placeholder[3:]
    return placeholder
