"""Chinese and Arabic grammars for district words: each language's forms of a term, the
English and Spanish forms refused with the language's way to write them, and a
district's words checked where it gives them."""

from __future__ import annotations

import pytest

from wbl_guide.words.arabic import ARABIC, with_li
from wbl_guide.words.chinese import CHINESE
from wbl_guide.words.grammars import vocabulary_in
from wbl_guide.words.terms import Term, TermSpec, Terms, Vocabulary, Word

SPECS = {
    "learner": TermSpec("learner", "word"),
    "coordinator": TermSpec("coordinator", "word", variants=("long", "short")),
    "community": TermSpec("community", "phrase"),
    "remote": TermSpec("remote", "word", variants=("adverb",)),
    "platforms": TermSpec("platforms", "list"),
}


def district_terms(grammar, values: dict) -> dict[str, Term]:
    found = {}
    for key, value in values.items():
        term, problems = grammar.district_term(key, SPECS[key].kind, value, SPECS[key].variants)
        assert problems == [], problems
        found[key] = term
    return found


CHINESE_WORDS = {"learner": "学生", "coordinator": {"singular": "WBL 协调员", "long": "基于工作的学习协调员"},
                 "community": "纽约市公立学校", "remote": {"singular": "线上", "adverb": "以线上方式"},
                 "platforms": ["FaceTime", "Skype", "Zoom"]}
ARABIC_WORDS = {"learner": {"singular": "طالب", "plural": "طلاب"},
                "coordinator": {"singular": "منسق التعلم", "plural": "منسقو التعلم", "definite": "منسق التعلم",
                                "definite_plural": "منسقو التعلم", "short": {"singular": "منسق", "plural": "منسقون"}},
                "community": "مدارس مدينة نيويورك العامة", "remote": {"singular": "افتراضي", "plural": "افتراضية"},
                "platforms": ["FaceTime", "Skype"]}


def chinese() -> Terms:
    return Terms(vocabulary_in(Vocabulary(SPECS), "zh-Hans"), district_terms(CHINESE, CHINESE_WORDS))


def arabic() -> Terms:
    return Terms(vocabulary_in(Vocabulary(SPECS), "ar"), district_terms(ARABIC, ARABIC_WORDS))


@pytest.mark.parametrize("text,expected", [
    ("每名${learner}", "每名学生"),
    ("${learners}准备问题", "学生准备问题"),  # no plural ending: the plural is the word
    ("${coordinators:long}", "基于工作的学习协调员"),
    ("在${community}", "在纽约市公立学校"),
    ("${remote}课堂", "线上课堂"),
    ("${remote:adverb}参加", "以线上方式参加"),
    ("使用 ${platforms}", "使用 FaceTime、Skype 或 Zoom"),
])
def test_chinese_forms(text, expected):
    assert chinese().render(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("${learner}", "طالب"),
    ("${learners}", "طلاب"),
    ("${al learner}", "الطالب"),
    ("${al learners}", "الطلاب"),
    ("${lil learners}", "للطلاب"),  # li + al: the alif goes
    ("و${al learners}", "والطلاب"),
    ("${al coordinators}", "منسقو التعلم"),  # a phrase's definite form, as the district gives it
    ("${lil coordinator}", "لمنسق التعلم"),
    ("${al coordinator:short}", "المنسق"),
    ("فصل ${remote}", "فصل افتراضي"),
    ("الأنشطة ${al remotes}", "الأنشطة الافتراضية"),
    ("عبر ${platforms}", "عبر FaceTime أو Skype"),
])
def test_arabic_forms(text, expected):
    assert arabic().render(text) == expected


def test_li_before_a_word_that_starts_with_lam():
    assert with_li("الليلة") == "لليلة"
    assert with_li("مدرسة المدينة") == "لمدرسة المدينة"


@pytest.mark.parametrize("language,text,message,hint", [
    ("zh-Hans", "${a learner}", "Chinese has no article", "一名${learner}"),
    ("zh-Hans", "${learner's}", "Chinese has no possessive", "${learner}的"),
    ("zh-Hans", "${Learners}", "Chinese has no capital letters", "${learners}"),
    ("zh-Hans", "${los learners}", "Chinese has no article", None),
    ("ar", "${the learners}", "'the' is not a form this guide writes", "${al learners}"),
    ("ar", "${learner's}", "Arabic has no possessive", "${al learner}"),
    ("ar", "${Al learners}", "Arabic has no capital letters", "${al learners}"),
    ("ar", "${al platforms}", "'platforms' is a list; it takes no article", None),
    ("ar", "${al lerners}", "unknown term 'lerners'", "learners"),
])
def test_english_and_spanish_forms_are_refused_with_the_way_to_write_them(language, text, message, hint):
    [placeholder] = vocabulary_in(Vocabulary(SPECS), language).placeholders(text)
    assert placeholder.error and message in placeholder.error
    if hint:
        assert hint in (placeholder.hint or "")


def test_a_districts_arabic_words_are_checked():
    _, problems = ARABIC.district_term("learner", "word", {"singular": "طالب"}, ())
    assert [(path, message) for path, message in problems] == [
        (("plural",), "give the plural of 'طالب' (plural: ...): Arabic plurals are not worked out")]
    _, problems = ARABIC.district_term("coordinator", "word", {"singular": "منسق التعلم", "plural": "منسقو التعلم"},
                                       ("long", "short"))
    assert {path for path, _ in problems} == {("definite",), ("definite_plural",)}
    _, problems = ARABIC.district_term("learner", "word", {"singular": "طالب", "plural": "طلاب", "gender": "m"}, ())
    assert problems and "unknown key 'gender'" in problems[0][1]


def test_a_districts_chinese_words_are_checked():
    term, problems = CHINESE.district_term("learner", "word", {"singular": "学生", "plural": "学生们"}, ())
    assert problems == [] and term.word == Word("学生", "学生们")
    _, problems = CHINESE.district_term("learner", "word", {"singular": "学生", "article": "a"}, ())
    assert problems and "unknown key 'article'" in problems[0][1]
    _, problems = CHINESE.district_term("platforms", "list", [], ())
    assert problems
