"""Text a translated edition still shows in English, marked so the page can say so.

A translation that is missing or stale falls back to the English source. Such a text is
carried through resolution with a private-use character in front of it, so the renderer
can wrap it in `lang="en"` (WCAG 3.1.2, language of parts) and term filling can use the
district's English words in it. Data may never hold the character itself (text_checks.py).
"""

from __future__ import annotations

MARK = "\ue000"


def mark(text: str) -> str:
    return text if text.startswith(MARK) else MARK + text


def is_fallback(text: object) -> bool:
    return isinstance(text, str) and text.startswith(MARK)


def unmark(text: str) -> str:
    return text.replace(MARK, "")
