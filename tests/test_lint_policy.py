"""The terminology lint reports each finding to whoever can fix it: hard-coded words in
shared text once, to its authors (`check`); words a district's terms double, to that
district (its build, through district_findings, and `check`), located at the line."""

from __future__ import annotations

import re

from test_check_command import run_check
from wbl_guide.rendering.lint import district_findings, lint, shared_findings
from wbl_guide.data.project import load_project
from wbl_guide.publishing.publish import publish

ACTIVITY = "data/activities/informational-interview.yml"


def add_district(project, district_id: str, replacements: dict[str, str]) -> str:
    """A new district made from NYC's profile with some of its lines changed."""
    text = (project / "data/districts/nyc.yml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    (project / f"data/districts/{district_id}.yml").write_text(text, encoding="utf-8")
    return text


def build_warnings(project, district_id: str) -> list:
    """The findings the district's own (HTML) build reports: lint reads the activities the
    build resolved, so these must be what district_findings finds on its own."""
    return list(publish(project, district_id, pdf=False).warnings)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_districts_common_english_word_is_not_reported(project_copy):
    """"person" is in the shared text as ordinary English; a district calling its learners
    "person" must not be told about it, nor fail its build."""
    add_district(project_copy, "peopleton", {"  learner: student": "  learner: person"})
    project = load_project(project_copy)
    assert "people" == project.terms["peopleton"]["learner"].word.plural
    assert lint(project) == []
    assert district_findings(project, "peopleton") == []
    result = run_check(project_copy)
    assert result.returncode == 0, result.stderr


def test_a_hard_coded_word_is_reported_once_to_the_shared_texts_authors(project_copy):
    activity = project_copy / ACTIVITY
    text = activity.read_text(encoding="utf-8").replace("Arrange for ${learner} transportation",
                                                         "Arrange for student transportation")
    activity.write_text(text, encoding="utf-8")
    add_district(project_copy, "riverside", {"  learner: student": "  learner: apprentice"})
    project = load_project(project_copy)
    found = [str(p) for p in shared_findings(project)]
    assert len(found) == 1 and f"{ACTIVITY}:{line_of(text, 'Arrange for student')}:" in found[0]
    assert "hard-codes 'student', nyc's word" in found[0]
    for district in project.districts:  # no district's build is failed for the shared text
        assert district_findings(project, district) == []
    assert len(lint(project)) == 1


def test_another_districts_word_in_a_profile_is_that_districts_own_business(project_copy):
    add_district(project_copy, "riverside", {
        "  learner: student": "  learner: apprentice",
        "help ${learners} connect": "help learners and WBL Connectors connect"})
    project = load_project(project_copy)
    assert lint(project) == []


def test_words_doubled_in_a_districts_own_override_are_located_in_its_profile(project_copy):
    """NYC's remote is "virtual": its own title "${Remote} & Virtual Options" doubles it."""
    text = add_district(project_copy, "lakeside", {
        "      title: Informational Interview Virtual Options":
            "      title: Informational Interview ${Remote} & Virtual Options"})
    project = load_project(project_copy)
    [finding] = district_findings(project, "lakeside")
    assert finding.file == "data/districts/lakeside.yml"
    assert finding.line == line_of(text, "${Remote} & Virtual Options")
    assert finding.key == "overrides.informational-interview.distance.title"
    assert "reads 'Virtual & Virtual' once lakeside's terms are filled in" in finding.message
    assert district_findings(project, "nyc") == []
    assert build_warnings(project_copy, "lakeside") == [finding]


def test_words_doubled_in_a_districts_coordinator_note_are_located_in_its_profile(project_copy):
    text = add_district(project_copy, "lakeside", {
        "support work-based learning activities for ${learners}.":
            "support work-based learning activities, ${remote} and virtual, for ${learners}."})
    project = load_project(project_copy)
    [finding] = district_findings(project, "lakeside")
    assert (finding.file, finding.key) == ("data/districts/lakeside.yml", "coordinator_note")
    assert finding.line == line_of(text, "coordinator_note:")
    assert "'virtual and virtual'" in finding.message


def test_words_doubled_in_shared_text_are_the_districts_and_located_at_the_shared_line(project_copy):
    nyc = project_copy / "data/districts/nyc.yml"
    own_title = "    distance:\n      title: Informational Interview Virtual Options\n      nav_title: Virtual Options\n"
    nyc.write_text(nyc.read_text(encoding="utf-8").replace(own_title, ""), encoding="utf-8")
    project = load_project(project_copy)
    findings = district_findings(project, "nyc")
    assert findings and all(f.file == ACTIVITY for f in findings)
    assert {f.key for f in findings} == {"distance.title", "distance.nav_title"}
    assert all("`overrides: informational-interview: distance:`" in f.hint for f in findings)
    assert build_warnings(project_copy, "nyc") == findings
    assert district_findings(project, "earn-and-learn") == []
    assert shared_findings(project) == []  # not the shared authors' alone: reported per district
    assert re.search(r"reads 'Virtual & Virtual' in nyc's words", findings[0].message)
