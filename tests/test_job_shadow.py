"""The Job Shadow: a second, complete activity that is one data file and nothing else."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_build, text_of
from wbl_guide.data.model import SECTION_KEYS

SECTIONS = ["job-shadow/"] + [f"job-shadow/{key.replace('_', '-')}/" for key in SECTION_KEYS if key != "overview"]
# Its permission slip is published only by a district that gives the permission's wording.
HANDOUTS = ["checklist-sheet", "timeline-sheet", "teacher-tip-sheet", "host-tip-sheet", "preparation-sheet",
            "observation-log", "reflection-worksheet", "distance-shadow-sheet", "worksite-safety-check",
            "hours-sign-off"]
BUNDLES = ["complete-guide", "implementation-tools", "support-materials"]


def site_pages(build) -> set[str]:
    return {p.relative_to(build.site).as_posix() for p in build.pages()}


def test_adding_the_file_adds_a_complete_activity(project_copy, tmp_path, built):
    """Without data/activities/job-shadow.yml the site has no Job Shadow; with it (and no
    other change, not even a page stub) every page of the activity appears, in both
    languages (data/translations/es/job-shadow.yml, its Spanish, is optional)."""
    assert not [p for p in (ROOT / "docs").rglob("*") if "shadow" in p.name]
    (project_copy / "data/activities/job-shadow.yml").unlink()
    for translation in (project_copy / "data/translations").glob("*/job-shadow.yml"):
        translation.unlink()  # a translation goes with its activity (alone, it is an error)
    # Earn & Learn's profile names no activity, so it builds with the file gone.
    without = run_build(tmp_path / "without", "earn-and-learn", project=project_copy)
    assert without.returncode == 0, without.output
    with_it = built("earn-and-learn")

    added = site_pages(with_it) - site_pages(without)
    assert site_pages(without) <= site_pages(with_it)
    assert site_pages(with_it.edition("es")) - site_pages(without.edition("es")) == added
    assert added and all(page.startswith("job-shadow/") for page in added)
    expected = {f"{url}index.html" for url in SECTIONS} | \
        {f"job-shadow/handouts/{h}/index.html" for h in HANDOUTS} | \
        {f"job-shadow/downloads/{b}/index.html" for b in BUNDLES}
    assert added == expected
    assert "Job Shadow" not in without.article_text("activities/")


@pytest.mark.parametrize("district,learner", [("earn-and-learn", "Learner"), ("nyc", "Student")])
def test_every_section_has_its_content(built, district, learner):
    build = built(district)
    overview = build.article_text("job-shadow/")
    assert "What is a Job Shadow?" in overview and "Sample Learning Objectives" in overview
    assert f"After the job shadow, {learner.lower()}s will be able to:" in overview
    checklist = build.html("job-shadow/checklist/")
    for ident in ("recruit-hosts", "worksite-safety", "check-in", "document-and-review"):
        assert f'<li id="{ident}">' in checklist, ident
    assert 'href="#fn:coordinator-note"' in checklist  # the district's note on who coordinates
    timeline = build.html("job-shadow/timeline/")
    assert len(re.findall(r'<li [^>]*data-due="', timeline)) == 7
    assert "Match Learners With Their Interests".replace("Learner", learner) in build.article_text("job-shadow/tips/")
    if district == "nyc":  # hidden by NYC's profile, whose note says why on the fact sheet
        assert not (build.site / "job-shadow/distance").exists()
        assert "does not lend itself to a virtual form" in overview
    else:
        assert "Live Job Shadows by Video" in build.article_text("job-shadow/distance/")
        assert "Virtual Job Shadows" in build.article_text("job-shadow/virtual-hybrid/")
    assert re.search(r'<a href="https://www\.youthrules\.gov/"', build.html("job-shadow/resources/"))
    assert re.search(rf"<h1[^>]*>{learner} Preparation", build.html("job-shadow/preparation/"))
    assert re.search(rf"<h1[^>]*>{learner} Reflection", build.html("job-shadow/reflection/"))


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_handouts_and_downloads(built, district):
    build = built(district)
    for handout in HANDOUTS:
        if district == "nyc" and handout == "distance-shadow-sheet":
            continue  # drawn from the pages NYC hides
        page = build.html(f"job-shadow/handouts/{handout}/")
        assert re.search(r"<h1[^>]*>", page), handout
    host = build.article_text("job-shadow/handouts/host-tip-sheet/")
    assert "For: Employers and employees who host a job shadow" in host
    log = build.html("job-shadow/handouts/observation-log/")
    assert log.count('class="guide-writing-line"') == 5 * 2  # five prompts, two lines each
    downloads = build.html("job-shadow/downloads/")
    for bundle in BUNDLES:
        assert f'href="{bundle}/"' in downloads, bundle
    complete = build.article_text("job-shadow/downloads/complete-guide/")
    assert "Job Shadow Fact Sheet" in complete and "Resources & Links" in complete
    support = build.article_text("job-shadow/downloads/support-materials/")
    assert "Host Tip Sheet" in support and "Job Shadow Observation Log" in support


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_activities_page_presents_the_continuum(built, district):
    build = built(district)
    page = build.html("activities/")
    stages = re.findall(r'<h2 id="([a-z]+)"', page)
    # Career Training is optional: shown only to a district that includes it.
    assert stages == ["awareness", "exploration", "preparation"]
    exploration = page[page.index('id="exploration"'):page.index('id="preparation"')]
    assert re.search(r'<li id="activity-job-shadow"><a href="\.\./job-shadow/">Job Shadow</a>', exploration)
    assert re.search(r'<li id="activity-informational-interview"><a href="\.\./informational-interview/">',
                     exploration)
    home = text_of(build.html(""))
    assert "Job Shadow" in home and "Informational Interview" in home
