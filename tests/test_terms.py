"""Term forms: singular, plural, capitals, possessives, articles, variants, lists."""

from __future__ import annotations

import pytest

from wbl_guide.words.terms import (Term, TermSpec, Terms, Vocabulary, Word, indefinite_article,
                          pluralize)

VOCABULARY = Vocabulary({
    "learner": TermSpec("learner", "word"),
    "coordinator": TermSpec("coordinator", "word", variants=("long", "short")),
    "community": TermSpec("community", "phrase"),
    "data_system": TermSpec("data_system", "phrase", optional=True),
    "platforms": TermSpec("platforms", "list"),
})


def terms(learner="learner", plural=None, article=None) -> Terms:
    return Terms(VOCABULARY, {
        "learner": Term("learner", "word", Word(learner, plural or pluralize(learner)), article=article),
        "coordinator": Term("coordinator", "word", Word("WBL Connector", "WBL Connectors"),
                            {"long": Word("Work-Based Learning Connector", "Work-Based Learning Connectors")}),
        "community": Term("community", "phrase", Word("the Earn & Learn community", "the Earn & Learn community")),
        "platforms": Term("platforms", "list", Word("FaceTime", "FaceTime"), items=("FaceTime", "Zoom", "Teams")),
    })


@pytest.mark.parametrize("text,expected", [
    ("${learner}", "learner"),
    ("${learners}", "learners"),
    ("${Learner} Preparation", "Learner Preparation"),
    ("${Learners} may also", "Learners may also"),
    ("The ${learner's} next steps", "The learner’s next steps"),
    ("the ${learners'} plans", "the learners’ plans"),
    ("the ${learner’s} plan", "the learner’s plan"),
    ("${A learner} formally interviews", "A learner formally interviews"),
    ("with ${a learner}", "with a learner"),
    ("with ${an learner}", "with a learner"),
    ("${coordinators} and ${coordinators:long}", "WBL Connectors and Work-Based Learning Connectors"),
    ("${Coordinator:short}", "WBL Connector"),  # an undefined variant falls back to the plain form
    ("in ${community}", "in the Earn & Learn community"),
    ("ideally utilizing ${platforms}", "ideally utilizing FaceTime, Zoom or Teams"),
    ("no placeholder", "no placeholder"),
])
def test_forms(text, expected):
    assert terms().render(text) == expected


@pytest.mark.parametrize("word,article", [
    ("apprentice", "an"), ("learner", "a"), ("intern", "an"), ("student", "a"),
    ("university student", "a"), ("user", "a"), ("hour-long visit", "an"), ("honest", "an"),
    ("European partner", "a"), ("one-on-one", "a"), ("MBA student", "an"), ("WBL Connector", "a"),
    ("FBI agent", "an"), ("NYC student", "an"), ("8-week", "an"), ("11th grader", "an"), ("110", "a"),
])
def test_indefinite_article_by_sound(word, article):
    assert indefinite_article(word) == article


def test_article_follows_the_district_word():
    assert terms("apprentice").render("${A learner} asks; ask ${a learner}.") == "An apprentice asks; ask an apprentice."
    assert terms("youth", plural="youth").render("${learners} and ${a learner}") == "youth and a youth"
    assert terms("honoree", article="a").render("${a learner}") == "a honoree"  # the district can fix it


@pytest.mark.parametrize("word,plural", [
    ("learner", "learners"), ("WBL Connector", "WBL Connectors"), ("class", "classes"),
    ("company", "companies"), ("day", "days"), ("child", "children"), ("staff", "staff"),
    ("work-based learning coordinator", "work-based learning coordinators"), ("CTE", "CTEs"),
])
def test_pluralise(word, plural):
    assert pluralize(word) == plural


def test_possessive_of_irregular_plural():
    assert terms("child").render("the ${learners'} work") == "the children’s work"


@pytest.mark.parametrize("text,error", [
    ("${lerners}", "unknown term 'lerners'"),
    ("${community}s ${communitys}", "'community' is a phrase and has no plural"),
    ("${coordinators:longg}", "'coordinator' has no variant 'longg'"),
    ("${a platforms}", "'platforms' is a list"),
    ("${}", "is not a placeholder"),
    ("${learner stuff}", "is not a placeholder"),
])
def test_invalid_placeholders_are_reported(text, error):
    errors = [p.error for p in VOCABULARY.placeholders(text) if p.error]
    assert errors and error in errors[0]


def test_did_you_mean_for_a_misspelled_term():
    [placeholder] = VOCABULARY.placeholders("${Lerners}")
    assert placeholder.hint == "Did you mean 'learners'?"


def test_missing_optional_terms():
    assert terms().missing("in ${data_system} for ${learners}") == {"data_system"}
