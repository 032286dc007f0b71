"""Each kind of text, checked the same way wherever it appears (see text_kinds.py).

Every function returns problems located in the document the author has to change; none
renders anything. No string of any kind may hold a control character (control_characters.py).
Plain text and guide Markdown share the rules about what data may never hold (HTML,
template code, attribute lists); Markdown's links are checked by markup.py.
"""

from __future__ import annotations

import re

from ..base.errors import Problem
from .loader import Document
from ..text.markup import parse
from ..words.languages import base
from ..words.terms import PLACEHOLDER, Vocabulary
from ..text.text_kinds import EMAIL, FILE, IDENT, PLAIN, PROSE, TOKEN, URL, TextKind
from ..text.addresses import AddressProblem, check_address
from ..base.control_characters import HINT as CONTROL_HINT, control_character_message, first_control_character

TEMPLATE_CODE = re.compile(r"\{\{|\{%|\{#")
# One way only to read the blanks around a '/': "<\s*/?\s*" could split a run of spaces in
# as many ways as it is long and tried each ('<' and 40 kB of spaces: 7 s; 1 MB: hours).
HTML_TAG = re.compile(r"<\s*(?:/\s*)?[A-Za-z!?][^>]*>?")
# An English article typed before a district's word cannot agree with every district's word
# ("a ${learner's}" reads "a apprentice's" where the district says apprentice): a placeholder
# carries its own article, ${a learner's}, which follows the word.
HARD_CODED_ARTICLE = re.compile(r"(?<![\w'’])([Aa]n?)[ \t\n]+\$\{[ \t]*(?![Aa]n?[ \t])([^{}]*)\}")
# What Python-Markdown's attr_list would read as attributes: {: ...}, {#id}, {.class}, {k=v}.
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.][^\s}]|[A-Za-z_][\w-]*[ \t]*=)[^}\n]*\}?")


def check_value(document: Document, path: tuple, kind: TextKind, value: str,
                vocabulary: Vocabulary | None) -> list[Problem]:
    """Problems with one string of the data, by its kind."""
    if kind in (PLAIN, PROSE):
        return check_text(document, path, value, vocabulary, markdown=kind is PROSE)
    control = control_character(document, path, value)
    if control:
        return control
    if kind is URL:
        checked = check_address(value.strip())
        if isinstance(checked, AddressProblem):
            return [document.problem(path, checked.message, checked.hint)]
        return []
    # Emails, ids, file names and tokens are checked by their patterns in the models.
    assert kind in (EMAIL, IDENT, FILE, TOKEN), kind
    return []


def control_character(document: Document, path: tuple, value: str) -> list[Problem]:
    """A control character, whatever the kind of string: never text. The loader reports
    one in any file where it is written (and reads the text without it); here the rule
    stands with the kinds, for a string that reaches the checks any other way."""
    found = first_control_character(value)
    return [document.problem_in_text(path, found, control_character_message(found), CONTROL_HINT)] if found else []


def check_text(document: Document, path: tuple, text: str, vocabulary: Vocabulary | None,
               *, markdown: bool = True) -> list[Problem]:
    """Placeholders known and closed; no template code, raw HTML or attribute list; in
    guide Markdown, links only to allowed addresses and no images."""
    control = control_character(document, path, text)
    if control:
        return control
    problems: list[Problem] = []
    if vocabulary is not None:
        problems += [document.problem_in_text(path, p.raw, p.error, p.hint)
                     for p in vocabulary.placeholders(text) if p.error]
    if vocabulary is not None and base(vocabulary.language) == "en":
        for typed in HARD_CODED_ARTICLE.finditer(text):
            article, inner = typed.group(1), typed.group(2).strip()
            problems.append(document.problem_in_text(
                path, typed.group(0), f"'{typed.group(0)}': the article is typed before the district's word, and "
                "cannot agree with every district's word (a learner, an apprentice)",
                f"Write ${{{article} {inner}}}: the article then follows the district's word."))
    bare = PLACEHOLDER.sub("", text)
    if "${" in bare:
        problems.append(document.problem_in_text(path, "${", "a '${' is not closed with '}'",
                                                 "Write placeholders as ${learners}."))
    code = TEMPLATE_CODE.search(bare)
    if code:
        problems.append(document.problem_in_text(
            path, code.group(0), f"template code ('{code.group(0)}') is not allowed in guide text",
            "Write district words as ${placeholders}; text is never run as a template."))
    tag = HTML_TAG.search(bare)
    if tag:
        shown = tag.group(0) if len(tag.group(0)) <= 40 else tag.group(0)[:37] + "..."
        problems.append(document.problem_in_text(
            path, tag.group(0), f"raw HTML ('{shown}') is not allowed in guide text",
            "Use Markdown instead: *emphasis*, **strong**, [a link](https://...)." if markdown
            else "This is plain text: write words only."))
    attributes = ATTRIBUTE_LIST.search(bare)
    if attributes and not code:
        problems.append(document.problem_in_text(
            path, attributes.group(0), f"an attribute list ('{attributes.group(0)}') is not allowed in guide text",
            "Attribute lists belong to hand-written pages in docs/; data is text."))
    if markdown and not tag:
        for issue in parse(text).issues:
            problems.append(document.problem_in_text(path, issue.needle, issue.message, issue.hint))
    return problems
