"""Terminology lint: wording that districts' terms make wrong, reported to whoever can fix it.

Hard-coded words in shared text. "students" typed into shared text where ${learners}
belongs would show in a learners' guide. Only the shared text's authors can fix that, so
`wbl-guide check` reports it once, at its line, and no district's build does. Only the
words of the bundled districts (BUNDLED_DISTRICTS) are looked for: they are kept together
with the shared text, and data/terms.yml's `shared_words` lists their ordinary English
exceptions. A fork's own district may call its learners "person" or "fellow", words any
text uses; they are never looked for in text that district cannot change. List terms
(product names such as Zoom) are ordinary shared vocabulary and are not looked for either.

Doubled words. A placeholder filled with a word the text already has reads "Virtual &
Virtual Options". That concerns one district, which can fix it in its own profile, so it
is reported for that district (district_findings): in its build, as a warning (so
--strict stops), and in `check`. Found in shared text the district did not reword, it is
located at the shared line, with the hint to reword it there or in the district's
`overrides:`; found in the district's own overrides and notes, at its profile's line.

A district's profile is its own: its overrides, notes and labels may use any words,
another district's included, and are never checked for hard-coded words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import BaseModel

from ..base.errors import Problem
from ..data.loader import Document
from ..data.model import Activity, District, Labels
from ..data.project import DEFAULT_DISTRICT, Project
from .resolve import resolve_activity
from ..words.terms import PLACEHOLDER, Terms
from ..text.text_kinds import PLAIN, PROSE, text_fields
from ..data.walk import field_kind, item_index, main_field, walk_models

# The districts kept upstream with the shared text (forks keep them as they are): shared
# text must not hard-code their words. Add a district here when it is bundled upstream.
BUNDLED_DISTRICTS = (DEFAULT_DISTRICT, "nyc")


@dataclass(frozen=True)
class DistrictWord:
    text: str
    district: str
    placeholder: str  # what to write instead, e.g. ${learners}


def lint(project: Project) -> list[Problem]:
    """Everything `wbl-guide check` reports: shared text once, then each district's findings."""
    problems = shared_findings(project) + translation_findings(project)
    for district_id in project.districts:
        problems += district_findings(project, district_id)
    return problems


def shared_findings(project: Project) -> list[Problem]:
    """Bundled districts' words hard-coded in shared text and ids, for its authors."""
    words = district_words(project)
    if not words:
        return []
    patterns = _word_patterns(words)
    problems: list[Problem] = []
    shared = [("guide", project.guide)] + [(f"activities/{a}", m) for a, m in project.activities.items()]
    for source, model in shared:
        document = project.sources[source]
        for field in text_fields(model):
            if field.kind.placeholders:
                problems += _in_text(document, field.path, _words_only(field.value), patterns)
        for path, node in walk_models(model):
            ident = getattr(node, "id", None)
            if ident:
                problems += _in_id(document, path + ("id",), ident, words)
        for key in _section_keys(model):  # section keys become web addresses
            problems += _in_id(document, (key,), key.replace("_", "-"), words, key=True)
    return problems


def translation_findings(project: Project) -> list[Problem]:
    """Bundled districts' words in another language hard-coded in the shared translations
    ("estudiantes" where ${learners} belongs), for their translators. The `remote` words of
    Spanish ("a distancia", "virtual") are ordinary words of the shared text there."""
    problems: list[Problem] = []
    for language, translations in project.translations.items():
        words = district_words(project, language=language, ordinary=("remote",))
        if not words:
            continue
        patterns = _word_patterns(words)
        for translation in translations.values():
            if translation.document is None:
                continue
            for path, text in translation.texts():
                problems += _in_text(translation.document, path, _words_only(text), patterns)
    return problems


def district_words(project: Project, districts: tuple[str, ...] = BUNDLED_DISTRICTS, *,
                   language: str | None = None, ordinary: tuple[str, ...] = ()) -> list[DistrictWord]:
    """Every form of the word and phrase terms of `districts` (those loaded), in English or
    in `language`, longest first."""
    words: dict[str, DistrictWord] = {}
    for district_id in districts:
        values = project.terms.get(district_id, {}) if language is None else \
            project.edition_terms.get((district_id, language), {})
        for key, term in values.items():
            spec = project.vocabulary.specs[key]
            if term.kind == "list" or key in ordinary:
                continue
            allowed = {word.lower() for word in spec.shared_words} if language is None else set()
            forms = [(term.word.singular, key), (term.word.plural, key + "s")]
            for name, variant in term.variants.items():
                forms += [(variant.singular, f"{key}:{name}"), (variant.plural, f"{key}s:{name}")]
            for text, placeholder in forms:
                if text.lower() not in allowed:
                    words.setdefault(text.lower(), DistrictWord(text, district_id, "${" + placeholder + "}"))
    # Longest first, so "WBL Connectors" is reported rather than "Connectors" inside it.
    return sorted(words.values(), key=lambda word: -len(word.text))


def _words_only(text: str) -> str:
    """The text with placeholders and Markdown link targets blanked: neither is wording."""
    text = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    return _blank_link_targets(text)


_LINK_TARGET_START = re.compile(r"\]\(")
_LINK_TARGET_END = re.compile(r"[)\s]")


def _blank_link_targets(text: str) -> str:
    """Each "](target)" (a target without spaces) blanked, in one pass. The regex this
    replaces read on from every "](" to the next ')' or space, so a run of "](" with
    neither cost the square of its length."""
    pieces, done, end = [], 0, -1
    for start in _LINK_TARGET_START.finditer(text):
        if start.start() < done:
            continue  # inside a target already blanked
        if end < start.end():  # the ')' or space that ends this "](": the last one still may
            found = _LINK_TARGET_END.search(text, start.end())
            end = found.start() if found else len(text)
        if end < len(text) and text[end] == ")":
            pieces += [text[done:start.start()], " " * (end + 1 - start.start())]
            done = end + 1
    return "".join(pieces) + text[done:]


class _WordPatterns(NamedTuple):
    any_word: re.Pattern  # finds a text with none of the words in one pass
    each: list[tuple[DistrictWord, re.Pattern]]


def _word_patterns(words: list[DistrictWord]) -> _WordPatterns:
    """A pattern for each word (longest first, as `words` are), and one that matches where
    any of them does: most texts hold none, and one pass tells so instead of one a word."""
    def bounded(alternatives: str) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)

    return _WordPatterns(bounded("|".join(re.escape(word.text) for word in words)),
                         [(word, bounded(re.escape(word.text))) for word in words])


def _in_text(document: Document, path: tuple, text: str, patterns: _WordPatterns) -> list[Problem]:
    problems: list[Problem] = []
    if not patterns.any_word.search(text):
        return problems
    taken = bytearray(len(text))  # 1 where a word already reported stands
    for word, pattern in patterns.each:
        for match in pattern.finditer(text):
            if taken[match.start()]:
                continue  # part of a longer word already reported
            taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
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


# Doubled words ----------------------------------------------------------------------------

# "Virtual & Virtual Options": a placeholder filled with a word the text already has.
_DOUBLED = re.compile(r"(?<![\w-])(\w+) (?:&|and|or) \1(?![\w-])", re.I)
_OWN_HINT = "Reword it, or write the words themselves instead of a placeholder."


def district_findings(project: Project, district_id: str,
                      resolved_activities: Mapping[str, Activity] | None = None) -> list[Problem]:
    """The lint findings of one district's build: words its terms double, each located at
    the line that has them, in the shared text or in the district's profile.
    `resolved_activities` are the district's English activities as its build resolved them
    (publish.py passes them so the work is not done twice); any missing are resolved here."""
    district = project.districts[district_id]
    terms = Terms(project.vocabulary, project.terms[district_id])
    profile = project.sources[f"districts/{district_id}"]
    problems = []
    for activity_id, source in project.activities.items():
        shared_document = project.sources[f"activities/{activity_id}"]
        resolved = (resolved_activities or {}).get(activity_id) or resolve_activity(source, district, terms, Labels())
        for ident, path, node, name, text in _read_fields(source, resolved):
            own = _own_wording(district, activity_id, ident, node, name)
            written = own[1] if own else getattr(node, name, None)
            if text == written:  # no term filled in: any doubled words are the author's own
                continue
            doubled = _doubled(written if isinstance(written, str) else "", text)
            if not doubled:
                continue
            if own:
                problems.append(profile.problem(own[0], f"reads '{doubled}' once {district_id}'s terms are filled in",
                                                _OWN_HINT))
            else:
                problems.append(shared_document.problem(
                    path + (name,), f"reads '{doubled}' in {district_id}'s words",
                    f"Reword the shared text, or give {district_id} its own wording under "
                    f"`overrides: {activity_id}: {ident}:` in its profile." if ident else
                    "Reword the shared text."))
    for field in text_fields(district):  # its own words elsewhere: coordinator_note, labels...
        doubled = field.kind.placeholders and field.path[0] not in ("notes", "translations") and \
            _doubled(field.value, terms.render(field.value))
        if doubled:
            problems.append(profile.problem(field.path, f"reads '{doubled}' once {district_id}'s terms are filled in",
                                            _OWN_HINT))
    return problems


def _read_fields(source: Activity, resolved: Activity) -> Iterator[tuple[str | None, tuple, BaseModel, str, str]]:
    """(id, path in the source, source node, field, text as the district reads it) for each
    text field of the activity and of each item in both. A district's own additions, such
    as its local resources, have no shared source and are skipped."""
    shared = item_index(source)
    pairs = [(None, (), source, resolved)]
    pairs += [(ident, *shared[ident], node) for ident, (_, node) in item_index(resolved).items() if ident in shared]
    for ident, path, before, after in pairs:
        for name in type(after).model_fields:
            text = getattr(after, name)
            if isinstance(text, str) and field_kind(after, name) in (PLAIN, PROSE):
                yield ident, path, before, name, text


def _own_wording(district: District, activity_id: str, ident: str | None, node: BaseModel,
                 name: str) -> tuple[tuple, str] | None:
    """(where in the profile, the words as written there) when the district words this field."""
    if ident is None:
        return None
    note = district.notes.get(activity_id, {}).get(ident)
    if name == "note" and note is not None:
        return ("notes", activity_id, ident), note
    override = district.overrides.get(activity_id, {}).get(ident)
    if isinstance(override, dict) and isinstance(override.get(name), str):
        return ("overrides", activity_id, ident, name), override[name]
    if isinstance(override, str) and name == main_field(node):  # a plain override: the main field
        return ("overrides", activity_id, ident), override
    return None


def _doubled(written: str, text: str) -> str | None:
    """The first doubled phrase the terms made (not one the author wrote: "may and may")."""
    authored = {match.group(0).lower() for match in _DOUBLED.finditer(written)}
    return next((m.group(0) for m in _DOUBLED.finditer(text) if m.group(0).lower() not in authored), None)
