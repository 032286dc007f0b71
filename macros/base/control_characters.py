"""Characters no text of the data may hold, and how a message names them.

Guide text is words, newlines and tabs. A control character is never part of a word: a
form feed, carriage return or NUL ends a CSS string, a line separator (U+2028) or next
line (U+0085) ends a line in some JavaScript and YAML parsers, an escape code rewrites a
terminal, and a lone surrogate cannot be written as UTF-8 at all. None can be typed by
accident except by pasting, so each is refused where it is written, in every file.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls, the Unicode line and paragraph
# separators, and surrogate halves (YAML's "\ud800" makes one).
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

_NAMES = {
    0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
    0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
    0x2028: "line separator", 0x2029: "paragraph separator",
}

HINT = "Delete it: text pasted from a word processor or a PDF can carry characters no one sees."


def first_control_character(text: str) -> str | None:
    """The first character of `text` that no text may hold, if any."""
    found = CONTROL_CHARACTER.search(text)
    return found.group(0) if found else None


def describe_character(character: str) -> str:
    """'U+000C (form feed)', 'U+0013 (a control character)', 'U+FFFE (a noncharacter)'."""
    code = ord(character)
    if code in _NAMES:
        name = _NAMES[code]
    elif 0xD800 <= code <= 0xDFFF:
        name = "a lone surrogate"
    elif CONTROL_CHARACTER.match(character):
        name = "a control character"
    else:
        name = unicodedata.name(character, "a noncharacter").lower()
    return f"U+{code:04X} ({name})"


def control_character_message(character: str) -> str:
    kind = "character" if 0xD800 <= ord(character) <= 0xDFFF else "control character"
    return f"{kind} {describe_character(character)} is not allowed in text"
