"""One rendering per guide term in each translation, for `wbl-guide check` (issue 23).

data/glossary/<language>.yml lists the guide's own terms ("teachers/faculty", "sample
timeline", the stages, the activities) with their one rendering in that language and the
variant renderings the guide does not use. Every text of the language is read for the
variants (the translations of data/translations/<language>/, and the `translations:` parts
of the district profiles, their terms left out: a district's words are its own), and for a
rendering capitalized otherwise than the glossary writes it ("Exploración de Carreras").
Each finding names the text's file and line and the glossary's rendering and line. A
language without a glossary file has nothing to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import Problem
from ..base.suggest import did_you_mean
from ..data.loader import Document, format_path, load_yaml
from ..data.project import Project, data_dir
from ..words.languages import base

GLOSSARY_DIR = Path("glossary")  # under data/
_LISTS = ("forms", "variants", "except")
# Link targets, addresses and `code` are not wording (placeholders are: a variant may hold one).
_NOT_WORDING = re.compile(r"`[^`]*`|\]\([^)\s]*\)|https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Entry:
    english: str
    rendering: str
    forms: tuple[str, ...]  # the rendering and its inflected forms
    variants: tuple[str, ...]
    exceptions: tuple[str, ...]  # phrases in which a variant is a right word
    line: int | None


@dataclass(frozen=True)
class Glossary:
    language: str
    file: str  # data/glossary/es.yml, as messages name it
    entries: tuple[Entry, ...]


def glossary_file(root: Path, language: str) -> Path | None:
    """data/glossary/<language>.yml, else the base language's (es for es-MX), else None."""
    for code in dict.fromkeys((language, base(language))):
        path = data_dir(Path(root)) / GLOSSARY_DIR / f"{code}.yml"
        if path.is_file():
            return path
    return None


def load_glossary(root: Path, language: str) -> tuple[Glossary | None, list[Problem]]:
    """The glossary of `language` (None when it has none), or the problems of its file, each
    located: a glossary that cannot be trusted checks nothing."""
    path = glossary_file(root, language)
    if path is None:
        return None, []
    document, problems = load_yaml(path, Path(root))
    if document is None or problems:
        return None, problems
    key = base(language)
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return None, [document.problem((), "expected a mapping with `terms:`, a list of entries",
                                       "See the comment at the head of data/glossary/es.yml.")]
    problems += [document.problem((name,), f"unknown key '{name}'", "The glossary holds `terms:` only.", key=True)
                 for name in data if name != "terms"]
    entries = []
    for index, item in enumerate(data["terms"]):
        entry = _entry(document, ("terms", index), item, key, problems)
        if entry is not None:
            entries.append(entry)
    problems += _contradictions(document, entries, key)
    return (None if problems else Glossary(language, document.file, tuple(entries))), problems


def _entry(document: Document, path: tuple, item, key: str, problems: list[Problem]) -> Entry | None:
    if not isinstance(item, dict):
        problems.append(document.problem(path, f"expected an entry (en:, {key}:, variants:...), received "
                                         f"{'a list' if isinstance(item, list) else 'a text'}"))
        return None
    allowed = ("en", key, "note") + _LISTS
    found = len(problems)
    for name in item:
        if name not in allowed:
            problems.append(document.problem(path + (name,), f"unknown key '{name}'",
                                             did_you_mean(name, allowed) or f"An entry holds {', '.join(allowed)}.",
                                             key=True))
    for name, what in (("en", "the English term"), (key, "its one rendering"), ("variants", "a list, maybe empty")):
        if name not in item:
            problems.append(document.problem(path, f"the entry has no `{name}:` ({what})"))
    for name in ("en", key, "note"):
        if name in item and (not isinstance(item[name], str) or not item[name].strip()):
            problems.append(document.problem(path + (name,), f"`{name}:` must be a text"))
    for name in _LISTS:
        value = item.get(name, [])
        if not isinstance(value, list):
            problems.append(document.problem(path + (name,), f"`{name}:` must be a list of phrases, "
                                             f"such as [{'docente, docentes' if name == 'variants' else '...'}]"))
            continue
        for position, phrase in enumerate(value):
            if not isinstance(phrase, str) or not phrase.strip():
                problems.append(document.problem(path + (name, position), f"`{name}:` must hold phrases, "
                                                 "each a text"))
    if len(problems) > found:
        return None
    return Entry(item["en"], item[key], (item[key], *item.get("forms", [])), tuple(item["variants"]),
                 tuple(item.get("except", [])), document.where(path)[0])


def _contradictions(document: Document, entries: list[Entry], key: str) -> list[Problem]:
    """A variant listed twice, or one that is also a rendering, would make the glossary
    report what it asks for."""
    problems = []
    renderings = {_plain(form): entry for entry in entries for form in entry.forms}
    seen: dict[str, Entry] = {}
    for index, entry in enumerate(entries):
        for position, variant in enumerate(entry.variants):
            where = ("terms", index, "variants", position)
            if _plain(variant) in renderings:
                other = renderings[_plain(variant)]
                problems.append(document.problem(where, f"'{variant}' is a variant here and the rendering of "
                                                 f"'{other.english}' (line {other.line})", "Keep one of them."))
            elif _plain(variant) in seen:
                problems.append(document.problem(where, f"'{variant}' is listed twice (first for "
                                                 f"'{seen[_plain(variant)].english}', line {seen[_plain(variant)].line})",
                                                 "List each variant once."))
            seen.setdefault(_plain(variant), entry)
    return problems


def _plain(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


def glossary_findings(project: Project, root: Path) -> list[Problem]:
    """Every variant and every rendering capitalized otherwise, in every translated text,
    located; or the glossary file's own problems."""
    problems: list[Problem] = []
    languages = dict.fromkeys([*project.translations, *(code for district in project.districts.values()
                                                          for code in district.translations)])
    for language in languages:
        glossary, broken = load_glossary(root, language)
        problems += broken
        if glossary is None:
            continue
        reader = _Reader(glossary)
        for translation in project.translations.get(language, {}).values():
            if translation.document is None:
                continue
            for path, text in translation.texts():
                problems += reader.read(translation.document, path, text)
        for district_id, district in project.districts.items():
            if language not in district.translations:
                continue
            document = project.sources[f"districts/{district_id}"]
            for path, text in _texts(document.data.get("translations", {}).get(language), ("translations", language)):
                problems += reader.read(document, path, text)
    return problems


def _texts(node, path: tuple):
    """Every text under a district's `translations: <language>:`, but its `terms:`."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _texts(child, path + (index,))
    elif isinstance(node, dict):
        for name, child in node.items():
            if not (len(path) == 2 and name == "terms"):
                yield from _texts(child, path + (name,))


def _pattern(phrases: list[str]) -> re.Pattern:
    """One pattern finding any of the phrases (a pass per phrase would cost a second a
    check), on word boundaries, in any case, their spaces any run of white space; the
    longest first, so that the longest phrase at a place is the one found."""
    choices = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    if not choices:
        return re.compile(r"(?!)")  # finds nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in choices)
                      + r")(?!\w)", re.I)


def _phrase(found: str, phrases: dict[str, tuple[Entry, str]]) -> tuple[Entry, str]:
    """The entry and phrase that `found` is, by its plain form (groups, one a phrase, would
    slow the pattern fourfold); by matching each, where case folding and the pattern's case
    rules differ."""
    return phrases.get(_plain(found)) or next(value for value in phrases.values()
                                              if _pattern([value[1]]).fullmatch(found))


class _Reader:
    """One glossary's patterns, compiled once, read against text after text."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        # Entries reversed: a form two entries share is the first's.
        self.form_of = {_plain(form): (entry, form) for entry in reversed(glossary.entries) for form in entry.forms}
        self.variant_of = {_plain(variant): (entry, variant) for entry in glossary.entries for variant in entry.variants}
        self.forms = _pattern([form for _, form in self.form_of.values()])
        self.variants = _pattern([variant for _, variant in self.variant_of.values()])
        self.exceptions = _pattern([phrase for entry in glossary.entries for phrase in entry.exceptions])

    def read(self, document: Document, path: tuple, written: str) -> list[Problem]:
        text = _NOT_WORDING.sub(lambda found: " " * len(found.group(0)), written)
        # A variant inside a rendering or an exception is part of a right phrase.
        right = [found.span() for found in self.exceptions.finditer(text)]
        problems = []
        for match in self.forms.finditer(text):
            right.append(match.span())
            entry, form = _phrase(match.group(0), self.form_of)
            if not _same_case(match.group(0), form):
                problems.append(self._problem(document, path, written, match, entry, form))
        for match in self.variants.finditer(text):
            if not any(start <= match.start() and match.end() <= end for start, end in right):
                entry, _ = _phrase(match.group(0), self.variant_of)
                problems.append(self._problem(document, path, written, match, entry))
        return list(dict.fromkeys(problems))  # a place found twice is one problem

    def _problem(self, document: Document, path: tuple, text: str, match: re.Match, entry: Entry,
                 form: str | None = None) -> Problem:
        line, column = _located(document, path, text, match.start())
        written = match.group(0)
        where = f"{self.glossary.file}:{entry.line}"
        if form is not None:
            message = f"'{_one_line(written)}' is capitalized otherwise than the glossary's '{form}'"
            hint = f"Write '{form}' (only a first letter may differ, where a sentence or title begins), as {where} says."
        else:
            message = f"'{_one_line(written)}' is not the glossary's word for '{entry.english}'"
            others = ", ".join(f"'{other}'" for other in entry.forms[1:])
            hint = f"Write '{entry.rendering}'" + (f" (its forms: {others})" if others else "") + f", as {where} says."
        return Problem(document.file, line, column, format_path(path), message, hint)


def _same_case(written: str, form: str) -> bool:
    """Whether `written` is `form` but for its first letter's case, or in capitals."""
    written, form = " ".join(written.split()), " ".join(form.split())
    if written == form or written.isupper():
        return True
    first = next((index for index, character in enumerate(form) if character.isalpha()), 0)
    return written[:first] + written[first:first + 1].lower() + written[first + 1:] == \
        form[:first] + form[first:first + 1].lower() + form[first + 1:]


def _located(document: Document, path: tuple, text: str, start: int) -> tuple[int | None, int | None]:
    """Where the finding at `start` of `text` stands in the file. Its first word is counted
    (a fold never splits a word, and an earlier finding may be the same word): the same
    count of it into the value's lines is the place. Failing that, the value's start."""
    line, column = document.where(path)
    words = text[start:].split()
    if line is None or not words:
        return line, column
    word, skip = words[0], text[:start].count(words[0])
    for number in range(line, len(document.lines) + 1):
        written = document.lines[number - 1]
        at = column - 1 if number == line else 0
        while (at := written.find(word, at)) >= 0:
            if skip == 0:
                return number, at + 1
            skip, at = skip - 1, at + len(word)
    return line, column


def _one_line(text: str) -> str:
    return " ".join(text.split())
