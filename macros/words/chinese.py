"""Chinese grammar for a district's words: no articles, no plural endings, no capitals.

Chinese text names a term as English does, without the forms Chinese has no use for:

    ${learner}              学生              ${learners}    学生 (or the district's plural:)
    ${coordinators:long}    a named variant, as in English
    ${platforms}            FaceTime 或 Skype

A number is said by the sentence (三名${learners}), a possessive by 的 after the term
(${learner}的). ${a learner}, ${the learner}, ${learner's} and ${Learner} are errors, each
with the Chinese way to write it. A district's Chinese words are given under
`translations: {zh-Hans: {terms: ...}}` in its profile: a word, or a mapping with
`singular:` and, where it differs (学生们), `plural:`.
"""

from __future__ import annotations

from typing import Any

from ..base.suggest import did_you_mean
from .terms import Grammar, Placeholder, Term, Vocabulary, Word


class ChineseGrammar(Grammar):
    language = "zh"
    examples = "${learner}, ${learners} or ${coordinators:long}"

    def parse(self, vocabulary: Vocabulary, inner: str, start: int, end: int) -> Placeholder:
        raw = "${" + inner + "}"
        found = self.read(vocabulary, inner, start, end)
        if isinstance(found, Placeholder):
            return found
        parsed, key, plural, spec = found
        det, name = parsed.group("det"), parsed.group("name")
        variant = parsed.group("variant")
        error = hint = None
        if det:
            error = f"Chinese has no article before a term ('{raw}')"
            hint = f"Write ${{{key}}}; a number goes before it in the sentence (一名${{{key}}})."
        elif parsed.group("possessive"):
            error = f"Chinese has no possessive 's ('{raw}')"
            hint = f"Write ${{{key}}}的."
        elif name[0].isupper():
            error = f"Chinese has no capital letters ('{raw}')"
            hint = f"Write ${{{name[0].lower() + name[1:]}}}."
        elif plural and spec.kind != "word":
            error = f"'{key}' is a {spec.kind} and has no plural form; write ${{{key}}}"
        elif variant and variant not in spec.variants:
            error = f"'{key}' has no variant '{variant}' (variants: {', '.join(spec.variants) or 'none'})"
            hint = did_you_mean(variant, spec.variants)
        return Placeholder(raw, start, end, key=key, plural=plural, variant=variant, error=error, hint=hint)

    def form(self, term: Term, placeholder: Placeholder) -> str:
        if term.kind == "list":
            return join_huo(term.items)
        return term.form(placeholder.variant, placeholder.plural)

    def district_term(self, key: str, kind: str, value: Any,
                      variants: tuple[str, ...]) -> tuple[Term | None, list[tuple[tuple, str]]]:
        return plain_term(key, kind, value, variants, ("singular", "plural"))


CHINESE = ChineseGrammar()


def join_huo(items: tuple[str, ...]) -> str:
    """"FaceTime、Skype 或 Zoom": the enumeration comma between names, 或 before the last."""
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + " 或 " + items[-1]


def plain_term(key: str, kind: str, value: Any, variants: tuple[str, ...],
               allowed: tuple[str, ...]) -> tuple[Term | None, list[tuple[tuple, str]]]:
    """A district's word in a language whose plural is the singular unless given (zh), or
    must be given (allowed lists what a mapping may hold beside the variants)."""
    if kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            return None, [((), "expected a list of names, e.g. [Zoom, Microsoft Teams]")]
        return Term(key, "list", Word(items[0].strip(), items[0].strip()), items=tuple(i.strip() for i in items)), []
    if isinstance(value, str):
        value = {"singular": value}
    if not isinstance(value, dict):
        return None, [((), "expected text, or a mapping with singular: (and plural:)")]
    problems: list[tuple[tuple, str]] = []
    if kind == "phrase":
        if set(value) - {"singular"}:
            return None, [((), "expected text: a phrase is used as written")]
        text = value["singular"].strip() if isinstance(value.get("singular"), str) else ""
        return (Term(key, kind, Word(text, text)), []) if text else (None, [((), "expected text")])
    names = (*allowed, *variants)
    for name in value:
        if name not in names:
            problems.append(((name,), f"unknown key '{name}'; allowed here: {', '.join(names)}"))
    singular = value.get("singular")
    if not isinstance(singular, str) or not singular.strip():
        return None, problems + [((), "missing required key 'singular'")]
    word = _word(singular, value.get("plural"))
    forms: dict[str, Word] = {}
    for name in variants:
        form = value.get(name)
        if form is None:
            continue
        if isinstance(form, str):
            form = {"singular": form}
        if not isinstance(form, dict) or not isinstance(form.get("singular"), str) or not form["singular"].strip():
            problems.append(((name,), "expected text, or a mapping with singular: and plural:"))
            continue
        forms[name] = _word(form["singular"], form.get("plural"))
    return Term(key, kind, word, forms), problems


def _word(singular: str, plural: Any) -> Word:
    singular = singular.strip()
    return Word(singular, plural.strip() if isinstance(plural, str) and plural.strip() else singular)
