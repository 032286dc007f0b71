"""Arabic grammar for a district's words: the definite article joined to the word, plurals
given by the district, no capitals.

Arabic text names the form it needs; letters such as و and ب are written before the
placeholder as they are before any word (و${al learners}: والطلاب):

    ${learner}          طالب               ${learners}          طلاب
    ${al learner}       الطالب             ${al learners}       الطلاب
    ${lil learner}      للطالب  (لِ + ال)   ${lil learners}      للطلاب
    ${al coordinators:long}                 a named variant, as in English
    ${platforms}        FaceTime أو Skype

A district's Arabic words are given under `translations: {ar: {terms: ...}}` in its
profile: `singular:` and `plural:` (Arabic plurals are not worked out), and for a phrase
of several words its `definite:` and `definite_plural:` (which words take ال depends on
the phrase); for one word ال is written before it. English and Spanish forms (${a learner},
${the learner}, ${el learner}, ${learner's}, ${Learner}) are errors, each with the Arabic
way to write it.
"""

from __future__ import annotations

from typing import Any

from ..base.suggest import did_you_mean
from .terms import Grammar, Placeholder, Term, Vocabulary, Word

DETERMINERS = ("al", "lil")
ARTICLE = "ال"


class ArabicGrammar(Grammar):
    language = "ar"
    examples = "${learners}, ${al learners}, ${lil learners} or ${al coordinators:long}"

    def parse(self, vocabulary: Vocabulary, inner: str, start: int, end: int) -> Placeholder:
        raw = "${" + inner + "}"
        found = self.read(vocabulary, inner, start, end)
        if isinstance(found, Placeholder):
            return found
        parsed, key, plural, spec = found
        det, name = parsed.group("det"), parsed.group("name")
        variant = parsed.group("variant")
        error = hint = None
        if det and det.lower() not in DETERMINERS:
            error = f"'{det}' is not a form this guide writes before a term ('{raw}')"
            hint = f"Write ${{al {name}}} for the definite (ال), ${{lil {name}}} for لِ + ال."
        elif parsed.group("possessive"):
            error = f"Arabic has no possessive 's ('{raw}')"
            hint = f"Write the possessed noun first, then ${{al {key}}} (كتاب ${{al {key}}})."
        elif (det or name)[0].isupper():
            error = f"Arabic has no capital letters ('{raw}')"
            hint = f"Write ${{{(det.lower() + ' ') if det else ''}{name[0].lower() + name[1:]}}}."
        elif spec.kind == "list" and det:
            error = f"'{key}' is a list; it takes no article"
        elif plural and spec.kind != "word":
            error = f"'{key}' is a {spec.kind} and has no plural form; write ${{{key}}}"
        elif variant and variant not in spec.variants:
            error = f"'{key}' has no variant '{variant}' (variants: {', '.join(spec.variants) or 'none'})"
            hint = did_you_mean(variant, spec.variants)
        return Placeholder(raw, start, end, key=key, plural=plural, determiner=det.lower() if det else None,
                           variant=variant,
                           error=error, hint=hint)

    def form(self, term: Term, placeholder: Placeholder) -> str:
        if term.kind == "list":
            return join_aw(term.items)
        word = term.variants.get(placeholder.variant or "", term.word)
        if not placeholder.determiner:
            return word.plural if placeholder.plural else word.singular
        definite = (word.definite_plural if placeholder.plural else word.definite) \
            or definite_of(word.plural if placeholder.plural else word.singular)
        return with_li(definite) if placeholder.determiner == "lil" else definite

    def district_term(self, key: str, kind: str, value: Any,
                      variants: tuple[str, ...]) -> tuple[Term | None, list[tuple[tuple, str]]]:
        if kind in ("list", "phrase"):
            from .chinese import plain_term  # the same shapes: a list of names, a phrase as written
            return plain_term(key, kind, value, variants, ("singular",))
        if isinstance(value, str):
            value = {"singular": value}
        if not isinstance(value, dict):
            return None, [((), "expected a mapping with singular: and plural: (and definite: for a phrase)")]
        allowed = ("singular", "plural", "definite", "definite_plural", *variants)
        problems = [((name,), f"unknown key '{name}'; allowed here: {', '.join(allowed)}")
                    for name in value if name not in allowed]
        word, found = _word(value, ())
        problems += found
        if word is None:
            return None, problems
        forms: dict[str, Word] = {}
        for name in variants:
            form = value.get(name)
            if form is None:
                continue
            if isinstance(form, str):  # a variant used in the singular only (an adverb) needs no plural
                form = {"singular": form, "plural": form}
            if not isinstance(form, dict):
                problems.append(((name,), "expected text, or a mapping with singular: and plural:"))
                continue
            variant, found = _word(form, (name,))
            problems += found
            if variant is not None:
                forms[name] = variant
        return Term(key, kind, word, forms), problems


ARABIC = ArabicGrammar()


def definite_of(text: str) -> str:
    """ال joined to one word (طالب: الطالب); a word that has it already stays."""
    text = text.strip()
    return text if text.startswith(ARTICLE) else ARTICLE + text


def with_li(definite: str) -> str:
    """لِ before a definite word: its ال loses the alif (الطلاب: للطلاب), and before a word
    that starts with ل one lam more (الليلة: لليلة); before a phrase without ال, ل joins."""
    if definite.startswith(ARTICLE + "ل"):
        return "لل" + definite[3:]
    if definite.startswith(ARTICLE):
        return "لل" + definite[2:]
    return "ل" + definite


def join_aw(items: tuple[str, ...]) -> str:
    """"FaceTime، Skype أو Zoom": the Arabic comma between names, أو before the last."""
    if len(items) <= 1:
        return "".join(items)
    return "، ".join(items[:-1]) + " أو " + items[-1]


def _word(value: dict, path: tuple) -> tuple[Word | None, list[tuple[tuple, str]]]:
    problems: list[tuple[tuple, str]] = []
    texts = {}
    for name in ("singular", "plural", "definite", "definite_plural"):
        given = value.get(name)
        if given is not None and (not isinstance(given, str) or not given.strip()):
            problems.append((path + (name,), "expected text"))
        elif given is not None:
            texts[name] = given.strip()
    if "singular" not in texts:
        return None, problems + [(path, "missing required key 'singular'")]
    if "plural" not in texts:
        problems.append((path + ("plural",), f"give the plural of '{texts['singular']}' (plural: ...): "
                                             "Arabic plurals are not worked out"))
    for form, of in (("definite", "singular"), ("definite_plural", "plural")):
        if form not in texts and " " in texts.get(of, ""):
            problems.append((path + (form,), f"give the definite form of '{texts[of]}' ({form}: ...): "
                                             "in a phrase, which words take ال depends on the phrase"))
    singular = texts["singular"]
    return Word(singular, texts.get("plural", singular), texts.get("definite"), texts.get("definite_plural")), problems
