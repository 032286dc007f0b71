"""The rest of a district's profile on a real build: colors, logo, hidden sections,
contacts, local resources, notes and labels."""

from __future__ import annotations

import re

import pytest

from conftest import article, copy_project, run_build, text_of

PROFILE = """\
name: Lakeside Schools
site_name: Lakeside Career Guide
terms:
  learner: participant
  coordinator:
    singular: Career Coach
    long: Career Pathways Coach
  community: Lakeside Schools
  remote:
    singular: online
    adverb: online
  platforms: [Microsoft Teams]
logo: lakeside-logo.svg
colors:
  primary: "#0b5d3b"
  accent: "#0a5c8a"
contacts:
  - id: main-office
    name: Dana Rivera
    role: Work-based learning lead
    email: dana.rivera@example.org
    phone: 555-0100
resources:
  - id: lakeside-chamber
    title: Lakeside Chamber of Commerce
    url: https://example.org/chamber
    text: Local employers who host ${learners}.
notes:
  informational-interview:
    before: Book the school van two weeks ahead.
hide:
  informational-interview: [virtual_hybrid, safety-gear]
labels:
  handouts: Printable sheets
"""

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


@pytest.fixture(scope="module")
def lakeside(tmp_path_factory):
    """The project with the Lakeside profile added, built once for this file's tests."""
    folder = tmp_path_factory.mktemp("lakeside")
    return build_lakeside(copy_project(folder / "project"), folder)


def build_lakeside(project_copy, tmp_path):
    (project_copy / "data/districts/lakeside.yml").write_text(PROFILE, encoding="utf-8")
    (project_copy / "data/districts/lakeside").mkdir()
    (project_copy / "data/districts/lakeside/lakeside-logo.svg").write_text(LOGO, encoding="utf-8")
    build = run_build(tmp_path / "site", "lakeside", project=project_copy)
    assert build.returncode == 0, build.output
    return build


def test_profile_features_show_in_the_build(lakeside):
    build = lakeside
    home = build.html("")

    # Colors: the site's one stylesheet of its own carries them, and every page links it
    # (and no other of the project's: one request before the first paint, not six).
    css = (build.site / "assets/stylesheets/guide.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #0b5d3b" in css and "--md-typeset-a-color: #0a5c8a" in css
    own = [href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
           if "/stylesheets/main." not in "/" + href and "/stylesheets/palette." not in "/" + href]
    assert own == ["assets/stylesheets/guide.css"]
    # It holds the rules of every part, the colors after the fonts and before the tools.
    for rule in ("@font-face", "@media print", ".md-search-result__meta", ".guide-plan-print"):
        assert rule in css, rule
    assert css.index("@font-face") < css.index("#0b5d3b") < css.index(".guide-plan-print")
    # The font the first paint sets is fetched with the page.
    assert re.search(r'<link rel="preload" href="assets/fonts/[^"]+-400-normal\.woff2" as="font" '
                     r'type="font/woff2" crossorigin>', home)

    # Logo: copied from the district's own folder and shown in the header.
    assert (build.site / "assets/district/lakeside-logo.svg").read_text(encoding="utf-8") == LOGO
    assert re.search(r'<img src="assets/district/lakeside-logo\.svg"', home)

    # Contacts on the home page.
    assert "Dana Rivera, Work-based learning lead" in text_of(home)
    assert 'href="mailto:dana.rivera@example.org"' in home

    # Local resources on the activity's resources page, in the district's words.
    resources = build.article_text("informational-interview/resources/")
    assert "Local resources" in resources
    assert "Lakeside Chamber of Commerce: Local employers who host participants." in resources

    # A note after a part of the checklist.
    checklist = build.html("informational-interview/checklist/")
    assert re.search(r'class="admonition note".*?Book the school van two weeks ahead\.', checklist, re.S)

    # Hidden: a whole section and one checklist item.
    assert not (build.site / "informational-interview/virtual-hybrid/index.html").exists()
    assert 'id="safety-gear"' not in checklist
    assert "informational-interview/virtual-hybrid/" not in home
    assert "job-shadow/virtual-hybrid/" in home  # hidden for one activity only

    # Labels: the district's wording of the site's own words.
    assert "Printable sheets" in text_of(checklist)


def test_a_hidden_section_leaves_no_broken_link(lakeside):
    """The strict build above passed, so no page links the hidden section; check the
    downloads collections dropped it too."""
    build = lakeside
    assert "virtual-hybrid" not in article(build.html("informational-interview/downloads/"))
