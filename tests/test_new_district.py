"""A third district made by copying the default profile and swapping its words."""

from __future__ import annotations

import re

from conftest import run_build, text_of
from test_district_words import OWN_WORDS, found

RIVERSIDE = """\
name: Riverside Apprenticeship Network
site_name: Riverside Apprenticeship Guide
language: en
terms:
  learner: apprentice
  coordinator:
    singular: Career Navigator
    long: Career Pathways Navigator
    short: Navigator
  community: the Riverside Apprenticeship Network
  remote:
    singular: online
    adverb: online
  data_system: PathTrack
  platforms: [Microsoft Teams]
coordinator_note: >-
  This includes Riverside career navigators and others who support ${learners}.
"""


def test_copied_profile_with_new_words_builds_clean(project_copy, tmp_path):
    default = (project_copy / "data/districts/earn-and-learn.yml").read_text(encoding="utf-8")
    assert "terms:" in default  # the profile being copied still has the shape we swap
    (project_copy / "data/districts/riverside.yml").write_text(RIVERSIDE, encoding="utf-8")
    build = run_build(tmp_path / "site", "riverside", project=project_copy)
    assert build.returncode == 0, build.output

    text = " ".join(text_of(p.read_text(encoding="utf-8")) for p in build.pages())
    assert not found(OWN_WORDS["earn-and-learn"], text), found(OWN_WORDS["earn-and-learn"], text)[:5]
    assert not found(OWN_WORDS["nyc"], text)
    assert "An apprentice formally interviews an Industry Partner" in text
    assert "Apprentice Preparation" in text
    assert "The apprentice’s next steps." in text or "The apprentice's next steps." in text
    assert "Document the informational interview in PathTrack." in text
    assert "ideally utilizing Microsoft Teams." in text
    assert "Navigator and/or Teachers recruit" in text
    assert "Quick tips for Career Pathways Navigators to ensure" in text
    assert re.search(r"<title>Apprentice Preparation · Informational Interview - Riverside Apprenticeship Guide</title>",
                     build.html("informational-interview/preparation/"))
