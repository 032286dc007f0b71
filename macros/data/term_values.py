"""A district's `terms:` values, parsed and checked: each becomes a Term with its forms.

Values are plain words, used as written: no placeholders, template code, HTML or attribute
lists. Plurals and articles are worked out by the English grammar unless the district
gives `plural:` or `article:` itself.
"""

from __future__ import annotations

import re
from typing import Any

from ..base.errors import Problem
from .loader import Document
from ..base.suggest import closest, did_you_mean
from ..words.terms import Grammar, Term, TermSpec, Vocabulary, Word, pluralize
from .text_checks import ATTRIBUTE_LIST, HTML_TAG, TEMPLATE_CODE

# A district's word is written wherever the text asks for it, hundreds of times a site: it
# stays a few words, and a list a few names, so the site grows with the data, not faster.
MAX_TERM_LENGTH = 120
MAX_LIST_ITEMS = 12


def district_terms(values: dict[str, Any], document: Document,
                   vocabulary: Vocabulary) -> tuple[dict[str, Term], list[Problem]]:
    """A district's `terms:` section, checked against data/terms.yml and worked into Terms."""
    problems: list[Problem] = []
    terms: dict[str, Term] = {}
    misspelled = set()
    for key in values:
        if key not in vocabulary.specs:
            match = closest(key, vocabulary.specs)
            misspelled.add(match)
            problems.append(document.problem(("terms", key), f"unknown term '{key}'",
                                             did_you_mean(key, vocabulary.specs) or
                                             "The terms are listed in data/terms.yml.", key=True))
    for key, spec in vocabulary.specs.items():
        if key not in values or values[key] in (None, ""):
            if not spec.optional and key not in misspelled:
                problems.append(document.problem(("terms",), f"missing term '{key}' ({spec.description.rstrip('.')})",
                                                 f"Add `{key}: ...` under `terms:`"
                                                 + (f", e.g. {spec.example}." if spec.example else ".")))
            continue
        if vocabulary.grammar.language != "en":  # another language's words, with its grammar
            term, found = _term_in_language(spec, values[key], document, ("terms", key), vocabulary.grammar)
        else:
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
        if len(items) > MAX_LIST_ITEMS:
            return None, [_too_many(document, path, len(items))]
        problems = [p for i, item in enumerate(items) for p in _plain(document, path + (i,), item)]
        return Term(spec.key, "list", Word(items[0], items[0]), items=tuple(i.strip() for i in items)), problems
    if isinstance(value, str):
        problems = _plain(document, path, value)
        return Term(spec.key, spec.kind, _word(value, value if spec.kind == "phrase" else None,
                                               worked_out=not problems)), problems
    if spec.kind == "phrase" or not isinstance(value, dict):
        expected = "text" if spec.kind == "phrase" else "text, or a mapping with singular: (and plural:, article:, variants)"
        return None, [document.problem(path, f"expected {expected}, received "
                                       + ("a list" if isinstance(value, list) else "a mapping"))]
    return _word_mapping(spec, value, document, path)


def _term_in_language(spec: TermSpec, value: Any, document: Document, path: tuple,
                      grammar: Grammar) -> tuple[Term | None, list[Problem]]:
    if isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
        return None, [_too_many(document, path, len(value))]
    term, found = grammar.district_term(spec.key, spec.kind, value, spec.variants)
    problems = [document.problem(path + where, message, key=message.startswith("unknown key")) for where, message in found]
    for where, text in _strings(value, ()):
        problems += _plain(document, path + where, text)
    return term, problems


def _strings(value: Any, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "gender":
                yield from _strings(item, path + (key,))


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
    for field in ("singular", "plural"):
        if field in value:
            problems += _plain(document, path + (field,), value[field])
    plural = value.get("plural") if isinstance(value.get("plural"), str) else None
    variants: dict[str, Word] = {}
    for name in spec.variants:
        if name not in value:
            continue  # a missing variant falls back to the plain form
        form = value[name]
        if isinstance(form, str) and form.strip():
            found = _plain(document, path + (name,), form)
            variants[name] = _word(form, None, worked_out=not found)
        elif isinstance(form, dict) and isinstance(form.get("singular"), str):
            found = [p for key in ("singular", "plural") if key in form
                     for p in _plain(document, path + (name, key), form[key])]
            given = form.get("plural") if isinstance(form.get("plural"), str) else None
            variants[name] = _word(form["singular"], given, worked_out=not found)
        else:
            found = [document.problem(path + (name,), "expected text, or a mapping with singular: and plural:")]
        problems += found
    return Term(spec.key, spec.kind, _word(singular, plural, worked_out=not problems), variants, article), problems


def _word(singular: str, plural: str | None, *, worked_out: bool) -> Word:
    """A word and its plural: the one given, else English's (worked out only for a value
    that passed its checks: inflect's rules are no place for a pasted paragraph)."""
    return Word(singular.strip(), (plural or (pluralize(singular.strip()) if worked_out else singular)).strip())


def _plain(document: Document, path: tuple, value: Any) -> list[Problem]:
    """A term's value is used as written: no placeholders, template code or HTML inside."""
    if not isinstance(value, str):
        return [document.problem(path, "expected text, received a list or mapping")]
    if len(value.strip()) > MAX_TERM_LENGTH:
        return [document.problem(path, f"a term's value is {len(value.strip()):,} characters long; it holds at most "
                                 f"{MAX_TERM_LENGTH}", "A term is a few words, written wherever the text uses it.")]
    if "${" in value or TEMPLATE_CODE.search(value) or HTML_TAG.search(value) or ATTRIBUTE_LIST.search(value):
        return [document.problem(path, "a term's value must be plain words, without ${...}, "
                                 "template code, HTML or attribute lists")]
    return []


def _too_many(document: Document, path: tuple, count: int) -> Problem:
    return document.problem(path, f"expected at most {MAX_LIST_ITEMS} names, received {count:,}",
                            "The list is written out wherever the text uses the term: keep the main ones.")


def check_vocabulary_entry(key: str, kind: str, document: Document) -> list[Problem]:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):  # fullmatch: "learner\n" is no name
        return [document.problem((key,), f"a term name must be lowercase letters, digits and "
                                 f"underscores, received '{key}'", key=True)]
    if kind == "word" and key.endswith("s"):
        return [document.problem((key,), f"a term name must not end in 's' ('{key}'): "
                                 f"${{{key}s}} is how shared text asks for the plural", key=True)]
    return []
