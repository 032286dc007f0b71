"""District words in shared text: ${learner} placeholders and every form they take.

A placeholder names a term from data/terms.yml and says which form the sentence needs:

    ${learner}      learner         ${learners}     learners      (plural: the key plus "s")
    ${Learner}      Learner         (a capital first letter capitalizes the result)
    ${a learner}    a learner / an apprentice     ${A learner}  at a sentence start
    ${learner's}    learner’s       ${learners'}    learners’     (possessives)
    ${coordinators:long}            a named variant; falls back to the plain form

Substitution is plain string work: text can never run template code. `$` starts a plain
YAML scalar, so a list item may begin with a placeholder without quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# English grammar (plurals, a/an) lives in english.py; both names stay importable from here.
from ..text.english import article as indefinite_article
from ..text.english import plural as pluralize  # noqa: F401  (re-exported: term_values.py uses it)
from ..base.fallback import is_fallback, mark, unmark
from ..base.suggest import did_you_mean

PLACEHOLDER = re.compile(r"\$\{([^{}\n]*)\}")
_INNER = re.compile(
    r"^\s*(?:(?P<article>[Aa]n?)\s+)?"
    r"(?P<name>[A-Za-z][A-Za-z0-9_]*?)"
    r"(?P<possessive>'s|’s|'|’)?"
    r"(?::(?P<variant>[A-Za-z][A-Za-z0-9_]*))?\s*$"
)
# A placeholder with a word before the term, as the grammars of other languages read it
# (Grammar.read): ${los learners}, ${al learners}; possessive and variant as in English.
WORD_BEFORE = re.compile(
    r"^\s*(?:(?P<det>[A-Za-z]+)\s+)?"
    r"(?P<name>[A-Za-z][A-Za-z0-9_]*?)"
    r"(?P<possessive>'s|’s|'|’)?"
    r"(?::(?P<variant>[A-Za-z][A-Za-z0-9_]*))?\s*$")
APOSTROPHE = "’"

KINDS = ("word", "phrase", "list")


@dataclass(frozen=True)
class TermSpec:
    """What data/terms.yml says about a term: how it is used, not what a district calls it."""

    key: str
    kind: str = "word"
    optional: bool = False
    variants: tuple[str, ...] = ()
    description: str = ""
    example: str = ""
    shared_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Word:
    singular: str
    plural: str
    # The forms with the definite article, for a language that joins it to the word (ar:
    # الطالب); None where the grammar has no use for them.
    definite: str | None = None
    definite_plural: str | None = None


@dataclass(frozen=True)
class Term:
    """A district's value for one term, with every form worked out."""

    key: str
    kind: str
    word: Word
    variants: dict[str, Word] = field(default_factory=dict)
    article: str | None = None  # "a" or "an" when the district fixes it
    items: tuple[str, ...] = ()  # for list terms
    gender: str | None = None  # "m" or "f", for languages whose articles agree (es)

    def form(self, variant: str | None, plural: bool) -> str:
        if self.kind == "list":
            return join_or(self.items)  # Python callers; text goes through its grammar
        word = self.variants.get(variant or "", self.word)  # unknown variant: plain form
        return word.plural if plural else word.singular


@dataclass(frozen=True)
class Placeholder:
    """One ${...} in a text, parsed against the vocabulary (error set if it is invalid)."""

    raw: str
    start: int
    end: int
    key: str = ""
    plural: bool = False
    capital: bool = False
    article: bool = False
    possessive: bool = False
    variant: str | None = None
    determiner: str | None = None  # Spanish: the article written before the term (el, los, un, del...)
    error: str | None = None
    hint: str | None = None


class Vocabulary:
    """The terms shared text may use; checks placeholders without any district's values."""

    def __init__(self, specs: dict[str, TermSpec], grammar: "Grammar | None" = None, language: str = "en"):
        self.specs = specs
        self.grammar = grammar or ENGLISH
        self.language = language  # the language of the texts it reads (the source data: English)

    def spellings(self) -> list[str]:
        """Every placeholder name an author may write, for did-you-mean."""
        names = []
        for spec in self.specs.values():
            names.append(spec.key)
            if spec.kind == "word":
                names.append(spec.key + "s")
        return names

    def placeholders(self, text: str) -> Iterator[Placeholder]:
        for match in PLACEHOLDER.finditer(text):
            yield self._parse(match.group(1), match.start(), match.end())

    def _parse(self, inner: str, start: int, end: int) -> Placeholder:
        return self.grammar.parse(self, inner, start, end)

    def with_grammar(self, grammar: "Grammar", language: str) -> "Vocabulary":
        """The same terms, in texts of `language` written with `grammar` (grammars.vocabulary_in)."""
        return Vocabulary(self.specs, grammar, language)


class Grammar:
    """How one language writes placeholders and builds a term's forms."""

    language = "en"
    examples = "${learners}"  # placeholders the language writes, for a message

    def parse(self, vocabulary: Vocabulary, inner: str, start: int, end: int) -> Placeholder:
        raise NotImplementedError

    def form(self, term: Term, placeholder: Placeholder) -> str:
        raise NotImplementedError

    def district_term(self, key: str, kind: str, value: Any,
                      variants: tuple[str, ...]) -> "tuple[Term | None, list[tuple[tuple, str]]]":
        """A district's value for one term in this language, and (path under the term,
        message) problems. English's are read by data/term_values.py."""
        raise NotImplementedError

    @staticmethod
    def term_of(vocabulary: Vocabulary, name: str, raw: str, start: int, end: int):
        """(key, plural, spec) of a term as written ('learners': learner, plural), or the
        Placeholder that says it is unknown."""
        lowered = name[0].lower() + name[1:]
        key, plural = lowered, False
        if key not in vocabulary.specs and key.endswith("s") and key[:-1] in vocabulary.specs:
            key, plural = key[:-1], True
        spec = vocabulary.specs.get(key)
        if spec is None:
            return Placeholder(raw, start, end, error=f"unknown term '{name}' in '{raw}'",
                               hint=did_you_mean(lowered, vocabulary.spellings())
                               or "The terms are listed in data/terms.yml.")
        return key, plural, spec

    def read(self, vocabulary: Vocabulary, inner: str, start: int, end: int):
        """(match, key, plural, spec) of a placeholder that may write a word before the term
        (es: an article, ar: al or lil; zh: none, which it says), or the Placeholder that
        says why it cannot be read. Each grammar then decides what the word may be."""
        raw = "${" + inner + "}"
        parsed = WORD_BEFORE.match(inner)
        if not parsed:
            return Placeholder(raw, start, end, error=f"'{raw}' is not a placeholder this guide understands",
                               hint=f"Write a term such as {self.examples}.")
        found = self.term_of(vocabulary, parsed.group("name"), raw, start, end)
        return found if isinstance(found, Placeholder) else (parsed, *found)


class EnglishGrammar(Grammar):
    """${learner}, ${learners}, ${A learner}, ${learner's}, ${coordinators:long}."""

    language = "en"

    def parse(self, vocabulary: Vocabulary, inner: str, start: int, end: int) -> Placeholder:
        raw = "${" + inner + "}"
        parsed = _INNER.match(inner)
        if not parsed:
            return Placeholder(raw, start, end, error=f"'{raw}' is not a placeholder this guide understands",
                               hint="Write a term name such as ${learners}, ${A learner} or ${coordinators:long}.")
        name = parsed.group("name")
        article = parsed.group("article")
        capital = (article or name)[0].isupper()
        found = self.term_of(vocabulary, name, raw, start, end)
        if isinstance(found, Placeholder):
            return found
        key, plural, spec = found
        variant = parsed.group("variant")
        error = None
        if plural and spec.kind != "word":
            error = f"'{key}' is a {spec.kind} and has no plural form; write ${{{key}}}"
        elif variant and variant not in spec.variants:
            known = ", ".join(spec.variants) or "none"
            error = f"'{key}' has no variant '{variant}' (variants: {known})"
        elif spec.kind == "list" and (article or parsed.group("possessive")):
            error = f"'{key}' is a list; it takes no article or possessive"
        return Placeholder(raw, start, end, key=key, plural=plural, capital=capital,
                           article=bool(article), possessive=bool(parsed.group("possessive")),
                           variant=variant, error=error,
                           hint=did_you_mean(variant, spec.variants) if variant and error else None)


    def form(self, term: Term, placeholder: Placeholder) -> str:
        if term.kind == "list":
            return join_or(term.items)
        text = term.form(placeholder.variant, placeholder.plural)
        if placeholder.possessive:
            text = possessive(text, placeholder.plural)
        if placeholder.article:
            text = f"{term.article or indefinite_article(text)} {text}"
        if placeholder.capital:
            text = capitalize(text)
        return text


ENGLISH = EnglishGrammar()


class Terms:
    """A district's values for the vocabulary: renders text in that district's words.
    In a translated edition, text still in English (fallback.py marks it) is rendered
    with the district's English terms, `english`."""

    def __init__(self, vocabulary: Vocabulary, values: dict[str, Term], english: "Terms | None" = None):
        self.vocabulary = vocabulary
        self.values = values
        self.english = english

    def missing(self, text: str) -> set[str]:
        """Optional terms the text uses that this district does not define (in English
        words, for text still in English)."""
        if self.english is not None and is_fallback(text):
            return self.english.missing(unmark(text))
        return {p.key for p in self.vocabulary.placeholders(text) if p.key and p.key not in self.values}

    def render(self, text: str, protect: Callable[[str], str] | None = None) -> str:
        """Text with every placeholder replaced. Call only on text that validated.
        `protect` makes a district's word literal in the text's own syntax (in guide
        Markdown, a word such as "Q*A" must not become emphasis or a link)."""
        if self.english is not None and is_fallback(text):
            return mark(self.english.render(unmark(text), protect))
        return PLACEHOLDER.sub(lambda match: (protect or str)(self._form(self.vocabulary._parse(
            match.group(1), match.start(), match.end()))), text)

    def _form(self, placeholder: Placeholder) -> str:
        if placeholder.error:
            raise ValueError(placeholder.error)  # validation should have stopped this
        return self.vocabulary.grammar.form(self.values[placeholder.key], placeholder)

    def word(self, key: str, *, plural: bool = False, variant: str | None = None) -> str:
        """One form of a term, for Python callers (site name, page furniture)."""
        return self.values[key].form(variant, plural)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def possessive(text: str, plural: bool) -> str:
    if plural and text.endswith("s"):
        return text + APOSTROPHE
    return text + APOSTROPHE + "s"


def join_or(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
