"""A district's guide in each of its languages: one edition per language.

The default language is published at the site's root and every other one at `<code>/`
with the same page paths below it. An edition's district is the profile with its
`translations: {<code>: ...}` laid over it; whatever that leaves in English is marked as
English (fallback.py), except names. This module also checks that section of the profile,
with the language's grammar and the same located messages as the rest of the profile.
"""

from __future__ import annotations

import re
from typing import Any

from ..base.errors import Problem
from ..base.fallback import mark
from .walk import set_at
from ..words.grammars import GRAMMARS
from ..words.languages import base, name_of
from .loader import Document, format_path
from .model import LANGUAGE_PATTERN, District, DistrictInLanguage
from ..base.suggest import did_you_mean, one_of
from ..text.text_kinds import PLAIN, PROSE, text_fields

# Fields whose English is not marked when an edition has no word of its own: names.
_NAMES = {"name"}
# Each edition is a whole site (pages, search, PDFs): a build costs this many times one.
MAX_LANGUAGES = 10


def is_source(language: str) -> bool:
    """Whether `language` is the source's own (English)."""
    return base(language) == "en"


def own_section(district: District, language: str) -> DistrictInLanguage | None:
    """The district's section for `language` (or its base language: es for es-MX)."""
    return district.translations.get(language) or district.translations.get(base(language))


def is_translated(district: District, language: str) -> bool:
    """Whether an edition shows the shared text translated: a language other than English
    for which the district gives its words. (A district published in one language only
    may name it with `language:` alone, and word its site itself.)"""
    return not is_source(language) and own_section(district, language) is not None


def prefix(language: str, district: District) -> str:
    """Where an edition lives below the site's root: '' for the default, 'es/' for Spanish."""
    return "" if language == district.editions()[0] else f"{language.lower()}/"


def alternates(district: District, language: str, url: str) -> list[dict[str, str]]:
    """Links from the page at `url` (e.g. 'informational-interview/checklist/') to the same
    page in every edition, as paths from this edition's root, for Material's
    `extra.alternate` (its `url` filter makes them relative to the page)."""
    up = "../" * prefix(language, district).count("/")
    return [{"name": name_of(other), "lang": other, "link": up + prefix(other, district) + url}
            for other in district.editions()]


def in_language(district: District, language: str) -> District:
    """The district as an edition in `language` shows it (its other languages' sections
    left out: they are not this edition's text)."""
    if not is_translated(district, language):
        return district.model_copy(update={"translations": {}, "language": language})
    data = district.model_dump()
    for field in text_fields(district):
        if field.kind in (PLAIN, PROSE) and field.path[0] not in ("terms", "translations") and field.name not in _NAMES:
            set_at(data, field.path, mark(field.value))
    for activity, entries in data["overrides"].items():
        data["overrides"][activity] = {ident: _mark_override(value) for ident, value in entries.items()}
    own = own_section(district, language)
    if own is not None:
        given = own.model_dump(exclude_unset=True)
        for key in ("name", "site_name", "coordinator_note"):
            if given.get(key):
                data[key] = given[key]
        data["labels"].update(given.get("labels", {}))
        data["legal"].update(given.get("legal", {}))
        for key in ("notes", "overrides"):
            for activity, entries in given.get(key, {}).items():
                data[key].setdefault(activity, {}).update(entries)
        for key, change in given.get("stages", {}).items():
            data["stages"].setdefault(key, {}).update({k: v for k, v in change.items() if v is not None})
        for key, facts in given.get("activities", {}).items():
            data["activities"].setdefault(key, {}).update({k: v for k, v in facts.items() if v not in (None, [])})
        for contact in data["contacts"]:
            change = own.contacts.get(contact["id"])
            if change is not None:
                contact.update({k: v for k, v in change.model_dump().items() if v is not None})
    data["language"] = language
    data["translations"] = {}
    return District.model_validate(data)


def _mark_override(value: Any) -> Any:
    if isinstance(value, str):
        return mark(value)
    if isinstance(value, dict):  # {field: text}; an address is not words
        return {name: text if name == "url" or not isinstance(text, str) else mark(text) for name, text in value.items()}
    return value


class Within:
    """A document seen from one of its sections: problems found in that section's data are
    located at their place in the whole file (translations.es.labels.note)."""

    def __init__(self, document: Document, prefix: tuple):
        self.document, self.prefix = document, prefix
        self.file = document.file
        self.lines = document.lines

    def problem(self, path, message, hint=None, *, key=False) -> Problem:
        return self.document.problem(self.prefix + tuple(path), message, hint, key=key)

    def problem_in_text(self, path, needle, message, hint=None) -> Problem:
        return self.document.problem_in_text(self.prefix + tuple(path), needle, message, hint)

    def where(self, path, *, key=False):
        return self.document.where(self.prefix + tuple(path), key=key)

    def locate(self, path, needle):
        return self.document.locate(self.prefix + tuple(path), needle)


def check_languages(district: District, document: Document, activities=()) -> list[Problem]:
    """The list of languages: known grammars, no repeats, the default first, a translation
    section for each language but English, at most MAX_LANGUAGES, and no edition's folder
    (es-mx/) that is an activity's (`activities`: their ids)."""
    problems = []
    editions = district.editions()
    if len(district.languages) > MAX_LANGUAGES:
        problems.append(document.problem(("languages",), f"{len(district.languages)} languages are listed; a guide is "
                                         f"published in at most {MAX_LANGUAGES}",
                                         "Each language is a whole site of its own: keep the ones your readers use."))
    if district.languages and district.language != district.languages[0]:
        problems.append(document.problem(("language",), f"the default language is the first of `languages:` "
                                         f"('{district.languages[0]}'), received '{district.language}'",
                                         "Remove `language:` or list it first in `languages:`."))
    seen = set()
    for position, code in enumerate(district.languages):
        if code.lower() in seen:
            problems.append(document.problem(("languages", position), f"'{code}' is listed twice"))
        seen.add(code.lower())
        if base(code) not in GRAMMARS:
            problems.append(document.problem(("languages", position), f"the guide cannot yet write district words "
                                             f"in '{code}' ({name_of(code)})",
                                             f"Languages with a grammar: {one_of(GRAMMARS)}."))
        elif prefix(code, district).rstrip("/") in activities:
            problems.append(document.problem(("languages", position), f"the '{code}' edition would be published at "
                                             f"{prefix(code, district)}, the address of the activity "
                                             f"'{prefix(code, district).rstrip('/')}'",
                                             "Use the language's own code (e.g. es rather than es-MX), or rename "
                                             "the activity."))
        elif not is_source(code) and code not in district.translations and base(code) not in district.translations:
            problems.append(document.problem(("languages", position), f"no `translations: {{{code}: ...}}` with the "
                                             f"district's words in {name_of(code)}",
                                             f"Add `translations:` → `{code}:` → `terms:` with each term in {name_of(code)}."))
    for code in district.translations:
        if not re.fullmatch(LANGUAGE_PATTERN, code):
            shown = code if len(code) <= 40 else code[:37] + "..."
            problems.append(document.problem(("translations", code), f"'{shown}' is not a language code",
                                             "Name each section by a code of `languages:`, such as es or fr-CA.",
                                             key=True))
        elif code not in editions and not any(base(e) == code for e in editions):
            problems.append(document.problem(("translations", code), f"'{code}' is not one of `languages:` "
                                             f"({', '.join(editions)})", did_you_mean(code, editions)
                                             or f"Add '{code}' to `languages:` to publish it.", key=True))
    return problems


def section_as_district(district: District, own: DistrictInLanguage, language: str) -> District:
    """A language's section of the profile as a District of its own, to check it with the
    profile's own rules (the names stand in when the section gives none)."""
    data = own.model_dump(exclude={"contacts"})
    data["name"] = own.name or "name"
    data["site_name"] = own.site_name or "site name"
    data["language"] = language
    return District.model_validate(data)


def contact_problems(district: District, own: DistrictInLanguage, document: Document, language: str) -> list[Problem]:
    ids = [c.id for c in district.contacts]
    known = set(ids)
    unknown = [ident for ident in own.contacts if ident not in known]
    # A hint compares the id with every contact's: a few, or thousands would cost their product.
    return [document.problem(("translations", language, "contacts", ident), f"no contact with id '{ident}'",
                             (number < _MAX_HINTS and did_you_mean(ident, ids))
                             or (f"Contacts: {one_of(ids)}." if ids and len(ids) <= 20 else None), key=True)
            for number, ident in enumerate(unknown)]


_MAX_HINTS = 100


__all__ = ["alternates", "check_languages", "in_language", "is_source", "is_translated", "own_section", "prefix",
           "Within", "format_path"]
