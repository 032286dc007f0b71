"""`wbl-guide check` reads the words (issue 23): the shared English against an American
English Hunspell dictionary (so a British spelling is a finding), each translation against its
language's, with the project's own words in data/spelling/. Needs Enchant and the Hunspell
dictionaries (Debian: libenchant-2-2, hunspell-en-us, hunspell-es; .ci/run installs them):
locally their tests skip without them, where CI=true they fail."""

from __future__ import annotations

import pytest

from conftest import ROOT
from test_check_command import run_check
from tools import missing
from wbl_guide.rendering.spelling import Speller, speller


@pytest.fixture
def spelling():
    for language in ("en", "es"):
        found = speller(ROOT, language)
        if isinstance(found, str):
            missing(f"{language} spelling: {found}")


def test_the_bundled_words_are_spelt_right(spelling):
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "no misspelled words" in result.stdout
    assert "spelling not checked" not in result.stderr


def test_a_british_spelling_is_located_with_its_american_one(spelling, project_copy):
    activity = project_copy / "data/activities/mock-interview.yml"
    text = activity.read_text(encoding="utf-8")
    assert "a safe place to practice interviewing" in text
    activity.write_text(text.replace("a safe place to practice interviewing", "a safe place to practise interviewing"),
                        encoding="utf-8")
    line = next(number for number, written in enumerate(activity.read_text(encoding="utf-8").splitlines(), 1)
                if "practise interviewing" in written)
    result = run_check(project_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/activities/mock-interview.yml:{line}:" in result.stderr
    assert "'practise' is not in the en dictionary" in result.stderr
    assert "Did you mean 'practice'" in result.stderr


def test_a_misspelled_spanish_word_is_located(spelling, project_copy):
    translation = project_copy / "data/translations/es/job-shadow.yml"
    text = translation.read_text(encoding="utf-8")
    assert "a ${los learners}" in text
    translation.write_text(text.replace("a ${los learners}", "a ${los learners} dezde", 1), encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "data/translations/es/job-shadow.yml:" in result.stderr
    assert "'dezde' is not in the es dictionary" in result.stderr


def test_the_project_words_are_words(spelling):
    """A word in data/spelling/ is known as listed, and a lowercase one capitalized too;
    placeholders, {tokens}, link targets, addresses and code are not words."""
    english = speller(ROOT, "en")
    assert isinstance(english, Speller)
    assert english.misspelled("CareerOneStop. Chaperones and chaperones.") == []
    assert english.misspelled("Ask ${learners} at {name}, see [this](https://zzqx.example/qqzx) or `xqzt`.") == []
    assert english.misspelled("Ask the hoast.") == ["hoast"]


def test_a_language_without_a_dictionary_is_said_not_checked():
    assert speller(ROOT, "zz").startswith("no Hunspell dictionary for 'zz'") or \
        speller(ROOT, "zz").startswith(("pyenchant", "the Enchant library"))
