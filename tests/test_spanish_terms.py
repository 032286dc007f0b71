"""Spanish grammar for district words: articles that agree, plurals, and the English forms
refused with the Spanish way to write them."""

from __future__ import annotations

import pytest

from wbl_guide.words.grammars import vocabulary_in
from wbl_guide.words.spanish import join_o, plural, spanish_term
from wbl_guide.words.terms import Term, TermSpec, Terms, Vocabulary, Word

SPECS = {
    "learner": TermSpec("learner", "word"),
    "coordinator": TermSpec("coordinator", "word", variants=("long", "short")),
    "community": TermSpec("community", "phrase"),
    "platforms": TermSpec("platforms", "list"),
}
SPANISH = vocabulary_in(Vocabulary(SPECS), "es")


def terms(singular="estudiante", plural_="estudiantes", gender="m") -> Terms:
    return Terms(SPANISH, {
        "learner": Term("learner", "word", Word(singular, plural_), gender=gender),
        "coordinator": Term("coordinator", "word", Word("Coordinador de WBL", "Coordinadores de WBL"),
                            {"long": Word("Coordinador de Aprendizaje Basado en el Trabajo",
                                          "Coordinadores de Aprendizaje Basado en el Trabajo")}, gender="m"),
        "community": Term("community", "phrase", Word("la comunidad de Earn & Learn", "la comunidad de Earn & Learn")),
        "platforms": Term("platforms", "list", Word("Zoom", "Zoom"), items=("Zoom", "Teams")),
    })


@pytest.mark.parametrize("text,masculine,feminine", [
    ("${learner}", "estudiante", "persona"),
    ("${learners}", "estudiantes", "personas"),
    ("${el learner}", "el estudiante", "la persona"),
    ("${los learners}", "los estudiantes", "las personas"),
    ("${Los learners} preparan", "Los estudiantes preparan", "Las personas preparan"),
    ("${un learner}", "un estudiante", "una persona"),
    ("${unos learners}", "unos estudiantes", "unas personas"),
    ("la carpeta ${del learner}", "la carpeta del estudiante", "la carpeta de la persona"),
    ("pregunte ${al learner}", "pregunte al estudiante", "pregunte a la persona"),
    ("${la learner}", "el estudiante", "la persona"),  # either gender may be written
])
def test_articles_follow_the_districts_word(text, masculine, feminine):
    assert terms().render(text) == masculine
    assert terms("persona", "personas", "f").render(text) == feminine


def test_variants_phrases_and_lists():
    assert terms().render("${los coordinators:long}") == "los Coordinadores de Aprendizaje Basado en el Trabajo"
    assert terms().render("en ${community}") == "en la comunidad de Earn & Learn"
    assert terms().render("por ${platforms}") == "por Zoom o Teams"
    assert join_o(("Zoom", "Office")) == "Zoom u Office"


@pytest.mark.parametrize("text,message,hint", [
    ("${a learner}", "uses the English article 'a'", "${un learner}"),
    ("${learner's}", "Spanish has no possessive 's", "del ${learner}"),
    ("${los learner}", "'los' and 'learner' disagree in number", "${los learners}"),
    ("${the learners}", "'the' is not an article this guide writes", "el, los, un"),
    ("${los platforms}", "'platforms' is a list", None),
    ("${lerners}", "unknown term 'lerners'", "learners"),
])
def test_english_forms_are_refused_with_the_spanish_way(text, message, hint):
    [placeholder] = SPANISH.placeholders(text)
    assert placeholder.error and message in placeholder.error
    if hint:
        assert hint in (placeholder.hint or "")


@pytest.mark.parametrize("word,expected", [
    ("estudiante", "estudiantes"), ("aprendiz", "aprendices"), ("coordinador", "coordinadores"),
    ("participación", "participaciones"), ("ciudad", "ciudades"), ("joven", None), ("mes", None),
    ("Conector de WBL", None),
])
def test_plurals_are_worked_out_only_where_sure(word, expected):
    assert plural(word) == expected


def test_a_phrase_without_its_plural_is_located():
    term, problems = spanish_term("coordinator", "word", {"singular": "Conector de WBL"}, ("long",))
    assert term is not None and problems == [(("plural",), problems[0][1])]
    assert "give the plural of 'Conector de WBL'" in problems[0][1]
    term, problems = spanish_term("learner", "word", {"singular": "aprendiz", "gender": "x"}, ())
    assert problems == [(("gender",), "expected 'm' or 'f', received 'x'")]
