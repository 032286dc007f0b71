"""`{{ term("learners") }}` in hand-written pages (docs/): checked before anything is
written, and rendered as plain text.

mkdocs-macros renders a page's macros only while MkDocs writes the site, after it has
emptied the site folder; a mistake found then would leave no site at all. So every
literal term(...) call in docs/ is checked here first, with the page, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..base.errors import GuideError, Problem
from ..data.published_folders import file_problem
from ..base.suggest import did_you_mean
from ..words.terms import Terms

_TERM_CALL = re.compile(r"""\bterm\(\s*(?:"([^"\n]*)"|'([^'\n]*)')\s*\)""")


def term_problem(terms: Terms, inner: str) -> tuple[str, str | None] | None:
    """(message, hint) when term(inner) cannot be rendered for this district."""
    placeholders = list(terms.vocabulary.placeholders("${" + inner + "}"))
    if len(placeholders) != 1 or "${" + inner + "}" != placeholders[0].raw:
        return (f"term(\"{inner}\") is not a term this guide understands",
                "Write a term such as term(\"learners\") or term(\"A learner\").")
    placeholder = placeholders[0]
    if placeholder.error:  # said of ${...} in data; here the author wrote term("...")
        return placeholder.error.replace(f" in '{placeholder.raw}'", ""), placeholder.hint
    if placeholder.key not in terms.values:
        return (f"this district defines no '{placeholder.key}'",
                f"Define {placeholder.key} under `terms:` in the district's profile, or remove the call.")
    return None


def render_term(terms: Terms, inner: str, where: str = "a page") -> str:
    problem = term_problem(terms, inner)
    if problem:
        raise GuideError([Problem(where, key=f'term("{inner}")', message=problem[0], hint=problem[1])])
    return terms.render("${" + inner + "}")


def check_term_calls(root: Path, docs_dir: Path, terms: Terms) -> list[Problem]:
    """Every term("...") call written in the hand-written pages, checked for this district."""
    problems = []
    for page in sorted(Path(docs_dir).rglob("*.md")):
        unreadable = file_problem(root, page)  # a link out, or a named pipe: never read
        if unreadable is not None:
            problems.append(unreadable)
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        shown = _shown(page, root)
        for match in _TERM_CALL.finditer(text):
            inner = match.group(1) if match.group(1) is not None else match.group(2)
            problem = term_problem(terms, inner)
            if problem:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                hint = problem[1]
                if hint is None or hint.startswith("Did you mean"):
                    hint = did_you_mean(inner, terms.vocabulary.spellings()) or hint
                problems.append(Problem(shown, line, column, f'term("{inner}")', problem[0], hint))
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()
