"""Every grammar the guide knows, by language: the one place that lists them.

A grammar says how a language writes placeholders and builds a term's forms (terms.py has
English's; spanish.py, chinese.py and arabic.py the others'). A vocabulary is written in a language's grammar through
here, so that the grammars need not know each other or this list.
"""

from __future__ import annotations

from .arabic import ARABIC
from .chinese import CHINESE
from .languages import base
from .spanish import SPANISH
from .terms import ENGLISH, Grammar, Vocabulary

GRAMMARS: dict[str, Grammar] = {"en": ENGLISH, "es": SPANISH, "zh": CHINESE, "ar": ARABIC}  # by base language code


def grammar_for(language: str) -> Grammar:
    """The grammar district words follow in `language`: its own, else English's."""
    return GRAMMARS.get(base(language), ENGLISH)


def vocabulary_in(vocabulary: Vocabulary, language: str) -> Vocabulary:
    """The same terms, written with the grammar of `language` (es: ${los learners})."""
    return vocabulary.with_grammar(grammar_for(language), language)
