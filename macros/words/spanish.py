"""Spanish grammar for a district's words: articles that agree, plurals, no possessive 's.

Spanish text writes the article with the term, in its masculine form, and the district's
word decides the rest by its gender:

    ${learner}          estudiante         ${learners}          estudiantes
    ${el learner}       el/la estudiante   ${los learners}      los/las estudiantes
    ${un learner}       un/una estudiante  ${unos learners}     unos/unas estudiantes
    ${del learner}      del/de la ...      ${al learner}        al/a la ...
    ${El learner}       a capital first letter capitalizes the result
    ${coordinators:long}                   a named variant, as in English

English forms have no meaning here: ${a learner} and ${learner's} are errors, each with
the Spanish way to write it. A district's Spanish words are given under
`translations: {es: {terms: ...}}` in its profile: a word with `gender:` (m or f, default m)
and `plural:` (worked out for a one-word term: vowel + s, consonant + es, z -> ces).
"""

from __future__ import annotations

import re
from typing import Any

from .terms import Grammar, Placeholder, Term, Vocabulary, Word, capitalize
from ..base.suggest import did_you_mean


# The article as written (any gender) -> (its role, whether it is plural).
_DETERMINERS = {
    "el": ("def", False), "la": ("def", False), "los": ("def", True), "las": ("def", True),
    "un": ("indef", False), "una": ("indef", False), "unos": ("indef", True), "unas": ("indef", True),
    "del": ("de", False), "al": ("a", False),
}
# (role, plural, gender) -> the article to write.
_ARTICLES = {
    ("def", False, "m"): "el", ("def", False, "f"): "la", ("def", True, "m"): "los", ("def", True, "f"): "las",
    ("indef", False, "m"): "un", ("indef", False, "f"): "una",
    ("indef", True, "m"): "unos", ("indef", True, "f"): "unas",
    ("de", False, "m"): "del", ("de", False, "f"): "de la", ("a", False, "m"): "al", ("a", False, "f"): "a la",
}


class SpanishGrammar(Grammar):
    language = "es"
    examples = "${learners}, ${los learners}, ${un learner}, ${del learner} or ${coordinators:long}"

    def parse(self, vocabulary: Vocabulary, inner: str, start: int, end: int) -> Placeholder:
        raw = "${" + inner + "}"
        found = self.read(vocabulary, inner, start, end)
        if isinstance(found, Placeholder):
            return found
        parsed, key, plural, spec = found
        det, name = parsed.group("det"), parsed.group("name")
        capital = (det or name)[0].isupper()
        variant = parsed.group("variant")
        error = hint = None
        if det and det.lower() in ("a", "an"):
            error = f"'{raw}' uses the English article '{det}'"
            hint = f"In Spanish write ${{un {name}}} (un or una follows the word's gender)."
        elif det and det.lower() not in _DETERMINERS:
            error = f"'{det}' is not an article this guide writes before a term ('{raw}')"
            hint = "Write el, los, un, unos, del or al before the term; the gender is the district's."
        elif parsed.group("possessive"):
            error = f"Spanish has no possessive 's ('{raw}')"
            hint = f"Write del ${{{key}}} or de ${{los {key}s}}."
        elif spec.kind == "list" and det:
            error = f"'{key}' is a list; it takes no article"
        elif det and _DETERMINERS[det.lower()][1] != plural:
            wanted = f"{key}s" if _DETERMINERS[det.lower()][1] else key
            error = f"'{det}' and '{name}' disagree in number ('{raw}')"
            hint = f"Write ${{{det} {wanted}}}."
        elif plural and spec.kind != "word":
            error = f"'{key}' is a {spec.kind} and has no plural form; write ${{{key}}}"
        elif variant and variant not in spec.variants:
            error = f"'{key}' has no variant '{variant}' (variants: {', '.join(spec.variants) or 'none'})"
            hint = did_you_mean(variant, spec.variants)
        return Placeholder(raw, start, end, key=key, plural=plural, capital=capital,
                           determiner=det.lower() if det else None, variant=variant, error=error, hint=hint)

    def form(self, term: Term, placeholder: Placeholder) -> str:
        if term.kind == "list":
            return join_o(term.items)
        text = term.form(placeholder.variant, placeholder.plural)
        if placeholder.determiner:
            role, plural = _DETERMINERS[placeholder.determiner]
            text = f"{_ARTICLES[(role, plural, term.gender or 'm')]} {text}"
        return capitalize(text) if placeholder.capital else text

    def district_term(self, key: str, kind: str, value: Any,
                      variants: tuple[str, ...]) -> tuple[Term | None, list[tuple[tuple, str]]]:
        return spanish_term(key, kind, value, variants)


SPANISH = SpanishGrammar()


def join_o(items: tuple[str, ...]) -> str:
    """"Zoom o Teams"; "u" before a word that starts with the sound o ("Zoom u Office")."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    conjunction = "u" if re.match(r"^(?:[oOóÓ]|[hH][oOóÓ])", last) else "o"
    return ", ".join(items[:-1]) + f" {conjunction} " + last


def plural(word: str) -> str | None:
    """The plural of a one-word Spanish noun or adjective; None when the district must give
    it: a phrase (which words of "Conector de WBL" agree?) or a word whose plural moves or
    adds an accent (joven -> jóvenes)."""
    if " " in word.strip():
        return None
    lower = word.lower()
    if lower[-1] in "aeiouéó":
        return word + "s"  # estudiante -> estudiantes
    if lower.endswith("z"):
        return word[:-1] + "ces"  # aprendiz -> aprendices
    if re.search(r"[áéíóú][ns]$", lower):
        return word[:-2] + word[-2].translate(str.maketrans("áéíóú", "aeiou")) + word[-1] + "es"  # acción -> acciones
    if lower[-1] in "ldrjy":
        return word + "es"  # coordinador -> coordinadores
    return None  # joven -> jóvenes, mes -> meses, análisis: the stress decides


def spanish_term(key: str, kind: str, value: Any, variants: tuple[str, ...]) -> tuple[Term | None, list[tuple[tuple, str]]]:
    """A district's Spanish value for one term, and (path under the term, message) problems."""
    problems: list[tuple[tuple, str]] = []
    if kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            return None, [((), "expected a list of names, e.g. [Zoom, Microsoft Teams]")]
        return Term(key, "list", Word(items[0], items[0]), items=tuple(i.strip() for i in items)), []
    if isinstance(value, str):
        value = {"singular": value}
    if not isinstance(value, dict):
        return None, [((), "expected text, or a mapping with singular:, plural: and gender:")]
    if kind == "phrase":
        if set(value) - {"singular"}:
            return None, [((), "expected text: a phrase is used as written")]
        text = value["singular"].strip()
        return Term(key, kind, Word(text, text)), []
    allowed = ("singular", "plural", "gender", *variants)
    for name in value:
        if name not in allowed:
            problems.append(((name,), f"unknown key '{name}'; allowed here: {', '.join(allowed)}"))
    singular = value.get("singular")
    if not isinstance(singular, str) or not singular.strip():
        return None, problems + [((), "missing required key 'singular'")]
    gender = value.get("gender", "m")
    if gender not in ("m", "f"):
        problems.append((("gender",), f"expected 'm' or 'f', received '{gender}'"))
        gender = "m"
    word, found = _word(singular, value.get("plural"), ())
    problems += found
    forms: dict[str, Word] = {}
    for name in variants:
        form = value.get(name)
        if form is None:
            continue
        if isinstance(form, str):
            form = {"singular": form}
        if not isinstance(form, dict) or not isinstance(form.get("singular"), str):
            problems.append(((name,), "expected text, or a mapping with singular: and plural:"))
            continue
        variant, found = _word(form["singular"], form.get("plural"), (name,))
        if not found or "plural" not in form:  # a variant used only in the singular (an adverb) needs none
            forms[name] = variant
        else:
            problems += found
    return Term(key, kind, word, forms, gender=gender), problems


def _word(singular: str, given: Any, path: tuple) -> tuple[Word, list[tuple[tuple, str]]]:
    singular = singular.strip()
    if isinstance(given, str) and given.strip():
        return Word(singular, given.strip()), []
    derived = plural(singular)
    if derived is None:
        return Word(singular, singular), [(path + ("plural",) if path else ("plural",),
                                           f"give the plural of '{singular}' (plural: ...): it is worked "
                                           "out only for one word whose plural is sure")]
    return Word(singular, derived), []
