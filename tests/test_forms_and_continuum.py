"""Forms on handouts (tables, rubrics, consent wording, signatures), the continuum as data,
and what a district says about each activity: on real builds of a project copy."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import article, copy_project, run_build, text_of

FORMS_HANDOUT = """
  - id: forms-sheet
    title: Placement Forms
    audience: ${Learners} and supervisors
    intro:
      - id: forms-sheet-intro
        text: Keep this sheet with the placement's records.
    table:
      id: hours-table
      title: Hours worked
      columns: [Date, Time in, Time out, Hours, Tasks, Supervisor's initials]
      rows: ["Week 1", "Week 2"]
      empty_rows: 6
    rubric:
      id: placement-rubric
      levels: [Beginning, Developing, Proficient, Strong]
      criteria:
        - id: rubric-punctual
          text: Arrives on time & ready (< 5 min late)
        - id: rubric-questions
          text: Asks questions
    consent:
      id: placement-consent
      wording: placement-release
    signatures:
      - id: sign-learner
        label: ${Learner}
      - id: sign-supervisor
        label: Workplace supervisor
"""

LEGAL = """
legal:
  placement-release: >-
    Test wording only: the district's own release, given in its profile for ${learners}.
  field-trip-permission: Test wording only, for the field trip.
  job-shadow-permission: Test wording only, for the job shadow.
  media-release: Test wording only, for photos and video.
  internship-agreement: Test wording only, for the internship.
  mentoring-consent: Test wording only, for mentoring.
"""
# The same wordings in Spanish, under the profile's translations (appended after its own).
LEGAL_ES = """    legal:
      placement-release: Texto de prueba solamente, para la práctica.
      field-trip-permission: Texto de prueba solamente, para la excursión.
      job-shadow-permission: Texto de prueba solamente, para la observación laboral.
      media-release: Texto de prueba solamente, para fotos y video.
      internship-agreement: Texto de prueba solamente, para la pasantía.
      mentoring-consent: Texto de prueba solamente, para la mentoría.
"""
# The forms whose wording only a district can give (the guide writes no legal text).
DISTRICT_FORMS = [("workplace-tour", "permission-slip"), ("job-shadow", "permission-slip"),
                  ("career-day", "media-release"), ("internship", "training-agreement"),
                  ("career-mentoring", "mentoring-agreement")]

CONTINUUM = """
stages:
  exploration:
    title: Career Discovery
  training:
    include: true
    title: Career Training and Apprenticeship
"""


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("forms") / "project")
    activity = project / "data/activities/job-shadow.yml"
    text = activity.read_text(encoding="utf-8")
    # At the end of its handouts: the next block at the left margin ends them.
    handouts = text.index("\nhandouts:\n")
    end = re.compile(r"\n\n(?=[#a-z])").search(text, handouts + 1)
    end = end.start() if end else len(text.rstrip("\n"))
    activity.write_text(text[:end] + "\n" + FORMS_HANDOUT.rstrip("\n") + text[end:], encoding="utf-8")
    profile = project / "data/districts/earn-and-learn.yml"
    text = profile.read_text(encoding="utf-8")
    assert text.rstrip().endswith("${los learners}.")  # its translations: es: section ends the file
    profile.write_text(text + LEGAL_ES + LEGAL + CONTINUUM, encoding="utf-8")
    site = tmp_path_factory.mktemp("forms-site")
    build = run_build(site, "earn-and-learn", project=project, extra_env={"GUIDE_PDF": "1"})
    assert build.returncode == 0, build.output
    # Its English edition is all the tests read (Build.pages leaves the others out).
    nyc = run_build(tmp_path_factory.mktemp("forms-nyc"), "nyc", project=project, extra_env={"GUIDE_LANGUAGE": "default"})
    assert nyc.returncode == 0, nyc.output
    return build, nyc, project


def test_a_table_to_fill_in_has_headings_row_labels_and_blank_rows(forms_site):
    page = article(forms_site[0].html("job-shadow/handouts/forms-sheet/"))
    table = re.search(r'<table class="guide-form-table" id="hours-table">.*?</table>', page, re.S).group(0)
    assert "<caption>Hours worked</caption>" in table
    assert table.count('<th scope="col">') == 6 and "Supervisor&#x27;s initials" in table
    assert re.findall(r'<th scope="row">([^<]*)</th>', table) == ["Week 1", "Week 2"]
    assert table.count("<tr>") == 1 + 2 + 6


def test_a_rubric_has_levels_criteria_and_comments(forms_site):
    page = article(forms_site[0].html("job-shadow/handouts/forms-sheet/"))
    rubric = re.search(r'<table class="guide-form-table guide-rubric".*?</table>', page, re.S).group(0)
    assert [h for h in re.findall(r'<th scope="col">([^<]*)</th>', rubric)] == \
        ["Criterion", "Beginning", "Developing", "Proficient", "Strong"]
    assert "Arrives on time &amp; ready (&lt; 5 min late)" in rubric  # plain text, shown as written
    assert rubric.count("<td></td>") == 2 * 4
    assert 'id="placement-rubric-comments"' in page


def test_consent_wording_comes_from_the_district_or_the_form_is_its_own(forms_site):
    earn, nyc, _ = forms_site
    mine = text_of(article(earn.html("job-shadow/handouts/forms-sheet/")))
    assert "Test wording only: the district's own release, given in its profile for learners." in mine
    # NYC gives no wording: no sheet, no PDF; its downloads page names its own form instead.
    assert not (nyc.site / "job-shadow/handouts/forms-sheet").exists()
    assert "Placement Forms: New York City Public Schools uses its own form." in \
        text_of(article(nyc.html("job-shadow/downloads/")))
    assert "Test wording only" not in nyc.all_text()


@pytest.mark.parametrize("district", ["earn-and-learn", "nyc"])
def test_no_form_is_published_without_the_districts_wording(built, district):
    """The bundled districts give no legal wording: their guides name their own forms and
    print no placeholder where the law would go, in either language."""
    build = built(district)
    for edition, own in ((build, "uses its own form."), (build.edition("es"), "usa su propio formulario.")):
        for activity, handout in DISTRICT_FORMS:
            assert not (edition.site / activity / "handouts" / handout).exists(), (activity, handout)
            downloads = text_of(article(edition.html(f"{activity}/downloads/")))
            assert re.search(r"[^:.]+: [^:]+ " + re.escape(own), downloads), (activity, downloads)
        text = edition.all_text()
        assert "goes here" not in text and "va el texto" not in text


def test_a_permission_slip_asks_yes_or_no_and_what_the_school_must_know(forms_site):
    earn = forms_site[0]
    for activity in ("workplace-tour", "job-shadow"):
        page = article(earn.html(f"{activity}/handouts/permission-slip/"))
        answer = re.search(r'<ul class="guide-list guide-ticks" id="permission-answer-list">.*?</ul>', page, re.S)
        assert answer and re.findall(r'<li id="(permission-(?:yes|no))"', answer.group(0)) == \
            ["permission-yes", "permission-no"]
        assert "guide-writing" not in answer.group(0)  # a choice, not a question to answer in lines
        text = text_of(page)
        for label in ("Emergency contact name and phone number", "Medical needs or medicines",
                      "Allergies", "Please return this slip by", "Parent/guardian"):
            assert label in text, (activity, label)
        assert "Test wording only" in text
        fields = PdfReader(earn.site / activity / "pdf/permission-slip.pdf").get_fields()
        assert {"permission-yes", "permission-no", "permission-return-by", "permission-allergies"} <= set(fields)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_districts_forms_are_one_tagged_page_on_letter_and_a4(forms_site, language):
    """Every form that needs the district's wording, once it has it: one page on both
    paper sizes, tagged, in both languages (the build above made the Letter ones)."""
    from wbl_guide.data.paths import handout_path
    from wbl_guide.data.project import load_project
    from wbl_guide.pdf.pdf_cache import cache_for
    from wbl_guide.pdf.renderer import render_pdfs
    from wbl_guide.publishing.publish import print_documents
    from wbl_guide.rendering.site import assemble
    from conftest import SHARED_CACHE
    project_root = forms_site[2]
    site = assemble(load_project(project_root, districts=["earn-and-learn"]), "earn-and-learn", language=language)
    wanted = {handout_path(activity, handout) for activity, handout in DISTRICT_FORMS}
    for paper in ("a4", "letter"):
        documents = [d for d in print_documents(site, project_root, paper, cache=SHARED_CACHE)
                     if d.page in wanted]
        assert len(documents) == len(DISTRICT_FORMS)
        for path, pdf in render_pdfs(documents, cache=cache_for(project_root, documents[0].base_url,
                                                                  SHARED_CACHE)).items():
            reader = PdfReader(io.BytesIO(pdf.data))
            assert len(reader.pages) == 1, (path, paper, len(reader.pages))
            assert "/StructTreeRoot" in reader.trailer["/Root"]
            assert reader.get_fields(), (path, "no form field")
            text = reader.pages[0].extract_text()
            assert ("Texto de prueba" if language == "es" else "Test wording only") in text, path


def test_signature_lines_name_each_signer(forms_site):
    page = text_of(article(forms_site[0].html("job-shadow/handouts/forms-sheet/")))
    assert "Learner Date" in page and "Workplace supervisor Date" in page


def test_the_forms_sheet_is_one_tagged_page(forms_site):
    reader = PdfReader(forms_site[0].site / "job-shadow/pdf/forms-sheet.pdf")
    assert len(reader.pages) == 1
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = reader.pages[0].extract_text()
    assert "Hours worked" in text and "Workplace supervisor" in text


def test_a_district_renames_a_stage_and_adds_career_training(forms_site):
    earn, nyc, _ = forms_site
    listing = text_of(article(earn.html("activities/")))
    assert "Career Discovery" in listing and "Career Exploration" not in listing
    assert "Career Training and Apprenticeship" in listing
    # The stages group the navigation; an empty stage is not a group.
    home = earn.html("")
    assert "Career Discovery" in home
    assert "Career Exploration" in text_of(article(nyc.html("activities/")))
    assert "Career Training" not in nyc.html("activities/")  # optional, and NYC does not include it


def test_nyc_says_what_job_shadows_count_for_and_earn_and_learn_does_not(built):
    nyc = text_of(article(built("nyc").html("job-shadow/")))
    assert "In New York City Public Schools" in nyc
    assert "accepted, valid work-based learning activity for credit purposes" in nyc
    assert "does not lend itself to a virtual form" in nyc
    challenge = text_of(article(built("nyc").html("workplace-challenge/")))
    assert "recognize the workplace challenge as an accepted, valid work-based learning activity" in challenge
    tour = text_of(article(built("nyc").html("workplace-tour/distance/")))
    assert "Some employers can give a virtual tour of their workplace" in tour
    # Only where NYC says something: no such part on the other activities' fact sheets.
    assert "In New York City Public Schools" not in text_of(article(built("nyc").html("internship/")))
    earn = built("earn-and-learn")
    assert "credit purposes" not in earn.all_text()
    assert "In Earn & Learn" not in earn.all_text()


def _problems(project, profile_text: str) -> str:
    import subprocess
    import sys
    (project / "data/districts/earn-and-learn.yml").write_text(profile_text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(project), "check"],
                            capture_output=True, text=True, cwd=project)
    return result.stdout + result.stderr


def test_unknown_stage_activity_and_legal_keys_are_located(project_copy):
    profile = (project_copy / "data/districts/earn-and-learn.yml").read_text(encoding="utf-8")
    output = _problems(project_copy, profile + """
stages:
  exploraton:
    title: Discovery
activities:
  job-shadw:
    credit: Counts.
legal:
  media-releas: Words.
""")
    assert "Traceback" not in output
    assert re.search(r"data/districts/earn-and-learn.yml:\d+:\d+: stages.exploraton: no stage 'exploraton'", output)
    assert "Did you mean 'exploration'?" in output
    assert re.search(r"activities.job-shadw: unknown activity 'job-shadw'", output)
    assert "Did you mean 'job-shadow'?" in output
    assert re.search(r"legal.media-releas: no consent form asks for the wording 'media-releas'", output)


def test_an_activity_with_no_virtual_form_offers_none(built):
    """NYC says job shadowing has no virtual form: none of its pages, sheets or collections
    offers one, in either language; Earn & Learn's job shadow keeps its remote options."""
    nyc = built("nyc")
    for edition in (nyc, nyc.edition("es")):
        assert not (edition.site / "job-shadow" / "distance").exists()
        assert not (edition.site / "job-shadow" / "virtual-hybrid").exists()
        assert not (edition.site / "job-shadow" / "handouts" / "distance-shadow-sheet").exists()
        shadow = [page for page in edition.pages() if "job-shadow" in page.parts]
        assert shadow
        for page in shadow:
            assert 'id="design-distance"' not in page.read_text(encoding="utf-8"), page
    assert "does not lend itself to a virtual form" in nyc.article_text("job-shadow/")
    earn = built("earn-and-learn")
    assert (earn.site / "job-shadow" / "distance" / "index.html").is_file()
    assert 'id="design-distance"' in earn.html("job-shadow/")


def test_an_unknown_remote_variant_is_located(project_copy):
    activity = project_copy / "data/activities/job-shadow.yml"
    text = activity.read_text(encoding="utf-8")
    activity.write_text(text.replace("remote_variants: [design-distance,", "remote_variants: [design-distanse,"),
                        encoding="utf-8")
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "wbl_guide.cli", "--root", str(project_copy), "check"],
                            capture_output=True, text=True, cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"data/activities/job-shadow.yml:\d+:\d+: remote_variants\[0\]: "
                     r"no item, part or handout with id 'design-distanse'", output), output
    assert "Did you mean 'design-distance'?" in output
