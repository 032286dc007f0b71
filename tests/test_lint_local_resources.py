"""A district's own `resources:` (added to each resources page as the part
`local-resources`, which no shared file has) must not trip the lint."""

from __future__ import annotations

from test_check_command import run_check
from wbl_guide.rendering.lint import district_findings
from wbl_guide.data.project import load_project

RESOURCES = """
resources:
  - id: nyc-career-hub
    title: NYC Career Hub
    url: https://example.org/career-hub
    text: Where ${learners} find ${remote} and in-person placements.
"""


def test_check_passes_with_a_districts_local_resources(project_copy):
    nyc = project_copy / "data/districts/nyc.yml"
    nyc.write_text(nyc.read_text(encoding="utf-8") + RESOURCES, encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert district_findings(load_project(project_copy), "nyc") == []


def test_words_doubled_in_local_resources_are_reported_in_the_profile(project_copy):
    nyc = project_copy / "data/districts/nyc.yml"
    text = nyc.read_text(encoding="utf-8") + RESOURCES.replace("${remote} and in-person", "${remote} or virtual")
    nyc.write_text(text, encoding="utf-8")
    [finding] = district_findings(load_project(project_copy), "nyc")
    assert finding.file == "data/districts/nyc.yml" and finding.key == "resources[0].text"
    assert finding.line == text.splitlines().index("    text: Where ${learners} find ${remote} or virtual placements.") + 1
    assert "'virtual or virtual'" in finding.message
