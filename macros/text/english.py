"""English grammar for a district's words: the plural of a term and its indefinite article.

The rules are inflect's (https://pypi.org/project/inflect/): irregular plurals ("person" ->
"people", "analysis" -> "analyses"), compounds ("mother-in-law" -> "mothers-in-law") and "a"
or "an" by sound ("an hour", "a university student", "an FBLA member", "a STEM student").
A district's `plural:` and `article:` in its profile still win over anything here.

A few small rules sit in front of inflect, each where it gets this guide's words wrong:

- An acronym's plural takes a lowercase "s": "CTEs", "IDs" (inflect writes "CTES").
- An agent noun with a particle pluralizes its head: "passers-by", "runners-up"
  (inflect writes "passer-bies"); "drop-ins", "follow-ups" keep the plural at the end.
- "staff", "faculty" and "youth" name a group of people and keep their form; "tech" is
  said "tek", so "techs" (inflect writes "staffs", "faculties", "youths", "teches").
- An acronym with no vowel (A, E, I, O, U) cannot be said as a word, so it is read letter
  by letter: "an NYC student" (inflect reads "NYC" as a word). An acronym starting with
  U starts with the sound "you": "a URL", "a UX designer" (inflect writes "an URL").
- Digits are read as words first: "an 8-week", "an 11th grader", "a 110-hour" (inflect
  answers "a" for all of them).

inflect is imported on first use. Its functions are wrapped in typeguard's @typechecked,
which recompiles the whole module once per function and makes `import inflect` take
seconds (jaraco/inflect#212); every build pays for an import, so inflect is imported
with that decorator as a no-op, as `python -O` would. Only run-time type checks of the
arguments are lost, and this module only ever passes text.
"""

from __future__ import annotations

import functools
import re
import sys
import types

# A word of capitals (and digits) said as letters or as a word: "CTE", "FBLA", "K12".
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")
_PARTICLE_COMPOUND = re.compile(r"^(?P<head>[A-Za-z]+er)(?P<tail>-(?:by|on|up|in|out|off|about|around))$")
_OWN_PLURALS = {"staff": "staff", "faculty": "faculty", "youth": "youth", "tech": "techs"}
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # their names start with a vowel: "an F", "an S"
_LEADING_DIGITS = re.compile(r"^\d+")
_LONGEST_NUMBER = 36  # digits inflect names (up to decillions)
# Longer than any word of a term: inflect's rules search a word with regexes whose cost
# grows with the square of its length (and recurse once per word of a phrase).
_LONGEST_WORD = 64


def plural(phrase: str) -> str:
    """The plural of a phrase: its last word made plural ("WBL Connector" -> "WBL Connectors")."""
    head, space, last = phrase.rpartition(" ")
    return head + space + _plural_word(last) if last else phrase


def article(phrase: str) -> str:
    """'a' or 'an' for the phrase, by the sound of its first word."""
    word = re.sub(r"^[^A-Za-z0-9]+", "", phrase).split(" ")[0]
    if not word:
        return "a"
    digits = _LEADING_DIGITS.match(word)
    if digits:
        word = _engine().number_to_words(_said_digits(digits.group(0)))
    elif _ACRONYM.match(word) and word[0] == "U":
        return "a"
    elif _ACRONYM.match(word) and not re.search("[AEIOU]", word):
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"
    return _article(word)


def _said_digits(digits: str) -> str:
    """The digits of a number as inflect can read them. Past its largest name (36 digits)
    inflect gives up, and Python will not read 4,300 digits at all; the article only hears
    the first word, which a long number's first group of three digits decides ("11" of
    "11,000,...": "an eleven ...")."""
    if len(digits) <= _LONGEST_NUMBER:
        return digits
    digits = digits.lstrip("0") or "0"
    return digits[:len(digits) % 3 or 3]


@functools.lru_cache(maxsize=1024)
def _plural_word(word: str) -> str:
    if _ACRONYM.match(word):
        return word + "s"
    compound = _PARTICLE_COMPOUND.match(word)
    if compound:
        return _plural_word(compound.group("head")) + compound.group("tail")
    if len(word) > _LONGEST_WORD:  # no term's word: its last part takes the plural
        head, hyphen, tail = word.rpartition("-")
        return head + hyphen + _plural_word(tail) if hyphen else word + "s"
    return _engine().plural_noun(word)


@functools.lru_cache(maxsize=1024)
def _article(word: str) -> str:
    return _engine().a(word).split(" ", 1)[0]


@functools.cache
def _engine():
    inflect = _import_inflect()
    engine = inflect.engine()
    for singular, plural_ in _OWN_PLURALS.items():
        engine.defnoun(singular, plural_)
    return engine


def _import_inflect():
    if "inflect" in sys.modules:
        return sys.modules["inflect"]
    # inflect only takes `typechecked` from typeguard: lend it one that changes nothing.
    stub = types.ModuleType("typeguard")
    stub.typechecked = lambda target=None, **_: target if target is not None else (lambda t: t)
    previous = sys.modules.get("typeguard")
    sys.modules["typeguard"] = stub
    try:
        import inflect
    except ImportError:  # a later inflect wants more of typeguard: import it the slow way
        sys.modules.pop("inflect", None)
        inflect = None
    finally:
        if previous is None:
            del sys.modules["typeguard"]
        else:
            sys.modules["typeguard"] = previous
    if inflect is None:
        import inflect
    return inflect
