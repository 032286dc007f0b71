"""A and an, once a district's words are in (issue 23): "an apprentice", never "a apprentice".

A placeholder carries its own article (${a learner}) and an article typed before one is
refused (data/text_checks.py), but a district's own texts, its overrides and notes, are
typed in full. So each English page a district's build renders is read once more for an
article that does not agree with the word after it, by the same rule the placeholders
follow (text/english.py, inflect's); a word whose article the district fixes in its terms
(`article:`) takes that one. Findings ride on the build's warnings, so `mkdocs build
--strict` stops, each naming the page and the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..base.errors import Problem
from ..text.english import article
from ..words.terms import Term

_ARTICLE_AND_WORD = re.compile(r"(?<![\w'’-])([Aa]n?) ([A-Za-z][\w'’-]*)")
_NOT_TEXT = re.compile(r"\]\([^)]*\)|<[^>]+>|\{[^}]*\}|`[^`]*`")


def fixed_articles(terms: dict[str, Term]) -> dict[str, str]:
    """The article a district fixes for the first word of each of its terms, by that word."""
    fixed = {}
    for term in terms.values():
        if term.article and term.kind != "list":
            for word in [term.word, *term.variants.values()]:
                if word.singular:
                    fixed[word.singular.split(" ")[0].lower()] = term.article.lower()
    return fixed


def article_findings(pages: Iterable, district_id: str, fixed: dict[str, str]) -> list[Problem]:
    """'a apprentice' and the like on the rendered English pages, one finding a page and phrase."""
    problems = []
    agreeing = dict(fixed)  # the article of each word met, worked out once a build
    for page in pages:
        seen = set()
        for found in _ARTICLE_AND_WORD.finditer(_NOT_TEXT.sub(" ", page.markdown)):
            typed, word = found.group(1), found.group(2)
            right = agreeing.get(word.lower()) or agreeing.setdefault(word.lower(), article(word))
            if typed.lower() == right or found.group(0) in seen:
                continue
            seen.add(found.group(0))
            problems.append(Problem(
                f"{district_id}: {page.path}", message=f"'{found.group(0)}' once the district's words are in: "
                f"'{right} {word}' agrees",
                hint="Where the district's text types the article, write it to agree; where a word's article is "
                     "one English gets wrong, set `article:` for its term in the profile."))
    return problems
