"""An article must agree with the district's word it stands before (issue 23): typed before a
placeholder in English text ("a ${learner's}"), it reads "a apprentice's" in a district that
says apprentice, so `wbl-guide check` and every build refuse it where it is written; written
inside the placeholder (${a learner's}), it follows each district's word."""

from __future__ import annotations

import shutil

import pytest

from hostile import VALID
from wbl_guide.base.errors import GuideError
from wbl_guide.data.project import load_project
from wbl_guide.rendering.site import assemble


@pytest.fixture
def data(tmp_path):
    return shutil.copytree(VALID, tmp_path / "valid")


def _say(root, old: str, new: str, file: str = "data/activities/site-visit.yml") -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("typed, suggested", [
    ("Ask about a ${learner's} safety.", "${a learner's}"),
    ("Plan an ${remote} visit.", "${an remote}"),
    ("A ${learner} visits.", "${A learner}"),
])
def test_an_article_typed_before_a_placeholder_is_located(data, typed, suggested):
    _say(data, "Confirm the date with the host.", typed)
    with pytest.raises(GuideError) as raised:
        load_project(data, ["alpha"])
    message = str(raised.value)
    assert "data/activities/site-visit.yml:26:" in message, message
    assert "the article is typed before the district's word" in message
    assert f"Write {suggested}: the article then follows the district's word." in message


def test_the_same_words_in_spanish_are_not_articles():
    """Spanish 'a' is a preposition: the bundled translations write "a ${los learners}", and
    the project loads with every edition's texts checked."""
    from conftest import ROOT
    spanish = (ROOT / "data/translations/es/job-shadow.yml").read_text(encoding="utf-8")
    assert "a ${los learners}" in spanish
    load_project(ROOT, ["earn-and-learn", "nyc"])


def test_a_district_that_says_apprentice_reads_an_apprentice(data):
    _say(data, "Confirm the date with the host.", "Ask about ${a learner's} safety, and ${a learner} visits.")
    _say(data, "learner: learner", "learner: apprentice", "data/districts/alpha.yml")
    site = assemble(load_project(data, ["alpha"]), "alpha")
    text = " ".join(page.markdown for page in site.pages.values())
    assert "an apprentice’s safety" in text and "an apprentice visits" in text
    assert "a apprentice" not in text


def test_a_district_text_that_types_the_wrong_article_is_a_build_warning(data):
    """The district's own words are typed in full: once they are in, every English page
    is read for an article that does not agree (a warning: `mkdocs build --strict` stops)."""
    from hostile import add_project
    from wbl_guide.publishing.publish import publish
    _say(data, "learner: learner", "learner: apprentice", "data/districts/alpha.yml")
    with open(data / "data/districts/alpha.yml", "a", encoding="utf-8") as profile:
        profile.write("coordinator_note: Each coordinator looks after a apprentice's first week.\n")
    site = publish(add_project(data), "alpha", pdf=False)
    findings = [str(problem) for problem in site.warnings]
    assert any("'a apprentice’s' once the district's words are in: 'an apprentice’s' agrees" in finding
               or "'a apprentice's' once the district's words are in" in finding for finding in findings), findings
    assert all("site-visit/checklist.md" in finding for finding in findings if "apprentice" in finding)
