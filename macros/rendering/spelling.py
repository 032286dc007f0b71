"""Spelling of the guide's own words, for `wbl-guide check` (issue 23).

The shared English (data/guide.yml, data/activities/) and the English of the districts'
profiles are read against an American English dictionary, so British spellings ("practise",
"recognise") are findings; the translations
(data/translations/<language>/) against that language's. The dictionaries are Hunspell's,
read through Enchant (pyenchant; Debian: libenchant-2-2, hunspell-en-us, hunspell-es). The
project's own words, names of programs and places the dictionaries do not know, are listed
one a line in data/spelling/<language>.txt. Placeholders, {tokens}, link targets, addresses
and `code` are not words. Where Enchant or a dictionary is missing, check says so and
spells nothing: never a silent pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import Problem
from ..data.loader import Document
from ..data.project import Project
from ..text.text_kinds import text_fields
from ..words.languages import base
from ..words.terms import PLACEHOLDER

SPELLING_DIR = Path("data") / "spelling"
# The dictionary each language is spelled with: US districts, US English and US Spanish.
DICTIONARIES = {"en": ("en_US",), "es": ("es_US", "es_MX", "es_ES")}
# Languages whose words this guide does not spell, and why (check says so; not a failure).
NOT_SPELLED = {"zh": "Chinese is written without spaces between words, and Hunspell has no Chinese dictionary",
               "ar": "the guide's word splitter cuts Arabic words at their vowel marks (shadda, sukun), "
                     "so Hunspell's Arabic dictionary cannot read them yet"}
_NOT_WORDS = re.compile(r"`[^`]*`|\]\([^)\s]*\)|https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\{[A-Za-z_]+\}")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass
class Speller:
    language: str
    dictionary: object  # enchant.Dict
    own: frozenset[str]  # the project's words (data/spelling/<language>.txt)

    def misspelled(self, text: str) -> list[str]:
        """The words of `text` neither the dictionary nor the project's list knows, in order."""
        text = PLACEHOLDER.sub(" ", text)
        text = _NOT_WORDS.sub(" ", text)
        found = []
        for word in _WORD.findall(text):
            plain = word.replace("’", "'")
            if plain in self.own or plain.lower() in self.own or self.dictionary.check(plain):
                continue
            if plain.endswith("'s") and self.dictionary.check(plain[:-2]):
                continue
            found.append(word)
        return found


def speller(root: Path, language: str) -> Speller | str:
    """The speller of `language`, or why there is none (a sentence for check to print)."""
    try:
        import enchant
    except (ImportError, OSError) as error:  # pyenchant missing, or the Enchant library it loads
        if isinstance(error, ImportError) and error.name == "enchant":
            return "pyenchant is not installed (pip install pyenchant)"
        return f"the Enchant library is missing ({error}; Debian: apt-get install libenchant-2-2)"
    for name in DICTIONARIES.get(base(language), ()):
        if enchant.dict_exists(name):
            own_file = Path(root) / SPELLING_DIR / f"{base(language)}.txt"
            own = frozenset(line.strip() for line in own_file.read_text(encoding="utf-8").splitlines()
                            if line.strip() and not line.startswith("#")) if own_file.is_file() else frozenset()
            return Speller(language, enchant.Dict(name), own)
    wanted = ", ".join(DICTIONARIES.get(base(language), ())) or "none known"
    return f"no Hunspell dictionary for '{language}' ({wanted}; Debian: apt-get install hunspell-{base(language)}" + \
        ("-us)" if base(language) == "en" else ")")


def spelling_findings(project: Project, root: Path) -> tuple[list[Problem], list[str], list[str]]:
    """Misspelled words of the shared English and of every translation, each located; a note
    for each language that could not be spelled (a dictionary missing), saying why; and a
    note for each language this guide does not spell (NOT_SPELLED)."""
    problems: list[Problem] = []
    notes: list[str] = []
    unspelled = [f"{language} is not spelled: {NOT_SPELLED[base(language)]}"
                 for language in project.translations if base(language) in NOT_SPELLED]
    english = speller(root, "en")
    if isinstance(english, str):
        notes.append(f"English spelling not checked: {english}")
    else:
        shared = [("guide", project.guide)] + [(f"activities/{a}", m) for a, m in project.activities.items()]
        for source, model in shared:
            document = project.sources[source]
            for field in text_fields(model):
                if field.kind.placeholders:
                    problems += _located(document, field.path, field.value, english)
        # A district's profile is written in its first language; English ones are read too
        # (their other languages' words are under translations:, not read here).
        for district_id, district in project.districts.items():
            if base(district.editions()[0]) != "en":
                continue
            document = project.sources[f"districts/{district_id}"]
            for field in text_fields(district):
                if field.kind.placeholders and field.path[:1] != ("translations",):
                    problems += _located(document, field.path, field.value, english)
    for language, translations in project.translations.items():
        if base(language) in NOT_SPELLED:
            continue
        spelled = speller(root, language)
        if isinstance(spelled, str):
            notes.append(f"{language} spelling not checked: {spelled}")
            continue
        for translation in translations.values():
            if translation.document is None:
                continue
            for path, text in translation.texts():
                problems += _located(translation.document, path, text, spelled)
    return problems, notes, unspelled


def _located(document: Document, path: tuple, text: str, spelled: Speller) -> list[Problem]:
    problems, seen = [], set()
    for word in spelled.misspelled(text):
        if word in seen:
            continue
        seen.add(word)
        suggestions = spelled.dictionary.suggest(word.replace("’", "'"))[:3]
        hint = (f"Did you mean {' or '.join(repr(s) for s in suggestions)}? " if suggestions else "") + \
            f"A name the dictionary lacks goes in {SPELLING_DIR.as_posix()}/{base(spelled.language)}.txt."
        problems.append(document.problem_in_text(path, word, f"'{word}' is not in the {spelled.language} "
                                                 "dictionary", hint))
    return problems
